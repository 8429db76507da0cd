"""nbgrader's exchange plugin classes, speaking HTTP to the exchange service.

Configured in the learner image (nbgrader_config.py) through ExchangeFactory. Runs inside
a trainee's container with the server's own hub token: whatever it claims about who or
when, the service decides both.
"""

from __future__ import annotations

import fnmatch
import glob
import io
import os
import shutil
import tarfile
from pathlib import Path
from urllib.parse import quote

import requests
from nbgrader.exchange import abc
from traitlets import Bool, Int, Unicode, default

from codelab.exchange.archive import ArchiveError, check_archive

# What a trainee's assignment folder holds that is not part of their work.
NOT_SUBMITTED = ["feedback", ".ipynb_checkpoints", "__pycache__", "timestamp.txt", "*.pyc"]


class Exchange(abc.Exchange):
    """The HTTP client every plugin class shares."""

    url = Unicode(help="Base URL of the exchange service (…/services/exchange/).").tag(config=True)
    token = Unicode(help="Hub token the calls carry (the trainee server's own).").tag(config=True)
    path_includes_course = Bool(
        False, help="Put assignments under <course>/<assignment> instead of <assignment>."
    ).tag(config=True)
    max_upload_bytes = Int(
        50 * 1024**2, help="Largest submission sent, checked before uploading."
    ).tag(config=True)

    @default("url")
    def _url(self) -> str:
        return os.environ.get("CODELAB_EXCHANGE_URL", "")

    @default("token")
    def _token(self) -> str:
        return os.environ.get("JUPYTERHUB_API_TOKEN", "")

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        if not self.url:
            self.fail("The exchange is not configured (CODELAB_EXCHANGE_URL is empty).")
        try:
            response = requests.request(
                method,
                f"{self.url.rstrip('/')}/api/courses" + (f"/{path}" if path else ""),
                headers={"Authorization": f"token {self.token}"},
                timeout=120,
                **kwargs,
            )
        except requests.RequestException as error:
            self.fail(f"The exchange cannot be reached ({error}). Try again in a minute.")
        if response.status_code >= 400:
            try:
                message = response.json()["message"]
            except (ValueError, KeyError):
                message = response.reason
            self.fail(message)
        return response

    def local_path(self, course: str, assignment: str) -> Path:
        parts = [course, assignment] if self.path_includes_course else [assignment]
        return Path(self.assignment_dir, *parts).resolve()

    def need_course(self) -> str:
        if not self.coursedir.course_id:
            self.fail("No course id specified. Re-run with --course flag.")
        return self.coursedir.course_id

    def init_src(self):
        pass

    def init_dest(self):
        pass

    def copy_files(self):
        pass


def unpack_into(data: bytes, dest: Path, *, replace: bool = True) -> None:
    """Unpack a checked archive into dest, never outside it."""
    check_archive(data, max_unpacked_bytes=1024**3)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            target = dest / member.name
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif replace or not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())


