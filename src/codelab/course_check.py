"""Check a course the way nbgrader will run it, before any trainee sees it.

For every assignment of courses/<course_id>, in a throwaway nbgrader course folder:

1. `generate_assignment` makes the trainee's version from source/;
2. the source notebooks (the reference solution), submitted as one student and autograded,
   score full marks: the points of course.yaml, which are also the sum of the test cells';
3. the trainee's version, submitted unchanged as another student, scores 0;
4. the trainee's version holds no hidden test, no solution and none of their markers.

And for the course: course.yaml and source/ describe the same track (every assignment has a
folder of notebooks, points, due_days, competencies; every folder is in course.yaml), and every
competency CP1 to CP8 has at least one assignment.

Each problem is one plain sentence naming its assignment. It runs where the trainees'
kernels are, in the learner image (`codelab course check`, through
`codelab.course_check_host`, starts a throwaway learner container for that):

    python -m codelab.course_check courses/web-dev [--only ID ...] [--json] [--keep DIR]

It prints a line per assignment as it goes, then the report; exit 1 if anything is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

from codelab.course_report import (
    REPORT_PREFIX,
    AssignmentReport,
    CourseReport,
    format_report,
    status_line,
)
from codelab.courses import (
    NBGRADER_COURSE_SETTINGS,
    Course,
    CourseError,
    coverage,
    read_course_file,
    track_problems,
)

REFERENCE, RELEASED = "reference-solution", "released-version"
# nbgrader's region markers, found anywhere in a line (so any comment syntax works).
EXACT_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
# Text that must never reach a trainee: those markers, and anything that looks like one
# ("BEGIN HIDEN TESTS" is no marker to nbgrader, which then releases the tests under it).
MARKERS = re.compile(
    r"BEGIN SOLUTION|END SOLUTION|HIDDEN TEST|\b(?:BEGIN|END)\W+(?:\w+\W+)?(?:TESTS?|SOLUTIONS?)\b"
)
# A line of a solution or hidden test shorter than this ("}", "return x") proves no leak.
SECRET_MIN_LENGTH = 12
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The last line of a traceback: "jupyter_client.kernelspec.NoSuchKernel: No such kernel …".
EXCEPTION_LINE = re.compile(r"^\s*([\w.]*(?:Error|Exception|Kernel|Timeout)\w*): (.+)$", re.M)

CONFIG = """\
# Written by codelab course check: a throwaway nbgrader course folder.
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course!r}
{settings}"""


Progress = Callable[[str], None]


def check_course(
    folder: str | Path,
    only: list[str] | None = None,
    progress: Progress | None = None,
    keep: Path | None = None,
) -> CourseReport:
    """Check the course in `folder` (all its assignments, or those in `only`).

    nbgrader works in a temporary course folder, removed after; or in `keep`, left in place
    for reading the released and autograded notebooks.
    """
    folder = Path(folder).resolve()
    say = progress or (lambda line: None)
    started = time.monotonic()
    report = CourseReport(course_id=folder.name)
    try:
        course = read_course_file(folder)
    except CourseError as error:
        report.problems.append(str(error))
        return report
    report.title = course.title
    report.problems += track_problems(folder, course)
    report.coverage = coverage(course)
    assignments = [a for a in course.assignments if only is None or a.id in only]
    unknown = sorted(set(only or ()) - {a.id for a in course.assignments})
    report.problems += [f"Course {course.id} has no assignment {name}." for name in unknown]
    with _work_folder(keep) as work:
        nbgrader = _Nbgrader(work, course)
        for n, assignment in enumerate(assignments, 1):
            say(f"[{n}/{len(assignments)}] {assignment.id} …")
            checked = nbgrader.check(folder / "source" / assignment.id, assignment)
            say(f"[{n}/{len(assignments)}] {status_line(checked)}")
            report.assignments.append(checked)
    report.seconds = round(time.monotonic() - started, 1)
    return report


@contextlib.contextmanager
def _work_folder(keep: Path | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="codelab-course-check-") as work:
            yield Path(work)
        return
    keep = keep.resolve()
    if keep.exists() and any(keep.iterdir()):
        raise CourseError(f"{keep} is not empty: give --keep a new or empty folder")
    keep.mkdir(parents=True, exist_ok=True)
    yield keep


class _Nbgrader:
    """nbgrader's own converters, in process, on a throwaway course folder."""

    def __init__(self, root: Path, course: Course):
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        self.root = root
        self.course = course
        text = CONFIG.format(root=str(root), course=course.id, settings=NBGRADER_COURSE_SETTINGS)
        (root / "nbgrader_config.py").write_text(text, encoding="utf-8")
        self.config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        self.coursedir = CourseDirectory(config=self.config)
        self.log = logging.getLogger("codelab.course_check.nbgrader")
        self.log.propagate = False
        self.log.setLevel(logging.INFO)

    def check(self, source: Path, assignment) -> AssignmentReport:
        started = time.monotonic()
        report = AssignmentReport(assignment.id, assignment.title, assignment.points)
        try:
            self._check(source, assignment, report)
        finally:
            report.seconds = round(time.monotonic() - started, 1)
        return report

    def _check(self, source: Path, assignment, report: AssignmentReport) -> None:
        aid = assignment.id
        notebooks = sorted(source.glob("*.ipynb"))
        if not notebooks:
            return  # track_problems said so already, for the course
        problems = report.problems
        total = 0.0
        for path in notebooks:
            try:
                total += sum(_points(cell) for cell in nbformat.read(path, as_version=4).cells)
            except Exception as error:  # a notebook that is not JSON, or not a notebook
                problems.append(f"{aid}: {path.name} cannot be read as a notebook ({error}).")
                return
        if abs(total - assignment.points) > 1e-9:
            problems.append(
                f"{aid}: course.yaml gives {assignment.points:g} points but the test cells of "
                f"its notebooks add up to {total:g}."
            )
        for path in notebooks:
            problems += _marker_problems(aid, path)
        shutil.copytree(source, self.root / "source" / aid, dirs_exist_ok=True)
        if not self._run("generate_assignment", aid, None, problems):
            return
        released = self.root / "release" / aid
        problems += _leaks(aid, source, released)
        for student, folder in ((REFERENCE, source), (RELEASED, released)):
            target = self.root / "submitted" / student / aid
            shutil.copytree(folder, target, dirs_exist_ok=True)
            if not self._run("autograde", aid, student, problems):
                return
        report.reference_score, max_score = self._score(aid, REFERENCE)
        report.released_score, _ = self._score(aid, RELEASED)
        problems += self._score_problems(aid, report, total, max_score)

    def _score_problems(
        self, aid: str, report: AssignmentReport, total: float, max_score: float
    ) -> list[str]:
        """What the reference and the released version's scores say is wrong: the
        reference must score everything, the untouched release nothing."""
        problems = []
        if abs(max_score - report.points) > 1e-9 and abs(total - max_score) > 1e-9:
            problems.append(f"{aid}: nbgrader counts {max_score:g} points, not {total:g}.")
        if report.reference_score < max_score:
            cells = self._cells(aid, REFERENCE, lambda score, top: score < top)
            problems.append(
                f"{aid}: the reference solution scores {report.reference_score:g} of "
                f"{max_score:g} points; it must pass every test."
            )
            problems += [
                f"{aid}: the reference solution fails test cell {name} of {nb} — {why.rstrip('.')}."
                for nb, name, why in cells
            ]
        problems += [
            f"{aid}: test cell {name} of {nb} ends with an expression that shows {why}; "
            "nbgrader would read a number there as a partial score — end the cell with a "
            "statement (or assign the value)."
            for nb, name, why in self._shown_values(aid, REFERENCE)
        ]
        if report.released_score > 0:
            cells = self._cells(aid, RELEASED, lambda score, top: score > 0)
            problems.append(
                f"{aid}: the released version, submitted unchanged, scores "
                f"{report.released_score:g} points instead of 0."
            )
            problems += [
                f"{aid}: test cell {name} of {nb} passes without any answer — make it check "
                "what the trainee writes."
                for nb, name, _ in cells
            ]
        return problems

    def _run(self, step: str, aid: str, student: str | None, problems: list[str]) -> bool:
        """One nbgrader converter, as `nbgrader <step>` would run it; False if it failed."""
        from nbgrader.converters import Autograde, GenerateAssignment
        from nbgrader.utils import capture_log, temp_attrs

        ids = {"assignment_id": aid}
        if student:
            ids["student_id"] = student
        with temp_attrs(self.coursedir, **ids), _quiet_stderr(self.root / "kernels.log"):
            if step == "generate_assignment":
                app = GenerateAssignment(coursedir=self.coursedir, config=self.config, log=self.log)
                app.force, app.create_assignment = True, True
            else:
                app = Autograde(coursedir=self.coursedir, config=self.config, log=self.log)
                app.force, app.create_student = True, True
            result = capture_log(app)
        if result["success"]:
            return True
        who = f" on the {student.replace('-', ' ')}" if student else ""
        problems.append(f"{aid}: nbgrader {step}{who} failed — {_why_failed(result).rstrip('.')}.")
        return False

    def _shown_values(self, aid: str, student: str) -> list[tuple[str, str, str]]:
        """(notebook, grade id, value) for each test cell whose last expression shows a value."""
        from nbgrader.utils import is_grade

        found = []
        for path in sorted((self.root / "autograded" / student / aid).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                for output in cell.get("outputs", []) if is_grade(cell) else []:
                    if output.output_type == "execute_result":
                        value = output.get("data", {}).get("text/plain", "")
                        found.append((path.name, _grade_id(cell), _one_line(value, 60)))
        return found

    def _score(self, aid: str, student: str) -> tuple[float, float]:
        from nbgrader.api import Gradebook

        with Gradebook(self.coursedir.db_url) as gradebook:
            submission = gradebook.find_submission(aid, student)
            return float(submission.score), float(submission.max_score)

    def _cells(self, aid: str, student: str, keep) -> list[tuple[str, str, str]]:
        """(notebook, grade id, why) for each autograded test cell where keep(score, max)."""
        from nbgrader.utils import determine_grade, is_grade

        found = []
        for path in sorted((self.root / "autograded" / student / aid).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                if not is_grade(cell):
                    continue
                score, top = determine_grade(cell)
                if score is None:
                    found.append((path.name, _grade_id(cell), "it needs grading by hand"))
                elif keep(score, top):
                    found.append((path.name, _grade_id(cell), _why_cell(cell, score, top)))
        return found


def _points(cell) -> float:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return float(meta.get("points", 0) or 0) if meta.get("grade") else 0.0


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "?")


def _why_cell(cell, score: float, top: float) -> str:
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            message = f"{output.ename}: {output.evalue}" if output.evalue else output.ename
            return _one_line(ANSI.sub("", message))
        if output.output_type == "stream" and output.name == "stderr":
            return f"it writes to stderr: {_one_line(output.text)}"
    if score < top:
        return f"it scores {score:g} of {top:g}"
    return "it runs without error"


def _why_failed(result: dict) -> str:
    """The exception under nbgrader's "see the above traceback", else its ERROR lines."""
    log = ANSI.sub("", result.get("log", ""))
    raised = [
        f"{match[1].rsplit('.', 1)[-1]}: {match[2]}"
        for match in EXCEPTION_LINE.finditer(log)
        if not match[1].endswith("NbGraderException")
    ]
    if raised:
        return _one_line(raised[-1], 400)
    errors = [line.split("]", 1)[-1].strip() for line in log.splitlines() if "[ERROR]" in line]
    errors = [e for e in errors if e and not e.startswith(("There was an error", "Please see"))]
    if errors:
        return _one_line(" ".join(errors[:3]), 400)
    lines = [line for line in result.get("error", "").strip().splitlines() if line.strip()]
    return _one_line(lines[-1] if lines else "no reason given", 400)


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _leaks(aid: str, source: Path, released: Path) -> list[str]:
    """Markers, hidden tests and solutions found in the trainee's version."""
    problems = []
    for path in sorted(p for p in released.rglob("*") if p.is_file()):
        name = path.relative_to(released)
        if path.suffix == ".ipynb":
            texts = _notebook_texts(nbformat.read(path, as_version=4))
            original = source / name
            secrets = _secrets(original) if original.exists() else set()
        else:
            try:
                texts = [path.read_text(encoding="utf-8")]
            except (UnicodeDecodeError, OSError):
                continue  # an image or data file: no test or solution is written there
            secrets = set()
        for text in texts:
            marker = MARKERS.search(text)
            if marker:
                line = next(li for li in text.splitlines() if MARKERS.search(li))
                problems.append(
                    f"{aid}: the released {name} still holds the marker "
                    f'"{marker.group(0)}" ({_one_line(line, 80)}) — a hidden test or solution '
                    "around it reaches the trainees; check the spelling of its markers."
                )
                break
        shown = {line.strip() for text in texts for line in text.splitlines()}
        for secret in sorted(secrets & shown):
            problems.append(
                f"{aid}: the released {name} shows a line of a solution or hidden test: "
                f'"{_one_line(secret, 80)}".'
            )
    return problems


def _marker_problems(aid: str, path: Path) -> list[str]:
    """Misspelled markers, and END markers without a BEGIN (nbgrader drops those silently)."""
    problems = []
    for cell in nbformat.read(path, as_version=4).cells:
        where = f"cell {_grade_id(cell)} of {path.name}"
        open_regions: set[str] = set()
        for line in cell.source.splitlines():
            exact = [marker for marker in EXACT_MARKERS if marker in line]
            if not exact and MARKERS.search(line):
                problems.append(
                    f'{aid}: {where} has a line that looks like a misspelled marker: "'
                    f'{_one_line(line.strip(), 80)}" — nbgrader only knows '
                    + ", ".join(EXACT_MARKERS)
                    + "."
                )
            for marker in exact:
                kind = marker.split(" ", 1)[1]
                if marker.startswith("BEGIN"):
                    open_regions.add(kind)
                elif kind in open_regions:
                    open_regions.discard(kind)
                else:
                    problems.append(
                        f'{aid}: {where} has an "{marker}" line without a "BEGIN {kind}" '
                        "line before it: is that marker misspelled?"
                    )
    return problems


def _notebook_texts(notebook) -> list[str]:
    """What a trainee can read in a notebook: every cell's source and outputs."""
    texts = []
    for cell in notebook.cells:
        texts.append(cell.source)
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") or "")
            texts += [str(v) for v in output.get("data", {}).values()]
            texts += output.get("traceback", [])
    return texts


def _secrets(path: Path) -> set[str]:
    """Lines only found inside solutions and hidden tests of a source notebook."""
    inside, outside = set(), set()
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        lines = cell.source.splitlines()
        whole = meta.get("solution") and not any("BEGIN SOLUTION" in li for li in lines)
        region = None
        for line in lines:
            if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                region = "END " + ("SOLUTION" if "SOLUTION" in line else "HIDDEN TESTS")
            elif region and region in line:
                region = None
            elif region or whole:
                inside.add(line.strip())
            else:
                outside.add(line.strip())
    return {line for line in inside - outside if len(line) >= SECRET_MIN_LENGTH}


@contextlib.contextmanager
def _quiet_stderr(log: Path) -> Iterator[None]:
    """Kernels inherit our stderr and log to it at every start: send that to a file."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log, "ab") as target:
        os.dup2(target.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codelab.course_check",
        description="Check a course through nbgrader: reference solutions score full "
        "marks, released versions score 0 and hide their tests, course.yaml is complete.",
    )
    parser.add_argument("course", type=Path, help="the course folder (holding course.yaml)")
    parser.add_argument("--only", nargs="+", metavar="ID", help="check these assignments only")
    parser.add_argument("--json", action="store_true", help="end with the report as JSON")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="leave nbgrader's course folder in DIR"
    )
    args = parser.parse_args(argv)
    if not (args.course / "course.yaml").is_file():
        parser.error(f"{args.course} is not a course folder: it has no course.yaml")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} is not empty: give --keep a new or empty folder")
    report = check_course(args.course, args.only, lambda line: print(line, flush=True), args.keep)
    if args.json:
        print(REPORT_PREFIX + report.to_json(), flush=True)
    else:
        print(format_report(report), flush=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
