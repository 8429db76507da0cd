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


def test_grades_are_nbgraders_export_quoted_and_formula_safe(tmp_path, monkeypatch):
    import csv
    import io

    from nbgrader.plugins import CsvExportPlugin

    from codelab.gradebook import grades_csv

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    url = f"sqlite:///{tmp_path}/gradebook.db"
    with Gradebook(url, course_id="web-dev") as gradebook:
        gradebook.add_assignment("git-bases")
        gradebook.add_student("awa.diallo", first_name="Awa", last_name="Diallo")
        gradebook.add_student("jb.lefevre", first_name="Jean, Baptiste", last_name="=HYPERLINK()")
        ours = grades_csv(gradebook).decode("utf-8-sig")
        CsvExportPlugin(to=str(tmp_path / "nbgrader.csv")).export(gradebook)
        only_awa = grades_csv(gradebook, {"awa.diallo"}).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(ours)))
    jb = next(r for r in rows if r["student_id"] == "jb.lefevre")
    assert (jb["first_name"], jb["last_name"], jb["score"]) == ("Jean, Baptiste", "'=HYPERLINK()",
                                                              "0.0")  # fmt: skip
    # The same cells as nbgrader's own export, for a name without a comma.
    theirs = list(csv.DictReader(io.StringIO((tmp_path / "nbgrader.csv").read_text("utf-8"))))
    awa = next(r for r in rows if r["student_id"] == "awa.diallo")
    assert awa == next(r for r in theirs if r["student_id"] == "awa.diallo")
    assert [r["student_id"] for r in csv.DictReader(io.StringIO(only_awa))] == ["awa.diallo"]
