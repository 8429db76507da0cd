"""Checks for nbgrader test cells: one plain sentence per failure, nothing on stderr.

    from graders import html
    html.check_images_alt(page)

Every failed check raises CheckFailed (an AssertionError) whose text is one sentence for a
beginner, in French by default, in English with CODELAB_LANGUAGE=en, set_language("en") or
the lang="en" argument of any check.
"""

from graders import css, html, http, js, python, sql
from graders.check import CheckFailed
from graders.messages import get_language, set_language

__all__ = [
    "CheckFailed",
    "css",
    "get_language",
    "html",
    "http",
    "js",
    "python",
    "set_language",
    "sql",
]
