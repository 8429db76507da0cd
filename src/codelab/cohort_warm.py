"""Warm a cohort up before class: its servers started ahead, a few at a time (admin's host).

At nine the whole class logs in within a minute; servers started during the quarter hour
before are already there, and the login opens JupyterLab at once. The starts go through
the hub, as a trainee's own do (same container, uid and volume), never more at once than
the hub's start queue lets through, so a trainee who logs in early waits behind a round
of them at most. A trainee who has not chosen her password yet gets no server before her
first login, as always. Given the class's time, each warmed server is marked active at that time:
the idle culler counts idleness from the start of the class, not from the warm-up.
"""

from __future__ import annotations

import math
import re
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from codelab.hub_client import HubClient

# A server still stopping cannot be started yet: its member is asked for again later.
STOPPING = object()
STOP_POLLS = 60  # at POLL_SECONDS each
# How often the hub is asked how the starts under way are doing.
POLL_SECONDS = 1.0
# What one start takes here under a full queue (seconds), to plan when to begin.
START_SECONDS_GUESS = 5.0
# Time kept in hand between the end of the warm-up and the class.
MARGIN = timedelta(minutes=5)
# JupyterHub refuses activity more than an hour ahead: warm-ups begin within this of class.
LONGEST_LEAD = timedelta(minutes=50)
# A class time passed less than this long ago is a late admin's, not tomorrow's class.
LATE = timedelta(hours=1)
HH_MM = re.compile(r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)")


class WarmError(ValueError):
    """A warm-up that cannot be done as asked; the message says what to do instead."""


@dataclass
class WarmReport:
    warmed: list[str] = field(default_factory=list)
    already_running: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # deactivated accounts
    # Still on their card's password: the hub starts no server before a trainee has chosen
    # her own (codelab.hub.auth), so whoever finds a lost card reaches no running server.
    first_login: list[str] = field(default_factory=list)


def class_time(at: str, now: datetime, timezone: str) -> datetime:
    """The next HH:MM to come in the school's time zone (tomorrow's, once today's has
    passed), unless today's passed within the hour: then the admin is late, not early."""
    found = HH_MM.fullmatch(at.strip())
    if not found:
        raise WarmError(f"--at {at!r}: give the class's time as HH:MM, such as 09:00")
    local_now = now.astimezone(ZoneInfo(timezone))
    begins = local_now.replace(
        hour=int(found["hour"]), minute=int(found["minute"]), second=0, microsecond=0
    )
    if begins <= local_now - LATE:
        begins += timedelta(days=1)
    elif begins <= local_now:
        raise WarmError(
            f"{at} has just passed ({local_now:%H:%M} in {timezone}): warm the cohort up "
            "now, without --at"
        )
    return begins


def begin_at(begins: datetime, trainees: int, at_once: int) -> datetime:
    """When to begin so every server is up by `begins`, and marked active no more than
    JupyterHub allows ahead."""
    takes = timedelta(seconds=math.ceil(trainees / at_once) * START_SECONDS_GUESS)
    return begins - min(takes + MARGIN, LONGEST_LEAD)


class Warmer:
    """Starts members' servers through the hub, `at_once` pending at a time."""

    def __init__(
        self,
        hub: HubClient,
        at_once: int,
        progress: Callable[[str], None] = print,
        sleep: Callable[[float], None] = clock.sleep,
    ):
        self.hub, self.at_once, self.progress, self.sleep = hub, max(1, at_once), progress, sleep

    def warm(self, rows: list[dict], begins: datetime | None = None) -> WarmReport:
        """Start the server of every active member in `rows` (codelab.cohorts' show)."""
        report = WarmReport()
        to_start = []
        for row in rows:
            if not row["active"]:
                report.skipped.append(row["username"])
            elif row["server"] == "running":
                report.already_running.append(row["username"])
            elif row.get("must_change"):
                report.first_login.append(row["username"])
            else:
                to_start.append(row["username"])
        pending: list[str] = []
        total, said, stopping_for = len(to_start), 0, {}
        while to_start or pending:
            while to_start and len(pending) < self.at_once:
                name = to_start.pop(0)
                asked = self._request(name, report)
                if asked is STOPPING and (stopping := stopping_for.get(name, 0)) < STOP_POLLS:
                    stopping_for[name] = stopping + 1
                    to_start.append(name)  # asked again once her server has stopped
                elif asked is STOPPING:
                    report.failed[name] = "her server is still stopping: warm it up again"
                elif asked:
                    pending.append(name)
            self.sleep(POLL_SECONDS)
            pending = [name for name in pending if not self._settled(name, report)]
            done = total - len(pending) - len(to_start)
            if done != said:
                self.progress(f"{done}/{total} servers started")
                said = done
        if begins is not None:
            for name in report.warmed + report.already_running:
                self._active_at(name, begins)
        return report

    def _request(self, name: str, report: WarmReport) -> bool | object:
        response = self.hub.send("POST", f"/users/{name}/server")
        if response.status_code in (201, 202):
            return True
        if response.status_code == 400 and "is pending stop" in response.text:
            return STOPPING
        if response.status_code == 400 and "is pending" in response.text:
            return True  # she logged in meanwhile: her own start is under way
        if response.status_code == 400 and "already running" in response.text:
            report.already_running.append(name)
        else:
            report.failed[name] = f"{response.status_code} {response.text[:200]}"
        return False

    def _settled(self, name: str, report: WarmReport) -> bool:
        user = self.hub.call("GET", f"/users/{name}")
        server = (user.get("servers") or {}).get("")
        if server and server.get("ready"):
            report.warmed.append(name)
            return True
        if server and server.get("pending"):
            return False
        report.failed[name] = "the server did not start: `codelab status` shows why"
        return True

    def _active_at(self, name: str, begins: datetime) -> None:
        """The culler counts this server idle from the class's start, not from now."""
        stamp = begins.astimezone(UTC).isoformat()
        body = {"servers": {"": {"last_activity": stamp}}}
        self.hub.call("POST", f"/users/{name}/activity", json=body)


def wait_until(moment: datetime, now: Callable[[], datetime], sleep=clock.sleep) -> None:
    while (left := (moment - now()).total_seconds()) > 0:
        sleep(min(left, 30.0))
