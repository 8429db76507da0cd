"""A cohort's students into nbgrader's gradebook in one go, and out again on undo."""

import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from codelab.gradebook import add_students, remove_students


def test_add_is_idempotent_and_remove_undoes_only_the_import(tmp_path, monkeypatch):
    # nbgrader runs `alembic` when it makes a gradebook: it must be on PATH.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    url = f"sqlite:///{tmp_path}/gradebook.db"
    with Gradebook(url, course_id="web-dev") as gradebook:
        gradebook.add_student("earlier", first_name="Déjà", last_name="Là")
    students = [{"id": "aicha.ndiaye", "first_name": "Aïcha", "last_name": "N'Diaye"},
                {"id": "earlier", "first_name": "Déjà", "last_name": "Là"}]  # fmt: skip
    assert add_students(url, "web-dev", students) == ["aicha.ndiaye"]
    assert add_students(url, "web-dev", students) == []
    with Gradebook(url, course_id="web-dev") as gradebook:
        assert gradebook.find_student("aicha.ndiaye").last_name == "N'Diaye"
    assert remove_students(url, "web-dev", ["aicha.ndiaye"]) == ["aicha.ndiaye"]
    with Gradebook(url, course_id="web-dev") as gradebook:
        assert [s.id for s in gradebook.students] == ["earlier"]
