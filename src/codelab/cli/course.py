"""codelab course …: an instructor's actions on a course, run in its grading container."""

from __future__ import annotations

from pathlib import Path

import typer

from codelab.cli.common import KNOWN_ERRORS, ConfigOption, console, fail, failing_on, open_lab
from codelab.config import trainee_group
from codelab.courses import CourseError, load_course
from codelab.deadlines import DateError, parse_day
from codelab.grading import CourseContainer, GradingError
from codelab.hub_client import HubError

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
    with failing_on(CourseError):
        course = load_course(lab.root / "courses" / course_id)
        if assignment_id is not None:
            course.assignment(assignment_id)
    source = lab.root / "courses" / course_id / "source"
    return CourseContainer(lab.config, course_id, source, lab.admin_token())


def run_steps(container: CourseContainer, *steps: list[str]) -> None:
    with failing_on(GradingError, *KNOWN_ERRORS):
        for step in steps:
            console.print(f"[bold]{' '.join(step)}[/]")
            container.run(*step, echo=lambda piece: console.out(piece, end="", highlight=False))


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


# An assignment's actions: help text, then the commands run in the grading container.
ASSIGNMENT_ACTIONS = {
    "release": (
        "Generate the trainee version (no solutions, no hidden tests) and release it.",
        [
            ["nbgrader", "generate_assignment", "{a}", "--force"],
            ["nbgrader", "release_assignment", "{a}", "--force"],
        ],
    ),
    "collect": (
        "Collect each trainee's latest submission (with the exchange's timestamp).",
        [["nbgrader", "collect", "{a}", "--update"]],
    ),
    "autograde": (
        "Grade the collected submissions, each in its own throwaway sandbox, several at once.",
        [["python3", "-m", "codelab.sandbox.autograde", "{a}"]],
    ),
    "feedback": (
        "Generate the feedback pages and release them to the trainees.",
        [
            ["nbgrader", "generate_feedback", "{a}", "--force"],
            ["nbgrader", "release_feedback", "{a}"],
        ],
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
    run_steps(container, ["python3", "-m", "codelab.gradebook", "--export", "grades.csv"])
    out.write_bytes(container.read_file("grades.csv"))
    console.print(f"Grades written to {out}")


@app.command()
def extend(
    course: str = CourseArgument,
    assignment: str = AssignmentArgument,
    username: str = typer.Argument(..., help="The trainee who gets more time."),
    until: str = typer.Option(..., "--until", metavar="YYYY-MM-DD", help="The new last day."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the extension)."),
    by: str = typer.Option(
        "", "--by", metavar="USERNAME", help="The instructor who grants it (recorded)."
    ),
    config_file: Path = ConfigOption,
) -> None:
    """Give one trainee until a later day on one assignment; her lists show that day."""
    with failing_on(DateError):
        day = parse_day(until)
    container = open_course(config_file, course, assignment)
    with failing_on(HubError, *KNOWN_ERRORS):
        trainees = open_lab(config_file).hub().group_members(trainee_group(course)) or []
    if username not in trainees:
        raise fail(f"{username} is not a trainee of {course}: see `codelab cohort show COHORT`")
    with failing_on(GradingError, *KNOWN_ERRORS):
        container.run("python3", "-m", "codelab.exchange.extend", course, assignment,
                      username, day.isoformat(), reason, by or "codelab-admin")  # fmt: skip
    console.print(f"{username} has until {day:%A %d %B %Y} for {assignment}: {reason}")


CheckCourseArgument = typer.Argument(
    ..., help="Course id (a folder under courses/), or the path of a course folder."
)
HereOption = typer.Option(
    False,
    "--here",
    help="Run on this machine (needs nbgrader, the kernels, Deno) instead of a throwaway "
    "learner container.",
)
OnlyOption = typer.Option(None, "--only", help="Check only this assignment (repeat for more).")


@app.command()
def check(
    course: str = CheckCourseArgument,
    here: bool = HereOption,
    only: list[str] | None = OnlyOption,
    config_file: Path = ConfigOption,
) -> None:
    """Check a course through nbgrader before a cohort gets it.

    Each reference solution scores full marks, each released version scores 0 and holds no
    hidden test or solution, course.yaml matches source/, and CP1–CP8 are all covered.
    """
    import secrets

    from codelab.cli.common import load
    from codelab.course_check_host import CheckError, check_here, check_in_container
    from codelab.course_report import format_report
    from codelab.images import repo_root

    folder = Path(course)
    with failing_on(KNOWN_ERRORS):
        if not (folder / "course.yaml").is_file() and "/" not in course:
            folder = repo_root() / "courses" / course
    if not (folder / "course.yaml").is_file():
        raise fail(f"no course {course!r}: {folder / 'course.yaml'} does not exist")
    folder = folder.resolve()

    status = console.status(f"Checking {folder.name}…")

    def progress(line: str) -> None:
        if line.endswith("…"):
            status.update(f"Checking {line}")
        else:
            console.print(line, highlight=False, markup=False)

    with failing_on(CheckError, *KNOWN_ERRORS), status:
        if here:
            kernels = repo_root() / "images" / "learner" / "settings" / "kernels"
            report = check_here(folder, progress, only, kernels)
        else:
            lab, _ = load(config_file)
            name = f"{lab.prefix}-course-check-{secrets.token_hex(3)}"
            report = check_in_container(folder, lab.images.learner, name, progress, only)
    # The progress lines listed every assignment already: the report adds their problems.
    console.print(format_report(report, failures_only=True), highlight=False, markup=False)
    if not report.ok:
        raise typer.Exit(code=1)
