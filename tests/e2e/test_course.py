"""A course end to end: release, fetch, submit, collect, autograde, feedback, export."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from codelab.courses import load_course

from .test_exchange import nbgrader, recorded_students
from .test_pages import SCREENS, check_page

pytestmark = pytest.mark.e2e

COURSE, ASSIGNMENT = "web-dev", "python-bases"
# What trainees read in their assignments panel: course.yaml's title and points.
LISTED = load_course(Path(__file__).parents[2] / "courses" / COURSE).assignment(ASSIGNMENT)
PASSWORD = "Motdepasse-2026"
ANSWERS = {
    "rania": 'def salutation(prenom):\n    return f"Bonjour, {prenom} !"',  # right
    "sami": 'def salutation(prenom):\n    return "Bonjour, Amina !"',  # visible test only
    "theo": 'def salutation(prenom):\n    raise ValueError("oups")',  # raises
}
# Writes the trainee's answer into the solution cell of the fetched notebook.
ANSWER_SCRIPT = r"""
import json, sys
path = "python-bases/salutation.ipynb"
notebook = json.load(open(path))
for cell in notebook["cells"]:
    if cell["metadata"].get("nbgrader", {}).get("grade_id") == "salutation":
        cell["source"] = sys.argv[1]
json.dump(notebook, open(path, "w"))
"""


def fetch_answer_and_submit(lab, name: str, answer: str) -> None:
    """In the trainee's running container, as the trainee: fetch, write the answer, submit."""
    code, output = nbgrader(lab, name, "fetch_assignment", ASSIGNMENT, "--course", COURSE)
    assert code == 0, output
    written = lab.container(name).exec_run(
        ["python3", "-c", ANSWER_SCRIPT, answer], user=str(lab.uid_of(name)),
        workdir="/home/trainee",
    )  # fmt: skip
    assert written.exit_code == 0, written.output
    code, output = nbgrader(lab, name, "submit", ASSIGNMENT, "--course", COURSE)
    assert code == 0, output


@pytest.fixture(scope="module")
def graded(lab, tmp_path_factory):
    for name in ANSWERS:
        lab.create_trainee(name, PASSWORD)
    lab.api("POST", f"/groups/nbgrader-{COURSE}")
    lab.api("POST", f"/groups/nbgrader-{COURSE}/users", json={"users": list(ANSWERS)})
    lab.cli("course", "release", COURSE, ASSIGNMENT)
    for name, answer in ANSWERS.items():
        lab.start_server(name)
        fetch_answer_and_submit(lab, name, answer)
    lab.cli("course", "collect", COURSE, ASSIGNMENT)
    lab.cli("course", "autograde", COURSE, ASSIGNMENT)
    lab.cli("course", "feedback", COURSE, ASSIGNMENT)
    out = tmp_path_factory.mktemp("export") / "grades.csv"
    lab.cli("course", "export", COURSE, "--out", str(out))
    return lab, out


def test_export_holds_the_expected_scores(graded):
    _, out = graded
    rows = {
        row["student_id"]: row
        for row in csv.DictReader(out.open(encoding="utf-8-sig"))
        if row["assignment"] == ASSIGNMENT
    }
    assert {name: float(rows[name]["score"]) for name in ANSWERS} == {
        "rania": 3.0,
        "sami": 1.0,
        "theo": 0.0,
    }


def test_each_trainee_fetches_their_own_feedback(graded):
    lab, _ = graded
    for name in ANSWERS:
        code, output = nbgrader(lab, name, "fetch_feedback", ASSIGNMENT, "--course", COURSE)
        assert code == 0, output
        found = lab.container(name).exec_run(
            ["sh", "-c", f"ls /home/trainee/{ASSIGNMENT}/feedback/*/salutation.html"]
        )
        assert found.exit_code == 0, found.output


