"""codelab images …: build the lab's images without a registry."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from codelab.cli.common import KNOWN_ERRORS, ConfigOption, console, fail, failing_on, load
from codelab.images import BuildProgress, build_images, image_tags

app = typer.Typer(help="Build the lab's images (base, hub, learner).", no_args_is_help=True)


def build_with_progress(config, names: list[str] | None) -> None:
    columns = [
        TextColumn("{task.fields[image]:>8}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    ]
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[str, int] = {}

        def show(step: BuildProgress) -> None:
            if step.image not in tasks:
                tasks[step.image] = progress.add_task("", image=step.image, total=None)
            progress.update(
                tasks[step.image],
                completed=step.step,
                total=step.total or None,
                description=step.text,
            )

        built = build_images(config, names, on_progress=show)
        for name in built:
            progress.update(tasks[name], description="done")


NamesArgument = typer.Argument(
    None, help="Images to build: base, hub, learner (default: all; base only if missing)."
)


@app.command("build")
def build(
    names: list[str] = NamesArgument,
    config_file: Path = ConfigOption,
) -> None:
    """Build the images, reusing Docker's cache and the wheelhouse in build/wheels."""
    config, _ = load(config_file)
    unknown = sorted(set(names or []) - set(image_tags(config)))
    if unknown:
        raise fail(f"unknown image {', '.join(unknown)}; choose among base, hub, learner")
    with failing_on(KNOWN_ERRORS):
        build_with_progress(config, names or None)
    console.print("Images ready: " + ", ".join(image_tags(config).values()))
