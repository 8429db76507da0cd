"""codelab cohort …: provision a class from the school's roster, print its login cards,
follow it, and close it at the end of the training."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from codelab.cards import render_cards
from codelab.cli.common import KNOWN_ERRORS, ConfigOption, console, fail, failing_on, open_lab
from codelab.cohorts import CohortError, Cohorts, check_cohort_name
from codelab.deadlines import DateError, parse_day
from codelab.grading import GradingError
from codelab.home_disks import HomeDiskError
from codelab.hub_client import HubError
from codelab.origins import reaches_only_this_machine

app = typer.Typer(help="Provision and follow a cohort of trainees.", no_args_is_help=True)

CohortArgument = typer.Argument(..., help="Cohort name, such as dwwm-2026 (group cohort-NAME).")
RosterArgument = typer.Argument(..., help="CSV roster: first name, last name[, email, username].")
CardsOutOption = typer.Option(Path("cards.html"), "--out", help="HTML file to write.")
ArchiveOutOption = typer.Option(Path("cohort.zip"), "--out", help="Zip file to write.")
EvidenceOutOption = typer.Option(Path("evidence"), "--out", help="Folder to write into.")
PdfOption = typer.Option(True, "--pdf/--no-pdf", help="Print each document to PDF too.")
ReissueOption = typer.Option(
    [],
    "--reissue",
    metavar="USERNAME",
    help="A member who forgot their password: a new card for them alone, with a fresh "
    "initial password to change at login (repeat for several).",
)
StartOption = typer.Option(
    "", "--start", metavar="YYYY-MM-DD",
    help="The day the cohort starts: each assignment is due course.yaml's due_days after it.",
)  # fmt: skip
ERRORS = (CohortError, DateError, HubError, GradingError, HomeDiskError, *KNOWN_ERRORS)


def open_cohorts(config_file: Path | None) -> Cohorts:
    return Cohorts(open_lab(config_file), progress=lambda step: console.log(step))


@app.command("import")
def import_roster(
    roster: Path = RosterArgument,
    cohort: str = typer.Option(..., "--cohort", help="Cohort name, such as dwwm-2026."),
    course: str = typer.Option(..., "--course", help="Course the trainees join, such as web-dev."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would happen; change nothing."
    ),
    start: str = StartOption,
    config_file: Path = ConfigOption,
) -> None:
    """Create the roster's trainees (accounts, cohort, course, gradebook): all or nothing."""
    with failing_on(CohortError, DateError, OSError):
        check_cohort_name(cohort)
        first_day = parse_day(start) if start else None
        data = roster.read_bytes()
    cohorts = open_cohorts(config_file)
    language = cohorts.lab.config.language
    with failing_on(ERRORS):
        cohorts.course_container(course)  # an unknown course is refused before anything
        parse = cohorts.plan(data)
    show_plan(parse, language)
    if not parse.ok:
        raise fail(f"{len(parse.errors)} error(s) in {roster}: fix them, nothing was imported")
    if dry_run:
        console.print("[bold]Dry run:[/] nothing was changed.")
        return
    try:
        report = cohorts.import_roster(parse, cohort, course, first_day)
    except ERRORS as error:
        raise fail(f"{error}\nNothing was imported (what was started has been undone).") from None
    console.print(
        f"[bold green]Cohort {cohort}:[/] {len(report.created)} created, "
        f"{len(report.already_there)} already there, {len(report.enrolled)} newly enrolled, "
        f"{len(parse.notices)} line(s) skipped, 0 refused."
    )
    if report.created:
        console.print(f"Print their login cards: codelab cohort cards {cohort} --out cards.html")


def show_plan(parse, language: str) -> None:
    table = Table("line", "name", "username", "status")
    for trainee in parse.trainees:
        status = "new" if trainee.status == "new" else "already there"
        name = f"{trainee.first_name} {trainee.last_name}"
        table.add_row(str(trainee.line), name, trainee.username, status)
    if parse.trainees:
        console.print(table)
    for message in parse.messages(language):
        console.print(f"  • {message}", highlight=False, markup=False)
    counts = parse.summary()
    console.print(
        f"{counts['new']} to create, {counts['exists']} already there, "
        f"{counts['skipped']} skipped, {counts['errors']} error(s)."
    )


@app.command()
def cards(
    cohort: str = CohortArgument,
    out: Path = CardsOutOption,
    language: str = typer.Option(None, "--language", help="fr or en (default: the lab's)."),
    url: str = typer.Option(None, "--url", help="Address on the cards (default: public_url)."),
    new_passwords: bool = typer.Option(
        False, "--new-passwords", help="Give members who never logged in new initial passwords."
    ),
    reissue: list[str] = ReissueOption,
    config_file: Path = ConfigOption,
) -> None:
    """Print-ready A4 login cards (eight a page) for the cohort's members."""
    cohorts = open_cohorts(config_file)
    config = cohorts.lab.config
    address = url or config.origin
    if reaches_only_this_machine(address):
        raise fail(
            f"The cards would say {address}: on a trainee's own phone or laptop, that address "
            "is the device itself. Set public_url in lab.yaml to the address trainees type "
            "(README.md, « A school network »), or give it with --url."
        )
    with failing_on(ERRORS):
        member_cards = cohorts.cards(cohort, new_passwords=new_passwords, reissue=reissue)
    page = render_cards(member_cards, address, config.name, language or config.language)
    out.write_text(page, encoding="utf-8")
    out.chmod(0o600)  # it holds passwords
    console.print(f"{len(member_cards)} cards for {address} written to {out}")


