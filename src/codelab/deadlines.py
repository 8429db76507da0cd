"""A cohort's start date, and each assignment's due date from it.

A cohort starts on a day (`codelab cohort import … --start`, or `codelab cohort start`); an
assignment is due `due_days` (course.yaml) after that day, at the end of it in the school's
time zone (lab.yaml's `timezone`); a trainee may be given a later day (an extension). The
start is kept in the cohort's hub group, as its property START, so the hub is the one place
that knows it.
Read on the admin's host (the CLI) and in the hub container (the exchange lists due dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

START = "start"  # the cohort group's property holding its start, as YYYY-MM-DD


class DateError(ValueError):
    """A date that is not a day of the calendar written YYYY-MM-DD."""


def parse_day(text: str) -> date:
    """The day written YYYY-MM-DD, or DateError saying how to write it."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
            raise ValueError  # fromisoformat also takes 2026-W10-1 and 20260302
        return date.fromisoformat(text)
    except ValueError:
        example = "write it YYYY-MM-DD, such as 2026-03-02"
        raise DateError(f"{text!r} is not a date: {example}") from None


def cohort_start(properties: dict | None) -> date | None:
    """The start kept in a cohort group's properties (None when it has none)."""
    try:
        return parse_day(str((properties or {})[START]))
    except (KeyError, DateError):
        return None


def due_date(start: date | None, due_days: int | None) -> date | None:
    """The last day to hand in, or None when the cohort has no start or the work no delay."""
    if start is None or due_days is None:
        return None
    return date.fromordinal(start.toordinal() + due_days)


@dataclass(frozen=True)
class Deadlines:
    """A course's due days for some trainees: her extension, else her cohort's start plus the
    assignment's due_days."""

    starts: dict[str, date | None]  # trainee → her cohort's start
    delays: dict[str, int | None]  # assignment → its due_days
    extended: dict[tuple[str, str], date]  # (trainee, assignment) → the day she was given

    def due(self, trainee: str, assignment: str) -> date | None:
        given = self.extended.get((trainee, assignment))
        return given or due_date(self.starts.get(trainee), self.delays.get(assignment))


def is_late(handed_in: datetime, due: date | None, timezone: str) -> bool | None:
    """Handed in after the due day ended (midnight, in the school's time zone)? None when
    there is no due date. `handed_in` is the exchange's own time of the submission."""
    if due is None:
        return None
    ends = datetime.combine(date.fromordinal(due.toordinal() + 1), time(0), ZoneInfo(timezone))
    return handed_in > ends