def pack_folder(src: Path, skip: list[str], only: str = "*") -> bytes:
    """A tar.gz of the plain files under src matching `only`, minus the `skip` patterns."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in sorted(src.rglob(only)):
            relative = path.relative_to(src)
            if any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in skip):
                continue
            if path.is_file() and not path.is_symlink():
                archive.add(path, arcname=str(relative), recursive=False)
    return buffer.getvalue()


class ExchangeFetchAssignment(Exchange, abc.ExchangeFetchAssignment):
    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        dest = self.local_path(course, assignment)
        if dest.is_dir() and not self.replace_missing_files:
            self.fail(f"You already have a copy of the assignment in this directory: {assignment}")
        data = self.call("GET", f"{course}/assignments/{quote(assignment)}").content
        unpack_into(data, dest, replace=not dest.is_dir())
        self.log.info("Fetched as: %s %s", course, assignment)


class ExchangeSubmit(Exchange, abc.ExchangeSubmit):
    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        src = self.local_path(course, assignment)
        if not src.is_dir():
            self.fail(f"Assignment not found at: {src}")
        archive = pack_folder(src, NOT_SUBMITTED + list(self.coursedir.ignore))
        if len(archive) > self.max_upload_bytes:
            self.fail(
                f"The assignment folder weighs more than {self.max_upload_bytes // 1024**2} MB: "
                "remove large files or outputs, then submit again."
            )
        record = self.call(
            "POST", f"{course}/assignments/{quote(assignment)}/submissions", data=archive
        ).json()
        self.log.info("Submitted as: %s %s %s", course, assignment, record["timestamp"])


class ExchangeFetchFeedback(Exchange, abc.ExchangeFetchFeedback):
    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        submissions = self.call(
            "GET", f"{course}/submissions", params={"assignment": assignment}
        ).json()
        fetched = 0
        for submission in submissions:
            if not submission["has_feedback"]:
                continue
            stamp = submission["timestamp"]
            data = self.call(
                "GET",
                f"{course}/feedback/{quote(submission['student'])}/{quote(assignment)}/{quote(stamp)}",
            ).content
            unpack_into(data, self.local_path(course, assignment) / "feedback" / stamp)
            fetched += 1
        if not fetched:
            self.log.warning("No feedback available to fetch for %s", assignment)


class ExchangeList(Exchange, abc.ExchangeList):
    """Lists in the exact shape nbgrader's Assignments panel reads."""

    def courses(self) -> list[str]:
        if self.coursedir.course_id:
            return [self.coursedir.course_id]
        return sorted(self.call("GET", "").json())

    def list_files(self):
        if self.inbound or self.cached:
            assignments = self.submitted()
            self.log.info("Submitted assignments:")
            for assignment in assignments:
                for info in assignment["submissions"]:
                    self.log.info(
                        "%s %s %s %s%s", info["course_id"], info["student_id"],
                        info["assignment_id"], info["timestamp"], _feedback_note(info),
                    )  # fmt: skip
            return assignments
        assignments = self.released()
        self.log.info("Released assignments:")
        for info in assignments:
            fetched = " (already downloaded)" if info["status"] == "fetched" else ""
            self.log.info("%s %s%s", info["course_id"], info["assignment_id"], fetched)
        return assignments

    def released(self) -> list[dict]:
        found = []
        for course in self.courses():
            for item in self.call("GET", f"{course}/assignments").json():
                assignment = item["assignment"]
                if self.coursedir.assignment_id not in ("", assignment):
                    continue
                local = self.local_path(course, assignment)
                fetched = local.is_dir()
                notebooks = [
                    {
                        "notebook_id": name.removesuffix(".ipynb"),
                        "path": str(local / name) if fetched else name,
                    }
                    for name in item["notebooks"]
                ]
                found.append(
                    {
                        "course_id": course,
                        "assignment_id": assignment,
                        "title": item.get("title") or "",
                        "points": item.get("points"),
                        "due": item.get("due"),  # YYYY-MM-DD: her cohort's, or her extension
                        "extended": item.get("extended", False),
                        "status": "fetched" if fetched else "released",
                        "path": str(local) if fetched else "",
                        "notebooks": notebooks,
                    }
                )
        return found

    def submitted(self) -> list[dict]:
        grouped: dict[tuple, list] = {}
        titles: dict[tuple, str] = {}
        for course in self.courses():
            for item in self.call("GET", f"{course}/assignments").json():
                titles[course, item["assignment"]] = item.get("title") or ""
            params = {"assignment": self.coursedir.assignment_id or None}
            for item in self.call("GET", f"{course}/submissions", params=params).json():
                local_feedback = (
                    self.local_path(course, item["assignment"]) / "feedback" / item["timestamp"]
                )
                has_local = local_feedback.is_dir()
                info = {
                    "course_id": course,
                    "student_id": item["student"],
                    "assignment_id": item["assignment"],
                    "timestamp": item["timestamp"],
                    "late": item.get("late"),  # after her due day, by the exchange's clock
                    "status": "submitted",
                    "path": "",
                    "notebooks": [],
                    "has_local_feedback": has_local,
                    "has_exchange_feedback": item["has_feedback"],
                    "feedback_updated": False,
                    "local_feedback_path": str(local_feedback) if has_local else None,
                }
                key = (course, item["student"], item["assignment"])
                grouped.setdefault(key, []).append(info)
        return [
            {
                "course_id": course,
                "student_id": student,
                "assignment_id": assignment,
                "title": titles.get((course, assignment), ""),
                "status": "submitted",
                "submissions": sorted(items, key=lambda i: i["timestamp"]),
            }
            for (course, student, assignment), items in sorted(grouped.items())
        ]

    def remove_files(self):
        self.fail("Removing from the exchange is done by instructors, with codelab.")


