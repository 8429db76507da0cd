"""The trusted side of the sandbox: what comes back is merged so a failed test scores 0."""

from concurrent.futures import Future

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.utils import determine_grade

from codelab.sandbox.preprocessor import RunsAhead, merge_report, pack, submission_files


def graded_cell(source="assert f() == 1"):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 2, "solution": False,
                                 "locked": True, "schema_version": 3}  # fmt: skip
    return cell


def notebook():
    return new_notebook(
        cells=[new_markdown_cell("# Consigne"), new_code_cell("x = 1"), graded_cell()]
    )


def ok(text=""):
    return {"outputs": [new_output("stream", name="stdout", text=text)] if text else [],
            "status": "ok", "truncated": False}  # fmt: skip


def test_outputs_come_back_and_a_passing_test_keeps_its_points():
    nb = notebook()
    merge_report(nb, {"cells": [None, ok("bonjour"), ok()], "reason": None})
    assert nb.cells[1].outputs[0].text == "bonjour"
    assert determine_grade(nb.cells[2]) == (2, 2)


def test_a_test_that_errored_without_showing_it_scores_zero():
    nb = notebook()
    silent_error = {"outputs": [], "status": "error", "truncated": False}
    merge_report(nb, {"cells": [None, ok(), silent_error], "reason": None})
    assert determine_grade(nb.cells[2]) == (0, 2)
    assert nb.cells[2].outputs[0].evalue == "Ce test n'a pas réussi."


def test_tests_that_never_ran_score_zero_with_the_reason():
    nb = notebook()
    merge_report(nb, {"cells": [], "reason": "timeout"}, language="en")
    assert determine_grade(nb.cells[2]) == (0, 2)
    assert "ran out of time" in nb.cells[2].outputs[0].evalue
    assert nb.cells[1].outputs == []


def test_outputs_nbformat_does_not_know_are_dropped_and_a_cut_is_said():
    nb = notebook()
    weird = {"outputs": [{"output_type": "forged", "x": 1}, ok("a")["outputs"][0]],
             "status": "ok", "truncated": True}  # fmt: skip
    merge_report(nb, {"cells": [None, weird, ok()], "reason": None})
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream", "stream"]
    assert "coupée" in nb.cells[1].outputs[1].text


def test_the_request_holds_the_submission_files_but_no_notebook(tmp_path):
    (tmp_path / "data.csv").write_text("a,b")
    (tmp_path / "other.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "x.py").write_text("x")
    (tmp_path / "link").symlink_to("/etc/passwd")
    files = submission_files(tmp_path, [".ipynb_checkpoints"])
    assert files == {"data.csv": b"a,b"}
    same = notebook()
    assert pack(same, files) == pack(same, files) and pack(same, files) != pack(same, {})


def test_a_run_ahead_is_found_by_student_assignment_and_notebook():
    runs = RunsAhead()
    info = {"student": "amina", "assignment": "python-bases", "notebook": "salutation"}
    run = Future()
    runs.put({"nbgrader": info, "metadata": {"path": "/sent/ahead"}}, run)
    other = {"nbgrader": {**info, "notebook": "boucles"}}
    assert runs.take(other) is None
    assert runs.take({"nbgrader": dict(info)}) is run
    assert runs.take({"nbgrader": dict(info)}) is None  # taken once
    assert (runs.ahead, runs.now) == (1, 2)