@app.command("list")
def list_cohorts(config_file: Path = ConfigOption) -> None:
    """The lab's cohorts and their sizes."""
    with failing_on(ERRORS):
        found = open_cohorts(config_file).list()
    for name, size in sorted(found.items()):
        console.print(f"{name:<30} {size:>4} trainees")
    if not found:
        console.print("No cohort yet: codelab cohort import ROSTER.csv --cohort NAME --course C")


@app.command()
def show(cohort: str = CohortArgument, config_file: Path = ConfigOption) -> None:
    """Members, whether they can log in, their server and last activity."""
    with failing_on(ERRORS):
        rows = open_cohorts(config_file).show(cohort)
    table = Table("username", "name", "account", "server", "last activity")
    for row in rows:
        account = "first login" if row["must_change"] else "active"
        table.add_row(
            row["username"],
            row["name"],
            account if row["active"] else "deactivated",
            row["server"],
            row["last_activity"][:16].replace("T", " "),
        )
    console.print(table)


@app.command()
def start(
    cohort: str = CohortArgument,
    day: str = typer.Argument("", metavar="[YYYY-MM-DD]", help="The new start; none: show it."),
    config_file: Path = ConfigOption,
) -> None:
    """Show or change the day the cohort starts (its assignments' due dates follow it)."""
    with failing_on(ERRORS):
        cohorts = open_cohorts(config_file)
        if day:
            cohorts.set_start(cohort, parse_day(day))
        first_day = cohorts.start(cohort)
    if first_day is None:
        console.print(f"{cohort} has no start date: codelab cohort start {cohort} YYYY-MM-DD")
    else:
        console.print(f"{cohort} starts on {first_day:%A %d %B %Y} ({first_day.isoformat()})")


@app.command()
def warm(
    cohort: str = CohortArgument,
    at: str = typer.Option(
        "",
        "--at",
        metavar="HH:MM",
        help="The class begins at HH:MM (the next to come): start shortly before, and "
        "keep the idle culler off the servers until the class has begun.",
    ),
    config_file: Path = ConfigOption,
) -> None:
    """Start the cohort's servers ahead of class, a few at a time, so logins open at once."""
    from datetime import UTC, datetime

    from codelab.cohort_warm import Warmer, WarmError, begin_at, class_time, wait_until

    with failing_on(WarmError, *ERRORS):
        cohorts = open_cohorts(config_file)
        lab = cohorts.lab
        rows = cohorts.show(cohort)
        at_once = lab.config.learner.start_width
        begins = class_time(at, datetime.now(UTC), lab.config.timezone) if at else None
        if begins is not None:
            start = begin_at(begins, len(rows), at_once)
            if start > datetime.now(UTC):
                console.print(f"The warm-up of {cohort} begins at {start:%a %H:%M}, for {at}.")
                wait_until(start, lambda: datetime.now(UTC))
        report = Warmer(cohorts.hub, at_once, console.log).warm(rows, begins)
    left_alone = f", {len(report.skipped)} deactivated left alone" if report.skipped else ""
    if report.first_login:
        left_alone += (
            f", {len(report.first_login)} not started before their first login "
            f"(they choose their password then): {', '.join(report.first_login)}"
        )
    console.print(
        f"{cohort}: {len(report.warmed)} servers started, "
        f"{len(report.already_running)} already running{left_alone}"
    )
    if begins is not None:
        console.print(f"The idle culler leaves them until {at}.")
    if report.failed:
        for name, why in report.failed.items():
            console.print(f"  {name}: {why}")
        raise fail(f"{len(report.failed)} servers of {cohort} did not start")


@app.command()
def deactivate(cohort: str = CohortArgument, config_file: Path = ConfigOption) -> None:
    """Lock the cohort out: no login, servers stopped, tokens revoked; files are kept."""
    with failing_on(ERRORS):
        members = open_cohorts(config_file).deactivate(cohort)
    console.print(f"{len(members)} accounts of {cohort} deactivated; their files are kept.")


@app.command()
def evidence(
    cohort: str = CohortArgument,
    out: Path = EvidenceOutOption,
    pdf: bool = PdfOption,
    config_file: Path = ConfigOption,
) -> None:
    """The jury's evidence: per trainee, CP1–CP8 with the graded work; the cohort's CSV."""
    from codelab.cohort_evidence import EvidenceError, write_evidence

    lab = open_lab(config_file)
    with failing_on(EvidenceError, *ERRORS):
        written = write_evidence(lab, lab.hub(), cohort, out, console.log, pdf)
    console.print(f"{len(written)} files written under {out}")


@app.command()
def archive(
    cohort: str = CohortArgument,
    out: Path = ArchiveOutOption,
    config_file: Path = ConfigOption,
) -> None:
    """Each member's files and the cohort's grades, in one zip."""
    with failing_on(ERRORS):
        size = open_cohorts(config_file).archive(cohort, out)
    console.print(f"{out} written ({size / 1e6:.1f} MB)")