def test_no_feedback_shows_a_hidden_test(graded):
    lab, _ = graded
    # The graded notebooks do hold the hidden tests: the feedback step is what removes them.
    grader = lab.docker.containers.get(f"{lab.prefix}-course-{COURSE}")
    autograded = grader.exec_run(["sh", "-c", f"cat /srv/course/autograded/*/{ASSIGNMENT}/*.ipynb"])
    assert "Jean-Pierre" in autograded.output.decode()
    for name in ANSWERS:
        nbgrader(lab, name, "fetch_feedback", ASSIGNMENT, "--course", COURSE)
        pages = (
            lab.container(name)
            .exec_run(["sh", "-c", f"cat /home/trainee/{ASSIGNMENT}/feedback/*/*.html"])
            .output.decode()
        )
        assert "salutation" in pages  # the page is there, with the trainee's own code
        for secret in ("Jean-Pierre", "for nom in", "BEGIN HIDDEN TESTS"):
            assert secret not in pages, (name, secret)
    theo = (
        lab.container("theo")
        .exec_run(["sh", "-c", f"cat /home/trainee/{ASSIGNMENT}/feedback/*/*.html"])
        .output.decode()
    )
    assert "Un test caché n&#39;a pas réussi" in theo or "Un test caché n'a pas réussi" in theo


@pytest.mark.parametrize("screen", SCREENS)
def test_the_feedback_page_speaks_french_shows_no_id_and_passes_axe(graded, browser, screen):
    lab, _ = graded
    nbgrader(lab, "rania", "fetch_feedback", ASSIGNMENT, "--course", COURSE)
    listed = lab.container("rania").exec_run(
        ["sh", "-c", f"cd /home/trainee && ls {ASSIGNMENT}/feedback/*/salutation.html"]
    )
    page_path = quote(listed.output.decode().splitlines()[0])  # the stamp has spaces
    context = browser.new_context(locale="fr-FR", **SCREENS[screen])
    page = context.new_page()
    artefacts = lab.state.parent / "artefacts" / "feedback"
    artefacts.mkdir(parents=True, exist_ok=True)
    try:
        lab.browser_login(page, "rania", PASSWORD)
        page.wait_for_url("**/user/rania/**", timeout=240_000)
        page.goto(f"{lab.user_url('rania')}/files/{page_path}")
        text = page.locator("body").inner_text()
        assert "Votre réponse" in text and "(note : 3 / 3)" in text, text[:500]
        for english_or_id in ("Student", "Score", "Grade cell", "test_visible", "In ["):
            assert english_or_id not in text, english_or_id
        check_page(page, "feedback", screen, artefacts)
    finally:
        context.close()


def test_course_list_shows_the_assignments(graded):
    lab, _ = graded
    listed = lab.cli("course", "list").stdout
    assert "python-bases" in listed and "moyennes" in listed


def test_unknown_course_or_assignment_is_refused_clearly(lab):
    result = lab.cli("course", "release", COURSE, "html-99", check=False)
    assert result.returncode == 1 and "no assignment 'html-99'" in " ".join(result.stderr.split())
    result = lab.cli("course", "release", "maths", "x", check=False)
    assert result.returncode == 1 and "not in" in result.stderr


def test_no_solution_or_hidden_test_anywhere_a_trainee_can_read(graded):
    lab, _ = graded
    search = (
        "grep -rlsF -e 'Jean-Pierre' -e 'BEGIN SOLUTION' -e 'BEGIN HIDDEN TESTS' "
        "/home /tmp /srv /opt/codelab/venv/etc /etc 2>/dev/null; true"
    )
    for name in ANSWERS:
        found = lab.container(name).exec_run(["sh", "-c", search], user=str(lab.uid_of(name)))
        assert found.output.decode().strip() == "", (name, found.output)


def test_formgrader_for_instructors_only(graded):
    lab, _ = graded
    lab.create_trainee("prof", PASSWORD)
    lab.api("POST", f"/groups/formgrade-{COURSE}/users", json={"users": ["prof"]})
    session, _ = lab.login("prof", PASSWORD)
    page = session.get(f"{lab.service_url(COURSE)}/formgrader", timeout=60)
    assert page.status_code == 200, page.text[-500:]
    assert "formgrader" in page.text.lower()
    assert "encountered an error" not in page.text  # nbgrader's page for a bad setup
    assert "frame-ancestors 'self'" in page.headers.get("Content-Security-Policy", "")
    trainee, _ = lab.login("rania", PASSWORD)
    refused = trainee.get(f"{lab.service_url(COURSE)}/formgrader", timeout=60)
    assert refused.status_code == 403


