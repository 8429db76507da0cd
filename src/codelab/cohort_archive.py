"""A cohort's archive: each member's files and the cohort's grades, in one zip.

Runs on the admin's host (`codelab cohort archive`). A home is read through a throwaway
container from the learner image, with no network and the volume mounted read-only, and
streamed into the zip, so a large home is never held whole in memory.
"""

from __future__ import annotations

import io
import secrets
import tarfile
import zipfile

import docker

from codelab.config import HARDENING, TRAINEE_HOME, LabConfig
from codelab.home_disks import HomeDisks


def add_home(
    client: docker.DockerClient,
    archive: zipfile.ZipFile,
    prefix: str,
    lab: LabConfig,
    username: str,
) -> None:
    """The trainee's files (their home volume, read-only) under `prefix` in the zip."""
    volume = lab.home_volume(username)
    try:
        client.volumes.get(volume)
    except docker.errors.NotFound:
        archive.writestr(prefix, b"")  # never started: no files yet
        return
    HomeDisks.of(client, lab).ready(volume)  # after a reboot, its loop device is gone
    # A throwaway reader, with no network, the volume read-only; it may read every file of
    # the home (they belong to the trainee's uid) and do nothing else.
    reader = client.containers.create(
        lab.images.learner,
        ["true"],
        entrypoint=[],
        name=f"{lab.prefix}-archive-{secrets.token_hex(4)}",
        network_mode="none",
        volumes={volume: {"bind": TRAINEE_HOME, "mode": "ro"}},
        **HARDENING,
        cap_add=["DAC_READ_SEARCH"],
    )
    try:
        stream, _ = reader.get_archive(f"{TRAINEE_HOME}/.")
        with tarfile.open(fileobj=_Stream(stream), mode="r|") as tar:
            for member in tar:
                if member.isfile() and not _is_scratch(member.name):
                    data = tar.extractfile(member).read()
                    archive.writestr(prefix + member.name.removeprefix("./"), data)
    finally:
        reader.remove(force=True)


# What a server leaves in a home that is not the trainee's work (and holds its secrets).
SCRATCH = (".local/share/jupyter/runtime/", ".cache/", ".ipython/profile_default/db/")


def _is_scratch(name: str) -> bool:
    return any(part in name for part in SCRATCH)


class _Stream(io.RawIOBase):
    """docker's chunk iterator as a file, so a large home is never held whole in memory."""

    def __init__(self, chunks):
        self.chunks, self.buffer = iter(chunks), b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self.buffer:
            self.buffer = next(self.chunks, None)
            if self.buffer is None:
                self.buffer = b""
                return 0
        size = min(len(target), len(self.buffer))
        target[:size], self.buffer = self.buffer[:size], self.buffer[size:]
        return size
