"""nbgrader's feedback page in the lab's language, with no grading ids on it.

The page a trainee opens with « Voir la correction » is nbconvert's rendering of the graded
notebook through nbgrader's `feedback` template, whose words are English literals (« Student's
answer », « Grade cell: test_visible », « Score: »). At image build,
`python -m codelab.feedback_page FOLDER` writes beside nbgrader's template one copy per
language, FOLDER/<language>/feedback/; the grading container's nbgrader_config.py points
GenerateFeedback at the lab's language. Every English text must be found, or the build fails.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbgrader

from codelab.i18n import replace_texts

TEMPLATE = Path(nbgrader.__file__).parent / "server_extensions/formgrader/templates/feedback"
PAGE = "index.html.j2"
GRADE_ID = "<code>{{ cell.metadata.nbgrader.grade_id }}</code>"

# What axe-core finds serious on nbgrader's page: links told apart by colour alone, or too
# pale (the « top » links are blue on the blue heading), and pale code comments. And no
# « In [ ]: » beside each cell: English, a programmer's word, and 21ex of a phone's width.
READABLE_CSS = """
#toc a, .panel-footer a { color: #0b4a8b; text-decoration: underline; }
.panel-primary > .panel-heading { background-color: #245580; }
div.nbgrader_cell .panel-heading a { color: #fff; text-decoration: underline; }
.highlight .c, .highlight .c1, .highlight .cm, .highlight .ch { color: #2f5f5f; }
.anchor-link { display: none; }
.input_area pre { white-space: pre-wrap; overflow-wrap: anywhere; }
div.prompt { display: none; }
"""
# The same for both languages: the page's language, no id of a graded cell, readable.
PLAIN = {
    "<html>": '<html lang="LANGUAGE">',
    # Laid out for the phone's width, not a desktop's shrunk to it.
    '<meta charset="utf-8" />': (
        '<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />'
    ),
    "</style>\n\n</head>": READABLE_CSS + "</style>\n\n</head>",
    f'<span class="nbgrader-label">Grade cell: {GRADE_ID}</span>': (
        '<span class="nbgrader-label">Grade cell</span>'
    ),
    f'<span class="nbgrader-label">Task: {GRADE_ID}</span>': (
        '<span class="nbgrader-label">Task</span>'
    ),
}
FRENCH = {
    "(Score: ": "(note : ",
    "      Score: ": "      Note : ",
    ">Test cell</a>": ">Test</a>",
    ">Coding free-response</a>": ">Réponse en code</a>",
    ">Written response</a>": ">Réponse écrite</a>",
    ">Task</a>": ">Tâche</a>",
    ">Comment</a>": ">Commentaire</a>",
    "Late submission penalty (": "Pénalité de retard (",
    "(Top)": "(haut de page)",
    ">Student's answer<": ">Votre réponse<",
    ">Student's task<": ">Votre tâche<",
    '"nbgrader-label">Grade cell<': '"nbgrader-label">Test<',
    '"nbgrader-label">Task<': '"nbgrader-label">Tâche<',
    "<b>Comments:</b>": "<b>Commentaires :</b>",
}


class TemplateChanged(RuntimeError):
    """nbgrader's feedback template no longer holds a text we replace."""


# Scores as people write them: « 3 / 3 », « 2,5 » in French, never « 3.0 ».
SCORE = re.compile(r"\{\{ ([^{}]+?) \| float \| round\(2\) \}\}")
SCORE_AS_WRITTEN = {
    "fr": r'{{ "%g" | format(\1 | float | round(2)) | replace(".", ",") }}',
    "en": r'{{ "%g" | format(\1 | float | round(2)) }}',
}


def translated(page: str, language: str) -> str:
    """The template's page in `language` (fr or en), without grading ids."""
    table = {k: v.replace("LANGUAGE", language) for k, v in PLAIN.items()}
    page, missing = replace_texts(page, table)
    page, scores = SCORE.subn(SCORE_AS_WRITTEN[language], page)
    if not scores:
        missing.append("| float | round(2)")
    if language == "fr":
        page, missing_fr = replace_texts(page, FRENCH)
        missing += missing_fr
    if missing:
        raise TemplateChanged(f"nbgrader's feedback template changed; not found: {missing!r}")
    return page


def write_languages(folder: Path, template: Path = TEMPLATE) -> list[Path]:
    """FOLDER/<language>/feedback/, a copy of nbgrader's template in each language."""
    written = []
    for language in ("fr", "en"):
        target = folder / language / "feedback"
        shutil.copytree(template, target, dirs_exist_ok=True)
        page = (template / PAGE).read_text("utf-8")
        (target / PAGE).write_text(translated(page, language), "utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_languages(Path(sys.argv[1])):
        print(f"Feedback page: {path}")
