"""An instructor's first assignment, walked in the formgrader as she does it, in French.

Two cohorts take the course. Her admin adds her; she logs in with the password he hands her,
chooses her own, lands on her course's formgrader and: prepares the trainees' version of
« git-bases », publishes it; her trainees hand it in (from their own containers); she
collects, picks her cohort, autogrades each submission, prepares and sends the feedback, and
downloads her cohort's grades. Every page she meets is in French and passes axe-core; the
other cohort, and a trainee the admin deleted from the hub, never appear in her lists.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from .test_cohort import roster
from .test_exchange import nbgrader
from .test_pages import SCREENS, check_page

pytestmark = pytest.mark.e2e

COURSE, ASSIGNMENT, NOTEBOOK = "web-dev", "git-bases", "depot"
SOURCE = Path(__file__).parents[2] / "courses" / COURSE / "source" / ASSIGNMENT
MORNING, EVENING = "atelier-matin", "atelier-soir"
# Names no other module of the shared test lab gives.
COHORTS = {
    MORNING: [("Lina", "Mansouri"), ("Omar", "Sow"), ("Ilyes", "Traoré")],
    EVENING: [("Nadia", "Petrova")],
}
STARTS = {MORNING: ("--start", "2026-03-02")}  # the evening cohort has no start date yet
RIGHT = {"lina.mansouri", "nadia.petrova", "ilyes.traore"}  # the others hand in the stub
DELETED = "ilyes.traore"  # hands in, then the admin deletes his account
LATER = "2099-01-15"  # an extension to a day still to come
INSTRUCTOR, HER_PASSWORD = "prof.leroy", "Prof-Leroy-2026-mdp"
TRAINEE_PASSWORD = "Apprenant-2026-mdp"
SLOW = 240_000  # ms: a release, a collect or a feedback goes through the exchange
# Writes the reference answer (the source notebook's answer cell) into the fetched notebook.
ANSWER_SCRIPT = r"""
import json, sys
path = sys.argv[1]
notebook = json.load(open(path))
for cell in notebook["cells"]:
    if cell["metadata"].get("nbgrader", {}).get("solution"):
        cell["source"] = sys.argv[2]
json.dump(notebook, open(path, "w"))
"""


def reference_answer() -> str:
    notebook = json.loads((SOURCE / f"{NOTEBOOK}.ipynb").read_text("utf-8"))
    (cell,) = [c for c in notebook["cells"] if c["metadata"]["nbgrader"].get("solution")]
    return "".join(cell["source"])


@pytest.fixture(scope="module")
def school(lab, tmp_path_factory):
    """Two cohorts of the course, their servers running, and the instructor's first password."""
    folder = tmp_path_factory.mktemp("instructor-walk")
    trainees = []
    for cohort, rows in COHORTS.items():
        (folder / f"{cohort}.csv").write_bytes(roster(rows))
        lab.cli("cohort", "import", str(folder / f"{cohort}.csv"), "--cohort", cohort,
                "--course", COURSE, *STARTS.get(cohort, ()))  # fmt: skip
        trainees += lab.api("GET", f"/groups/cohort-{cohort}").json()["users"]
    names = sorted(trainees)
    assert len(names) == 4, names
    for name in names:  # they have logged in and chosen a password already
        body = {"password": TRAINEE_PASSWORD, "must_change": False}
        assert lab.api("PUT", f"/codelab/accounts/{name}", json=body).status_code == 204
        lab.start_server(name)
    added = lab.cli("instructor", "add", INSTRUCTOR, "--course", COURSE).stdout
    password = re.search(r"initial password \(shown once\): (\S+)", added).group(1)
    return lab, names, password


@pytest.fixture(scope="module")
def artefacts(lab) -> Path:
    folder = lab.state.parent / "artefacts" / "instructor-walk"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hand_in(lab, name: str) -> None:
    """The trainee fetches, answers (right or the stub) and submits, in her own container."""
    code, output = nbgrader(lab, name, "fetch_assignment", ASSIGNMENT, "--course", COURSE)
    assert code == 0, output
    if name in RIGHT:
        written = lab.container(name).exec_run(
            ["python3", "-c", ANSWER_SCRIPT, f"{ASSIGNMENT}/{NOTEBOOK}.ipynb", reference_answer()],
            user=str(lab.uid_of(name)), workdir="/home/trainee",
        )  # fmt: skip
        assert written.exit_code == 0, written.output
    code, output = nbgrader(lab, name, "submit", ASSIGNMENT, "--course", COURSE)
    assert code == 0, output


def act(page, row, action: str, done: str) -> None:
    """Press the row's icon link named `action`; the dialog must say `done`, without logs."""
    row.get_by_role("link", name=action).click()
    dialog = page.locator(".modal-dialog")
    dialog.get_by_text(done).wait_for(timeout=SLOW)
    shown = dialog.inner_text()
    assert "[DEBUG]" not in shown and "[INFO]" not in shown, shown
    dialog.get_by_role("button", name="OK").click()
    page.locator(".modal").wait_for(state="detached")


