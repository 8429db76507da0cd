"""codelab up | down | status | token: the lab as a whole."""

from __future__ import annotations

from pathlib import Path

import typer

from codelab.cli.common import (
    KNOWN_ERRORS,
    ConfigOption,
    console,
    err_console,
    fail,
    failing_on,
    open_lab,
)
from codelab.cli.images import build_with_progress
from codelab.config import CONTAINER_LINE, FAILED_START_MARK
from codelab.hub_client import HubError
from codelab.images import missing_images
from codelab.origins import origin_warnings
from codelab.stack import docker_client
from codelab.tls import trust_instructions


def up(config_file: Path = ConfigOption) -> None:
    """Build missing images, start the lab, wait until it answers, print its URL."""
    lab = open_lab(config_file)
    with failing_on(KNOWN_ERRORS):
        missing = missing_images(lab.config, docker_client())
        if missing:
            console.print(f"Building missing images: {', '.join(missing)}")
            build_with_progress(lab.config, missing)
        with console.status("Starting the hub…"):
            made_ca = lab.start()
            lab.wait_until_ready()
        password = lab.ensure_admin()
    if password:
        console.print(
            f"Admin account [bold]{lab.config.auth.admin_user}[/], password "
            f"[bold]{password}[/] (shown once; kept in {lab.password_file}, readable by you only)",
            highlight=False,
        )
    if made_ca:
        console.print(trust_instructions(lab.tls_files), highlight=False)
    for warning in origin_warnings(lab.config):
        err_console.print(f"[bold yellow]Warning:[/] {warning}", highlight=False)
    console.print(f"The lab is up: [bold]{lab.url}/[/]", highlight=False)


def down(config_file: Path = ConfigOption) -> None:
    """Stop trainee servers and the hub. Accounts and files are kept."""
    lab = open_lab(config_file)
    with failing_on(KNOWN_ERRORS):
        stopped = lab.stop()
    console.print(f"The lab is down ({len(stopped)} trainee servers stopped; files are kept).")


def status(config_file: Path = ConfigOption) -> None:
    """Hub health and the trainee servers that are running."""
    lab = open_lab(config_file)
    try:
        hub = lab.hub()
        version, users = hub.version(), hub.users()
    except (HubError, ValueError, KeyError):
        raise fail(f"The hub does not answer at {lab.url}: start it with `codelab up`.") from None
    running = [u for u in users.values() if u.get("server")]
    console.print(f"Hub: up at {lab.url}/ (JupyterHub {version}), {len(users)} accounts")
    console.print(f"Running trainee servers: {len(running)}")
    for user in running:
        console.print(f"  {user['name']:<24} last activity {user.get('last_activity') or '-'}")
    failures = failed_starts(lab.hub_logs(2000))
    if failures:
        console.print("Servers that failed to start (newest last; the hub's log has more):")
        for record in failures[-3:]:
            console.print(record, highlight=False, markup=False)


def failed_starts(log: str) -> list[str]:
    """The hub log's records of servers that failed to start, each with its lines."""
    records: list[list[str]] = []
    for line in log.splitlines():
        if FAILED_START_MARK in line:
            records.append([line])
        # JupyterHub's log indents a record's further lines: the quote mark is after that.
        elif (
            records and line.lstrip().startswith(CONTAINER_LINE.lstrip()) and len(records[-1]) <= 60
        ):
            records[-1].append(line)
    return ["\n".join(record) for record in records]


def token(config_file: Path = ConfigOption) -> None:
    """Print an admin API token for scripts (header `Authorization: token …`)."""
    lab = open_lab(config_file)
    typer.echo(lab.admin_token())


def register(app: typer.Typer) -> None:
    for command in (up, down, status, token):
        app.command()(command)
