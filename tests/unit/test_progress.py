"""The progress service on loopback: real exchange files, real course.yaml, a stand-in hub."""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from codelab.exchange.archive import pack
from codelab.exchange.store import ExchangeStore
from codelab.progress import report
from codelab.progress.results import CellResult, Result, ResultStore
from codelab.progress.service import ExchangeRefused, Sources, make_app

COURSES = Path(__file__).parents[2] / "courses"
PARIS = ZoneInfo("Europe/Paris")
# The cohort starts Monday 2 March 2026; git-bases is due 3 days later (5 March).
START = "2026-03-02"
TODAY = datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
START_MOMENT = datetime(2026, 3, 2, 7, tzinfo=UTC).timestamp()
VIEWERS = {
    "t-lina": {"name": "lina", "kind": "user", "groups": ["nbgrader-web-dev", "cohort-matin"]},
    "t-omar": {"name": "omar", "kind": "user", "groups": ["nbgrader-web-dev", "cohort-matin"]},
    "t-prof": {"name": "prof", "kind": "user", "groups": ["formgrade-web-dev"]},
    "t-other-prof": {"name": "autre", "kind": "user", "groups": ["formgrade-other"]},
    "t-admin": {"name": "admin", "kind": "user", "admin": True, "groups": []},
    "t-web-dev": {"name": "web-dev", "kind": "service"},
    "t-other": {"name": "other", "kind": "service"},
    "t-cli": {"name": "codelab-admin", "kind": "service"},
}
TRAINEES = {
    "lina": ["nbgrader-web-dev", "cohort-matin"],  # on time, graded
    "omar": ["nbgrader-web-dev", "cohort-matin"],  # late
    "ilyes": ["nbgrader-web-dev", "cohort-matin"],  # never starts
    "nadia": ["nbgrader-web-dev", "cohort-soir"],
}


class Hub:
    """The hub as the service's token sees it: users with groups and activity, groups."""

    def paged(self, path):
        seen = {"lina": "2026-03-09T10:00:00Z", "omar": "2026-02-20T10:00:00Z"}
        return [{"name": n, "groups": g, "last_activity": seen.get(n)} for n, g in TRAINEES.items()]

    def groups(self):
        members = lambda k: [n for n, g in TRAINEES.items() if f"cohort-{k}" in g]  # noqa: E731
        return {
            "cohort-matin": {"users": members("matin"), "properties": {"start": START}},
            "cohort-soir": {"users": members("soir"), "properties": {}},
        }


async def identify(handler):
    return VIEWERS.get(handler.request.headers.get("Authorization", "").removeprefix("token "))


NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
FEEDBACK = b"<html><body><p>Bravo</p><script>steal()</script></body></html>"