def listed_students(page) -> set[str]:
    page.locator("#main-table tr td").first.wait_for()
    page.wait_for_function("() => !document.querySelector('#main-table')"
                           ".textContent.includes('Chargement')")  # fmt: skip
    return set(re.findall(r"[a-z]+\.[a-z]+", page.locator("#main-table").inner_text()))


def choose_cohort(page, cohort: str) -> None:
    choice = page.locator("#codelab-cohort")
    if choice.input_value() != cohort:
        with page.expect_navigation():
            choice.select_option(cohort)
    assert page.locator("#codelab-cohort").input_value() == cohort


def test_an_instructor_walks_her_first_assignment_in_french(school, browser, artefacts):
    lab, trainees, first_password = school
    page = browser.new_page(locale="fr-FR", accept_downloads=True, **SCREENS["laptop"])
    try:
        lab.browser_login(page, INSTRUCTOR, first_password)
        page.wait_for_url("**/hub/change-password**", timeout=60_000)
        page.fill("input[name=new_password]", HER_PASSWORD)
        page.fill("input[name=repeat_password]", HER_PASSWORD)
        page.click("form [type=submit]")
        page.get_by_role("link", name="Gérer et corriger les devoirs").click()
        page.wait_for_url(f"**/services/{COURSE}/formgrader**", timeout=60_000)

        # Her assignments, in French: she prepares the trainees' version and publishes it.
        row = page.locator("#main-table tr", has_text=ASSIGNMENT)
        row.get_by_text("brouillon").wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Gérer les devoirs").is_visible()
        check_page(page, "formgrader-devoirs", "laptop", artefacts)
        act(page, row, "Préparer la version apprenant",
            f"La version apprenant du devoir « {ASSIGNMENT} » est prête")  # fmt: skip
        act(page, row, "Publier", f"Le devoir « {ASSIGNMENT} » est publié.")
        row.get_by_text("publié").wait_for()

        for name in trainees:
            hand_in(lab, name)
        assert lab.api("DELETE", f"/users/{DELETED}").status_code == 204

        page.reload()
        act(
            page,
            row,
            "Ramasser les rendus",
            f"Les rendus du devoir « {ASSIGNMENT} » sont ramassés.",
        )
        row.get_by_role("link", name="4").click()  # her four trainees' submissions, collected

        # One cohort at a time: hers; the evening's and the deleted trainee never show.
        page.wait_for_url(f"**/formgrader/manage_submissions/{ASSIGNMENT}**")
        choose_cohort(page, MORNING)
        assert listed_students(page) == {"lina.mansouri", "omar.sow"}
        check_page(page, "formgrader-rendus", "laptop", artefacts)
        for name in ("lina.mansouri", "omar.sow"):
            act(page, page.locator("#main-table tr", has_text=name), "Corriger automatiquement",
                f"Le devoir « {ASSIGNMENT} » de l'apprenant « {name} » est corrigé")  # fmt: skip
        choose_cohort(page, EVENING)
        assert listed_students(page) == {"nadia.petrova"}
        choose_cohort(page, MORNING)

        page.get_by_role("link", name="Gérer les devoirs").click()
        act(
            page, row, "Préparer les retours", f"Les retours du devoir « {ASSIGNMENT} » sont prêts."
        )
        act(
            page,
            row,
            "Envoyer les retours",
            f"Les retours du devoir « {ASSIGNMENT} » sont envoyés.",
        )

        page.get_by_role("link", name="Gérer les apprenants").click()
        assert page.locator("#codelab-cohort").input_value() == MORNING  # as she left it
        assert listed_students(page) == {"lina.mansouri", "omar.sow"}
        assert "(sans nom)" not in page.locator("#main-table").inner_text()
        check_page(page, "formgrader-apprenants", "laptop", artefacts)
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger les notes de la cohorte (CSV)").click()
        grades = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    except Exception:
        page.screenshot(path=str(artefacts / "instructor-walk-failure.png"), full_page=True)
        raise
    finally:
        page.close()

    rows = [r for r in csv.DictReader(io.StringIO(grades)) if r["assignment"] == ASSIGNMENT]
    assert {r["student_id"]: float(r["score"]) for r in rows} == {
        "lina.mansouri": 4.0,
        "omar.sow": 0.0,
    }
    # Her trainees read their feedback.
    for name in ("lina.mansouri", "omar.sow"):
        code, output = nbgrader(lab, name, "fetch_feedback", ASSIGNMENT, "--course", COURSE)
        assert code == 0, output
        found = lab.container(name).exec_run(
            ["sh", "-c", f"ls /home/trainee/{ASSIGNMENT}/feedback/*/{NOTEBOOK}.html"]
        )
        assert found.exit_code == 0, found.output


