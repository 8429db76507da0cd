"""The host CLI imports only what `pip install .` (no extras) installs.

The `codelab` command runs on the admin's host, where nbgrader, nbformat, JupyterHub and
DockerSpawner need not be: each command is run here with those made unimportable.
"""

import subprocess
import sys

import pytest

NOT_ON_THE_HOST = ["nbgrader", "nbformat", "nbclient", "jupyterhub", "dockerspawner", "bcrypt"]
BLOCKER = f"""
import importlib.abc, sys
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {NOT_ON_THE_HOST!r}:
            raise ImportError(f"{{name}} is not installed on the admin's host")
sys.meta_path.insert(0, Blocker())
sys.argv = ["codelab", *sys.argv[1:]]
from codelab.cli import main
main()
"""

COMMANDS = [
    [], ["up"], ["down"], ["status"], ["token"], ["images", "build"],
    ["course", "list"], ["course", "check"], ["course", "release"], ["course", "collect"],
    ["course", "autograde"], ["course", "feedback"], ["course", "export"],
    ["cohort", "import"], ["cohort", "cards"], ["cohort", "list"], ["cohort", "show"],
    ["cohort", "deactivate"], ["cohort", "archive"], ["cohort", "start"], ["instructor", "add"],
    ["course", "extend"], ["cohort", "evidence"], ["cohort", "warm"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "codelab")
def test_every_command_starts_without_the_containers_packages(command):
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Usage" in result.stdout


def test_course_check_reaches_its_container_without_them(tmp_path):
    """Past --help: the command's own imports, up to where it needs Docker."""
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, "course", "check", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    said = " ".join((result.stderr + result.stdout).split())  # rich wraps long lines
    assert "is not installed" not in said, said[-2000:]
    assert "course.yaml does not exist" in said, said[-2000:]
