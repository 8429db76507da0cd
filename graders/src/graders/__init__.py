"""Checks for nbgrader test cells: one plain sentence per failure, nothing on stderr.

    from graders import html
    html.check_images_alt(page)

Every failed check raises CheckFailed (an AssertionError) whose text is one sentence for a
beginner, in French by default, in English with CODELAB_LANGUAGE=en, set_language("en") or
the lang="en" argument of any check.
"""

import importlib

from graders.check import CheckFailed
from graders.messages import get_language, set_language

# Each kind of check is imported when first used: a notebook that checks Python does not pay
# for the HTML parser or Flask (every autograded notebook starts from a fresh kernel).
CHECKS = ("css", "html", "http", "js", "python", "sql")


def __getattr__(name: str):
    if name in CHECKS:
        return importlib.import_module(f"graders.{name}")
    raise AttributeError(f"module 'graders' has no attribute {name!r}")


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
