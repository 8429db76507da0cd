"""A trainee's JupyterLab terminal has the course's tools, as their notebooks do.

JupyterLab's terminal under a spawner is a login shell, and Debian's /etc/profile resets
PATH there: the terminal is opened as JupyterLab opens it (the terminals REST API, then
its websocket) and the trainee's commands are typed into it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
# Arithmetic the shell does, so the typed line's echo never matches the answer.
TYPED = (
    "shopt -q login_shell && echo LOGIN-$((1+1)); "
    "python3 -c 'import flask; print(\"flask\", flask.__version__)'; "
    "for tool in python3 nbgrader jupyter deno node git pip; do "
    "command -v $tool || echo MISSING-$((0))-$tool; done"
)


def test_the_terminal_has_the_course_python_and_every_tool(lab):
    lab.create_trainee("yasmine", PASSWORD)
    lab.start_server("yasmine")
    seen = lab.in_terminal("yasmine", TYPED)
    assert "LOGIN-2" in seen, seen  # the case that broke: a login shell
    assert "flask 3." in seen, seen
    assert "MISSING-0-" not in seen, seen
    assert "/opt/codelab/venv/bin/python3" in seen, seen
