"""`codelab course check` over the whole track, in throwaway learner containers.

Every assignment goes through the real nbgrader pipeline with the trainees' kernels, graders
and Deno: the reference solution scores full marks, the released version scores 0 and holds
no hidden test. A broken copy of the course must fail with sentences naming the assignment.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import docker
import pytest
import yaml

from .conftest import ROOT, docker_available, need

pytestmark = pytest.mark.e2e

IMAGE = "codelab/learner:latest"


def image_available() -> bool:
    try:
        docker.from_env().images.get(IMAGE)
    except docker.errors.DockerException:
        return False
    return True


@pytest.fixture(scope="module")
def check(tmp_path_factory):
    """Runs `codelab course check` with a lab.yaml whose prefix is codelab-test-…"""
    need(docker_available(), "A running Docker engine")
    need(image_available(), f"The learner image {IMAGE} (codelab images build)")
    prefix = f"codelab-test-{secrets.token_hex(3)}"
    config = tmp_path_factory.mktemp("check") / "lab.yaml"
    config.write_text(yaml.safe_dump({"prefix": prefix, "courses": ["web-dev"]}))
    client = docker.from_env()

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "codelab.cli", "course", "check", *args]
        env = {**os.environ, "COLUMNS": "300"}  # no line wrapped mid-sentence
        return subprocess.run(
            [*command, "--config", str(config)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    yield run
    left = client.containers.list(all=True, filters={"name": prefix})
    for container in left:
        container.remove(force=True)
    assert not left, "the check left its container behind"


def test_the_whole_track_passes(check):
    course = yaml.safe_load((ROOT / "courses" / "web-dev" / "course.yaml").read_text())
    ids = [a["id"] for module in course["modules"] for a in module["assignments"]]
    result = check("web-dev")
    assert result.returncode == 0, result.stdout + result.stderr
    for n, assignment in enumerate(ids, 1):
        assert f"[{n}/{len(ids)}] ok   {assignment} " in result.stdout
    assert f"OK: {len(ids)} assignment(s) checked" in result.stdout


def break_the_course(target: Path) -> None:
    """A wrong reference solution, and a hidden test whose marker is misspelled."""
    edits = {
        "python-bases/salutation.ipynb": ('f"Bonjour, {prenom} !"', 'f"Bonjour {prenom} !"'),
        "js-bases/bases.ipynb": ("// BEGIN HIDDEN TESTS", "// BEGIN HIDEN TESTS"),
    }
    for name, (old, new) in edits.items():
        path = target / "source" / name
        notebook = json.loads(path.read_text())
        for cell in notebook["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in ("salutation", "test_prix_cache"):
                cell["source"] = [line.replace(old, new) for line in cell["source"]]
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1))


def test_a_broken_copy_fails_with_sentences_naming_the_assignment(check, tmp_path):
    target = tmp_path / "web-dev"
    shutil.copytree(ROOT / "courses" / "web-dev", target)
    break_the_course(target)
    result = check(str(target), "--only", "python-bases", "--only", "js-bases")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "FAIL python-bases" in out and "FAIL js-bases" in out
    assert "python-bases: the reference solution scores 0 of 3 points" in out
    assert "python-bases: the reference solution fails test cell test_visible" in out
    assert 'js-bases: the released bases.ipynb still holds the marker "BEGIN HIDEN TESTS"' in out
    assert "2 problem(s)" not in out and "problem(s) found in course web-dev." in out
