"""The progress service's pages and JSON APIs, behind the hub's OAuth. Runs in the hub
container, beside the exchange, whose files it reads (never writes).

    GET  /                                      a trainee: her page; an instructor: cohorts
    GET  trainees/U          api/trainees/U     « Mon parcours » (U herself, her instructors)
    GET  courses/C/cohorts/K api/courses/C/cohorts/K[?filter=&days=]   C's instructors
    GET  feedback/C/U/A[?notebook=]             U's feedback on A, as the exchange keeps it
    PUT  api/courses/C/results                  the grading container of C publishes scores

Who sees what: a trainee, herself only; an instructor (group formgrade-C), the trainees of
the courses she teaches, those courses only; an admin, everyone. Anything else is a 403
that shows nothing. Every page is built from its API's JSON (codelab.progress.report).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import tarfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, unquote

import requests
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated, UserNotAllowed
from pydantic import ValidationError
from tornado import web

from codelab.config import (
    ADMIN_SERVICE,
    COHORT_GROUP_PREFIX,
    cohort_group,
    instructor_group,
    trainee_group,
)
from codelab.courses import CourseError, read_course_file
from codelab.deadlines import cohort_start, due_date
from codelab.exchange.archive import ArchiveError, check_name
from codelab.exchange.store import ExchangeStore
from codelab.hub_client import HubClient, HubError
from codelab.i18n import long_day, t
from codelab.progress import evidence, report
from codelab.progress.charts import histogram_svg
from codelab.progress.evidence import work_text
from codelab.progress.results import MAX_RESULTS, RESULTS, ResultStore

log = logging.getLogger("codelab.progress")
TEMPLATES = Path(__file__).with_name("templates")
SEGMENT = r"([^/]+)"
HUB_CACHE_SECONDS = 10
FILTERS = ("everyone", "never_started", "inactive", "late", "failing")
# Our pages run no script and load nothing but themselves.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'"  # noqa: E501
# A feedback page holds the trainee's own outputs (HTML she may have written): it is shown
# in a sandbox, an origin of its own where no script runs and no cookie is read.
FEEDBACK_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"  # noqa: E501
)


class Cached:
    """A value fetched at most once every `seconds`, shared by every request (any thread)."""

    def __init__(self, fetch: Callable[[], object], seconds: float = HUB_CACHE_SECONDS):
        self.fetch, self.seconds = fetch, seconds
        self._value, self._at, self._lock = None, -1e9, threading.Lock()

    def get(self):
        with self._lock:
            if time.monotonic() - self._at > self.seconds:
                self._value, self._at = self.fetch(), time.monotonic()
            return self._value


@dataclass
class Sources:
    """What the service reads: the exchange's files, course.yaml of each course, the results
    the grading side published, the hub (users, groups, activity) and the accounts' names."""

    store: ExchangeStore
    results: ResultStore
    courses_root: Path
    courses: list[str]
    hub: HubClient
    names: Callable[[], dict[str, tuple[str, str]]]  # username → (first name, last name)

    def __post_init__(self):
        self.users = Cached(lambda: {u["name"]: u for u in self.hub.paged("/users")})
        self.groups = Cached(self.hub.groups)
        self.full_names = Cached(self.names, seconds=60)

    def course_facts(self, course: str) -> report.CourseFacts:
        outline = read_course_file(self.courses_root / course)
        return report.CourseFacts(
            outline=outline,
            released={r.assignment: r for r in self.store.released(course)},
            fetched=self.store.fetches(course),
            submissions=self.store.submissions(course),
            extensions=self.store.extensions(course),
            results=self.results.results(course),
            mastery=outline.mastery,
        )

    def feedback_pages(self, course: str, trainee: str, assignment: str) -> dict[str, bytes]:
        """The HTML pages of her latest submission that has feedback, by notebook name."""
        given = [s for s in self.store.submissions(course, student=trainee, assignment=assignment)
                 if s.has_feedback]  # fmt: skip
        if not given:
            return {}
        data = self.store.feedback_archive(course, trainee, assignment, given[-1].timestamp)
        try:
            with tarfile.open(fileobj=io.BytesIO(data or b"")) as archive:
                return {
                    Path(m.name).stem: archive.extractfile(m).read()
                    for m in archive.getmembers()
                    if m.isfile() and m.name.endswith(".html")
                }
        except (tarfile.TarError, OSError) as error:  # gone or broken since it was listed
            log.warning("feedback of %s on %s unreadable: %s", trainee, assignment, error)
            return {}

    def groups_of(self, name: str) -> set[str]:
        return set(self.users.get().get(name, {}).get("groups", []))

    def start_of(self, name: str) -> tuple[str | None, date | None]:
        """Her cohort (the latest started, if several) and its start."""
        groups = self.groups.get()
        cohorts = sorted(g for g in self.groups_of(name) if g.startswith(COHORT_GROUP_PREFIX))
        dated = [(cohort_start(groups.get(g, {}).get("properties")), g) for g in cohorts]
        if not dated:
            return None, None
        start, group = max(dated, key=lambda pair: (pair[0] or date.min, pair[1]))
        return group.removeprefix(COHORT_GROUP_PREFIX), start


