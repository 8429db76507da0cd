"""nbgrader's JupyterLab panel in French, checked on the chunk of the installed nbgrader."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codelab.nbgrader_panel import (
    FRENCH,
    NOT_GRADED,
    PanelChanged,
    accessible,
    land_on_assignments,
    listed_by_title,
    readable_submissions,
    save_before_submit,
    translate,
    write_languages,
)

STATIC = Path(sys.prefix, "share/jupyter/labextensions/@jupyter/nbgrader/static")


@pytest.fixture
def static(tmp_path):
    copy = tmp_path / "static"
    shutil.copytree(STATIC, copy)
    return copy


def test_every_text_is_found_and_the_french_chunk_is_valid_javascript(static):
    chunk = write_languages(static)
    french = Path(f"{chunk}.fr").read_text("utf-8")
    # English is the original, but for our changes to how it behaves.
    english = Path(f"{chunk}.en").read_text("utf-8")
    original = chunk.read_text("utf-8")
    listed = listed_by_title(accessible(original), "en")
    behaving = land_on_assignments(readable_submissions(listed, "en"), "en")
    assert english == save_before_submit(behaving, "en")
    for english in FRENCH:
        assert english not in french
    assert '"Récupérer"' in french and "Devoirs publiés" in french
    if node := shutil.which("node"):
        checked = static / "check.js"
        checked.write_text(french, "utf-8")
        subprocess.run([node, "--check", str(checked)], check=True)


def test_every_text_the_trainee_side_shows_is_one_of_ours(static):
    french = Path(f"{write_languages(static)}.fr").read_text("utf-8")
    # From the validation dialog to the Assignments panel's widget: what a trainee sees.
    trainee_side = french[french.index("function k(e)") : french.index("class N extends")]
    shown = re.findall(r'(?:innerText|textContent|title|label)[=:]"([^"]+)"', trainee_side)
    ours = {quoted for text in FRENCH.values() for quoted in re.findall(r'"([^"]+)"', text)}
    ours.add(NOT_GRADED["fr"])
    assert shown and set(shown) <= ours, set(shown) - ours


def test_french_texts_cannot_break_a_javascript_string():
    for french in FRENCH.values():
        inner = french.strip('"`')
        assert "'" not in inner and "\\" not in inner.replace(r"\n", ""), french


def test_a_reworded_panel_fails_the_build():
    with pytest.raises(PanelChanged, match="Released assignments"):
        translate('"Fetch" "Submit" Released things')


def test_submit_saves_every_open_document_first_in_both_languages():
    from codelab.nbgrader_panel import chunk_to_translate, save_before_submit, translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    for language, chunk in (("en", english), ("fr", translate(english))):
        saved = save_before_submit(chunk, language)
        click = saved.index('"docmanager:save-all"')
        assert click < saved.index('"assignments/submit"', click)
        assert ("Enregistrez-le" if language == "fr" else "Save it (Ctrl+S)") in saved


def test_submissions_read_in_local_words_and_feedback_waits_until_there_is_some():
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    french = translate(readable_submissions(english, "fr"))
    assert 'toLocaleString("fr-FR"' in french and "innerText=this.data.timestamp" not in french
    assert 'innerText="Pas encore corrigé",t.setAttribute("disabled"' in french
    with pytest.raises(PanelChanged, match="timestamp"):
        readable_submissions(english.replace("innerText=this.data.timestamp", "x"), "en")


# A stand-in for JupyterLab's app and page, to run the code the panel is given in node.
FAKE_LAB = """
const calls = [];
const shell = {mode: "MODE", right: RIGHT, currentWidget: CURRENT,
  isSideTabBarVisible: side => shell.right,
  toggleSideTabBarVisibility: side => { shell.right = !shell.right; },
  collapseLeft: () => calls.push("collapse-left"), widgets: () => []};
const e = {name: "APP", shell, restored: Promise.resolve(),
  commands: {execute: id => calls.push(id)}};
