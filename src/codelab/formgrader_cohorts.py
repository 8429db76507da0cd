"""The formgrader lists one cohort at a time, and only trainees the hub still has.

nbgrader lists every student of the gradebook, plus anyone who ever submitted: two cohorts
of a course come mixed, and a trainee deleted from the hub stays (« None, None » when the
gradebook never knew their name). A course's cohorts are the cohort groups of the course's
trainees, as the hub lists them to the course's service (whose token sees those alone).
Runs in the grading container, inside the formgrader (codelab.formgrader_pages loads these
handlers before nbgrader's, so they answer first):
`api/cohorts` names them; the listings of students and of submissions take `?cohort=NAME`.
"""

from __future__ import annotations

import json
import os

import requests
from nbgrader.server_extensions.formgrader import apihandlers
from nbgrader.server_extensions.formgrader.base import check_notebook_dir, check_xsrf
from tornado import web

from codelab.config import COHORT_GROUP_PREFIX
from codelab.gradebook import grades_csv
from codelab.hub_client import HubClient, HubError


def course_cohorts(trainees: list[dict]) -> dict[str, list[str]]:
    """Cohort name → its members, from the course's trainees' hub models (with groups)."""
    cohorts: dict[str, list[str]] = {}
    for trainee in sorted(trainees, key=lambda t: t["name"]):
        for group in trainee.get("groups", []):
            if group.startswith(COHORT_GROUP_PREFIX):
                cohorts.setdefault(group.removeprefix(COHORT_GROUP_PREFIX), []).append(
                    trainee["name"]
                )
    return dict(sorted(cohorts.items()))


class CohortMixin:
    """What a formgrader handler needs to know of the course's cohorts."""

    def cohorts(self) -> dict[str, list[str]]:
        """The course's cohorts. The course's token lists the course's trainees only."""
        hub = HubClient(os.environ["JUPYTERHUB_API_URL"], os.environ["JUPYTERHUB_API_TOKEN"])
        try:
            return course_cohorts(hub.paged("/users"))
        except (HubError, requests.RequestException) as error:
            message = f"the hub does not answer ({error}): reload in a minute"
            raise web.HTTPError(503, message) from None

    def members(self) -> set[str]:
        """The trainees of `?cohort=`, or of all the course's cohorts when none is asked."""
        cohorts = self.cohorts()
        asked = self.get_argument("cohort", None)
        if asked is None:
            return set().union(*cohorts.values())
        if asked not in cohorts:
            raise web.HTTPError(404, f"no cohort {asked!r} in this course")
        return set(cohorts[asked])


class CohortCollectionHandler(CohortMixin, apihandlers.BaseApiHandler):
    @web.authenticated
    @check_xsrf
    def get(self):
        cohorts = self.cohorts()
        self.write(json.dumps([{"name": n, "trainees": len(m)} for n, m in cohorts.items()]))


class StudentCollectionHandler(CohortMixin, apihandlers.StudentCollectionHandler):
    @web.authenticated
    @check_xsrf
    @check_notebook_dir
    def get(self):
        members = self.members()
        self.write(json.dumps([s for s in self.api.get_students() if s["id"] in members]))


class SubmissionCollectionHandler(CohortMixin, apihandlers.SubmissionCollectionHandler):
    @web.authenticated
    @check_xsrf
    @check_notebook_dir
    def get(self, assignment_id):
        members = self.members()
        submissions = self.api.get_submissions(assignment_id)
        self.write(json.dumps([s for s in submissions if s["student"] in members]))


class SubmittedNotebookCollectionHandler(
    CohortMixin, apihandlers.SubmittedNotebookCollectionHandler
):
    @web.authenticated
    @check_xsrf
    @check_notebook_dir
    def get(self, assignment_id, notebook_id):
        members = self.members()
        submissions = self.api.get_notebook_submissions(assignment_id, notebook_id)
        self.write(json.dumps([s for s in submissions if s["student"] in members]))


class CohortGradesHandler(CohortMixin, apihandlers.BaseApiHandler):
    """The cohort's grades as `codelab course export` writes them, for a spreadsheet."""

    @web.authenticated
    @check_xsrf
    @check_notebook_dir
    def get(self):
        cohort = self.get_argument("cohort")
        data = grades_csv(self.gradebook, self.members())
        course = os.environ["JUPYTERHUB_SERVICE_NAME"]
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="{course}-{cohort}.csv"')
        self.write(data)


HANDLERS = [
    (r"/formgrader/api/cohort_grades", CohortGradesHandler),
    (r"/formgrader/api/cohorts", CohortCollectionHandler),
    (r"/formgrader/api/students", StudentCollectionHandler),
    (r"/formgrader/api/submissions/([^/]+)", SubmissionCollectionHandler),
    (r"/formgrader/api/submitted_notebooks/([^/]+)/([^/]+)", SubmittedNotebookCollectionHandler),
]
