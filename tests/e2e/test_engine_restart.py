"""The Docker engine restarted under the lab: it comes back by itself, files intact.

The engine itself is not restarted: that would stop every container on the machine, not
only the lab's. What the lab meets is played instead, on a lab of its own: every one of its
containers stops at once (killed, as an engine that goes down does to what outlives its
grace time), then the engine starts again those whose restart policy asks for it, as it
does at its own start. Loop devices, like the engine's volumes, outlive an engine restart.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import running_lab, wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
STARTED_BY_THE_ENGINE = ("always", "unless-stopped")


@pytest.fixture(scope="module")
def own_lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("engine")) as lab:
        yield lab


def _hub_answers(lab) -> bool:
    try:
        return lab.api("GET", "/").status_code == 200
    except requests.RequestException:
        return False


def _engine_restart(lab) -> list[str]:
    """Every container of the lab killed at once, then those the engine restarts started."""
    ours = [
        c
        for c in lab.docker.containers.list(filters={"name": lab.prefix})
        if c.name.startswith(lab.prefix)
    ]
    with ThreadPoolExecutor(len(ours)) as pool:
        list(pool.map(lambda container: container.kill(), ours))
    restarted = []
    for container in ours:
        container.reload()
        if container.attrs["HostConfig"]["RestartPolicy"]["Name"] in STARTED_BY_THE_ENGINE:
            container.start()
            restarted.append(container.name)
    return restarted


def test_after_an_engine_restart_the_lab_comes_back_by_itself(own_lab):
    lab = own_lab
    lab.cli("course", "release", "web-dev", "python-bases")  # the course's side is running
    lab.create_trainee("sekou", PASSWORD)
    lab.start_server("sekou")
    body = {"type": "file", "format": "text", "content": "avant la panne"}
    url = f"{lab.user_url('sekou')}/api/contents/notes.txt"
    assert lab.http(lab.user_token("sekou")).put(url, json=body, timeout=30).ok

    restarted = _engine_restart(lab)
    # The hub and each course's grading container come back; a trainee's starts when asked.
    assert f"{lab.prefix}-hub" in restarted
    assert f"{lab.prefix}-course-web-dev" in restarted
    wait_for(lambda: _hub_answers(lab), 120, "the hub to answer again")
    wait_for(
        lambda: not lab.api("GET", "/users/sekou").json().get("server"),
        120,
        "the hub to see that Sékou's server is gone",
    )
    lab.start_server("sekou")
    again = lab.http(lab.user_token("sekou")).get(url, timeout=30)
    assert again.status_code == 200 and again.json()["content"] == "avant la panne"
    # The instructors' side too: the grading container and the exchange work again.
    assert lab.docker.containers.get(f"{lab.prefix}-course-web-dev").status == "running"
    lab.cli("course", "collect", "web-dev", "python-bases")
