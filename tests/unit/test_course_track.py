"""The web-developer track as shipped: complete, covering CP1–CP8, and well-formed notebooks.

Fast checks on the files only; `tests/e2e/test_course_check.py` runs every assignment through
nbgrader. Also the course check's own pieces that need no nbgrader run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from traitlets.config import Config
from typer.testing import CliRunner

from codelab import course_check, course_check_host
from codelab.cli import app
from codelab.course_report import AssignmentReport, CourseReport, format_report
from codelab.courses import (
    COMPETENCIES,
    NBGRADER_COURSE_SETTINGS,
    coverage,
    load_course,
    read_course_file,
    track_problems,
)

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "courses" / "web-dev"
DENO_KERNEL = ROOT / "images" / "learner" / "settings" / "kernels" / "deno" / "kernel.json"
KERNELS = {"python3": "python", "deno": json.loads(DENO_KERNEL.read_text())["language"]}
MODULES = {"environnement", "html", "css", "javascript", "python", "sql", "api", "deploiement"}

course = load_course(COURSE)
NOTEBOOKS = sorted((COURSE / "source").glob("*/*.ipynb"))


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def test_the_track_has_at_least_twelve_assignments_across_its_modules():
    assert len(course.assignments) >= 12
    assert {module.id for module in course.modules} >= MODULES
    assert course.language == "fr"


def test_course_yaml_and_source_folders_describe_the_same_track():
    assert track_problems(COURSE, course) == []


def test_every_competency_has_an_assignment():
    covered = coverage(course)
    assert set(covered) == COMPETENCIES
    assert all(covered.values()), {cp: ids for cp, ids in covered.items() if not ids}


def test_the_first_assignments_keep_their_ids_and_points():
    # Other tests (the end-to-end course, the cohort benchmark) grade these two.
    assert (course.assignment("python-bases").points, course.assignment("moyennes").points) == (
        3,
        4,
    )


def test_due_dates_follow_the_order_of_the_track():
    days = [a.due_days for a in course.assignments]
    assert days == sorted(days) and days[0] > 0


@pytest.mark.parametrize("assignment", course.assignments, ids=lambda a: a.id)
def test_points_are_the_sum_of_the_test_cells(assignment):
    cells = [
        cell
        for path in (COURSE / "source" / assignment.id).glob("*.ipynb")
        for cell in nbformat.read(path, as_version=4).cells
    ]
    total = sum(nbgrader_meta(c).get("points", 0) for c in cells if nbgrader_meta(c).get("grade"))
    assert total == assignment.points


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_notebook_has_a_statement_a_solution_and_visible_and_hidden_tests(path):
    notebook = nbformat.read(path, as_version=4)
    kernel = notebook.metadata.kernelspec
    assert KERNELS.get(kernel.name) == kernel.language, "a kernel of the learner image"
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and nbgrader_meta(first).get("locked")
    solutions = [c for c in notebook.cells if nbgrader_meta(c).get("solution")]
    tests = [c for c in notebook.cells if nbgrader_meta(c).get("grade")]
    assert solutions and all("BEGIN SOLUTION" in c.source for c in solutions)
    assert all(nbgrader_meta(c).get("locked") and c.cell_type == "code" for c in tests)
    assert any("BEGIN HIDDEN TESTS" in c.source for c in tests)
    visible = [c.source.split("BEGIN HIDDEN TESTS")[0] for c in tests]
    comment = "#" if kernel.language == "python" else "//"
    assert any(
        line.strip() and not line.strip().startswith(comment)
        for source in visible
        for line in source.splitlines()
    ), "at least one visible test"
    assert course_check._marker_problems(path.parent.name, path) == []


def test_javascript_assignments_run_on_the_deno_kernel():
    deno = {
        p.parent.name for p in NOTEBOOKS if nbformat.read(p, 4).metadata.kernelspec.name == "deno"
    }
    assert {"js-bases", "js-tableaux", "js-donnees-page"} <= deno


def test_code_stubs_cover_the_kernels_and_fail_when_run():
    config = Config()
    exec(NBGRADER_COURSE_SETTINGS, {"c": config})
    stubs = config.ClearSolutions.code_stub
    assert set(KERNELS.values()) <= set(stubs)
    assert "raise NotImplementedError" in stubs["python"]
    assert "throw new Error" in stubs[KERNELS["deno"]]
    compile(stubs["python"], "<stub>", "exec")


# --- track_problems and coverage on a broken copy


@pytest.fixture
def course_copy(tmp_path):
    target = tmp_path / "web-dev"
    shutil.copytree(COURSE, target)
    return target


def test_track_problems_name_what_to_fix(course_copy):
    data = yaml.safe_load((course_copy / "course.yaml").read_text())
    data["modules"] = [m for m in data["modules"] if m["id"] != "deploiement"]
    (course_copy / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    shutil.rmtree(course_copy / "source" / "moyennes")
    for notebook in (course_copy / "source" / "sql-schema").glob("*.ipynb"):
        notebook.unlink()
    problems = track_problems(course_copy, read_course_file(course_copy))
    said = "\n".join(problems)
    assert "moyennes is in course.yaml but" in said
    assert "holds no notebook (.ipynb) for sql-schema" in said
    assert "doc-deploiement is not in course.yaml: add doc-deploiement to a module" in said
    assert "No assignment of course web-dev covers competency CP8." in said


# --- the course check's pieces that need no nbgrader run


def notebook_with(*sources: str, grade: bool = True) -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_code_cell(
            source,
            metadata={"nbgrader": {"grade": grade, "grade_id": f"t{n}", "locked": True}},
        )
        for n, source in enumerate(sources)
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_a_misspelled_marker_is_named(tmp_path):
    path = tmp_path / "page.ipynb"
    nbformat.write(notebook_with("// BEGIN HIDEN TESTS\nverifier();\n// END HIDDEN TESTS"), path)
    said = "\n".join(course_check._marker_problems("js-bases", path))
    assert (
        'js-bases: cell t0 of page.ipynb has a line that looks like a misspelled marker: "//'
        in said
    )
    assert '"END HIDDEN TESTS" line without a "BEGIN HIDDEN TESTS"' in said


def test_leaks_in_the_released_version_are_found(tmp_path):
    source, released = tmp_path / "source", tmp_path / "release"
    source.mkdir()
    released.mkdir()
    hidden = "assert moyenne([1, 2, 2]) == 1.67"
    nbformat.write(
        notebook_with(f"# visible\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"),
        source / "a.ipynb",
    )
    nbformat.write(notebook_with(f"# visible\n{hidden}"), released / "a.ipynb")
    (released / "notes.txt").write_text("### BEGIN SOLUTION\n")
    said = "\n".join(course_check._leaks("moyennes", source, released))
    assert (
        f'moyennes: the released a.ipynb shows a line of a solution or hidden test: "{hidden}"'
        in said
    )
    assert 'moyennes: the released notes.txt still holds the marker "BEGIN SOLUTION"' in said
    nbformat.write(notebook_with("# visible"), released / "a.ipynb")
    (released / "notes.txt").unlink()
    assert course_check._leaks("moyennes", source, released) == []


def test_host_kernelspecs_point_to_the_programs_found_here(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "deno").write_text("#!/bin/sh\n")
    (bin_dir / "deno").chmod(0o755)
    course_check_host._host_kernelspecs(
        DENO_KERNEL.parent.parent, tmp_path / "kernels", str(bin_dir)
    )
    spec = json.loads((tmp_path / "kernels" / "deno" / "kernel.json").read_text())
    assert spec["argv"][0] == str(bin_dir / "deno")
    assert spec["language"] == "typescript" and spec["interrupt_mode"] == "message"


def test_report_round_trips_through_json_and_reads_plainly():
    report = CourseReport(
        "web-dev",
        "Développeur web",
        assignments=[
            AssignmentReport("js-bases", "JS", 5, 5, 0, 2.5),
            AssignmentReport("moyennes", "Moyennes", 4, 3, 0, 2.0, ["moyennes: it fails."]),
        ],
    )
    again = CourseReport.from_json(report.to_json())
    assert again == report and not again.ok
    text = format_report(again, failures_only=True)
    assert "js-bases" not in text and "      - moyennes: it fails." in text
    assert text.endswith("1 problem(s) found in course web-dev.")


# --- the command


runner = CliRunner()


def said(result) -> str:
    return " ".join(result.output.split())


def test_check_runs_in_a_learner_container_named_after_the_lab(tmp_path, monkeypatch):
    config = tmp_path / "lab.yaml"
    config.write_text("prefix: codelab-test-cli\n")
    calls = {}

    def fake_check(folder, image, name, on_line, only=None, timeout=1800):
        calls.update(folder=folder, image=image, name=name, only=only)
        on_line("[1/1] FAIL moyennes")
        failed = AssignmentReport("moyennes", points=4, problems=["moyennes: it fails."])
        return CourseReport("web-dev", "Track", assignments=[failed])

    monkeypatch.setattr(course_check_host, "check_in_container", fake_check)
    result = runner.invoke(
        app, ["course", "check", "web-dev", "--only", "moyennes", "--config", str(config)]
    )
    assert result.exit_code == 1, result.output
    assert calls["folder"] == COURSE and calls["only"] == ["moyennes"]
    assert calls["image"] == "codelab/learner:latest"
    assert calls["name"].startswith("codelab-test-cli-course-check-")
    assert "moyennes: it fails." in said(result)


def test_check_of_an_unknown_course_says_where_it_looked():
    result = runner.invoke(app, ["course", "check", "nope", "--here"])
    assert result.exit_code == 1
    assert "no course 'nope'" in said(result) and "courses/nope/course.yaml" in said(result)
