"""The hub's data disk full: who is in keeps working, who logs in is told plainly, and
nothing is corrupted once there is room again.

The lab's hub-data volume is made small before `codelab up` (an ext4 disk of 64 MB, the
way homes are made), then filled from another container, as a log or a backup gone wild
would fill a real disk.
"""

from __future__ import annotations

import pytest

from codelab.home_disks import HomeDisks

from .conftest import running_lab

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
HUB_DATA = "/srv/jupyterhub/data"


def _small_hub_disk(lab) -> None:
    config = lab.lab_config
    disks = HomeDisks(lab.docker, config.disks_volume, config.images.learner, 64 * 1024**2)
    disks.ready(config.hub_data_volume)


def _fill(lab, command: str) -> str:
    return lab.docker.containers.run(
        lab.learner_image,
        ["sh", "-c", f"{command}; df -B1 --output=avail /d | tail -n1"],
        entrypoint=[],
        name=f"{lab.prefix}-filler",
        volumes={lab.lab_config.hub_data_volume: {"bind": "/d", "mode": "rw"}},
        network_mode="none",
        remove=True,
    ).decode()


def _integrity(lab) -> str:
    check = (
        "import sqlite3, sys\n"
        "for name in sys.argv[1:]:\n"
        "    print(sqlite3.connect(name).execute('pragma integrity_check').fetchone()[0])\n"
    )
    hub = lab.docker.containers.get(f"{lab.prefix}-hub")
    files = [f"{HUB_DATA}/jupyterhub.sqlite", f"{HUB_DATA}/codelab-accounts.sqlite"]
    return hub.exec_run(["python3", "-c", check, *files]).output.decode()


@pytest.fixture(scope="module")
def small_lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("small"), before_up=_small_hub_disk) as lab:
        yield lab


def test_a_full_hub_disk_loses_nothing_and_says_so(small_lab):
    lab = small_lab
    lab.create_trainee("rokia", PASSWORD)
    lab.create_trainee("yacine", PASSWORD)
    lab.start_server("rokia")
    body = {"type": "file", "format": "text", "content": "mon travail"}
    file_url = f"{lab.user_url('rokia')}/api/contents/travail.txt"
    assert lab.http(lab.user_token("rokia")).put(file_url, json=body, timeout=30).ok
    rokia, landed = lab.login("rokia", PASSWORD)  # into her JupyterLab, as a browser goes
    assert landed.status_code == 200 and "/user/rokia/" in landed.url, landed.url

    left = _fill(lab, "fallocate -l 100M /d/plein; head -c 64M /dev/zero > /d/reste")
    assert int(left) < 1024**2, left

    # Rokia, already in, keeps working.
    kept = rokia.get(file_url, timeout=30)
    assert kept.status_code == 200 and kept.json()["content"] == "mon travail", kept.text
    # Yacine, logging in now, gets in or reads what is happening: never a bare 500.
    _, answer = lab.login("yacine", PASSWORD)
    said = f"{answer.url}\n{answer.text}\n--- hub log ---\n{lab.hub_logs()}"
    assert "Internal Server Error" not in answer.text, said
    if answer.status_code >= 500:
        assert "Le disque du lab est plein" in answer.text, said
        assert "Prévenez votre formateur" in answer.text, said

    _fill(lab, "rm -f /d/plein /d/reste")
    _, answer = lab.login("yacine", PASSWORD)
    said = f"{answer.url}\n{answer.text}\n--- hub log ---\n{lab.hub_logs()}"
    assert answer.status_code == 200 and "/hub/login" not in answer.url, said
    assert _integrity(lab).split() == ["ok", "ok"]
    assert rokia.get(file_url, timeout=30).json()["content"] == "mon travail"