def test_the_formgraders_autograde_button_runs_the_submission_in_a_sandbox(graded):
    lab, _ = graded
    lab.create_trainee("prof3", PASSWORD)
    lab.api("POST", f"/groups/formgrade-{COURSE}/users", json={"users": ["prof3"]})
    session, _ = lab.login("prof3", PASSWORD)
    base = f"{lab.service_url(COURSE)}/formgrader"
    assert session.get(base, timeout=60).status_code == 200  # sets the _xsrf cookie
    xsrf = next(c.value for c in session.cookies
                if c.name == "_xsrf" and c.path.startswith(f"/services/{COURSE}"))  # fmt: skip
    runs_before = lab.hub_logs().count(f"{COURSE} ran a submission")
    answer = session.post(
        f"{base}/api/submission/{ASSIGNMENT}/sami/autograde",
        headers={"X-XSRFToken": xsrf},
        timeout=300,
    )
    assert answer.status_code == 200 and answer.json()["success"], answer.text[-2000:]
    # The course's grading service asked the sandbox for exactly this one run.
    assert lab.hub_logs().count(f"{COURSE} ran a submission") == runs_before + 1
    score = session.get(f"{base}/api/submission/{ASSIGNMENT}/sami", timeout=60)
    assert score.status_code == 200 and score.json()["score"] == 1.0, score.text[-1000:]


def test_formgrader_page_shows_the_course_in_a_browser(graded, browser):
    lab, _ = graded
    lab.create_trainee("prof2", PASSWORD)
    lab.api("POST", f"/groups/formgrade-{COURSE}/users", json={"users": ["prof2"]})
    page = browser.new_page()
    try:
        lab.browser_login(page, "prof2", PASSWORD, next_url=f"/services/{COURSE}/formgrader")
        page.wait_for_url(f"**/services/{COURSE}/formgrader**", timeout=60_000)
        # The assignment list is drawn by the page's scripts from the gradebook: not blank.
        page.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
    except Exception:
        page.screenshot(path=str(lab.state.parent / "formgrader-failure.png"))
        raise
    finally:
        page.close()


def test_an_instructor_lands_on_the_formgrader_without_a_server_of_her_own(graded, browser):
    lab, _ = graded
    added = lab.cli("instructor", "add", "prof.durand", "--course", COURSE).stdout
    password = re.search(r"initial password \(shown once\): (\S+)", added).group(1)
    page = browser.new_page(locale="fr-FR")
    try:
        lab.browser_login(page, "prof.durand", password)  # as a bookmark of the hub has it
        page.wait_for_url("**/hub/change-password**", timeout=60_000)
        page.fill("input[name=new_password]", "Prof-Durand-2026-mdp")
        page.fill("input[name=repeat_password]", "Prof-Durand-2026-mdp")
        page.click("form [type=submit]")
        page.get_by_role("link", name="Gérer et corriger les devoirs").click()
        page.wait_for_url(f"**/services/{COURSE}/formgrader**", timeout=60_000)
        page.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        # The next login lands there at once.
        page.goto(f"{lab.url}/hub/logout")
        lab.browser_login(page, "prof.durand", "Prof-Durand-2026-mdp")
        page.wait_for_url(f"**/services/{COURSE}/formgrader**", timeout=60_000)
    except Exception:
        page.screenshot(path=str(lab.state.parent / "instructor-landing-failure.png"))
        raise
    finally:
        page.close()
    assert not lab.api("GET", "/users/prof.durand").json()["server"]
    assert lab.container("prof.durand") is None


