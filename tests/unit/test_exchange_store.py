import io
import os
import tarfile
from datetime import UTC, datetime, timedelta

import pytest

from codelab.exchange.archive import ArchiveError, check_archive, check_name, pack, unpack
from codelab.exchange.store import ExchangeStore, QuotaError

NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(tmp_path):
    return ExchangeStore(tmp_path, max_unpacked_bytes=10_000, quota_bytes=50_000, clock=Clock())


def released(store):
    store.release("web-dev", "html-1", pack({"page.ipynb": NOTEBOOK}))
    return store


def test_release_list_and_fetch(store):
    released(store)
    assert [(r.assignment, r.notebooks) for r in store.released("web-dev")] == [
        ("html-1", ("page.ipynb",))
    ]
    assert unpack(store.released_archive("web-dev", "html-1"), 10_000) == {"page.ipynb": NOTEBOOK}
    assert store.released("other") == []


def test_submission_time_comes_from_the_server_clock(store):
    released(store)
    first = store.submit("web-dev", "amina", "html-1", pack({"page.ipynb": NOTEBOOK}))
    assert first.timestamp == "2026-03-02 09:30:01.000000 UTC"
    listed = store.submissions("web-dev", student="amina")
    assert [(s.student, s.assignment, s.timestamp) for s in listed] == [
        ("amina", "html-1", first.timestamp)
    ]
    archive = store.submission_archive("web-dev", "amina", "html-1", first.timestamp)
    assert unpack(archive, 10_000)["page.ipynb"] == NOTEBOOK


def test_cannot_submit_an_assignment_that_is_not_released(store):
    with pytest.raises(ArchiveError, match="not released"):
        store.submit("web-dev", "amina", "html-9", pack({"a.ipynb": NOTEBOOK}))


def test_quota_and_pruning(tmp_path):
    small = ExchangeStore(tmp_path, quota_bytes=2_000, keep_submissions=2, clock=Clock())
    released(small)
    for _ in range(3):
        small.submit("web-dev", "amina", "html-1", pack({"page.ipynb": NOTEBOOK}))
    assert len(small.submissions("web-dev", student="amina")) == 2
    with pytest.raises(QuotaError, match="quota"):
        small.submit("web-dev", "amina", "html-1", pack({"big.bin": os.urandom(3000)}))


def test_feedback_only_for_an_existing_submission(store):
    released(store)
    submission = store.submit("web-dev", "amina", "html-1", pack({"page.ipynb": NOTEBOOK}))
    feedback = pack({"page.html": b"<p>Bravo</p>"})
    store.release_feedback("web-dev", "amina", "html-1", submission.timestamp, feedback)
    assert store.submissions("web-dev", student="amina")[0].has_feedback
    assert store.feedback_archive("web-dev", "amina", "html-1", submission.timestamp) == feedback
    with pytest.raises(ArchiveError, match="no submission"):
        store.release_feedback("web-dev", "bilal", "html-1", submission.timestamp, feedback)


@pytest.mark.parametrize("name", ["", ".", "..", "../x", "a/b", "-rf", "x" * 65, "é"])
def test_names_that_could_escape_are_refused(name):
    with pytest.raises(ArchiveError, match="not a valid name"):
        check_name("course", name)


def raw_tar(add) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        add(archive)
    return buffer.getvalue()


def test_archive_with_escaping_path_is_refused():
    def add(archive):
        info = tarfile.TarInfo("../../etc/evil")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))

    with pytest.raises(ArchiveError, match="outside"):
        check_archive(raw_tar(add), max_unpacked_bytes=1000)


def test_archive_with_a_link_is_refused():
    def add(archive):
        info = tarfile.TarInfo("solution.ipynb")
        info.type = tarfile.SYMTYPE
        info.linkname = "/srv/course/source/solution.ipynb"
        archive.addfile(info)

    with pytest.raises(ArchiveError, match="link"):
        check_archive(raw_tar(add), max_unpacked_bytes=1000)


def test_timestamp_txt_folder_is_refused():
    def add(archive):
        info = tarfile.TarInfo("timestamp.txt")
        info.type = tarfile.DIRTYPE
        archive.addfile(info)

    with pytest.raises(ArchiveError, match="timestamp.txt"):
        check_archive(raw_tar(add), max_unpacked_bytes=1000)


def test_oversized_and_garbage_uploads_are_refused():
    with pytest.raises(ArchiveError, match="more than"):
        check_archive(pack({"big": b"0" * 5000}), max_unpacked_bytes=1000)
    with pytest.raises(ArchiveError, match="not a tar.gz"):
        check_archive(b"not an archive", max_unpacked_bytes=1000)


def test_refused_upload_leaves_nothing_behind(store, tmp_path):
    released(store)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(ArchiveError):
        store.submit("web-dev", "amina", "html-1", b"garbage")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_file_inside_a_timestamp_txt_folder_is_refused():
    """No folder member at all: the file's path alone makes the folder nbgrader trips on."""
    with pytest.raises(ArchiveError, match="timestamp.txt"):
        check_archive(pack({"timestamp.txt/x": b"1"}), max_unpacked_bytes=1000)
    assert check_archive(pack({"timestamp.txt": b"1"}), max_unpacked_bytes=1000)