def handed_in(lab) -> list[dict]:
    """The exchange's list of the assignment's submissions, as an instructor reads it."""
    url = f"{lab.service_url('exchange')}/api/courses/{COURSE}/submissions"
    return lab.http(lab.token).get(url, params={"assignment": ASSIGNMENT}, timeout=30).json()


def test_a_trainee_given_more_time_reads_her_new_due_date(school):
    """After the walk: Omar was away; his instructor asks the admin for a week more."""
    lab, _, _ = school

    def listed(name: str) -> dict:
        exchange = lab.http(lab.user_token(name))
        url = f"{lab.service_url('exchange')}/api/courses/{COURSE}/assignments"
        released = exchange.get(url, timeout=30).json()
        return next(a for a in released if a["assignment"] == ASSIGNMENT)

    assert (listed("omar.sow")["due"], listed("omar.sow")["extended"]) == ("2026-03-05", False)
    assert listed("nadia.petrova")["due"] is None  # her cohort has no start date
    extend = ["course", "extend", COURSE, ASSIGNMENT]
    wrong = lab.cli(*extend, "omar.sow", "--until", "12/03/2026", "--reason", "x", check=False)
    assert wrong.returncode == 1 and "YYYY-MM-DD" in wrong.stderr
    stranger = lab.cli(*extend, INSTRUCTOR, "--until", "2026-03-12", "--reason", "x", check=False)
    assert stranger.returncode == 1 and "not a trainee" in stranger.stderr
    reason = "Absent : rendez-vous à la préfecture"
    # The walk's hand-ins are today's: after the morning cohort's due day (2 March + 3 days).
    given = lab.cli(*extend, "omar.sow", "--until", "2026-03-12", "--reason", reason,
                    "--by", INSTRUCTOR)  # fmt: skip
    assert "2026-03-12" in given.stdout or "12 March" in given.stdout
    assert (listed("omar.sow")["due"], listed("omar.sow")["extended"]) == ("2026-03-12", True)
    assert listed("lina.mansouri")["due"] == "2026-03-05"  # hers alone
    recorded = (
        lab.http(lab.token)
        .get(f"{lab.service_url('exchange')}/api/courses/{COURSE}/extensions", timeout=30)
        .json()
    )
    (omar,) = [e for e in recorded if e["student"] == "omar.sow"]
    assert (omar["granted_by"], omar["reason"]) == (INSTRUCTOR, reason)


def test_nothing_runs_in_the_grading_container_not_even_for_its_instructor(school):
    """Its server holds the gradebook, solutions, hidden tests and the course's token: an
    instructor gets the formgrader there, and no JupyterLab, terminal or kernel to run a
    trainee's notebook in (that runs in a sandbox)."""
    lab, _, _ = school
    session, _ = lab.login(INSTRUCTOR, HER_PASSWORD)
    base = lab.service_url(COURSE)
    assert session.get(f"{base}/formgrader", timeout=60).status_code == 200  # sets _xsrf
    xsrf = next(c.value for c in session.cookies
                if c.name == "_xsrf" and c.path.startswith(f"/services/{COURSE}"))  # fmt: skip
    headers = {"X-XSRFToken": xsrf}
    graded = f"autograded/lina.mansouri/{ASSIGNMENT}/{NOTEBOOK}.ipynb"
    for page in ("lab", "tree", f"notebooks/{graded}"):
        assert session.get(f"{base}/{page}", timeout=30).status_code == 404, page
    terminal = session.post(f"{base}/api/terminals", headers=headers, timeout=30)
    assert terminal.status_code in (403, 404), terminal.text[:300]
    kernel = session.post(f"{base}/api/kernels", headers=headers, json={"name": "python3"},
                          timeout=30)  # fmt: skip
    assert kernel.status_code == 403, kernel.text[:300]
    assert "sandbox" in kernel.json()["message"]


@pytest.mark.parametrize("screen", SCREENS)
def test_the_formgrader_pages_pass_axe_at_both_sizes(school, browser, artefacts, screen):
    """Instructors work on a laptop, but a page read on a phone must still be usable."""
    lab, _, _ = school
    page = browser.new_page(locale="fr-FR", **SCREENS[screen])
    try:
        lab.browser_login(page, INSTRUCTOR, HER_PASSWORD)
        page.wait_for_url(f"**/services/{COURSE}/formgrader**", timeout=60_000)
        for path, name in [("manage_assignments", "devoirs"), ("manage_students", "apprenants"),
                           ("gradebook", "noter")]:  # fmt: skip
            page.goto(f"{lab.service_url(COURSE)}/formgrader/{path}")
            page.locator("#main-table tr td").first.wait_for()
            page.wait_for_load_state("networkidle")
            check_page(page, f"formgrader-{name}", screen, artefacts, fits=screen == "laptop")
    finally:
        page.close()