class ExchangeRefused(RuntimeError):
    """The exchange refused an extension; the message is its reason."""


@dataclass(frozen=True)
class Exchange:
    """The exchange, where an extension an instructor grants on a page is kept (as the
    progress service, which may only do that, saying which instructor granted it)."""

    url: str
    token: str

    def extend(self, course: str, trainee: str, assignment: str, body: dict) -> None:
        names = [quote(check_name("name", n), safe="") for n in (course, trainee, assignment)]
        path = "api/courses/{}/extensions/{}/{}".format(*names)
        try:
            answer = requests.put(f"{self.url.rstrip('/')}/{path}", json=body, timeout=30,
                                  headers={"Authorization": f"token {self.token}"})  # fmt: skip
        except requests.RequestException as error:
            raise HubError(f"the exchange does not answer: {error}") from None
        if answer.status_code >= 500:
            raise HubError(f"the exchange answered {answer.status_code}")
        if answer.status_code != 200:
            try:
                raise ExchangeRefused(answer.json()["message"])
            except (ValueError, KeyError, TypeError):
                raise ExchangeRefused(f"{answer.status_code} {answer.reason}") from None


@dataclass(frozen=True)
class Viewer:
    name: str
    kind: str
    admin: bool
    groups: frozenset[str]

    def teaches(self, course: str) -> bool:
        return self.admin or instructor_group(course) in self.groups

    def may_see(self, trainee: str, course: str) -> bool:
        return (self.kind == "user" and self.name == trainee) or self.teaches(course)


async def hub_identify(handler: HubOAuthenticated) -> dict | None:
    """The viewer's hub model from her cookie or token; UserNotAllowed when the token may
    not reach this service (a trainee's server token, say)."""
    model = await handler.hub_auth.get_user(handler, sync=False)
    return handler.check_hub_user(model) if model else None


