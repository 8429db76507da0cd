"""The formgrader's pages in French and one cohort at a time, built on the installed nbgrader."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from jinja2 import Environment
from nbgrader.server_extensions import formgrader

from codelab.formgrader_cohorts import course_cohorts
from codelab.formgrader_french import FRENCH
from codelab.formgrader_pages import FormgraderChanged, write_language, write_languages

PACKAGE = Path(formgrader.__file__).parent


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formgrader")
    return {path.name: path for path in write_languages(folder)}


def test_every_english_text_is_replaced_in_the_french_copy(pages):
    for path, table in FRENCH.items():
        page = (pages["fr"] / path).read_text("utf-8")
        for english, french in table.items():
            assert english not in page or english in french, f"{path}: {english!r}"
    base = (pages["fr"] / "templates/base.tpl").read_text("utf-8")
    assert '<html lang="fr">' in base and ">Gérer les devoirs<" in base
    english = (pages["en"] / "templates/base.tpl").read_text("utf-8")
    assert '<html lang="en">' in english and ">Manage Assignments<" in english


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_copies_are_still_templates_and_scripts(pages, language):
    for template in (pages[language] / "templates").rglob("*.tpl"):
        Environment().parse(template.read_text("utf-8"))
    for script in (pages[language] / "static/js").glob("*.js"):
        checked = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{script.name}: {checked.stderr}"
    # Copied, not linked: the server serves nothing from outside its static folder.
    assert (pages[language] / "static/node_modules/jquery/dist/jquery.min.js").is_file()
    assert not (pages[language] / "static/node_modules").is_symlink()


def test_the_lists_of_trainees_ask_for_one_cohort(pages):
    students = (pages["en"] / "static/js/manage_students.js").read_text("utf-8")
    assert '"/formgrader/api/students" + codelabCohort.query()' in students
    assert "codelabCohort.then(loadStudents)" in students
    page = (pages["en"] / "templates/manage_students.tpl").read_text("utf-8")
    assert page.index("codelab_cohorts.js") < page.index("manage_students.js")
    assert "createStudentModal();" not in page  # trainees come from the cohort's roster
    assert (pages["en"] / "static/js/codelab_cohorts.js").exists()


def test_a_reworded_formgrader_fails_the_image_build(tmp_path):
    package = tmp_path / "formgrader"
    shutil.copytree(PACKAGE / "templates", package / "templates")
    (package / "static").mkdir()
    shutil.copytree(PACKAGE / "static/js", package / "static/js")
    base = package / "templates/base.tpl"
    base.write_text(base.read_text("utf-8").replace("Manage Assignments", "Assignments"))
    with pytest.raises(FormgraderChanged, match="Manage Assignments"):
        write_language(tmp_path / "fr", "fr", package)


def test_the_log_shown_after_an_action_keeps_only_what_needs_attention(pages, tmp_path):
    utils = (pages["fr"] / "static/js/utils.js").read_text("utf-8")
    probe = tmp_path / "probe.js"
    probe.write_text(
        "var shown = []; var $ = function () { var o = {addClass: () => o, text: (t) =>"
        " (shown.push(t), o), append: () => o, attr: () => o, html: () => o, on: () => o,"
        " modal: () => o}; return o; };\n" + utils + "\ncreateLogModal('x', 't', 'm',"
        " '[DEBUG] a\\n[INFO] b\\n  more of b\\n[WARNING] c\\n  more of c\\n[INFO] d');\n"
        "console.log(JSON.stringify(shown));"
    )
    shown = subprocess.run(["node", str(probe)], capture_output=True, text=True, check=True)
    assert "[WARNING] c\\n  more of c" in shown.stdout
    assert "[DEBUG]" not in shown.stdout and "[INFO]" not in shown.stdout


def test_a_courses_cohorts_are_its_trainees_cohort_groups():
    # What the hub lists to the course's service: the course's trainees, with their groups.
    trainees = [
        {"name": "yusuf", "groups": ["nbgrader-web-dev", "cohort-matin"]},
        {"name": "awa", "groups": ["cohort-matin", "nbgrader-web-dev"]},
        {"name": "lina", "groups": ["nbgrader-web-dev", "cohort-soir", "nbgrader-data"]},
        {"name": "nouveau", "groups": ["nbgrader-web-dev"]},  # added by hand, no cohort
    ]
    assert course_cohorts(trainees) == {"matin": ["awa", "yusuf"], "soir": ["lina"]}
    assert course_cohorts([]) == {}
