"""A new trainee's first hour, walked as she lives it, on a 360 px phone with touch and on a
1280 px laptop.

From the login card her trainer hands her to a submitted exercise: she logs in with the card's
password, chooses her own, opens her workspace, fetches « moyennes », opens it, types her
answer, runs it until « ✔ Test réussi. », checks it with « Vérifier », tidies it, and hands it
in with « Rendre » without saving again. Every step is a tap (phone) or a click (laptop) on
what she sees, in French; the handed-in notebook must hold what she typed. The taps and
seconds from the card to the first passing test are printed and kept in the artefacts
(first-hour-*.txt).
"""

from __future__ import annotations

import contextlib
import json
import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from codelab.courses import load_course
from codelab.deadlines import due_date

from .test_cohort import card_credentials, roster
from .test_course import submitted_files
from .test_pages import SCREENS, check_page

pytestmark = pytest.mark.e2e

COHORT, COURSE, ASSIGNMENT, NOTEBOOK = "premiere-heure", "web-dev", "moyennes", "moyennes"
# What she reads in her assignments panel: course.yaml's title and points.
LISTED = load_course(Path(__file__).parents[2] / "courses" / COURSE).assignment(ASSIGNMENT)
# Names no other module of the shared test lab gives (test_scale makes 250 of them).
TRAINEES = {"phone": ("Awa", "Diallo"), "laptop": ("Yusuf", "Kaya")}
CARD_URL = "https://lab.ecole.test:8443"
START = date(2026, 3, 2)  # the cohort's first day: each due date counts from it
ANSWER = (
    "def moyenne(notes):\n"
    "    if not notes:\n"
    "        return 0\n"
    "    return round(sum(notes) / len(notes), 2)"
)
AFTERTHOUGHT = "  # moyenne arrondie"
SLOW = 240_000
KERNEL_IDLE = (
    "() => window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status"
    " === 'idle'"
)  # ms: a first start pulls nothing, but builds a home and a container


@pytest.fixture(scope="module")
def cards(lab, tmp_path_factory):
    """The cohort's cards, as the trainer prints them, and the released exercise."""
    folder = tmp_path_factory.mktemp("first-hour")
    (folder / "roster.csv").write_bytes(roster(list(TRAINEES.values())))
    lab.cli("cohort", "import", str(folder / "roster.csv"), "--cohort", COHORT, "--course", COURSE,
            "--start", START.isoformat())  # fmt: skip
    lab.cli("course", "release", COURSE, ASSIGNMENT)
    lab.cli("cohort", "cards", COHORT, "--out", str(folder / "cards.html"), "--url", CARD_URL)
    html = (folder / "cards.html").read_text("utf-8")
    assert CARD_URL in html
    return card_credentials(html)


@pytest.fixture(scope="module")
def artefacts(lab) -> Path:
    folder = lab.state.parent / "artefacts" / "first-hour"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def in_french(day: date) -> str:
    """« vendredi 1 mai », as a French reader writes a day."""
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    month = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    return f"{weekday[day.weekday()]} {day.day} {month[day.month - 1]}"


def solution_cell(notebook: dict) -> str:
    (cell,) = [c for c in notebook["cells"] if c["metadata"]["nbgrader"].get("solution")]
    return "".join(cell["source"])


class Walk:
    """A person's hand on the screen: taps on a phone, clicks on a laptop, each one counted."""

    def __init__(self, page, screen: str):
        self.page, self.touch, self.presses = page, screen == "phone", 0

    def press(self, locator, timeout: float = 60_000) -> None:
        locator.wait_for(timeout=timeout)
        (locator.tap if self.touch else locator.click)(timeout=timeout)
        self.presses += 1

    def fill(self, locator, text: str) -> None:
        self.press(locator)
        locator.fill(text)