class ProgressHandler(HubOAuthenticated, web.RequestHandler):
    """Identifies the viewer (cookie or token), answers errors in the page's language."""

    api = False
    viewer: Viewer

    @property
    def sources(self) -> Sources:
        return self.settings["sources"]

    @property
    def language(self) -> str:
        return self.settings["language"]

    async def prepare(self):
        # Tornado has decoded the path's parts already: each must be one plain name (no
        # '/', no '..'), or nothing is looked up at all.
        for part in self.path_args:
            try:
                check_name("name", part)
            except ArchiveError:
                raise web.HTTPError(404, t("error_not_found", self.language)) from None
        try:
            allowed = await self.settings["identify"](self)
        except UserNotAllowed:
            raise web.HTTPError(403, "this token may not read progress pages") from None
        self._hub_auth_user_cache = allowed
        if allowed is None:
            if self.api or self.request.method != "GET":
                raise web.HTTPError(403, "log in to the lab first (no valid hub token)")
            self.redirect(self.get_login_url())
            return
        groups = frozenset(allowed.get("groups", []))
        kind = allowed.get("kind", "user")
        # The admin's CLI (its service) reads what an admin does: scripts, the jury's exports.
        admin = bool(allowed.get("admin")) or (kind, allowed["name"]) == ("service", ADMIN_SERVICE)
        self.viewer = Viewer(allowed["name"], kind, admin, groups)
        self.set_header("Cache-Control", "no-store")

    async def blocking(self, func, *args):
        try:
            return await asyncio.to_thread(func, *args)
        except HubError as error:
            log.warning("the hub did not answer: %s", error)
            raise web.HTTPError(503, t("error_hub_away", self.language)) from None
        except CourseError as error:
            log.error("course.yaml: %s", error)
            raise web.HTTPError(503, t("error_course_broken", self.language)) from None
        except ArchiveError as error:
            raise web.HTTPError(404, str(error)) from None

    def today(self) -> report.Today:
        return report.Today(self.settings["clock"]().date(), self.settings["timezone"])

    # the reports every page shows ----------------------------------------------------

    async def trainee_report(self, trainee: str) -> dict:
        """Her courses the viewer may see (403 when none: nothing about her is told)."""
        groups = await self.blocking(self.sources.groups_of, trainee)
        courses = [c for c in self.sources.courses if trainee_group(c) in groups]
        shown = [c for c in courses if self.viewer.may_see(trainee, c)]
        if not shown and not (self.viewer.name == trainee and self.viewer.kind == "user"):
            raise web.HTTPError(403, t("error_forbidden", self.language))
        cohort, start = await self.blocking(self.sources.start_of, trainee)
        today, found = self.today(), []
        for course in shown:
            try:
                facts = await asyncio.to_thread(self.sources.course_facts, course)
            except CourseError as error:  # her other courses are still shown
                log.error("course.yaml of %s: %s", course, error)
                continue
            index = report.Index(facts, {trainee: start})
            found.append(report.trainee_course(index, trainee, today))
        first, last = (await self.blocking(self.sources.full_names.get)).get(trainee, ("", ""))
        return {
            "username": trainee,
            "name": _full_name(first, last),
            "first_name": first,
            "last_name": last,
            "cohort": cohort,
            "today": today.day.isoformat(),
            "next_deadline": report.next_deadline(found, today),
            "overdue": [r for c in found for r in report.rows_of(c) if r["status"] == "late"],
            "courses": found,
        }

    async def cohort_report(self, course: str, cohort: str) -> dict:
        if course not in self.sources.courses or not self.viewer.teaches(course):
            raise web.HTTPError(403, t("error_forbidden", self.language))
        groups = await self.blocking(self.sources.groups.get)
        group = groups.get(cohort_group(cohort))
        if group is None:
            raise web.HTTPError(404, t("error_not_found", self.language))
        users = await self.blocking(self.sources.users.get)
        enrolled = trainee_group(course)
        members = sorted(
            u for u in group.get("users", []) if enrolled in users.get(u, {}).get("groups", [])
        )
        facts = await self.blocking(self.sources.course_facts, course)
        names = await self.blocking(self.sources.full_names.get)
        start = cohort_start(group.get("properties"))
        index = report.Index(facts, dict.fromkeys(members, start))
        today = self.today()
        trainees = []
        for name in members:
            row = report.trainee_course(index, name, today)
            seen = _moment(users[name].get("last_activity"))
            first, last = names.get(name, ("", ""))
            trainees.append({
                "username": name,
                "name": _full_name(first, last),
                "first_name": first,
                "last_name": last,
                "last_activity": seen.isoformat() if seen else None,
                "summary": report.trainee_summary(row, seen, today),
                "assignments": report.rows_of(row),
                "competencies": row["competencies"],
            })  # fmt: skip
        chosen, days = self.filter_arguments()
        shown = [tr for tr in trainees if _passes(tr["summary"], chosen, days)]
        statistics = report.assignment_statistics(facts, members)
        for stat in statistics:
            stat["released"] = stat["id"] in facts.released
        return {
            "course": {"id": course, "title": facts.outline.title, "mastery": facts.mastery},
            "cohort": cohort,
            "start": start.isoformat() if start else None,
            "today": today.day.isoformat(),
            "filter": chosen,
            "days": days,
            "total": len(trainees),
            "assignments": [
                {
                    "id": a.id,
                    "title": a.title,
                    "points": a.points,
                    "due": report.iso_day(due_date(start, index.deadlines.delays[a.id])),
                }
                for a in facts.outline.assignments
            ],  # fmt: skip
            "trainees": shown,
            "statistics": statistics,
            "weakest": report.weakest_competencies(trainees),
        }

    def filter_arguments(self) -> tuple[str, int]:
        chosen = self.get_query_argument("filter", "everyone")
        if chosen not in FILTERS:
            raise web.HTTPError(400, f"filter: one of {', '.join(FILTERS)}")
        given = self.get_query_argument("days", "7")
        if not (given.isascii() and given.isdigit() and 1 <= int(given) <= 365):
            raise web.HTTPError(400, "days: a whole number of days, 1 to 365")
        return chosen, int(given)

    # answers ---------------------------------------------------------------------------

    def send_json(self, data) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, ensure_ascii=False))

    def render_page(self, template: str, **values) -> None:
        self.set_header("Content-Security-Policy", PAGE_POLICY)
        self.finish(self.settings["pages"].get_template(template).render(
            **self.page_values(), **values
        ))  # fmt: skip

    def page_values(self) -> dict:
        language, prefix = self.language, self.settings["prefix"]
        this_year = self.today().day.year
        return {
            "language": language,
            "lab_name": self.settings["lab_name"],
            "hub_url": self.settings["hub_url"],
            "t": lambda key, **values: t(key, language, **values),
            "day": lambda text: long_day(date.fromisoformat(text), language, this_year),
            "number": lambda value: _number(value, language),
            "percent": lambda part, whole: round(100 * part / whole) if whole else 0,
            "feedback_url": lambda c, u, a: f"{prefix}feedback/{quote(c)}/{quote(u)}/{quote(a)}",
            "trainee_url": lambda u: f"{prefix}trainees/{quote(u)}",
            "extension_url": lambda c, u, a: f"{prefix}extensions/{quote(c)}/{quote(u)}/{quote(a)}",
            "cohort_url": lambda c, k: f"{prefix}courses/{quote(c)}/cohorts/{quote(k)}",
            "evidence_url": lambda c, k, u: f"{prefix}evidence/{quote(c)}/{quote(k)}/{quote(u)}",
            "evidence_csv_url": lambda c, k: (
                f"{prefix}api/courses/{quote(c)}/cohorts/{quote(k)}/evidence.csv"
            ),
        }

    def write_error(self, status_code: int, **kwargs) -> None:
        error = kwargs.get("exc_info", (None, None))[1]
        message = getattr(error, "log_message", None) or self._reason
        if self.api:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"status": status_code, "message": message}))
            return
        back = getattr(self, "back_url", None) or self.settings["prefix"]
        self.render_page("error.html", status=status_code, message=message, home_url=back)

    def log_access(self) -> None:
        who = getattr(self, "viewer", None)
        log.info("%s %s %s by %s (%.0f ms)", self.get_status(), self.request.method,
                 unquote(self.request.path), who.name if who else "-",
                 1000 * self.request.request_time())  # fmt: skip


