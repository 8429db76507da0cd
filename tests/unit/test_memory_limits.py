"""Every memory size lab.yaml accepts reaches Docker as a byte count.

docker-py parses sizes itself and knows fewer spellings than lab.yaml ("2GiB", "1T" and
"1.5G" make it raise), so a valid lab.yaml once made every sandbox run fail.
"""

from unittest import mock

import pytest

from codelab.config import parse_lab_config
from codelab.hub.configure import hub_config
from codelab.sandbox.container import run_in_sandbox
from codelab.sandbox.service import SandboxApp

SPELLINGS = {
    "512M": 512 * 1024**2,
    "512m": 512 * 1024**2,
    "512MB": 512 * 1024**2,
    "512MiB": 512 * 1024**2,
    "2G": 2 * 1024**3,
    "2GiB": 2 * 1024**3,
    "2 GB": 2 * 1024**3,
    "1.5G": int(1.5 * 1024**3),
    "1T": 1024**4,
    "65536K": 64 * 1024**2,
    "268435456": 256 * 1024**2,
    268435456: 256 * 1024**2,
}


def _docker_memory_of_a_sandbox(spelling) -> int:
    """The mem_limit a sandbox container is created with, from lab.yaml's grading.memory."""
    config = hub_config(parse_lab_config({"grading": {"memory": spelling}}), admin_token="t")
    (sandbox,) = [s for s in config.JupyterHub.services if s["name"] == "sandbox"]
    app = SandboxApp()
    app.parse_command_line(sandbox["command"][3:])  # after python -m codelab.sandbox.service
    client = mock.MagicMock()
    client.containers.create.side_effect = RuntimeError("stop here")
    limits = mock.MagicMock(memory=app.memory, cpus=1.0, budget_seconds=30, cpu_seconds=5)
    with pytest.raises(RuntimeError, match="stop here"):
        run_in_sandbox(client, limits, b"")
    kwargs = client.containers.create.call_args.kwargs
    assert kwargs["memswap_limit"] == kwargs["mem_limit"]
    return kwargs["mem_limit"]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=str)
def test_grading_memory_reaches_docker_as_bytes(spelling):
    assert _docker_memory_of_a_sandbox(spelling) == SPELLINGS[spelling]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=str)
def test_learner_memory_reaches_the_spawner_as_bytes(spelling):
    config = hub_config(parse_lab_config({"learner": {"memory": spelling}}), admin_token="t")
    assert config.CodelabSpawner.mem_limit == SPELLINGS[spelling]
