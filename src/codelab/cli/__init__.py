"""The `codelab` command: one sub-app per noun, each command validating then delegating."""

from __future__ import annotations

import typer

from codelab.cli import cohort, course, images, instructor, lab

app = typer.Typer(
    help="codelab: a coding lab for a web-developer track (JupyterHub + Docker + nbgrader).",
    no_args_is_help=True,
    add_completion=False,
)
lab.register(app)
app.add_typer(images.app, name="images")
app.add_typer(course.app, name="course")
app.add_typer(cohort.app, name="cohort")
app.add_typer(instructor.app, name="instructor")


def main() -> None:
    app()
