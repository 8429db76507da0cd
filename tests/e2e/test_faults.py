"""Faults the lab survives by itself: its proxy killed, a trainee's container killed."""

from __future__ import annotations

import pytest
import requests

from .conftest import wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"


@pytest.fixture(scope="module")
def nadia(lab):
    lab.create_trainee("nadia", PASSWORD)
    lab.start_server("nadia")
    body = {"type": "file", "format": "text", "content": "mon exercice"}
    url = f"{lab.user_url('nadia')}/api/contents/exercice.txt"
    assert lab.http(lab.user_token("nadia")).put(url, json=body, timeout=30).ok
    return "nadia"


def _reads_her_file(lab, name: str, token: str) -> bool:
    url = f"{lab.user_url(name)}/api/contents/exercice.txt"
    try:
        response = lab.http(token).get(url, timeout=5)
    except requests.RequestException:
        return False
    return response.status_code == 200 and response.json()["content"] == "mon exercice"


def test_the_proxy_killed_comes_back_with_every_route(lab, nadia):
    hub = lab.docker.containers.get(f"{lab.prefix}-hub")
    processes = hub.top(ps_args="-eo pid,args")["Processes"]
    (pid,) = [p[0] for p in processes if "configurable-http-proxy" in p[1]]
    hub.exec_run(["kill", "-9", pid])  # the one process, by its id in our own container
    token = lab.user_token(nadia)
    wait_for(lambda: _reads_her_file(lab, nadia, token), 90, "her server through a new proxy")


def test_a_killed_trainee_container_is_noticed_and_starts_again_with_her_files(lab, nadia):
    lab.container(nadia).kill()
    wait_for(
        lambda: not lab.api("GET", f"/users/{nadia}").json().get("server"),
        120,
        "the hub to notice the server is gone",
    )
    lab.start_server(nadia)
    assert _reads_her_file(lab, nadia, lab.user_token(nadia))
