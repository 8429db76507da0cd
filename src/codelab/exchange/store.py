"""Where the exchange keeps its files, on the hub's data volume. No HTTP, no hub: testable.

    <root>/<course>/released/<assignment>.tar.gz  (beside it: .notebooks, .about.json)
    <root>/<course>/submissions/<student>/<assignment>/<timestamp>.tar.gz
    <root>/<course>/feedback/<student>/<assignment>/<timestamp>.tar.gz
    <root>/<course>/fetched/<student>/<assignment>               (when she first fetched it)

Timestamps are the server's clock (UTC), in nbgrader's format: never the trainee's.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from codelab.exchange.archive import ArchiveError, check_archive, check_name

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"
_FILE_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Released:
    course: str
    assignment: str
    released_at: str
    notebooks: tuple[str, ...] = ()
    # What a trainee reads in her list, from course.yaml (empty when released without it).
    title: str = ""
    points: float | None = None
    due_days: int | None = None  # due this many days after a cohort starts


@dataclass(frozen=True)
class Submission:
    course: str
    student: str
    assignment: str
    timestamp: str
    has_feedback: bool = False


@dataclass(frozen=True)
class Extension:
    """More time for one trainee on one assignment: a new last day, why, who gave it, when."""

    course: str
    student: str
    assignment: str
    due: str  # YYYY-MM-DD, the new last day to hand in
    reason: str
    granted_by: str
    granted_at: str


class QuotaError(ArchiveError):
    """A trainee's submissions would exceed their quota."""


