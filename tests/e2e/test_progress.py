"""« Mon parcours » and the cohort dashboard on the real stack, as their people meet them.

A cohort that started on 2 March 2026: « git-bases » was due on the 5th. Awa was given until
2099 (an extension) and hands in the right answer; Karim hands in the stub, late; Binta never
starts. The instructor releases, collects, autogrades and sends feedback with the CLI; then,
in Chromium, each trainee reads her own page (phone and laptop), the instructor reads the
dashboard and its filters, and a curious trainee tries for someone else's page: with her
cookie in the browser, and with her server's token from inside her container.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager

import pytest

from .test_cohort import roster
from .test_exchange import nbgrader
from .test_instructor_walk import ANSWER_SCRIPT, reference_answer
from .test_pages import SCREENS, check_page

pytestmark = pytest.mark.e2e

COURSE, ASSIGNMENT, NOTEBOOK = "web-dev", "git-bases", "depot"
COHORT = "progres-mars"
PEOPLE = [("Awa", "Kouyaté"), ("Karim", "Ouédraogo"), ("Binta", "Sissoko")]  # nobody else's
AWA, KARIM, BINTA = "awa.kouyate", "karim.ouedraogo", "binta.sissoko"
PASSWORD = "Parcours-2026-mdp"
INSTRUCTOR = "prof.nguyen"
# From inside a trainee's container, with her server's own token, through the hub's proxy.
PEEK = r"""
import json, os, sys, urllib.request, urllib.error
request = urllib.request.Request(sys.argv[1], headers={
    "Host": sys.argv[2], "Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]})
try:
    with urllib.request.urlopen(request, timeout=30) as response:
        status, body = response.status, response.read()
except urllib.error.HTTPError as error:
    status, body = error.code, error.read()
print(json.dumps({"status": status, "body": body.decode("utf-8", "replace")}))
"""


@pytest.fixture(scope="module")
def cohort(lab, tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress")
    (folder / "roster.csv").write_bytes(roster(PEOPLE))
    lab.cli("cohort", "import", str(folder / "roster.csv"), "--cohort", COHORT,
            "--course", COURSE, "--start", "2026-03-02")  # fmt: skip
    for name in (AWA, KARIM, BINTA):
        body = {"password": PASSWORD, "must_change": False}
        assert lab.api("PUT", f"/codelab/accounts/{name}", json=body).status_code == 204
    added = lab.cli("instructor", "add", INSTRUCTOR, "--course", COURSE).stdout
    first = re.search(r"initial password \(shown once\): (\S+)", added).group(1)
    body = {"password": PASSWORD, "must_change": False}
    assert lab.api("PUT", f"/codelab/accounts/{INSTRUCTOR}", json=body).status_code == 204, first
    lab.cli("course", "release", COURSE, ASSIGNMENT)
    lab.cli("course", "extend", COURSE, ASSIGNMENT, AWA, "--until", "2099-01-15",
            "--reason", "rendez-vous à la préfecture", "--by", INSTRUCTOR)  # fmt: skip
    for name in (AWA, KARIM):
        lab.start_server(name)
        code, output = nbgrader(lab, name, "fetch_assignment", ASSIGNMENT, "--course", COURSE)
        assert code == 0, output
    written = lab.container(AWA).exec_run(
        ["python3", "-c", ANSWER_SCRIPT, f"{ASSIGNMENT}/{NOTEBOOK}.ipynb", reference_answer()],
        user=str(lab.uid_of(AWA)), workdir="/home/trainee",
    )  # fmt: skip
    assert written.exit_code == 0, written.output
    for name in (AWA, KARIM):
        code, output = nbgrader(lab, name, "submit", ASSIGNMENT, "--course", COURSE)
        assert code == 0, output
    for step in ("collect", "autograde", "feedback"):
        lab.cli("course", step, COURSE, ASSIGNMENT)
    return lab


@pytest.fixture(scope="module")
def artefacts(lab):
    folder = lab.state.parent / "artefacts" / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def logged_in(browser, lab, name: str, screen: str):
    """A browser of her own (a phone or a laptop), logged in to the lab."""
    context = browser.new_context(locale="fr-FR", **SCREENS[screen])
    page = context.new_page()
    try:
        lab.browser_login(page, name, PASSWORD)
        page.wait_for_url(lambda url: "/hub/login" not in url, timeout=60_000)
        yield context, page
    finally:
        context.close()


def progress_url(lab, path: str = "") -> str:
    return f"{lab.service_url('progress')}/{path}"


def visit(page, url: str) -> tuple[int, str]:
    """What the browser gets at `url`, with its cookies (typed in the address bar)."""
    response = page.goto(url)
    return response.status, response.text()


def assignment(report: dict, wanted: str = ASSIGNMENT) -> dict:
    rows = [r for c in report["courses"] for m in c["modules"] for r in m["assignments"]]
    return next(r for r in rows if r["id"] == wanted)


@pytest.mark.parametrize("screen", SCREENS)
def test_each_trainee_reads_where_she_stands_from_the_hub_home(cohort, browser, artefacts, screen):
    lab = cohort
    with logged_in(browser, lab, AWA, screen) as (context, page):
        page.goto(f"{lab.url}/hub/home")
        page.get_by_role("link", name="Mon parcours").click()  # through the hub's OAuth
        page.wait_for_url(f"**/services/progress/trainees/{AWA}", timeout=60_000)
        page.get_by_role("heading", name="Mon parcours").wait_for()
        text = page.locator("main").inner_text()
        assert "Un premier dépôt git" in text and "noté" in text and "note : 4 / 4" in text
        assert "à rendre le jeudi 15 janvier 2099 (délai prolongé)" in text, text
        assert "Lire la correction" in text and "CP1" in text and "4 / 8 points" in text
        check_page(page, f"trainee-{screen}", screen, artefacts)
        # Her feedback, from the page: her own work, in a sandbox where no script runs.
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile("^Lire la correction")).first.click()
        assert page.url.startswith(progress_url(lab, f"feedback/{COURSE}/{AWA}/{ASSIGNMENT}"))
        assert page.locator("body").inner_text().strip()


def test_her_json_is_her_own_and_says_the_same(cohort, browser):
    lab = cohort
    with logged_in(browser, lab, KARIM, "laptop") as (context, page):
        page.goto(progress_url(lab, f"trainees/{KARIM}"))
        page.get_by_role("heading", name="Mon parcours").wait_for()
        status, body = visit(page, progress_url(lab, f"api/trainees/{KARIM}"))
        row = assignment(json.loads(body))
        assert status == 200 and (row["status"], row["late"], row["score"]) == ("graded", True, 0)
        assert row["due"] == "2026-03-05" and not row["extended"]
        # Karim, curious: Awa's page and JSON, and her feedback, with his own cookie.
        for path in (f"trainees/{AWA}", f"api/trainees/{AWA}",
                     f"feedback/{COURSE}/{AWA}/{ASSIGNMENT}",
                     f"api/courses/{COURSE}/cohorts/{COHORT}",
                     f"courses/{COURSE}/cohorts/{COHORT}"):  # fmt: skip
            status, body = visit(page, progress_url(lab, path))
            assert status == 403, path
            assert "Awa" not in body and "Kouyat" not in body, path


def test_his_server_token_from_inside_his_container_reads_nothing(cohort):
    lab = cohort
    origin = lab.origin_of("progress", "service").split("://")[1]
    for who in (AWA, KARIM):
        url = f"http://{lab.prefix}-hub:8000/services/progress/api/trainees/{who}"
        result = lab.container(KARIM).exec_run(
            ["python3", "-c", PEEK, url, origin], user=str(lab.uid_of(KARIM))
        )
        answer = json.loads(result.output.decode().strip().splitlines()[-1])
        assert answer["status"] == 403, answer
        assert "Awa" not in answer["body"] and "score" not in answer["body"]


def test_the_instructor_s_dashboard_shows_who_needs_her(cohort, browser, artefacts):
    lab = cohort
    for screen in SCREENS:
        with logged_in(browser, lab, INSTRUCTOR, screen) as (context, page):
            page.goto(progress_url(lab))
            page.get_by_role("link", name=COHORT).click()
            page.wait_for_url(f"**/cohorts/{COHORT}", timeout=30_000)
            board = page.locator("main")
            assert "Awa Kouyaté" in board.inner_text() and page.locator("svg").count() >= 1
            # The matrix scrolls in its own region on a phone; the page itself does not.
            check_page(page, f"dashboard-{screen}", screen, artefacts, fits=False)
            assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
            page.select_option("select[name=filter]", "never_started")
            with page.expect_navigation():
                page.get_by_role("button", name="Afficher").click()
            rows = page.locator("table").first.locator("tbody tr").all_inner_texts()
            assert len(rows) == 1 and "Binta Sissoko" in rows[0], rows
    status, data = as_json_with_token(lab, f"api/courses/{COURSE}/cohorts/{COHORT}?filter=late")
    assert status == 200
    late = {t["username"] for t in data["trainees"]}
    assert {KARIM, BINTA} <= late, late  # (the shared lab may have released more since)
    everyone = as_json_with_token(lab, f"api/courses/{COURSE}/cohorts/{COHORT}")[1]
    awa = next(t for t in everyone["trainees"] if t["username"] == AWA)
    row = next(r for r in awa["assignments"] if r["id"] == ASSIGNMENT)
    assert (row["extended"], row["late"], row["score"], row["max_score"]) == (True, False, 4, 4)
    stats = next(s for s in everyone["statistics"] if s["id"] == ASSIGNMENT)
    assert stats["graded"] >= 2 and stats["histogram"][0] >= 1 and stats["histogram"][-1] >= 1
    assert stats["most_failed"], stats  # Karim's stub failed the tests


def as_json_with_token(lab, path: str) -> tuple[int, dict]:
    """The API as a script reads it: the admin's CLI token (a service with access)."""
    answer = lab.http(lab.token).get(progress_url(lab, path), timeout=30)
    return answer.status_code, answer.json()


def test_jupyterlab_s_help_menu_opens_her_page_in_a_tab(cohort, browser):
    lab = cohort
    with logged_in(browser, lab, AWA, "laptop") as (context, page):
        page.goto(f"{lab.user_url(AWA)}/lab/tree/{ASSIGNMENT}/{NOTEBOOK}.ipynb")
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Mes devoirs").wait_for(
            timeout=120_000
        )
        page.locator(".lm-MenuBar-item", has_text="Aide").click()
        with context.expect_page() as opened:
            page.locator(".lm-Menu-item", has_text="Mon parcours").click()
        tab = opened.value
        tab.get_by_role("heading", name="Mon parcours").wait_for(timeout=60_000)
        assert tab.url == progress_url(lab, f"trainees/{AWA}")


def test_the_jury_s_evidence_from_the_cli_and_from_the_dashboard(cohort, browser, artefacts,
                                                                 tmp_path):  # fmt: skip
    lab = cohort
    lab.cli("cohort", "evidence", COHORT, "--out", str(tmp_path))
    table = (tmp_path / f"{COURSE}-{COHORT}-competences.csv").read_text("utf-8-sig")
    assert table.splitlines()[0].startswith("username,nom,prénom,promotion,CP1 points")
    assert {line.split(",")[0] for line in table.splitlines()[1:]} == {AWA, KARIM, BINTA}
    document = (tmp_path / COURSE / f"{AWA}.html").read_text("utf-8")
    for cp in ("CP1", "CP2", "CP3", "CP4", "CP5", "CP6", "CP7", "CP8"):
        assert f'id="cp-{cp}"' in document
    assert "Un premier dépôt git" in document and "note : 4 / 4" in document
    answer = next(line.strip() for line in reference_answer().splitlines() if line.strip())
    assert answer.replace('"', "&#34;").replace("'", "&#39;") in document or answer in document
    assert (tmp_path / COURSE / f"{AWA}.pdf").read_bytes().startswith(b"%PDF")
    for screen in SCREENS:
        with logged_in(browser, lab, INSTRUCTOR, screen) as (context, page):
            page.goto(progress_url(lab, f"courses/{COURSE}/cohorts/{COHORT}"))
            page.get_by_role("link", name="dossier — Awa Kouyaté").click()
            page.get_by_role("heading", name="Dossier de preuves — Awa Kouyaté").wait_for()
            check_page(page, f"evidence-{screen}", screen, artefacts)


def test_the_instructor_gives_karim_more_time_from_his_page(cohort, browser, artefacts):
    """(Last: Karim is no longer late after it.)"""
    lab = cohort
    with logged_in(browser, lab, INSTRUCTOR, "phone") as (context, page):
        page.goto(progress_url(lab, f"trainees/{KARIM}"))
        page.get_by_text("Prolonger le délai — Un premier dépôt git").click()
        page.fill("input[name=until]", "2099-02-01")
        page.fill("input[name=reason]", "ordinateur en panne")
        check_page(page, "extension-phone", "phone", artefacts)
        with page.expect_navigation():
            page.get_by_role("button", name="Prolonger").click()
        page.get_by_role("status").get_by_text("Délai prolongé").wait_for()
        assert "à rendre le dimanche 1er février 2099 (délai prolongé)" in page.inner_text("main")
    status, data = as_json_with_token(lab, f"api/trainees/{KARIM}")
    row = assignment(data)
    assert (row["due"], row["extended"], row["late"]) == ("2099-02-01", True, False)
    assert row["extension_reason"] == "ordinateur en panne"
    extensions = lab.cli("course", "extend", "--help").stdout  # the CLI's way still stands
    assert "--until" in extensions
