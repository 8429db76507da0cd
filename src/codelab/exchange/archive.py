"""Checking the tar.gz archives the exchange receives, before anything is written."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import PurePosixPath

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class ArchiveError(ValueError):
    """An upload or a name was refused; the message says why and what to do."""


def check_name(kind: str, value: str) -> str:
    """Course, assignment, student and notebook names: one path segment, no tricks."""
    if not NAME.match(value or "") or value in {".", ".."}:
        raise ArchiveError(
            f"{kind} {value!r} is not a valid name: use letters, digits, '.', '_' or '-' "
            "(at most 64, starting with a letter or digit)"
        )
    return value


def check_archive(data: bytes, *, max_unpacked_bytes: int) -> list[str]:
    """The member paths of a gzip'd tar of plain files and folders, or ArchiveError.

    Refuses links, devices, absolute or escaping paths, and a folder named
    timestamp.txt (it crashes nbgrader's collect). Sizes are checked from the headers
    before anything is unpacked.
    """
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            members = archive.getmembers()
    except (tarfile.TarError, EOFError, OSError) as error:
        raise ArchiveError(f"the upload is not a tar.gz archive ({error})") from None
    total = 0
    names = []
    for member in members:
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts:
            raise ArchiveError(f"{member.name!r} points outside the assignment folder")
        if not (member.isfile() or member.isdir()):
            raise ArchiveError(f"{member.name!r} is a link or a device: send plain files only")
        folders = path.parts if member.isdir() else path.parts[:-1]
        if "timestamp.txt" in folders:
            # nbgrader's collect writes the submission's time to <folder>/timestamp.txt.
            raise ArchiveError("a folder may not be named timestamp.txt: rename it")
        total += member.size
        if total > max_unpacked_bytes:
            raise ArchiveError(
                f"the files add up to more than {max_unpacked_bytes // 1024**2} MB: "
                "remove large outputs or data files and try again"
            )
        names.append(str(path))
    return names


def pack(files: dict[str, bytes]) -> bytes:
    """A tar.gz of the given relative paths (used by clients and tests)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def unpack(data: bytes, max_unpacked_bytes: int) -> dict[str, bytes]:
    """The files of a checked archive, by relative path."""
    check_archive(data, max_unpacked_bytes=max_unpacked_bytes)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {
            member.name: archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.isfile()
        }
