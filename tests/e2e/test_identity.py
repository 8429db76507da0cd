"""A trainee deleted and made again is the same person on disk; nobody else ever is.

SQLite gives a deleted hub user's id to the next user made, so a uid built from hub ids
would move to someone else, and leave the re-created trainee's files unwritable.
"""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"


def _write(lab, name: str, path: str, text: str) -> int:
    body = {"type": "file", "format": "text", "content": text}
    url = f"{lab.user_url(name)}/api/contents/{path}"
    return lab.http(lab.user_token(name)).put(url, json=body, timeout=30).status_code


def test_a_recreated_trainee_starts_with_their_files_and_their_uid(lab):
    lab.create_trainee("remi", PASSWORD)
    lab.start_server("remi")
    assert _write(lab, "remi", "projet.txt", "mon travail") in (200, 201)
    uid = lab.uid_of("remi")
    lab.stop_server("remi")
    assert lab.api("DELETE", "/users/remi").status_code == 204

    lab.create_trainee("zelie", PASSWORD)  # may get remi's hub id
    lab.start_server("zelie")
    assert lab.uid_of("zelie") != uid

    lab.create_trainee("remi", PASSWORD)
    lab.start_server("remi")
    assert lab.uid_of("remi") == uid
    token = lab.user_token("remi")
    saved = lab.http(token).get(f"{lab.user_url('remi')}/api/contents/projet.txt", timeout=30)
    assert saved.status_code == 200 and saved.json()["content"] == "mon travail"
    assert _write(lab, "remi", "projet.txt", "suite du travail") == 200


def test_a_home_left_by_another_uid_is_handed_back_at_start(lab):
    """A home from a lab that gave uids another way (hub ids): every file becomes theirs."""
    lab.create_trainee("ines", PASSWORD)
    lab.start_server("ines")
    assert _write(lab, "ines", "notes.txt", "avant") in (200, 201)
    uid = lab.uid_of("ines")
    lab.container("ines").exec_run(["chown", "-R", "31999:31999", "/home/trainee"], user="0")
    lab.stop_server("ines")
    lab.start_server("ines")
    owners = lab.container("ines").exec_run(["find", "/home/trainee", "!", "-uid", str(uid)])
    assert owners.output.decode().strip() == "", owners.output
    assert _write(lab, "ines", "notes.txt", "après") == 200


def test_a_server_that_cannot_start_says_so_to_the_trainee_and_why_to_the_admin(lab):
    lab.create_trainee("hugo", PASSWORD)
    lab.start_server("hugo")
    lab.stop_server("hugo")
    # Hugo's home disk is damaged (its superblock zeroed, as a crash mid-write may leave
    # it), and the machine rebooted: the engine cannot mount his home any more. (What a
    # trainee may break in the home no longer keeps a server from starting.)
    lab.detach_home_disk("hugo")
    with open(lab.home_disk_image("hugo"), "r+b") as image:
        image.seek(1024)
        image.write(bytes(1024))
    started = lab.api("POST", "/users/hugo/server")
    if started.status_code >= 400:  # it failed within the hub's wait: said in the answer
        said = started.json()["message"]
    else:  # still starting when the hub answered: said in the progress the page shows
        wait_for(
            lambda: not lab.api("GET", "/users/hugo").json().get("pending"),
            240,
            "the failed start to end",
        )
        progress = lab.http(lab.token).get(
            f"{lab.url}/hub/api/users/hugo/server/progress", stream=True, timeout=30
        )
        said = [line for line in progress.iter_lines(decode_unicode=True) if "data" in line][-1]
    assert "n'a pas pu démarrer" in said and "InvalidStateError" not in said, said
    status = lab.cli("status").stdout
    assert "Server failed to start for hugo" in status, status
    assert "    | " in status.split("Server failed to start for hugo", 1)[1], status