def log_in_with_the_card(walk: Walk, lab, username: str, password: str) -> None:
    page = walk.page
    page.goto(f"{lab.url}/hub/login")  # the card's address, typed or scanned
    walk.fill(page.locator("#username_input"), username)
    walk.fill(page.locator("#password_input"), password)
    walk.press(page.locator("#login_submit"))
    page.wait_for_url("**/hub/change-password**")
    mine = f"Mon-mot-de-passe-{username}"
    walk.fill(page.locator("input[name=new_password]"), mine)
    walk.fill(page.locator("input[name=repeat_password]"), mine)
    walk.press(page.locator("form [type=submit]"))
    page.get_by_text("Mot de passe enregistré").wait_for()
    walk.press(page.get_by_role("link", name="Ouvrir mon espace de travail"))


def fetch_and_open(walk: Walk) -> None:
    """In the assignments panel the lab opens on: fetch the exercise, open its notebook."""
    page = walk.page
    released = page.locator("#released_assignments_list .list_item", has_text=LISTED.title)
    walk.press(released.get_by_role("button", name="Récupérer"), timeout=SLOW)
    fetched = page.locator("#fetched_assignments_list > .list_item", has_text=LISTED.title)
    walk.press(fetched.locator("a.assignment-notebooks-link"))
    walk.press(page.locator("#fetched_assignments_list .nested_list_item a", has_text=NOTEBOOK))
    page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for()


def answer_and_run(walk: Walk) -> None:
    """Type the answer in the solution cell, then ▶ on it and on the visible test."""
    page = walk.page
    walk.press(page.locator(".jp-NotebookPanel .jp-CodeCell .cm-content").first)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(ANSWER)
    run = page.locator(".jp-NotebookPanel-toolbar [data-jp-item-name=run] jp-button")
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")
    # JupyterLab drops a ▶ pressed before the notebook's kernel is up (the cursor moves on,
    # nothing runs): she waits for it, as the kernel indicator shows.
    page.wait_for_function(KERNEL_IDLE, timeout=SLOW)
    for cell in (cells.nth(0), cells.nth(1)):  # she waits to see each one run
        walk.press(run)
        page.wait_for_function("e => /\\[\\d+\\]/.test(e.textContent)", arg=cell.element_handle())
    page.get_by_text("✔ Test réussi.").wait_for()


def check_then_hand_in(walk: Walk, lab, username: str) -> None:
    page = walk.page
    walk.press(page.locator(".jp-NotebookPanel-toolbar").get_by_text("Vérifier", exact=True))
    dialog = page.locator(".jp-Dialog-content")
    dialog.get_by_text("Bravo ! Votre notebook réussit tous les tests.").wait_for(timeout=SLOW)
    assert dialog.bounding_box()["width"] <= page.viewport_size["width"]
    walk.press(dialog.get_by_role("button").last)
    # « Vérifier » saved the notebook; she tidies her answer after it, and does not save.
    walk.press(page.locator(".jp-NotebookPanel .jp-CodeCell .cm-content").first)
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(AFTERTHOUGHT)
    walk.press(page.locator(".jp-NotebookPanel-toolbar").get_by_text("Mes devoirs"))
    on_disk = lab.http(lab.user_token(username)).get(
        f"{lab.user_url(username)}/api/contents/{ASSIGNMENT}/{NOTEBOOK}.ipynb", timeout=30
    )
    assert AFTERTHOUGHT not in solution_cell(on_disk.json()["content"])
    fetched = page.locator("#fetched_assignments_list > .list_item", has_text=LISTED.title)
    walk.press(fetched.get_by_role("button", name="Rendre"))
    page.locator("#submitted_assignments_list .list_item", has_text=LISTED.title).wait_for()