@pytest.fixture
def lab(tmp_path):
    """The exchange's files after a week: git-bases released 2 March; Lina fetched and
    submitted on time and was graded (3/4) with feedback; Omar fetched and submitted on the
    8th, after his due day; Ilyes did nothing; Nadia's cohort has no start date."""
    moments = iter([
        datetime(2026, 3, 2, 8, tzinfo=UTC), datetime(2026, 3, 3, 9, tzinfo=UTC),
        datetime(2026, 3, 4, 9, tzinfo=UTC), datetime(2026, 3, 8, 9, tzinfo=UTC),
    ] + [datetime(2026, 3, 9, tzinfo=UTC) + timedelta(seconds=s) for s in range(100)])  # fmt: skip
    store = ExchangeStore(tmp_path / "exchange", clock=lambda: next(moments))
    store.release("web-dev", "git-bases", pack({"depot.ipynb": NOTEBOOK}), due_days=3)
    released = tmp_path / "exchange" / "web-dev" / "released" / "git-bases.tar.gz"
    os.utime(released, (START_MOMENT, START_MOMENT))  # the exchange dates a release by its file
    store.record_fetch("web-dev", "lina", "git-bases")
    lina = store.submit("web-dev", "lina", "git-bases", pack({"depot.ipynb": NOTEBOOK}))
    store.record_fetch("web-dev", "omar", "git-bases")
    store.submit("web-dev", "omar", "git-bases", pack({"depot.ipynb": NOTEBOOK}))
    store.release_feedback("web-dev", "lina", "git-bases", lina.timestamp,
                           pack({"depot.html": FEEDBACK}))  # fmt: skip
    results = ResultStore(tmp_path / "progress.sqlite")
    tests = (CellResult(notebook="depot", cell="test-init", score=1, max_score=1),
             CellResult(notebook="depot", cell="test-commit", score=0, max_score=1))  # fmt: skip
    results.publish("web-dev", [Result(student="lina", assignment="git-bases",
                                       timestamp=lina.timestamp, score=3, max_score=4,
                                       tests=tests)])  # fmt: skip
    names = {"lina": ("Lina", "Mansouri"), "omar": ("Omar", "Sow")}
    sources = Sources(store, results, COURSES, ["web-dev"], Hub(), names=lambda: names)
    exchange = GrantingExchange()
    ready, state = threading.Event(), {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = make_app(sources, "/services/progress/", timezone="Europe/Paris",
                       clock=lambda: TODAY, identify=identify, exchange=exchange,
                       xsrf=False)  # fmt: skip
        server = HTTPServer(app)
        server.listen(0, "127.0.0.1")
        state["port"] = next(iter(server._sockets.values())).getsockname()[1]
        state["loop"] = IOLoop.current()
        ready.set()
        state["loop"].start()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    base = f"http://127.0.0.1:{state['port']}/services/progress/"

    def call(path, token, method="GET", **kwargs):
        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.request(method, base + path, headers=headers, timeout=10,
                                allow_redirects=False, **kwargs)  # fmt: skip

    call.store, call.results, call.exchange, call.sources = store, results, exchange, sources
    yield call
    state["loop"].add_callback(state["loop"].stop)


class GrantingExchange:
    """The exchange's extension endpoint: what it was asked; a day in the past is refused."""

    def __init__(self):
        self.asked = []

    def extend(self, course, trainee, assignment, body):
        if body["due"] < "2026-03-10":
            raise ExchangeRefused("due: the new last day must be today or later")
        self.asked.append((course, trainee, assignment, body))


def rows(course: dict) -> dict[str, dict]:
    return {row["id"]: row for row in report.rows_of(course)}


def test_her_page_says_what_is_due_done_and_graded_by_her_cohort_s_dates(lab):
    mine = lab("api/trainees/lina", "t-lina").json()
    course = mine["courses"][0]
    git = rows(course)["git-bases"]
    assert mine["name"] == "Lina Mansouri" and mine["cohort"] == "matin"
    assert (git["status"], git["due"], git["late"]) == ("graded", "2026-03-05", False)
    assert (git["score"], git["max_score"], git["released"]) == (3, 4, "2026-03-02")
    assert git["feedback"]  # the graded submission has its feedback
    # Not released yet, but planned: due 7 days after the start, nothing else known.
    branches = rows(course)["git-branches"]
    assert (branches["status"], branches["due"], branches["score"]) == (
        "not_released", "2026-03-09", None
    )  # fmt: skip
    assert course["progress"] == {"assignments": 14, "released": 1, "submitted": 1, "graded": 1}
    cp1 = next(c for c in course["competencies"] if c["id"] == "CP1")
    # git-bases (4) + git-branches (4) evidence CP1; 3 earned, of 4 graded, of 8 in the track.
    assert (cp1["earned"], cp1["graded"], cp1["possible"], cp1["mastered"]) == (3, 4, 8, False)
    assert not cp1["below"]  # 75 % of the graded work: above the 70 % mark


def test_late_and_never_started_are_told_apart(lab):
    omar = rows(lab("api/trainees/omar", "t-omar").json()["courses"][0])["git-bases"]
    assert (omar["status"], omar["late"], omar["score"]) == ("submitted", True, None)
    ilyes = rows(lab("api/trainees/ilyes", "t-prof").json()["courses"][0])["git-bases"]
    assert (ilyes["status"], ilyes["late"], ilyes["fetched_at"]) == ("late", True, None)


def test_an_extension_moves_her_due_day_and_her_late_mark(lab):
    lab.store.extend("web-dev", "omar", "git-bases", "2026-03-09", "malade", "prof")
    omar = lab("api/trainees/omar", "t-omar").json()
    row = rows(omar["courses"][0])["git-bases"]
    assert (row["due"], row["extended"], row["late"]) == ("2026-03-09", True, False)


def test_the_next_deadline_comes_first(lab):
    lab.store.release("web-dev", "git-branches", pack({"b.ipynb": NOTEBOOK}), due_days=14)
    mine = lab("api/trainees/lina", "t-lina").json()
    assert (mine["next_deadline"]["id"], mine["next_deadline"]["due"]) == (
        "git-branches", "2026-03-16"
    )  # fmt: skip


@pytest.mark.parametrize("token", ["t-omar", "t-other-prof", "t-web-dev"])
def test_nobody_else_reads_her_page_or_her_json(lab, token):
    for path in ("api/trainees/lina", "trainees/lina", "feedback/web-dev/lina/git-bases"):
        answer = lab(path, token)
        assert answer.status_code == 403, path
        assert b"Lina" not in answer.content and b"Bravo" not in answer.content


def test_no_token_no_json(lab):  # (a page without a login goes to the hub's: e2e)
    for path in ("api/trainees/lina", "api/courses/web-dev/cohorts/matin"):
        assert lab(path, None).status_code == 403


def test_someone_the_lab_does_not_know_is_403_like_anyone_else(lab):
    assert lab("api/trainees/nobody", "t-omar").status_code == 403
    assert lab("api/trainees/nobody", "t-prof").status_code == 403


def test_her_instructors_and_admins_read_her_page(lab):
    for token in ("t-prof", "t-admin", "t-cli"):  # the admin's CLI reads as an admin
        assert lab("api/trainees/lina", token).status_code == 200
    assert lab("api/courses/web-dev/cohorts/matin", "t-cli").status_code == 200


def test_the_cohort_dashboard_is_for_the_course_s_instructors_only(lab):
    for token in ("t-lina", "t-other-prof", "t-web-dev"):
        assert lab("api/courses/web-dev/cohorts/matin", token).status_code == 403
    assert lab("api/courses/web-dev/cohorts/nope", "t-prof").status_code == 404
    cohort = lab("api/courses/web-dev/cohorts/matin", "t-prof").json()
    assert [t["username"] for t in cohort["trainees"]] == ["ilyes", "lina", "omar"]
    assert cohort["start"] == START and cohort["total"] == 3
    git = next(s for s in cohort["statistics"] if s["id"] == "git-bases")
    assert git["histogram"][7] == 1 and sum(git["histogram"]) == 1  # 3/4: the 70-80 % bar
    assert git["most_failed"] == [{"notebook": "depot", "cell": "test-commit", "failed": 1}]


@pytest.mark.parametrize(
    ("chosen", "who"),
    [("never_started", ["ilyes"]), ("late", ["ilyes", "omar"]), ("inactive", ["ilyes", "omar"]),
     ("failing", []), ("everyone", ["ilyes", "lina", "omar"])],
)  # fmt: skip
def test_the_dashboard_s_filters(lab, chosen, who):
    found = lab(f"api/courses/web-dev/cohorts/matin?filter={chosen}&days=7", "t-prof").json()
    assert [t["username"] for t in found["trainees"]] == who


def test_a_wrong_filter_says_which_exist(lab):
    answer = lab("api/courses/web-dev/cohorts/matin?filter=lazy", "t-prof")
    assert answer.status_code == 400 and "never_started" in answer.json()["message"]
    assert lab("api/courses/web-dev/cohorts/matin?days=-3", "t-prof").status_code == 400


def test_only_the_course_s_own_grading_service_publishes(lab):
    body = [{"student": "omar", "assignment": "git-bases", "score": 4, "max_score": 4,
             "timestamp": "2026-03-08 09:00:00.000000 UTC"}]  # fmt: skip
    for token in ("t-omar", "t-prof", "t-admin", "t-other"):
        assert lab("api/courses/web-dev/results", token, "PUT", json=body).status_code == 403
    assert lab("api/courses/web-dev/results", "t-web-dev", "PUT", json=body).status_code == 204
    assert lab.results.results("web-dev")["omar", "git-bases"].score == 4
    bad = lab("api/courses/web-dev/results", "t-web-dev", "PUT", json=[{"score": -1}])
    assert bad.status_code == 400 and "results" in bad.json()["message"]
    odd_time = lab("api/courses/web-dev/results", "t-web-dev", "PUT",
                   json=[{**body[0], "timestamp": "hier"}])  # fmt: skip
    assert odd_time.status_code == 400 and "timestamp" in odd_time.json()["message"]
    assert lab("api/trainees/omar", "t-omar").status_code == 200  # her page still shows


def test_feedback_is_served_where_no_script_of_hers_can_run(lab):
    answer = lab("feedback/web-dev/lina/git-bases", "t-lina")
    assert answer.status_code == 200 and b"Bravo" in answer.content
    policy = answer.headers["Content-Security-Policy"]
    assert policy.startswith("sandbox;") and "script-src" not in policy
    assert lab("feedback/web-dev/lina/git-bases", "t-prof").status_code == 200
    assert lab("feedback/web-dev/omar/git-bases", "t-omar").status_code == 404  # none yet


def test_the_pages_are_french_scriptless_and_say_it_plainly(lab):
    page = lab("trainees/lina", "t-lina")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert "Mon parcours" in page.text and "noté" in page.text and "<script" not in page.text
    assert "jeudi 5 mars" in page.text and "5 mars 2026" not in page.text  # this year
    assert "note : 3 / 4" in page.text
    assert "script-src" not in page.headers["Content-Security-Policy"]
    board = lab("courses/web-dev/cohorts/matin?filter=never_started", "t-prof")
    assert board.status_code == 200 and "<svg" in board.text and "Lina" not in board.text.split(
        "<tbody>")[1].split("</tbody>")[0]  # fmt: skip
    refused = lab("trainees/lina", "t-omar")
    assert refused.status_code == 403 and "pas la vôtre" in refused.text


def test_the_home_page_takes_each_to_their_own_place(lab):
    assert lab("", "t-lina").headers["Location"] == "/services/progress/trainees/lina"
    index = lab("", "t-prof")
    assert index.status_code == 200 and "/courses/web-dev/cohorts/matin" in index.text
    assert "/courses/web-dev/cohorts/soir" in index.text


def test_a_trainee_of_no_course_reads_that_she_is_in_none(lab):
    VIEWERS["t-new"] = {"name": "new", "kind": "user", "groups": []}
    try:
        mine = lab("api/trainees/new", "t-new").json()
    finally:
        del VIEWERS["t-new"]
    assert mine["courses"] == [] and mine["next_deadline"] is None


def test_the_histogram_puts_full_marks_in_the_last_bar():
    assert report.histogram([(4, 4), (0, 4), (1.9, 4), (2, 0)]) == [1, 0, 0, 0, 1, 0, 0, 0, 0, 1]


def test_the_day_ends_at_midnight_in_the_school_s_zone():
    assert date(2026, 3, 5).isoformat() == "2026-03-05"


def test_the_jury_s_document_lists_every_competency_with_its_graded_work_as_text(lab):
    page = lab("evidence/web-dev/matin/lina", "t-prof")
    assert page.status_code == 200 and "Dossier de preuves — Lina Mansouri" in page.text
    for cp in report.CPS:
        assert f'id="cp-{cp}"' in page.text
    assert "Un premier dépôt git" in page.text and "note : 3 / 4" in page.text
    # Her feedback's text, her markup and script as inert text or gone: nothing of hers runs.
    assert "Bravo" in page.text and "<script>" not in page.text and "steal()" not in page.text
    for token in ("t-omar", "t-other-prof"):
        assert lab("evidence/web-dev/matin/lina", token).status_code == 403
    assert lab("evidence/web-dev/soir/lina", "t-prof").status_code == 404  # not her cohort


def test_the_cohort_s_competencies_csv_is_safe_in_a_spreadsheet(lab, monkeypatch):
    answer = lab("api/courses/web-dev/cohorts/matin/evidence.csv", "t-prof")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("username,nom,prénom,promotion,CP1 points,CP1 sur,CP1 maîtrisé")
    assert lines[2].startswith("lina,Mansouri,Lina,matin,3.0,8.0,non")
    assert lab("api/courses/web-dev/cohorts/matin/evidence.csv", "t-lina").status_code == 403


def test_a_name_that_looks_like_a_formula_stays_text():
    from codelab.progress.evidence import competencies_csv

    cohort = {"cohort": "matin", "trainees": [{
        "username": "x", "last_name": '=HYPERLINK("http://evil")', "first_name": "+1",
        "competencies": [{"earned": 1, "possible": 2, "mastered": False}] * 8,
    }]}  # fmt: skip
    row = competencies_csv(cohort, "fr").decode("utf-8-sig").splitlines()[1]
    assert row.startswith('x,"\'=HYPERLINK(""http://evil"")",\'+1,matin,1,2,non')


def test_the_work_reads_as_text_words_apart_code_kept():
    from codelab.progress.evidence import work_text

    page = (
        b"<html><head><style>p{}</style></head><body><p>Un <code>commit</code> est\n une"
        b" photo</p><pre>def f():\n    return 1</pre><script>x()</script></body></html>"
    )
    assert work_text(page) == "Un commit est une photo\n\ndef f():\n    return 1"


def test_an_instructor_gives_more_time_from_the_trainee_s_page(lab):
    page = lab("trainees/omar", "t-prof")
    assert "Prolonger le délai" in page.text and 'type="date" name="until"' in page.text
    assert "Prolonger le délai" not in lab("trainees/omar", "t-omar").text  # not for herself
    form = {"until": "2026-03-20", "reason": "malade"}
    answer = lab("extensions/web-dev/omar/git-bases", "t-prof", "POST", data=form)
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/services/progress/trainees/omar?extended=git-bases"
    assert lab.exchange.asked == [
        ("web-dev", "omar", "git-bases",
         {"due": "2026-03-20", "reason": "malade", "granted_by": "prof"})
    ]  # fmt: skip
    assert "Délai prolongé" in lab("trainees/omar?extended=git-bases", "t-prof").text


def test_nobody_else_gives_time_and_a_refusal_is_said(lab):
    form = {"until": "2026-03-20", "reason": "moi"}
    for token in ("t-omar", "t-lina", "t-other-prof", "t-web-dev"):
        assert lab("extensions/web-dev/omar/git-bases", token, "POST", data=form).status_code == 403
    unknown = lab("extensions/web-dev/nobody/git-bases", "t-prof", "POST", data=form)
    assert unknown.status_code == 404
    past = lab("extensions/web-dev/omar/git-bases", "t-prof", "POST",
               data={"until": "2026-03-01", "reason": "x"})  # fmt: skip
    assert past.status_code == 400 and "today or later" in past.text  # a page, in French
    assert "Le délai n'a pas été prolongé" in past.text.replace("&#39;", "'")
    assert lab.exchange.asked == []


def test_a_broken_course_yaml_is_said_plainly_and_hides_nothing_else(lab, tmp_path):
    import shutil

    broken = tmp_path / "courses"
    shutil.copytree(
        COURSES / "web-dev", broken / "web-dev", ignore=shutil.ignore_patterns("source")
    )
    lab.sources.courses_root = broken
    (broken / "web-dev" / "course.yaml").write_text("id: web-dev\nmodules: []\n")
    mine = lab("api/trainees/lina", "t-lina")
    assert mine.status_code == 200 and mine.json()["courses"] == []  # her other courses: none
    board = lab("courses/web-dev/cohorts/matin", "t-prof")
    assert board.status_code == 503 and "prévenez l" in board.text and str(broken) not in board.text


def test_a_feedback_archive_gone_since_it_was_listed_is_not_found(lab):
    folder = lab.store.root / "web-dev" / "feedback" / "lina" / "git-bases"
    for archive_file in folder.glob("*.tar.gz"):
        archive_file.write_bytes(b"not a tar")
    assert lab("feedback/web-dev/lina/git-bases", "t-lina").status_code == 404


def test_a_name_with_a_slash_or_dots_is_looked_up_nowhere(lab):
    for path in ("trainees/..%2Flina", "extensions/web-dev/omar/..%2F..%2Fother%2Fx",
                 "feedback/web-dev/lina/..", "api/trainees/%2E%2E"):  # fmt: skip
        method = "POST" if path.startswith("extensions") else "GET"
        answer = lab(path, "t-prof", method, data={"until": "2026-04-01", "reason": "x"})
        assert answer.status_code == 404, path
    assert lab.exchange.asked == []
