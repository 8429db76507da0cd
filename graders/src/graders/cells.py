"""A test cell that passes says so: an IPython extension, loaded in every Python kernel of
the learner image (its ipython_kernel_config.py).

nbgrader's test cells are silent when they pass, so a trainee who just made one work sees
nothing happen. The track's test cells start with a comment that says what they test,
`# Test : la table formation et sa clé primaire`; when such a cell runs to its end, the
trainee reads « ✔ Test réussi : la table formation et sa clé primaire. » A failing one
already says what to change (CheckFailed's sentence).
"""

from __future__ import annotations

import re

from graders.messages import t

# The first line of a test cell: "# Test : what", "# Test visible : what", or just "# Test".
# (Not "# Tests cachés": a trainee's copy holds none of them, so it would pass empty.)
TEST_LINE = re.compile(r"#\s*Test(?:\s+visible)?\s*(?::(?P<what>[^\n]*))?$", re.MULTILINE)


def what_it_tests(source: str) -> str | None:
    """'' for a test cell that does not say what it tests, None for any other cell."""
    match = TEST_LINE.match(source.lstrip())
    if not match:
        return None
    return (match.group("what") or "").strip().rstrip(".")


def say_if_passed(result) -> None:
    """IPython's post_run_cell hook."""
    what = what_it_tests(result.info.raw_cell or "")
    if what is None or not result.success:
        return
    print(t("test_passed", what=what) if what else t("test_passed_plain"))


def load_ipython_extension(ipython) -> None:
    ipython.events.register("post_run_cell", say_if_passed)


def unload_ipython_extension(ipython) -> None:
    ipython.events.unregister("post_run_cell", say_if_passed)