@pytest.mark.parametrize("screen", SCREENS)
def test_from_the_card_to_a_handed_in_exercise(lab, browser, cards, artefacts, screen):
    first, last = TRAINEES[screen]
    username = f"{first}.{last}".lower()
    context = browser.new_context(locale="fr-FR", **SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(60_000)
    walk = Walk(page, screen)
    try:
        started = time.monotonic()
        log_in_with_the_card(walk, lab, username, cards[username])
        # « Chargement, veuillez patienter… » until the exchange has answered.
        listed = page.locator("#released_assignments_list .list_item", has_text=LISTED.title)
        listed.wait_for(timeout=SLOW)
        assert page.get_by_text("Devoirs publiés", exact=True).is_visible()
        released = page.locator("#released_assignments_list").inner_text()
        assert LISTED.title in released and f"{LISTED.points:g} points" in released, released
        assert f"à rendre le {in_french(due_date(START, LISTED.due_days))}" in released
        if screen == "phone":  # the simple layout: one thing at a time, the whole width
            assert page.evaluate("window.jupyterapp.shell.mode") == "single-document"
        fetch_and_open(walk)
        answer_and_run(walk)
        seconds, presses = time.monotonic() - started, walk.presses
        check_then_hand_in(walk, lab, username)
        check_page(page, "lab-assignments", screen, artefacts)
    except Exception:
        page.screenshot(path=str(artefacts / f"failure-{screen}.png"))
        raise
    finally:
        context.close()
    said = (
        f"{screen}: {presses} {'taps' if screen == 'phone' else 'clicks'} and {seconds:.0f} s "
        f"from the card to the first passing test; {walk.presses} to the handed-in exercise"
    )
    print(said)
    (artefacts / f"first-hour-{screen}.txt").write_text(said + "\n")
    handed_in = submitted_files(lab, COURSE, ASSIGNMENT, username)[f"{NOTEBOOK}.ipynb"]
    assert solution_cell(json.loads(handed_in)) == ANSWER + AFTERTHOUGHT, "the file on disk"


# True once the workspace JupyterLab saves holds a right bar shown (arg true) or hidden.
SAVED_RIGHT_BAR = """async shown => {
    const app = window.jupyterapp, id = app.serviceManager.workspaces;
    const name = JSON.parse(document.getElementById('jupyter-config-data').textContent)
        .workspace;
    const saved = (await id.fetch(name)).data['layout-restorer:data'];
    return saved?.right?.visible === shown;
}"""


LAYOUTS = {"phone": ["single-document", False], "laptop": ["multiple-document", True]}
LAID_OUT = (
    "([mode, rightBar]) => window.jupyterapp.shell.mode === mode"
    " && window.jupyterapp.shell.isSideTabBarVisible('right') === rightBar"
)


def test_her_laptop_keeps_its_own_layout_after_her_phone(lab, browser):
    """One workspace, two screens: what the phone set up is not what the laptop opens on."""
    lab.create_trainee("ines.deux-ecrans", "Ines-2026-mdp-perso")
    screens = {}
    for screen in ("phone", "laptop", "phone"):
        context = browser.new_context(locale="fr-FR", **SCREENS[screen])
        page = context.new_page()
        try:
            lab.browser_login(page, "ines.deux-ecrans", "Ines-2026-mdp-perso")
            page.locator("#released_assignments_list").wait_for(timeout=SLOW)
            page.wait_for_function("window.jupyterapp.shell.mode", timeout=SLOW)
            # The lab restores her workspace first, then lays it out for this screen.
            with contextlib.suppress(PlaywrightTimeout):  # else the assert below shows it
                page.wait_for_function(LAID_OUT, arg=LAYOUTS[screen], timeout=60_000)
            screens.setdefault(screen, []).append(
                page.evaluate(
                    "[window.jupyterapp.shell.mode,"
                    " window.jupyterapp.shell.isSideTabBarVisible('right')]"
                )
            )
            # Not gone before JupyterLab has kept this screen's layout in her workspace.
            page.wait_for_function(SAVED_RIGHT_BAR, arg=screen == "laptop", timeout=SLOW)
        finally:
            context.close()
    assert screens == {
        "phone": [LAYOUTS["phone"], LAYOUTS["phone"]],
        "laptop": [LAYOUTS["laptop"]],
    }