const ee = {openAssignmentsList: "open-assignments"};
const s = null;
globalThis.window = {matchMedia: () => ({matches: PHONE})};
globalThis.document = {querySelector: () => null, body: {querySelectorAll: () => []}};
globalThis.MutationObserver = class { observe() {} };
CODE;
setTimeout(() => console.log(JSON.stringify({mode: shell.mode, right: shell.right, calls})));
"""


def run_landing(
    phone: bool, mode="multiple-document", right=True, current="null", name="JupyterLab"
):
    from codelab.nbgrader_panel import ACTIVATED, LANDING, UNPRESS

    code = LANDING.replace(ACTIVATED, "").lstrip(";").replace("NAME", '"x"')
    page = FAKE_LAB.replace("CODE", code.replace("UNPRESS", UNPRESS))
    given = {"MODE": mode, "RIGHT": right, "CURRENT": current, "PHONE": phone, "APP": name}
    for key, value in given.items():
        page = page.replace(key, str(value).lower() if isinstance(value, bool) else value)
    out = subprocess.run(["node", "-e", page], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(not shutil.which("node"), reason="node runs the panel's code")
def test_a_phone_gets_the_simple_layout_and_a_laptop_gets_its_own_back():
    phone = run_landing(phone=True)
    assert phone == {
        "mode": "single-document",
        "right": False,
        "calls": ["collapse-left", "open-assignments"],
    }
    # The same workspace on her laptop: the layout the phone left is undone.
    laptop = run_landing(phone=False, mode="single-document", right=False)
    assert laptop == {"mode": "multiple-document", "right": True, "calls": ["open-assignments"]}


@pytest.mark.skipif(not shutil.which("node"), reason="node runs the panel's code")
def test_an_open_document_stays_and_notebook_7_is_left_alone():
    assert run_landing(phone=False, current="{context: {}}")["calls"] == []
    untouched = run_landing(phone=True, name="Jupyter Notebook")
    assert untouched == {"mode": "multiple-document", "right": True, "calls": []}


def test_the_panels_activation_must_be_found():
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    with pytest.raises(PanelChanged, match="activation"):
        land_on_assignments(english.replace("assignment-list is activated", "x"), "fr")
    assert '"aria-label","Nom du document"' in land_on_assignments(english, "fr")


def test_no_tablist_without_tabs():
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    assert 'role="tablist"' in english and 'role="tablist"' not in accessible(english)


def test_assignments_are_listed_by_title_and_points_or_else_by_id():
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    listed = listed_by_title(english, "fr")
    assert "innerText=this.data.title||this.data.assignment_id" in listed
    assert "innerText=this.data.course_id" not in listed
    with pytest.raises(PanelChanged, match="course_id"):
        listed_by_title(english.replace("n.innerText=this.data.course_id", "x"), "fr")


@pytest.mark.parametrize(
    "language, data, shown",
    [
        ("fr", {"points": 4, "due": "2026-03-16"}, "4 points · à rendre le lundi 16 mars"),
        ("fr", {"points": 1.5, "due": None}, "1,5 point"),
        (
            "fr",
            {"points": 4, "due": "2026-03-20", "extended": True},
            "4 points · à rendre le vendredi 20 mars (délai prolongé)",
        ),
        ("fr", {"points": None, "due": None}, ""),
        ("en", {"points": 1, "due": "2026-03-16"}, "1 point · due Monday 16 March"),
    ],
)
def test_points_and_due_date_read_as_people_write_them(language, data, shown):
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    listed = listed_by_title(english, language)
    start = listed.index("n.innerText=[this.data.points")
    code = listed[start : listed.index(",t.append(n)", start)]  # as the build writes it
    script = (
        "var n = {style: {}}, t = {append() {}};"
        f"(function () {{ {code}; }}).call({{data: {json.dumps(data)}}});"
        "process.stdout.write(n.innerText);"
    )
    ran = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert ran.stdout == shown


@pytest.mark.parametrize(
    "late, shown",
    [(True, "10 mars 2026 à 23:30 (en retard)"), (False, "10 mars 2026 à 23:30"),
     (None, "10 mars 2026 à 23:30")],
)  # fmt: skip
def test_a_late_submission_says_so_in_her_own_time(late, shown):
    from codelab.nbgrader_panel import chunk_to_translate, readable_submissions

    english = chunk_to_translate(STATIC).read_text("utf-8")
    readable = readable_submissions(english, "fr")
    setter = 'document.createElement("span").innerText='
    start = readable.index(setter + "(t=>") + len(setter)
    end = readable.index(";", readable.index("this.data.timestamp)", start))
    expression = readable[start:end]
    data = {"timestamp": "2026-03-10 22:30:00.000000 UTC", "late": late}
    script = (
        f"(function () {{ process.stdout.write({expression}); }})"
        f".call({{data: {json.dumps(data)}}});"
    )
    ran = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, check=True,
        env={"TZ": "Europe/Paris", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert ran.stdout == shown
