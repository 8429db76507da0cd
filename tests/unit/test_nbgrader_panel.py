"""nbgrader's JupyterLab panel in French, checked on the chunk of the installed nbgrader."""

from __future__ import annotations

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


def test_the_lab_opens_on_the_assignments_in_the_simple_layout_on_a_phone():
    from codelab.nbgrader_panel import chunk_to_translate

    english = chunk_to_translate(STATIC).read_text("utf-8")
    simple = land_on_assignments(english, "fr")
    activated = simple.index('"JupyterLab extension assignment-list is activated!"')
    assert simple.index('e.shell.mode="single-document"', activated) > activated
    with pytest.raises(PanelChanged, match="activation"):
        land_on_assignments(english.replace("assignment-list is activated", "x"), "fr")
    assert '"aria-label","Nom du document"' in simple


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
