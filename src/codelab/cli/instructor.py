"""codelab instructor add: give someone a course's formgrader and instructor rights."""

from __future__ import annotations

from pathlib import Path

import typer

from codelab.cli.common import KNOWN_ERRORS, ConfigOption, console, fail, failing_on, open_lab
from codelab.cohorts import CohortError, Cohorts, generate_password
from codelab.config import instructor_group
from codelab.grading import GradingError
from codelab.hub_client import HubError
from codelab.i18n import t
from codelab.usernames import username_problem

app = typer.Typer(help="Manage a course's instructors.", no_args_is_help=True)


@app.command()
def add(
    username: str = typer.Argument(..., help="The instructor's username (created if needed)."),
    course: str = typer.Option(..., "--course", help="Course they teach, such as web-dev."),
    config_file: Path = ConfigOption,
) -> None:
    """Make USERNAME an instructor of COURSE (the formgrader-COURSE group)."""
    lab = open_lab(config_file)
    problem = username_problem(username)
    if problem:
        raise fail(t(problem, lab.config.language, value=username))
    cohorts = Cohorts(lab)
    hub = cohorts.hub
    with failing_on(CohortError, HubError, GradingError, *KNOWN_ERRORS):
        cohorts.course_container(course).ensure_running()
        password = None
        if username not in hub.users():
            password = generate_password()
            hub.call("POST", f"/users/{username}")
            hub.call("PUT", f"/codelab/accounts/{username}",
                     json={"password": password, "must_change": True})  # fmt: skip
        hub.ensure_group(instructor_group(course))
        hub.add_to_group(instructor_group(course), [username])
    formgrader = f"{cohorts.lab.config.service_origin(course)}/services/{course}/"
    console.print(f"{username} is an instructor of {course}: {formgrader}")
    if password:
        console.print(f"New account; initial password (shown once): [bold]{password}[/]")
