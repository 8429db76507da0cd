"""A trainee's home has a size of its own: full, it says so, and nothing else fills up.

Played as a trainee would: commands typed into their JupyterLab terminal, files saved
through JupyterLab's contents API with their own token. Then as a machine does: loop
devices gone after a reboot and numbered afresh, and a lab whose homes predate disks.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
GIB = 1024**3


def _save(lab, name: str, path: str, text: str, token: str | None = None):
    body = {"type": "file", "format": "text", "content": text}
    url = f"{lab.user_url(name)}/api/contents/{path}"
    return lab.http(token or lab.user_token(name)).put(url, json=body, timeout=30)


def _read(lab, name: str, path: str) -> str | None:
    url = f"{lab.user_url(name)}/api/contents/{path}"
    response = lab.http(lab.user_token(name)).get(url, timeout=30)
    return response.json()["content"] if response.status_code == 200 else None


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, text
    return int(match.group(1))


def _trainee_with_server(lab, name: str) -> str:
    lab.create_trainee(name, PASSWORD)
    lab.start_server(name)
    return name


def _device_of(lab, name: str) -> str:
    return lab.docker.volumes.get(lab.home_volume(name)).attrs["Options"]["device"]


def test_a_full_home_stops_at_its_size_says_so_and_still_starts(lab):
    fatou = _trainee_with_server(lab, "fatou")
    omar = _trainee_with_server(lab, "omar")
    assert _save(lab, fatou, "exercice.txt", "mon travail").status_code == 201

    # The attack of the issue: 5 GB in the home, then everywhere else she may write.
    seen = lab.in_terminal(
        fatou,
        "echo SIZE=$(df -B1 --output=size ~ | tail -n1); "
        "fallocate -l 5G ~/gros; echo HOME=$((0+$?)); "
        "for d in /tmp /var/tmp /run/lock /dev/shm; do fallocate -l 5G $d/gros; "
        "echo SCRATCH=$((0+$?)); rm -f $d/gros; done; "
        "find / -xdev -writable -type d 2>/dev/null | grep -v '^/home/trainee' "
        '| while read d; do echo "W=$d:$(stat -f -c %T $d)"; done',
    )
    assert 1.8 * GIB < _number(r"SIZE=\s*(\d+)", seen) <= 2 * GIB, seen
    assert "No space left on device" in seen, seen
    assert _number(r"HOME=(\d+)", seen) != 0, seen
    assert re.findall(r"SCRATCH=(\d+)", seen) == ["1"] * 4, seen
    # Nowhere else on the container's own disk (the folders found are those memory mounts).
    writable = dict(re.findall(r"W=(/[^:\s]*):(\w+)", seen))
    assert writable == {"/tmp": "tmpfs", "/var/tmp": "tmpfs", "/run/lock": "tmpfs"}, seen

    # What fallocate got before it failed stays (ext4 keeps it): then the last bytes too.
    seen = lab.in_terminal(
        fatou, "head -c 16M /dev/zero > ~/reste; echo AVAIL=$(df -B1 --output=avail ~ | tail -n1)"
    )
    assert _number(r"AVAIL=\s*(\d+)", seen) < 1024**2, seen

    refused = _save(lab, fatou, "exercice.txt", "mon travail, plus une ligne")
    assert refused.status_code == 507, refused.text
    assert "Votre dossier est plein (2 Go)" in refused.json()["message"], refused.text
    assert _read(lab, fatou, "exercice.txt") == "mon travail"  # the file on disk is intact
    assert _save(lab, omar, "exercice.txt", "le travail d'Omar").status_code == 201

    image = lab.home_disk_image(fatou)
    assert os.stat(image).st_blocks * 512 < 2.1 * GIB  # what it holds of the host's disk

    lab.stop_server(fatou)
    lab.start_server(fatou)  # a full home still starts
    token = lab.user_token(fatou)
    deleted = lab.http(token).delete(f"{lab.user_url(fatou)}/api/contents/gros", timeout=30)
    assert deleted.status_code == 204, deleted.text
    assert _save(lab, fatou, "exercice.txt", "mon travail, enfin", token).status_code == 200
    assert _read(lab, fatou, "exercice.txt") == "mon travail, enfin"


def test_after_a_reboot_a_home_never_mounts_another_trainees_disk(lab):
    """Loop devices are numbered afresh at each boot: Awa's old number may now hold
    Brahim's image, and her volume still names it."""
    awa = _trainee_with_server(lab, "awa")
    brahim = _trainee_with_server(lab, "brahim")
    assert _save(lab, awa, "qui.txt", "Awa").status_code == 201
    assert _save(lab, brahim, "qui.txt", "Brahim").status_code == 201
    awa_device = _device_of(lab, awa)
    lab.stop_server(awa)
    lab.stop_server(brahim)

    lab.detach_home_disk(awa)  # the reboot
    lab.detach_home_disk(brahim)
    # After it, Brahim's image happens to get the number Awa's volume names.
    subprocess.run(["losetup", awa_device, lab.home_disk_image(brahim)], check=True)

    lab.start_server(brahim)
    lab.start_server(awa)
    assert _read(lab, awa, "qui.txt") == "Awa"
    assert _read(lab, brahim, "qui.txt") == "Brahim"
    assert _device_of(lab, brahim) == awa_device
    assert _device_of(lab, awa) != awa_device


def test_a_home_made_before_disks_moves_in_whole(lab):
    """A lab upgraded from plain home volumes: the trainee's files are all there, on a
    disk of the lab's size."""
    volume = lab.home_volume("samir")
    lab.docker.volumes.create(volume)
    lab.docker.containers.run(
        lab.learner_image,
        ["sh", "-c", "mkdir -m 700 /h/projet && echo 'mon ancien travail' > /h/projet/app.py "
         "&& chown -R 12345:12345 /h"],
        entrypoint=[],
        name=f"{lab.prefix}-old-home",
        volumes={volume: {"bind": "/h", "mode": "rw"}},
        network_mode="none",
        remove=True,
    )  # fmt: skip
    _trainee_with_server(lab, "samir")
    assert _read(lab, "samir", "projet/app.py") == "mon ancien travail\n"
    seen = lab.in_terminal("samir", "echo SIZE=$(df -B1 --output=size ~ | tail -n1)")
    assert 1.8 * GIB < _number(r"SIZE=\s*(\d+)", seen) <= 2 * GIB, seen
    assert _device_of(lab, "samir").startswith("/dev/loop")
