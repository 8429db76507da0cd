"""The feedback page's template in French, checked on the installed nbgrader's."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from codelab.feedback_page import (
    FRENCH,
    PAGE,
    TEMPLATE,
    TemplateChanged,
    translated,
    write_languages,
)


def test_every_english_text_is_replaced_and_no_grading_id_is_shown(tmp_path):
    french_dir, english_dir = write_languages(tmp_path)
    french = (french_dir / PAGE).read_text("utf-8")
    for english in FRENCH:
        assert english not in french, english
    assert '<html lang="fr">' in french and ">Votre réponse<" in french
    assert "grade_id }}</code>" not in french  # the id stays an anchor, never a word shown
    assert "div.prompt { display: none; }" in french  # no « In [ ]: » beside each cell
    english = (english_dir / PAGE).read_text("utf-8")
    assert '<html lang="en">' in english and "Student's answer" in english
    assert (french_dir / "conf.json").exists()
    Environment().parse(french)  # still a template


def test_a_reworded_template_fails_the_image_build():
    page = (TEMPLATE / PAGE).read_text("utf-8").replace("Student's answer", "Your answer")
    with pytest.raises(TemplateChanged, match="Student's answer"):
        translated(page, "fr")


def test_scores_read_as_people_write_them():
    from jinja2 import DictLoader

    page = translated((TEMPLATE / PAGE).read_text("utf-8"), "fr")
    score = page[page.index("{% macro score(cell)") : page.index("{%- endmacro %}") + 15]
    macro = Environment(loader=DictLoader({"m": score})).get_template("m").module.score
    cell = {"metadata": {"nbgrader": {"score": 2.5, "points": 3.0}}}
    assert "Note : 2,5 / 3" in str(macro(cell))
