"""The sample course through real nbgrader: what is released holds no solution or hidden test."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codelab.courses import NBGRADER_COURSE_SETTINGS, load_course

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    course_root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "courses" / "web-dev" / "source", course_root / "source")
    course = load_course(ROOT / "courses" / "web-dev")
    # The settings every course gets (the code stub of each kernel language, Deno's too).
    (course_root / "nbgrader_config.py").write_text("c = get_config()\n" + NBGRADER_COURSE_SETTINGS)
    # nbgrader needs its alembic next to it, or it leaves a broken gradebook behind.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    # Two assignments here; `codelab course check` (tests/e2e) runs the whole track.
    for assignment in [course.assignment(a) for a in ("python-bases", "moyennes")]:
        result = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", assignment.id,
             "--CourseDirectory.root=.", "--CourseDirectory.course_id=web-dev", "--force"],
            cwd=course_root, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
    return course_root, course


def test_every_assignment_is_generated(generated):
    course_root, _ = generated
    for assignment in ("python-bases", "moyennes"):
        assert list((course_root / "release" / assignment).glob("*.ipynb"))


def test_released_notebooks_hold_no_solution_and_no_hidden_test(generated):
    course_root, course = generated
    for notebook in (course_root / "release").rglob("*.ipynb"):
        text = notebook.read_text()
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        for secret in ('return f\\"Bonjour', "Jean-Pierre", "1.67", "round(sum"):
            assert secret not in text, (notebook, secret)
