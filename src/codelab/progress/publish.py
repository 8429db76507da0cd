"""Send a course's grading results to the progress service. Runs in the grading container.

After autograde (`AfterAutograde`, nbgrader's post-convert hook: the formgrader's button and
`codelab course autograde` both publish, once a submission is wholly graded) and after each
feedback release (the exchange client publishes the whole assignment then, hand-made changes
included). Scores and test-cell names only: never a notebook, a solution or a hidden test's
code. A progress service that does not answer never stops grading; the next publish of the
assignment catches up.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC
from pathlib import Path
from urllib.parse import quote

import requests
from nbgrader.api import Gradebook, MissingEntry

from codelab.exchange.store import TIMESTAMP_FORMAT

log = logging.getLogger("codelab.progress")


def submission_result(gradebook: Gradebook, assignment: str, student: str) -> dict | None:
    """A trainee's graded submission as the progress service keeps it (None: not graded)."""
    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry:
        return None
    if submission.timestamp is None:
        return None
    tests = [
        {"notebook": notebook.name, "cell": grade.name, "score": grade.score or 0.0,
         "max_score": grade.max_score or 0.0}
        for notebook in submission.notebooks
        for grade in notebook.grades
        if grade.cell.cell_type == "code" and grade.auto_score is not None
    ]  # fmt: skip
    return {
        "student": student,
        "assignment": assignment,
        "timestamp": submission.timestamp.replace(tzinfo=UTC).strftime(TIMESTAMP_FORMAT),
        "score": submission.score or 0.0,
        "max_score": submission.max_score or 0.0,
        "tests": tests,
    }


def assignment_results(
    db_url: str, course: str, assignment: str, students: list[str] | None = None
) -> list[dict]:
    """Every graded submission of the assignment (of these trainees only, if given)."""
    with Gradebook(db_url, course_id=course) as gradebook:
        names = students if students is not None else [s.id for s in gradebook.students]
        found = [submission_result(gradebook, assignment, name) for name in names]
    return [result for result in found if result is not None]


def publish(course: str, results: list[dict], url: str | None = None) -> bool:
    """PUT the results to the progress service, as the course's service; False if it failed."""
    url = url if url is not None else os.environ.get("CODELAB_PROGRESS_URL", "")
    if not url or not results:
        return bool(url)
    try:
        response = requests.put(
            f"{url.rstrip('/')}/api/courses/{quote(course)}/results",
            json=results,
            headers={"Authorization": f"token {os.environ.get('JUPYTERHUB_API_TOKEN', '')}"},
            timeout=30,
        )
        response.raise_for_status()
    except requests.RequestException as error:
        log.warning("Results not published to the progress page (%s): they will be at the "
                    "next autograde or feedback release of this assignment", error)  # fmt: skip
        return False
    return True


def publish_assignment(
    course: str, db_url: str, assignment: str, students: list[str] | None = None
) -> bool:
    """The assignment's results (of these trainees), when the lab has a progress service:
    without one (a unit test, a course check), the gradebook is not even opened."""
    if not os.environ.get("CODELAB_PROGRESS_URL"):
        return False
    return publish(course, assignment_results(db_url, course, assignment, students))


class AfterAutograde:
    """nbgrader's post-convert hook of autograde (`c.Autograde.post_convert_hook`): once all
    of a submission's notebooks are graded, never after a part of them, its scores."""

    def __init__(self, course: str, db_url: str):
        self.course, self.db_url = course, db_url

    def __call__(self, assignment: str, student: str, notebooks: list[str]) -> None:
        if student in ("", "*"):  # every trainee at once: hers is the folder above
            if not notebooks:
                return
            student = Path(notebooks[0]).parent.parent.name
        publish_assignment(self.course, self.db_url, assignment, [student])