class ExchangeStore:
    """Files of every course's exchange. Methods block: call them off the event loop."""

    def __init__(
        self,
        root: str | Path,
        *,
        max_unpacked_bytes: int = 100 * 1024**2,
        quota_bytes: int = 200 * 1024**2,
        keep_submissions: int = 10,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.root = Path(root)
        self.max_unpacked_bytes = max_unpacked_bytes
        self.quota_bytes = quota_bytes
        self.keep_submissions = keep_submissions
        self.clock = clock
        self._extending = threading.Lock()

    # released assignments -------------------------------------------------------------

    def release(
        self,
        course: str,
        assignment: str,
        archive: bytes,
        title: str = "",
        points: float | None = None,
        due_days: int | None = None,
    ) -> Released:
        names = check_archive(archive, max_unpacked_bytes=self.max_unpacked_bytes)
        path = self._released_path(course, assignment)
        # The notebook list is read at every listing: keep it beside the archive rather
        # than unpacking the archive each time. Written first, so a listed archive has one.
        notebooks = sorted(n for n in names if n.endswith(".ipynb") and "/" not in n)
        _write_atomically(_notebooks_path(path), "\n".join(notebooks).encode())
        about = {"title": title, "points": points, "due_days": due_days}
        _write_atomically(_about_path(path), json.dumps(about, ensure_ascii=False).encode())
        _write_atomically(path, archive)
        return self._released(path, course)

    def unrelease(self, course: str, assignment: str) -> bool:
        path = self._released_path(course, assignment)
        existed = path.exists()
        path.unlink(missing_ok=True)
        _notebooks_path(path).unlink(missing_ok=True)
        _about_path(path).unlink(missing_ok=True)
        return existed

    def released(self, course: str) -> list[Released]:
        folder = self._course(course) / "released"
        return [self._released(p, course) for p in sorted(folder.glob("*.tar.gz"))]

    def released_archive(self, course: str, assignment: str) -> bytes | None:
        path = self._released_path(course, assignment)
        return path.read_bytes() if path.exists() else None

    def record_fetch(self, course: str, student: str, assignment: str) -> None:
        """Note the first time a trainee fetched an assignment (who has not started yet?)."""
        path = self._course(course) / "fetched" / check_name("student", student)
        path = path / check_name("assignment", assignment)
        if not path.exists():
            _write_atomically(path, _timestamp(self.clock()).encode())

    def fetches(self, course: str) -> dict[tuple[str, str], str]:
        """(trainee, assignment) → when she first fetched it."""
        base = self._course(course) / "fetched"
        return {
            (student, path.name): path.read_text()
            for student in _children(base)
            for path in sorted((base / student).iterdir())
            if path.is_file() and not path.name.startswith(".")
        }

    # submissions ----------------------------------------------------------------------

    def submit(self, course: str, student: str, assignment: str, archive: bytes) -> Submission:
        check_name("student", student)
        check_archive(archive, max_unpacked_bytes=self.max_unpacked_bytes)
        if not self._released_path(course, assignment).exists():
            raise ArchiveError(
                f"assignment {assignment!r} is not released in course {course!r}: "
                "fetch it first, then submit"
            )
        folder = (
            self._course(course) / "submissions" / student / check_name("assignment", assignment)
        )
        used = sum(p.stat().st_size for p in (folder.parent).rglob("*.tar.gz"))
        if used + len(archive) > self.quota_bytes:
            raise QuotaError(
                f"your submissions to {course} would pass your {self.quota_bytes // 1024**2} MB "
                "quota: remove large files from the assignment folder and submit again"
            )
        now = self.clock()
        path = folder / f"{now.strftime(_FILE_STAMP)}.tar.gz"
        _write_atomically(path, archive)
        self._prune(folder)
        return Submission(course, student, assignment, _timestamp(now))

    def submissions(
        self, course: str, *, student: str | None = None, assignment: str | None = None
    ) -> list[Submission]:
        base = self._course(course) / "submissions"
        students = [check_name("student", student)] if student else _children(base)
        found = []
        for who in students:
            assignments = [check_name("assignment", assignment)] if assignment else None
            for what in assignments or _children(base / who):
                for path in sorted((base / who / what).glob("*.tar.gz")):
                    stamp = _parse_file_stamp(path)
                    feedback = self._feedback_path(course, who, what, stamp)
                    found.append(
                        Submission(course, who, what, _timestamp(stamp), feedback.exists())
                    )
        return found

    def submission_archive(
        self, course: str, student: str, assignment: str, timestamp: str
    ) -> bytes | None:
        path = self._submission_path(course, student, assignment, parse_timestamp(timestamp))
        return path.read_bytes() if path.exists() else None

    # extensions -----------------------------------------------------------------------

    def extend(
        self, course: str, student: str, assignment: str, due: str, reason: str, granted_by: str
    ) -> Extension:
        """Give the trainee until `due` on the assignment (replacing an earlier extension)."""
        check_name("student", student)
        if not self._released_path(course, assignment).exists():
            raise ArchiveError(f"assignment {assignment!r} is not released in course {course!r}")
        given = Extension(course, student, assignment, due, reason, granted_by,
                          _timestamp(self.clock()))  # fmt: skip
        with self._extending:  # two at once must not lose one of them
            kept = {(e.student, e.assignment): e for e in self.extensions(course)}
            kept[student, assignment] = given
            rows = [asdict(e) for _, e in sorted(kept.items())]
            data = json.dumps(rows, ensure_ascii=False).encode()
            _write_atomically(self._course(course) / "extensions.json", data)
        return given

    def extensions(self, course: str, student: str | None = None) -> list[Extension]:
        path = self._course(course) / "extensions.json"
        rows = json.loads(path.read_text("utf-8")) if path.exists() else []
        return [Extension(**r) for r in rows if student in (None, r["student"])]

    # feedback -------------------------------------------------------------------------

    def release_feedback(
        self, course: str, student: str, assignment: str, timestamp: str, archive: bytes
    ) -> None:
        stamp = parse_timestamp(timestamp)
        if not self._submission_path(course, student, assignment, stamp).exists():
            raise ArchiveError(f"no submission of {assignment} by {student} at {timestamp}")
        check_archive(archive, max_unpacked_bytes=self.max_unpacked_bytes)
        _write_atomically(self._feedback_path(course, student, assignment, stamp), archive)

    def feedback_archive(
        self, course: str, student: str, assignment: str, timestamp: str
    ) -> bytes | None:
        path = self._feedback_path(course, student, assignment, parse_timestamp(timestamp))
        return path.read_bytes() if path.exists() else None

    # paths ----------------------------------------------------------------------------

    def _course(self, course: str) -> Path:
        return self.root / check_name("course", course)

    def _released_path(self, course: str, assignment: str) -> Path:
        return self._course(course) / "released" / f"{check_name('assignment', assignment)}.tar.gz"

    def _submission_path(self, course, student, assignment, stamp: datetime) -> Path:
        return self._stamped("submissions", course, student, assignment, stamp)

    def _feedback_path(self, course, student, assignment, stamp: datetime) -> Path:
        return self._stamped("feedback", course, student, assignment, stamp)

    def _stamped(self, kind, course, student, assignment, stamp: datetime) -> Path:
        folder = self._course(course) / kind / check_name("student", student)
        name = f"{stamp.strftime(_FILE_STAMP)}.tar.gz"
        return folder / check_name("assignment", assignment) / name

    def _released(self, path: Path, course: str) -> Released:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        listed = _notebooks_path(path)
        notebooks = tuple(listed.read_text().splitlines()) if listed.exists() else ()
        about = _about_path(path)
        known = json.loads(about.read_text("utf-8")) if about.exists() else {}
        name = path.name.removesuffix(".tar.gz")
        return Released(course, name, _timestamp(mtime), notebooks, **known)

    def _prune(self, folder: Path) -> None:
        """Keep the latest `keep_submissions` of one trainee's assignment."""
        for old in sorted(folder.glob("*.tar.gz"))[: -self.keep_submissions]:
            old.unlink()


def _notebooks_path(archive: Path) -> Path:
    return archive.with_name(archive.name.removesuffix(".tar.gz") + ".notebooks")


def _about_path(archive: Path) -> Path:
    return archive.with_name(archive.name.removesuffix(".tar.gz") + ".about.json")


def _children(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """The moment of an exchange timestamp ("2026-03-02 09:15:00.000000 UTC")."""
    try:
        return datetime.strptime(text.replace(" UTC", ""), "%Y-%m-%d %H:%M:%S.%f").replace(
            tzinfo=UTC
        )
    except ValueError:
        raise ArchiveError(f"{text!r} is not an exchange timestamp") from None


def _parse_file_stamp(path: Path) -> datetime:
    stamp = path.name.removesuffix(".tar.gz")
    return datetime.strptime(stamp, _FILE_STAMP).replace(tzinfo=UTC)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: no half-written archive."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["ExchangeStore", "Released", "Submission", "QuotaError"]