class HomeHandler(ProgressHandler):
    async def get(self):
        courses = [c for c in self.sources.courses if self.viewer.teaches(c)]
        if not courses:  # a trainee (or anyone who teaches nothing): her own page
            self.redirect(f"{self.settings['prefix']}trainees/{quote(self.viewer.name)}")
            return
        groups = await self.blocking(self.sources.groups.get)
        users = await self.blocking(self.sources.users.get)
        listed = []
        for course in courses:
            facts = await self.blocking(self.sources.course_facts, course)
            members = {u for u, m in users.items() if trainee_group(course) in m.get("groups", [])}
            cohorts = sorted(
                name.removeprefix(COHORT_GROUP_PREFIX)
                for name, group in groups.items()
                if name.startswith(COHORT_GROUP_PREFIX) and members & set(group.get("users", []))
            )
            listed.append({"id": course, "title": facts.outline.title, "cohorts": cohorts})
        self.render_page("index.html", courses=listed)


class TraineeApiHandler(ProgressHandler):
    api = True

    async def get(self, trainee):
        self.send_json(await self.trainee_report(trainee))


class TraineePageHandler(ProgressHandler):
    async def get(self, trainee):
        data = await self.trainee_report(trainee)
        mine = data["username"] == self.viewer.name
        title = t("progress_title", self.language)
        heading = title if mine else t("progress_of", self.language,
                                       name=data["name"] or data["username"])  # fmt: skip
        self.render_page(
            "trainee.html", report=data, heading=heading, extended=self.get_query_argument(
                "extended", ""), may_extend=lambda course: not mine and self.viewer.teaches(course),
            xsrf=self.xsrf_token.decode() if self.settings["xsrf_cookies"] else "",
        )  # fmt: skip


