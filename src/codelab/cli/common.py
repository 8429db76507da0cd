"""What every command shares: finding lab.yaml and reporting errors the same way."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console

from codelab.config import LabConfig, LabConfigError, load_lab_config
from codelab.images import ImageBuildError, repo_root
from codelab.stack import Lab, LabError

console = Console()
err_console = Console(stderr=True)

ConfigOption = typer.Option(
    None,
    "--config",
    "-c",
    help="lab.yaml to use (default: $CODELAB_CONFIG, else hub_config/lab.yaml).",
)


def config_path(path: Path | None) -> Path:
    if path is not None:
        return path
    if os.environ.get("CODELAB_CONFIG"):
        return Path(os.environ["CODELAB_CONFIG"])
    return repo_root() / "hub_config" / "lab.yaml"


def fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


@contextlib.contextmanager
def failing_on(*errors: type[Exception] | tuple[type[Exception], ...]) -> Iterator[None]:
    """Turn the errors a command expects into its one-sentence message and exit 1."""
    expected = tuple(e for item in errors for e in (item if isinstance(item, tuple) else (item,)))
    try:
        yield
    except expected as error:
        raise fail(str(error)) from None


def load(path: Path | None) -> tuple[LabConfig, Path]:
    with failing_on(LabConfigError, ImageBuildError):
        resolved = config_path(path)
        return load_lab_config(resolved), resolved


def open_lab(path: Path | None) -> Lab:
    config, resolved = load(path)
    return Lab(config=config, config_path=resolved, root=repo_root())


KNOWN_ERRORS = (LabError, LabConfigError, ImageBuildError)
