"""The exchange as a JupyterHub service: about ten endpoints over ExchangeStore.

The caller is whoever the hub says owns the token; their role in a course comes from
their hub groups. The time of a submission is the service's clock. Bodies larger than
the cap are refused by the HTTP server before they are read.

    GET    api/courses                                         the caller's courses
    GET    api/courses/C/assignments                           released assignments
    GET    api/courses/C/assignments/A                         fetch (tar.gz)
    PUT    api/courses/C/assignments/A[?title=&points=&due_days=]  release      instructor
    DELETE api/courses/C/assignments/A                         unrelease        instructor
    POST   api/courses/C/assignments/A/submissions             submit           trainee
    GET    api/courses/C/submissions[?assignment=&student=]    list (a trainee sees own)
    GET    api/courses/C/submissions/S/A/T                     collect (tar.gz)
    PUT    api/courses/C/feedback/S/A/T                        release feedback instructor
    GET    api/courses/C/feedback/S/A/T                        fetch feedback (tar.gz)
    GET    api/courses/C/extensions                            extensions (a trainee: own)
    PUT    api/courses/C/extensions/S/A  {due, reason[, granted_by]}  more time     instructor
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import date
from urllib.parse import unquote

from tornado import web
from tornado.httpserver import HTTPServer

from codelab.config import MAX_DUE_DAYS, MAX_TITLE_LENGTH, instructor_group
from codelab.deadlines import DateError, Deadlines, is_late, parse_day
from codelab.exchange.access import Caller, Role
from codelab.exchange.archive import ArchiveError, check_name
from codelab.exchange.store import ExchangeStore, parse_timestamp

log = logging.getLogger("codelab.exchange")
Identify = Callable[[web.RequestHandler], Awaitable[Caller | None]]
SEGMENT = r"([^/]+)"
MAX_REASON_LENGTH = 500


class ExchangeHandler(web.RequestHandler):
    """Identifies the caller, maps store errors to clear 4xx answers, logs every access."""

    caller: Caller

    @property
    def store(self) -> ExchangeStore:
        return self.settings["store"]

    async def prepare(self):
        caller = await self.settings["identify"](self)
        if caller is None:
            raise web.HTTPError(403, "log in to the lab first (no valid hub token)")
        self.caller = caller

    def require(self, course: str, *allowed: Role) -> Role:
        role = self.caller.role(course)
        if role not in allowed:
            raise web.HTTPError(403, f"{self.caller.name} may not do this in course {course}")
        return role

    async def run(self, func, *args, **kwargs):
        try:
            return await asyncio.to_thread(func, *args, **kwargs)
        except ArchiveError as error:
            raise web.HTTPError(400, str(error)) from None

    async def deadlines(self, course: str, students: set[str], released) -> Deadlines:
        """The due days of these trainees in the course (their cohorts' starts: the hub's)."""
        extensions = await self.run(self.store.extensions, course)
        return Deadlines(
            starts={name: await self.settings["trainee_start"](name) for name in students},
            delays={r.assignment: r.due_days for r in released},
            extended={
                (e.student, e.assignment): parse_day(e.due)
                for e in extensions
                if e.student in students
            },
        )

    def send_json(self, data) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))

    def send_archive(self, data: bytes | None, what: str) -> None:
        if data is None:
            raise web.HTTPError(404, f"no such {what}")
        self.set_header("Content-Type", "application/gzip")
        self.finish(data)

    def write_error(self, status_code: int, **kwargs) -> None:
        error = kwargs.get("exc_info", (None, None))[1]
        message = getattr(error, "log_message", None) or self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status_code, "message": message}))

    def log_access(self) -> None:
        who = getattr(self, "caller", None)
        log.info(
            "%s %s %s by %s (%.0f ms)",
            self.get_status(),
            self.request.method,
            unquote(self.request.path),
            who.name if who else "-",
            1000 * self.request.request_time(),
        )


class CoursesHandler(ExchangeHandler):
    def get(self):
        self.send_json({c: r.value for c, r in self.caller.courses().items()})


class AssignmentsHandler(ExchangeHandler):
    async def get(self, course):
        self.require(course, Role.TRAINEE, Role.INSTRUCTOR)
        released = await self.run(self.store.released, course)
        me = self.caller.name  # each trainee's own due days; a service has none
        deadlines = await self.deadlines(course, {me} if self.caller.kind == "user" else set(),
                                         released)  # fmt: skip
        self.send_json([
            {
                **asdict(r),
                "due": _day(deadlines.due(me, r.assignment)),
                "extended": (me, r.assignment) in deadlines.extended,
            }
            for r in released
        ])  # fmt: skip


class AssignmentHandler(ExchangeHandler):
    async def get(self, course, assignment):
        role = self.require(course, Role.TRAINEE, Role.INSTRUCTOR)
        data = await self.run(self.store.released_archive, course, assignment)
        if data is not None and role is Role.TRAINEE:  # she has started it
            try:
                await self.run(self.store.record_fetch, course, self.caller.name, assignment)
            except OSError as error:  # a note for the dashboard never stops her fetch
                log.warning("fetch of %s by %s not noted: %s", assignment, self.caller.name, error)
        self.send_archive(data, f"released assignment {assignment}")

    async def put(self, course, assignment):
        self.require(course, Role.INSTRUCTOR)
        title = self.get_query_argument("title", "")
        if len(title) > MAX_TITLE_LENGTH:
            raise web.HTTPError(400, f"title: {MAX_TITLE_LENGTH} characters at most")
        released = await self.run(
            self.store.release, course, assignment, self.request.body,
            title=title, points=self.points_argument(), due_days=self.due_days_argument(),
        )  # fmt: skip
        self.send_json(asdict(released))

    def points_argument(self) -> float | None:
        given = self.get_query_argument("points", "")
        if not given:
            return None
        try:
            points = float(given)
        except ValueError:
            points = math.nan
        if not (math.isfinite(points) and points >= 0):
            raise web.HTTPError(400, f"points: a number, 0 or more (not {given[:20]!r})")
        return points

    def due_days_argument(self) -> int | None:
        given = self.get_query_argument("due_days", "")
        if not given:
            return None
        if not (given.isascii() and given.isdigit() and int(given) <= MAX_DUE_DAYS):
            wanted = f"whole days, 0 to {MAX_DUE_DAYS}"
            raise web.HTTPError(400, f"due_days: {wanted} (not {given[:20]!r})")
        return int(given)

    async def delete(self, course, assignment):
        self.require(course, Role.INSTRUCTOR)
        if not await self.run(self.store.unrelease, course, assignment):
            raise web.HTTPError(404, f"assignment {assignment} is not released")
        self.set_status(204)
        self.finish()


class SubmitHandler(ExchangeHandler):
    async def post(self, course, assignment):
        self.require(course, Role.TRAINEE)
        submission = await self.run(
            self.store.submit, course, self.caller.name, assignment, self.request.body
        )
        self.set_status(201)
        self.send_json(asdict(submission))


class SubmissionsHandler(ExchangeHandler):
    async def get(self, course):
        role = self.require(course, Role.TRAINEE, Role.INSTRUCTOR)
        student = self.get_query_argument("student", None)
        if role is Role.TRAINEE:
            student = self.caller.name  # a trainee sees their own submissions only
        assignment = self.get_query_argument("assignment", None)
        found = await self.run(
            self.store.submissions, course, student=student, assignment=assignment
        )
        released = await self.run(self.store.released, course)
        deadlines = await self.deadlines(course, {s.student for s in found}, released)
        zone = self.settings["timezone"]

        def late(s) -> bool | None:  # by the exchange's own clock
            return is_late(
                parse_timestamp(s.timestamp), deadlines.due(s.student, s.assignment), zone
            )

        self.send_json([{**asdict(s), "late": late(s)} for s in found])


class SubmissionHandler(ExchangeHandler):
    def check_owner(self, course: str, student: str) -> None:
        role = self.require(course, Role.TRAINEE, Role.INSTRUCTOR)
        if role is Role.TRAINEE and student != self.caller.name:
            raise web.HTTPError(403, "a trainee may only reach their own submissions")

    async def get(self, course, student, assignment, timestamp):
        self.check_owner(course, student)
        data = await self.run(
            self.store.submission_archive, course, student, assignment, unquote(timestamp)
        )
        self.send_archive(data, "submission")


class FeedbackHandler(SubmissionHandler):
    async def get(self, course, student, assignment, timestamp):
        self.check_owner(course, student)
        data = await self.run(
            self.store.feedback_archive, course, student, assignment, unquote(timestamp)
        )
        self.send_archive(data, "feedback")

    async def put(self, course, student, assignment, timestamp):
        self.require(course, Role.INSTRUCTOR)
        await self.run(
            self.store.release_feedback,
            course,
            student,
            assignment,
            unquote(timestamp),
            self.request.body,
        )
        self.set_status(204)
        self.finish()


class ExtensionsHandler(ExchangeHandler):
    async def get(self, course):
        role = self.require(course, Role.TRAINEE, Role.INSTRUCTOR)
        student = self.caller.name if role is Role.TRAINEE else None  # a trainee: her own
        found = await self.run(self.store.extensions, course, student)
        self.send_json([asdict(e) for e in found])


class ExtensionHandler(ExchangeHandler):
    async def put(self, course, student, assignment):
        if not self.caller.may_extend(course):
            raise web.HTTPError(403, f"{self.caller.name} may not give more time in {course}")
        body = self.json_body()
        try:
            due = parse_day(str(body.get("due", ""))).isoformat()
        except DateError as error:
            raise web.HTTPError(400, f"due: {error}") from None
        reason = str(body.get("reason", "")).strip()
        if not 0 < len(reason) <= MAX_REASON_LENGTH:
            raise web.HTTPError(400, f"reason: say why, in {MAX_REASON_LENGTH} characters at most")
        granted_by = self.caller.name
        if self.caller.kind == "service" and body.get("granted_by"):
            # A service acts for a person (the admin's CLI, a course's formgrader): who it is.
            try:
                granted_by = check_name("granted_by", str(body["granted_by"]))
            except ArchiveError as error:
                raise web.HTTPError(400, str(error)) from None
        if self.caller.role(course) is not Role.INSTRUCTOR:
            # The progress pages say which instructor asked: she must be one, of this course.
            groups = await self.settings["groups_of"](granted_by)
            if granted_by == self.caller.name or instructor_group(course) not in groups:
                raise web.HTTPError(403, f"{granted_by} is not an instructor of {course}")
        extension = await self.run(
            self.store.extend, course, student, assignment, due, reason, granted_by
        )
        self.send_json(asdict(extension))

    def json_body(self) -> dict:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise web.HTTPError(400, 'send a JSON object: {"due": "YYYY-MM-DD", "reason": "…"}')
        return body


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


async def _no_start(name: str) -> date | None:
    return None


async def _no_groups(name: str) -> frozenset[str]:
    return frozenset()


def make_app(
    store: ExchangeStore,
    identify: Identify,
    prefix: str = "/",
    trainee_start: Callable[[str], Awaitable[date | None]] = _no_start,
    timezone: str = "UTC",
    groups_of: Callable[[str], Awaitable[frozenset[str]]] = _no_groups,
) -> web.Application:
    """The exchange's routes; `trainee_start` gives a trainee's cohort start (the hub's)."""
    api = prefix.rstrip("/") + "/api/courses"
    course = f"{api}/{SEGMENT}"
    stamped = f"{SEGMENT}/{SEGMENT}/{SEGMENT}"
    return web.Application(
        [
            (api, CoursesHandler),
            (f"{course}/assignments", AssignmentsHandler),
            (f"{course}/assignments/{SEGMENT}", AssignmentHandler),
            (f"{course}/assignments/{SEGMENT}/submissions", SubmitHandler),
            (f"{course}/submissions", SubmissionsHandler),
            (f"{course}/submissions/{stamped}", SubmissionHandler),
            (f"{course}/feedback/{stamped}", FeedbackHandler),
            (f"{course}/extensions", ExtensionsHandler),
            (f"{course}/extensions/{SEGMENT}/{SEGMENT}", ExtensionHandler),
        ],
        store=store,
        identify=identify,
        trainee_start=trainee_start,
        timezone=timezone,
        groups_of=groups_of,
        log_function=lambda handler: (
            handler.log_access() if isinstance(handler, ExchangeHandler) else None
        ),
    )


def serve(app: web.Application, port: int, max_body_bytes: int, address: str = "127.0.0.1"):
    server = HTTPServer(app, max_body_size=max_body_bytes)
    server.listen(port, address)
    return server