def test_trainee_fetches_and_submits_from_the_french_assignments_panel(graded, browser):
    lab, _ = graded
    lab.create_trainee("lina", PASSWORD)
    lab.api("POST", f"/groups/nbgrader-{COURSE}/users", json={"users": ["lina"]})
    page = browser.new_page(locale="fr-FR")
    try:
        lab.browser_login(page, "lina", PASSWORD)
        page.wait_for_url("**/user/lina/lab**", timeout=240_000)
        page.get_by_role("menuitem", name="Nbgrader").click(timeout=120_000)
        page.get_by_role("menuitem", name="Mes devoirs").click()
        page.get_by_text("Devoirs publiés", exact=True).wait_for(timeout=60_000)
        assert page.get_by_text("Devoirs récupérés", exact=True).is_visible()
        released = page.locator("#released_assignments_list .list_item", has_text=LISTED.title)
        released.get_by_role("button", name="Récupérer").click(timeout=60_000)
        fetched = page.locator("#fetched_assignments_list .list_item", has_text=LISTED.title)
        fetched.get_by_role("button", name="Rendre").first.click(timeout=60_000)
        submitted = page.locator("#submitted_assignments_list .list_item", has_text=LISTED.title)
        submitted.first.wait_for(timeout=60_000)
        panel = page.locator("#assignments").inner_text()
        for english in ("Released assignments", "Fetch", "Submit", "Loading"):
            assert english not in panel
        assert f"{LISTED.points:g} points" in panel and ASSIGNMENT not in panel, panel
        # Her submission's time in words, in her own time zone; no correction offered yet.
        assert "UTC" not in panel and re.search(r"\d{1,2} \w+ 20\d\d à \d\d:\d\d", panel), panel
        waiting = submitted.first.get_by_role("button", name="Pas encore corrigé")
        assert waiting.is_disabled() and "Voir la correction" not in panel
    except Exception:
        page.screenshot(path=str(lab.state.parent / "assignments-panel-failure.png"))
        raise
    finally:
        page.close()
    # The panel's buttons went through the exchange: the submission is recorded as lina's.
    assert "lina" in recorded_students(lab)


def submitted_files(lab, course: str, assignment: str, student: str) -> dict[str, bytes]:
    """The files of the student's latest submission, as the exchange keeps them."""
    from codelab.exchange.archive import unpack

    exchange = lab.http(lab.token)
    base = f"{lab.service_url('exchange')}/api/courses/{course}/submissions"
    listed = [
        s
        for s in exchange.get(base, timeout=30).json()
        if s["student"] == student and s["assignment"] == assignment
    ]
    latest = listed[-1]
    archive = exchange.get(f"{base}/{student}/{assignment}/{latest['timestamp']}", timeout=30)
    return unpack(archive.content, 10 * 1024**2)


def test_submit_sends_what_the_trainee_sees_even_unsaved(graded, browser):
    """The visible test passed, the tab shows unsaved changes, « Rendre » is clicked: what
    is graded is what she typed, not the stub still on disk."""
    lab, _ = graded
    lab.create_trainee("malik", PASSWORD)
    lab.api("POST", f"/groups/nbgrader-{COURSE}/users", json={"users": ["malik"]})
    page = browser.new_page(locale="fr-FR", viewport={"width": 1280, "height": 800})
    marker = "MARQUEUR_NON_ENREGISTRE = 42"
    try:
        lab.browser_login(page, "malik", PASSWORD)
        page.wait_for_url("**/user/malik/lab**", timeout=240_000)
        page.get_by_role("menuitem", name="Nbgrader").click(timeout=120_000)
        page.get_by_role("menuitem", name="Mes devoirs").click()
        released = page.locator("#released_assignments_list .list_item", has_text=LISTED.title)
        released.get_by_role("button", name="Récupérer").click(timeout=60_000)
        fetched = page.locator("#fetched_assignments_list .list_item", has_text=LISTED.title)
        fetched.get_by_role("button", name="Rendre").first.wait_for(timeout=60_000)
        page.goto(f"{lab.user_url('malik')}/lab/tree/{ASSIGNMENT}/salutation.ipynb")
        editor = page.locator(".jp-CodeCell .cm-content").first
        editor.click(timeout=120_000)
        page.keyboard.press("Control+End")
        page.keyboard.type(f"\n{marker}")
        on_disk = lab.http(lab.user_token("malik")).get(
            f"{lab.user_url('malik')}/api/contents/{ASSIGNMENT}/salutation.ipynb", timeout=30
        )
        assert marker not in on_disk.text  # unsaved when « Rendre » is clicked
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.get_by_role("menuitem", name="Mes devoirs").click()
        fetched = page.locator("#fetched_assignments_list .list_item", has_text=LISTED.title)
        fetched.get_by_role("button", name="Rendre").first.click(timeout=60_000)
        submitted = page.locator("#submitted_assignments_list .list_item", has_text=LISTED.title)
        submitted.first.wait_for(timeout=60_000)
    except Exception:
        page.screenshot(path=str(lab.state.parent / "submit-unsaved-failure.png"))
        raise
    finally:
        page.close()
    files = submitted_files(lab, COURSE, ASSIGNMENT, "malik")
    assert marker in files["salutation.ipynb"].decode(), "the stub on disk was submitted"