class ExchangeReleaseAssignment(Exchange, abc.ExchangeReleaseAssignment):
    """Instructor side: send the generated release/<assignment> folder."""

    course_file = Unicode(
        "",
        help="The course's course.yaml: a release is listed under its title and points, and "
        "due its due_days after each cohort's start.",
    ).tag(config=True)

    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        src = Path(self.coursedir.format_path(self.coursedir.release_directory, ".", assignment))
        if not src.is_dir():
            self.fail(f"No released version in {src}: run `nbgrader generate_assignment` first.")
        released = {a["assignment"] for a in self.call("GET", f"{course}/assignments").json()}
        if assignment in released and not self.force:
            self.fail(f"{assignment} is already released: add --force to replace it.")
        self.call(
            "PUT",
            f"{course}/assignments/{quote(assignment)}",
            data=pack_folder(src, list(self.coursedir.ignore)),
            params=self.listed_as(assignment),
        )
        self.log.info("Released as: %s %s", course, assignment)

    def listed_as(self, assignment: str) -> dict[str, str]:
        """Its title, points and due_days in trainees' lists, from course_file (none without)."""
        from codelab.courses import CourseError, parse_course

        if not self.course_file:
            return {}
        try:
            found = parse_course(Path(self.course_file)).assignment(assignment)
        except CourseError as error:
            self.log.warning("Listed without a title: %s", error)
            return {}
        return {"title": found.title, "points": repr(found.points), "due_days": found.due_days}


class ExchangeCollect(Exchange, abc.ExchangeCollect):
    """Instructor side: the latest submission of each trainee, with the server's timestamp."""

    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        params = {"assignment": assignment}
        if self.coursedir.student_id not in ("", "*"):
            params["student"] = self.coursedir.student_id
        latest: dict[str, dict] = {}
        for item in self.call("GET", f"{course}/submissions", params=params).json():
            latest[item["student"]] = item  # the service lists oldest first
        if not latest:
            self.log.warning(
                "No submissions of '%s' for course '%s' to collect", assignment, course
            )
        not_collected = []
        for student, item in sorted(latest.items()):
            try:
                self.collect_one(course, student, assignment, item["timestamp"])
            except (OSError, ArchiveError, requests.RequestException) as error:
                # One bad submission must not keep everyone after it ungraded.
                self.log.error("Could not collect %s's submission: %s", student, error)
                not_collected.append(student)
        if not_collected:
            self.fail(
                f"Collected every submission but those of {', '.join(not_collected)} "
                "(see above why); ask them to submit again."
            )

    def collect_one(self, course: str, student: str, assignment: str, timestamp: str) -> None:
        dest = Path(
            self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment)
        )
        if dest.is_dir():
            existing = (
                (dest / "timestamp.txt").read_text().strip()
                if (dest / "timestamp.txt").exists()
                else ""
            )
            if not self.update or existing >= timestamp:
                self.log.info("Skipping submission (already collected): %s %s", student, assignment)
                return
            shutil.rmtree(dest)
        data = self.call(
            "GET", f"{course}/submissions/{quote(student)}/{quote(assignment)}/{quote(timestamp)}"
        ).content
        unpack_into(data, dest)
        (dest / "timestamp.txt").write_text(timestamp)  # the exchange's clock, not the trainee's
        self.log.info("Collecting submission: %s %s", student, assignment)


class ExchangeReleaseFeedback(Exchange, abc.ExchangeReleaseFeedback):
    """Instructor side: each trainee's HTML feedback, and only HTML, for the graded submission."""

    def copy_files(self):
        course, assignment = self.need_course(), self.coursedir.assignment_id
        student = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else "*"
        pattern = self.coursedir.format_path(self.coursedir.feedback_directory, student, assignment)
        released = []
        for folder in sorted(Path(p) for p in glob.glob(pattern)):
            who = folder.parent.name
            stamp_file = folder / "timestamp.txt"
            if not stamp_file.exists():
                self.log.warning("No timestamp.txt in %s: skipped", folder)
                continue
            timestamp = stamp_file.read_text().strip()
            self.call(
                "PUT",
                f"{course}/feedback/{quote(who)}/{quote(assignment)}/{quote(timestamp)}",
                data=pack_folder(folder, [], only="*.html"),
            )
            self.log.info("Releasing feedback for student '%s' on assignment '%s'", who, assignment)
            released.append(who)
        # The scores beside the feedback, hand-graded changes included, on the progress pages.
        from codelab.progress.publish import publish_assignment

        publish_assignment(course, self.coursedir.db_url, assignment, released)


def _feedback_note(info: dict) -> str:
    if info["has_local_feedback"]:
        return " (feedback already fetched)"
    if info["has_exchange_feedback"]:
        return " (feedback ready to be fetched)"
    return " (no feedback available)"


__all__ = [
    "ArchiveError",
    "Exchange",
    "ExchangeFetchAssignment",
    "ExchangeFetchFeedback",
    "ExchangeList",
    "ExchangeReleaseAssignment",
    "ExchangeCollect",
    "ExchangeReleaseFeedback",
    "ExchangeSubmit",
]