class CohortApiHandler(ProgressHandler):
    api = True

    async def get(self, course, cohort):
        self.send_json(await self.cohort_report(course, cohort))


class CohortPageHandler(ProgressHandler):
    async def get(self, course, cohort):
        data = await self.cohort_report(course, cohort)
        language = self.language
        heading = t("dashboard_title", language, course=data["course"]["title"],
                    cohort=data["cohort"])  # fmt: skip
        filters = [(f, t("dashboard_everyone" if f == "everyone" else f"dashboard_{f}",
                         language, days=data["days"])) for f in FILTERS]  # fmt: skip
        self.render_page(
            "cohort.html", report=data, heading=heading, filters=filters, cps=report.CPS,
            histogram=lambda s: histogram_svg(s["histogram"], _histogram_label(s, language)),
            seen=lambda days: _seen(days, language),
        )  # fmt: skip


class FeedbackHandler(ProgressHandler):
    async def get(self, course, trainee, assignment):
        if course not in self.sources.courses or not self.viewer.may_see(trainee, course):
            raise web.HTTPError(403, t("error_forbidden", self.language))
        pages = await self.blocking(self.sources.feedback_pages, course, trainee, assignment)
        if not pages:
            raise web.HTTPError(404, t("error_not_found", self.language))
        wanted = self.get_query_argument("notebook", None)
        name = wanted if wanted in pages else sorted(pages)[0]
        self.set_header("Content-Security-Policy", FEEDBACK_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(pages[name])


class EvidencePageHandler(ProgressHandler):
    """The jury's document for one trainee of a cohort in a course: printable, no script."""

    async def get(self, course, cohort, trainee):
        data = await self.trainee_report(trainee)  # 403 unless the viewer may see her
        groups = await self.blocking(self.sources.groups_of, trainee)
        mine = [c for c in data["courses"] if c["id"] == course]
        if not mine or cohort_group(cohort) not in groups:
            raise web.HTTPError(404, t("error_not_found", self.language))
        works = {}
        for row in report.rows_of(mine[0]):
            if row["feedback"]:
                works[row["id"]] = await self.blocking(self.work_of, course, trainee, row["id"])
        title = t("evidence_title", self.language, name=data["name"] or trainee)
        self.render_page(
            "evidence.html", report=data, course=mine[0], cohort=cohort, heading=title,
            competencies=evidence.by_competency(mine[0]), works=works,
            generated=self.today().day.isoformat(),
        )  # fmt: skip

    def work_of(self, course: str, trainee: str, assignment: str) -> list[tuple[str, str]]:
        pages = self.sources.feedback_pages(course, trainee, assignment)
        return [(name, work_text(page)) for name, page in sorted(pages.items())]


class EvidenceCsvHandler(ProgressHandler):
    api = True

    async def get(self, course, cohort):
        data = await self.cohort_report(course, cohort)
        name = f"{data['course']['id']}-{data['cohort']}-competences.csv"
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(evidence.competencies_csv(data, self.language))


class ExtensionHandler(ProgressHandler):
    """An instructor of the course gives one trainee until a later day on one assignment."""

    async def post(self, course, trainee, assignment):
        self.back_url = f"{self.settings['prefix']}trainees/{quote(trainee)}"
        if self.viewer.kind != "user" or course not in self.sources.courses:
            raise web.HTTPError(403, t("error_forbidden", self.language))
        if not self.viewer.teaches(course):
            raise web.HTTPError(403, t("error_forbidden", self.language))
        groups = await self.blocking(self.sources.groups_of, trainee)
        if trainee_group(course) not in groups:
            raise web.HTTPError(404, t("error_not_found", self.language))
        body = {
            "due": self.get_body_argument("until", ""),
            "reason": self.get_body_argument("reason", ""),
            "granted_by": self.viewer.name,
        }
        try:
            await self.blocking(self.settings["exchange"].extend, course, trainee, assignment, body)
        except ExchangeRefused as error:
            raise web.HTTPError(400, t("extension_refused", self.language, why=error)) from None
        self.redirect(f"{self.back_url}?extended={quote(assignment)}", status=303)


class ResultsHandler(ProgressHandler):
    """The grading container of course C (its hub service, named C) publishes C's scores."""

    api = True

    async def put(self, course):
        if self.viewer.kind != "service" or self.viewer.name != course:
            raise web.HTTPError(403, f"only the grading service of {course} publishes its results")
        try:
            results = RESULTS.validate_json(self.request.body or b"[]")
        except ValidationError as error:
            raise web.HTTPError(400, f"results: {error.errors()[0]['msg']}") from None
        if len(results) > MAX_RESULTS:
            raise web.HTTPError(400, f"results: {MAX_RESULTS} at most at once")
        await self.blocking(self.sources.results.publish, course, results)
        self.set_status(204)
        self.finish()

    def check_xsrf_cookie(self):
        """A token, never a cookie, publishes (prepare refuses users): no form can."""


def make_app(
    sources: Sources,
    prefix: str,
    *,
    language: str = "fr",
    timezone: str = "UTC",
    clock: Callable[[], datetime],
    lab_name: str = "codelab",
    hub_url: str = "/hub/home",
    identify=hub_identify,
    exchange: Exchange | None = None,
    xsrf: bool = True,
) -> web.Application:
    prefix = prefix.rstrip("/") + "/"
    api = f"{prefix}api"
    pages = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())
    return web.Application(
        [
            (prefix, HomeHandler),
            (f"{prefix}oauth_callback", HubOAuthCallbackHandler),
            (f"{prefix}trainees/{SEGMENT}", TraineePageHandler),
            (f"{api}/trainees/{SEGMENT}", TraineeApiHandler),
            (f"{prefix}courses/{SEGMENT}/cohorts/{SEGMENT}", CohortPageHandler),
            (f"{api}/courses/{SEGMENT}/cohorts/{SEGMENT}", CohortApiHandler),
            (f"{prefix}evidence/{SEGMENT}/{SEGMENT}/{SEGMENT}", EvidencePageHandler),
            (f"{api}/courses/{SEGMENT}/cohorts/{SEGMENT}/evidence.csv", EvidenceCsvHandler),
            (f"{prefix}feedback/{SEGMENT}/{SEGMENT}/{SEGMENT}", FeedbackHandler),
            (f"{api}/courses/{SEGMENT}/results", ResultsHandler),
            (f"{prefix}extensions/{SEGMENT}/{SEGMENT}/{SEGMENT}", ExtensionHandler),
        ],
        sources=sources,
        prefix=prefix,
        language=language,
        timezone=timezone,
        clock=clock,
        lab_name=lab_name,
        hub_url=hub_url,
        pages=pages,
        compress_response=True,  # a weak link: the page is text
        max_body_size=16 * 1024**2,
        identify=identify,
        exchange=exchange,
        # A form (an extension) carries the hub's per-session xsrf value (HubOAuth checks it).
        xsrf_cookies=xsrf,
        # Signs the OAuth cookie. A new one at each start: a restart only sends each viewer
        # through the hub's OAuth once more, without a click.
        cookie_secret=os.urandom(32),
        log_function=lambda handler: (
            handler.log_access() if isinstance(handler, ProgressHandler) else None
        ),
    )


def _passes(summary: dict, chosen: str, days: int) -> bool:
    idle = summary["inactive_days"]
    return {
        "everyone": True,
        "never_started": summary["never_started"],
        "inactive": idle is None or idle >= days,
        "late": summary["late"] > 0 or summary["missing"] > 0,
        "failing": summary["failing"],
    }[chosen]


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _number(value: float | None, language: str) -> str:
    if value is None:
        return ""
    shown = f"{round(value, 2):g}"
    return shown.replace(".", ",") if language == "fr" else shown


def _seen(days: int | None, language: str) -> str:
    if days is None:
        return t("dashboard_never_seen", language)
    if days <= 0:
        return t("dashboard_today", language)
    return t("dashboard_days_ago", language, days=days)


def _histogram_label(stat: dict, language: str) -> str:
    counts = ", ".join(
        t("dashboard_bin", language, low=10 * i, high=10 * i + 10, count=count)
        for i, count in enumerate(stat["histogram"]) if count
    )  # fmt: skip
    return t("dashboard_histogram", language, title=stat["title"], graded=stat["graded"],
             counts=counts)  # fmt: skip
