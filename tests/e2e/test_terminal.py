"""A trainee's JupyterLab terminal has the course's tools, as their notebooks do.

JupyterLab's terminal under a spawner is a login shell, and Debian's /etc/profile resets
PATH there: the terminal is opened as JupyterLab opens it (the terminals REST API, then
its websocket) and the trainee's commands are typed into it.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
# Arithmetic the shell does, so the typed line's echo never matches the answer.
TYPED = (
    "shopt -q login_shell && echo LOGIN-$((1+1)); "
    "python3 -c 'import flask; print(\"flask\", flask.__version__)'; "
    "for tool in python3 nbgrader jupyter deno node git pip; do "
    "command -v $tool || echo MISSING-$((0))-$tool; done; echo DONE-$((40+2))\r"
)


async def _type_in_terminal(url: str, token: str, line: str, timeout: float) -> str:
    request = HTTPRequest(url, headers={"Authorization": f"token {token}"})
    connection = await websocket_connect(request)
    seen = ""
    try:
        await connection.write_message(json.dumps(["stdin", line]))
        while "DONE-42" not in seen:
            message = await asyncio.wait_for(connection.read_message(), timeout)
            if message is None:
                break
            kind, *content = json.loads(message)
            if kind == "stdout":
                seen += content[0]
    finally:
        connection.close()
    return seen


def test_the_terminal_has_the_course_python_and_every_tool(lab):
    lab.create_trainee("yasmine", PASSWORD)
    lab.start_server("yasmine")
    token = lab.user_token("yasmine")
    base = lab.user_url("yasmine")
    created = lab.http(token).post(f"{base}/api/terminals", timeout=30)
    assert created.status_code == 200, created.text
    socket_url = base.replace("http", "ws", 1) + f"/terminals/websocket/{created.json()['name']}"
    # On a loop of its own: the browser tests' driver already runs one in this thread.
    with ThreadPoolExecutor(1) as thread:
        typing = _type_in_terminal(socket_url, token, TYPED, timeout=60)
        seen = thread.submit(asyncio.run, typing).result()
    assert "LOGIN-2" in seen, seen  # the case that broke: a login shell
    assert "flask 3." in seen, seen
    assert "MISSING-0-" not in seen, seen
    assert "/opt/codelab/venv/bin/python3" in seen, seen
