"""codelab course …: an instructor's actions on a course, run in its grading container."""

from __future__ import annotations

from pathlib import Path

import typer

from codelab.cli.common import KNOWN_ERRORS, ConfigOption, console, fail, open_lab
from codelab.courses import CourseError, load_course
from codelab.grading import CourseContainer, GradingError

app = typer.Typer(
    help="Release, collect, grade and export a course's assignments.", no_args_is_help=True
)

CourseArgument = typer.Argument(..., help="Course id, as listed in lab.yaml's courses.")
AssignmentArgument = typer.Argument(..., help="Assignment id, as in the course's course.yaml.")


def open_course(config_file: Path | None, course_id: str, assignment_id: str | None = None):
    lab = open_lab(config_file)
    if course_id not in lab.config.courses:
        known = ", ".join(lab.config.courses) or "none yet"
        raise fail(f"course {course_id!r} is not in {lab.config_path} (courses: {known})")
    try:
        course = load_course(lab.root / "courses" / course_id)
        if assignment_id is not None:
            course.assignment(assignment_id)
    except CourseError as error:
        raise fail(str(error)) from None
    source = lab.root / "courses" / course_id / "source"
    return CourseContainer(lab.config, course_id, source, lab.admin_token())


def run_steps(container: CourseContainer, *steps: list[str]) -> None:
    try:
        for step in steps:
            with console.status(f"nbgrader {' '.join(step)}…"):
                output = container.nbgrader(*step)
            console.print(output.strip(), highlight=False, markup=False)
    except (GradingError, *KNOWN_ERRORS) as error:
        raise fail(str(error)) from None


@app.command("list")
def list_courses(config_file: Path = ConfigOption) -> None:
    """The lab's courses and their assignments."""
    lab = open_lab(config_file)
    for course_id in lab.config.courses:
        try:
            course = load_course(lab.root / "courses" / course_id)
        except CourseError as error:
            console.print(f"{course_id}: [red]{error}[/]")
            continue
        console.print(f"[bold]{course.id}[/] — {course.title}")
        for assignment in course.assignments:
            console.print(
                f"  {assignment.id:<24} {assignment.points:>5g} pts  "
                f"J+{assignment.due_days:<3} {' '.join(assignment.competencies)}",
                highlight=False,
            )


# An assignment's actions: help text, then the nbgrader steps run in the grading container.
ASSIGNMENT_ACTIONS = {
    "release": (
        "Generate the trainee version (no solutions, no hidden tests) and release it.",
        [["generate_assignment", "{a}", "--force"], ["release_assignment", "{a}", "--force"]],
    ),
    "collect": (
        "Collect each trainee's latest submission (with the exchange's timestamp).",
        [["collect", "{a}", "--update"]],
    ),
    "autograde": (
        "Grade the collected submissions (stock nbgrader execution, in the grading container).",
        [["autograde", "{a}", "--force"]],
    ),
    "feedback": (
        "Generate the feedback pages and release them to the trainees.",
        [["generate_feedback", "{a}", "--force"], ["release_feedback", "{a}"]],
    ),
}


def register_assignment_action(name: str, help_text: str, steps: list[list[str]]) -> None:
    def action(
        course: str = CourseArgument,
        assignment: str = AssignmentArgument,
        config_file: Path = ConfigOption,
    ) -> None:
        container = open_course(config_file, course, assignment)
        run_steps(container, *[[arg.format(a=assignment) for arg in step] for step in steps])

    app.command(name, help=help_text)(action)


for _name, (_help, _steps) in ASSIGNMENT_ACTIONS.items():
    register_assignment_action(_name, _help, _steps)


OutOption = typer.Option(Path("grades.csv"), "--out", help="CSV file to write.")


@app.command()
def export(
    course: str = CourseArgument, out: Path = OutOption, config_file: Path = ConfigOption
) -> None:
    """Export the course's grades to a CSV file."""
    container = open_course(config_file, course)
    run_steps(container, ["export", "--to", "grades.csv"])
    out.write_bytes(container.read_file("grades.csv"))
    console.print(f"Grades written to {out}")
