"""Cohorts: a class provisioned at once from the school's roster, driven from the host.

A cohort is the hub group `cohort-<name>`. Importing a roster creates, all or nothing: the
hub users, their accounts (generated initial passwords they must change), the cohort group,
the course group `nbgrader-<course>` and the course's gradebook students. The initial
passwords stay on the admin's machine (0600, beside the admin token) for the login cards.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from codelab.cards import Card
from codelab.cohort_archive import add_home
from codelab.config import COHORT_GROUP_PREFIX, cohort_group, trainee_group
from codelab.deadlines import START, cohort_start
from codelab.grading import CourseContainer
from codelab.hub_client import HubClient
from codelab.roster import Identity, RosterParse, Trainee, parse_roster
from codelab.stack import Lab, docker_client, read_secret, state_dir, write_secret

COHORT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# No letters that look alike on paper (0/o, 1/l/i): 12 of 31 characters, about 59 bits.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

Progress = Callable[[str], None]


class CohortError(RuntimeError):
    """A cohort operation cannot go on; the message says what to do."""


def check_cohort_name(name: str) -> str:
    if not COHORT_NAME.match(name):
        raise CohortError(
            f"cohort name {name!r}: use lowercase letters, digits and '-' (such as dwwm-2026)"
        )
    return name


def generate_password() -> str:
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def existing_identities(hub: HubClient) -> dict[str, Identity | None]:
    """The lab's accounts as the roster parser compares them (None: not a roster person)."""
    profiles = hub.profiles()
    identities: dict[str, Identity | None] = {}
    for name in hub.users():
        profile = profiles.get(name)
        if profile and (profile["first_name"] or profile["last_name"]):
            identities[name] = Identity(
                profile["first_name"], profile["last_name"], profile["email"]
            )
        else:
            identities[name] = None
    return identities


@dataclass
class ImportReport:
    created: list[Trainee] = field(default_factory=list)
    already_there: list[Trainee] = field(default_factory=list)
    enrolled: list[str] = field(default_factory=list)  # newly put in the cohort or course


class Cohorts:
    """What `codelab cohort …` does, on one running lab."""

    def __init__(
        self, lab: Lab, progress: Progress = lambda step: None, hub: HubClient | None = None
    ):
        self.lab = lab
        self.hub = hub or lab.hub()
        self.progress = progress

    # --- import -----------------------------------------------------------------------

    def plan(self, roster: bytes) -> RosterParse:
        return parse_roster(roster, existing_identities(self.hub))

    def import_roster(
        self, parse: RosterParse, cohort: str, course: str, start: date | None = None
    ) -> ImportReport:
        """Apply a clean parse, all or nothing: on any failure what was made is undone.
        With `start`, the cohort starts on that day (its assignments' due dates count from it)."""
        check_cohort_name(cohort)
        if not parse.ok:
            raise CohortError("the roster has errors: nothing was imported")
        everyone = [trainee.username for trainee in parse.trainees]
        groups = [cohort_group(cohort), trainee_group(course)]
        before = {group: set(self.hub.group_members(group) or []) for group in groups}
        report = ImportReport(created=list(parse.new), already_there=list(parse.existing))
        passwords = {trainee.username: generate_password() for trainee in parse.new}
        undo: list[Callable[[], None]] = []
        # The gradebook is filled in the grading container while the hub makes the accounts.
        background = ThreadPoolExecutor(1)
        gradebook = background.submit(self._add_to_gradebook, course, parse.trainees)
        undo.append(lambda: self._remove_from_gradebook(course, gradebook.result() or []))
        try:
            self._create_accounts(parse.new, passwords, undo)
            for group in groups:
                if self.hub.ensure_group(group):
                    undo.append(lambda group=group: self.hub.call("DELETE", f"/groups/{group}"))
                joining = [name for name in everyone if name not in before[group]]
                self.progress(f"group {group}: +{len(joining)}")
                self.hub.add_to_group(group, joining)
                undo.append(lambda g=group, j=joining: self._leave(g, j))
                report.enrolled = sorted({*report.enrolled, *joining})
            self.progress(f"gradebook of {course}")
            gradebook.result()
            if start is not None:
                self.set_start(cohort, start)
        except BaseException:
            for step in reversed(undo):
                with contextlib.suppress(Exception):
                    step()
            raise
        finally:
            background.shutdown()
        self._keep_passwords(cohort, passwords)
        return report

    def _create_accounts(self, new: tuple[Trainee, ...], passwords, undo) -> None:
        if not new:
            return
        names = [trainee.username for trainee in new]
        self.progress(f"{len(names)} hub users")
        self.hub.call("POST", "/users", json={"usernames": names})
        undo.append(lambda: [self.hub.call("DELETE", f"/users/{n}", ok=(204, 404)) for n in names])
        self.progress(f"{len(names)} accounts")
        accounts = [
            {
                "username": trainee.username,
                "password": passwords[trainee.username],
                "first_name": trainee.first_name,
                "last_name": trainee.last_name,
                "email": trainee.email,
            }
            for trainee in new
        ]
        self.hub.call("POST", "/codelab/accounts", json={"accounts": accounts})

    def _leave(self, group: str, users: list[str]) -> None:
        if users:
            self.hub.call("DELETE", f"/groups/{group}/users", json={"users": users}, ok=(200, 404))

    def _add_to_gradebook(self, course: str, trainees: tuple[Trainee, ...]) -> list[str]:
        students = [
            {"id": t.username, "first_name": t.first_name, "last_name": t.last_name,
             "email": t.email}
            for t in trainees
        ]  # fmt: skip
        return self._gradebook(course, students)

    def _remove_from_gradebook(self, course: str, added: list[str]) -> None:
        if added:
            self._gradebook(course, [{"id": name} for name in added], "--remove")

    def _gradebook(self, course: str, students: list[dict], *options: str) -> list[str]:
        """Run `codelab.gradebook` on the students in the grading container; the ids changed."""
        container = self.course_container(course)
        container.put_files({".codelab-students.json": json.dumps(students).encode()})
        output = container.run("python3", "-m", "codelab.gradebook", *options,
                               ".codelab-students.json")  # fmt: skip
        return json.loads(output.strip().splitlines()[-1])["changed"]

    def course_container(self, course: str) -> CourseContainer:
        if course not in self.lab.config.courses:
            known = ", ".join(self.lab.config.courses) or "none yet"
            raise CohortError(f"course {course!r} is not in {self.lab.config_path} ({known})")
        source = self.lab.root / "courses" / course / "source"
        return CourseContainer(self.lab.config, course, source, self.lab.admin_token())

    # --- initial passwords and cards --------------------------------------------------

    def _passwords_file(self, cohort: str) -> Path:
        return state_dir(self.lab.config) / "cohorts" / f"{cohort}.json"

    def _keep_passwords(self, cohort: str, passwords: dict[str, str]) -> None:
        if not passwords:
            return
        path = self._passwords_file(cohort)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        known = json.loads(read_secret(path) or "{}")
        write_secret(path, json.dumps({**known, **passwords}, indent=1))

    def members(self, cohort: str) -> list[str]:
        members = self.hub.group_members(cohort_group(check_cohort_name(cohort)))
        if members is None:
            raise CohortError(f"no cohort {cohort!r}: see `codelab cohort list`")
        return members

    def cards(
        self, cohort: str, new_passwords: bool = False, reissue: Sequence[str] = ()
    ) -> list[Card]:
        """A card per member; a member who chose their own password gets no password on it.

        With new_passwords, members who have not logged in yet get a fresh initial password
        (lost cards): the cards printed before stop working for them. `reissue` names
        members who forgot the password they chose: each gets a fresh initial password
        (and any lockout lifted), and only their cards are made.
        """
        members = self.members(cohort)
        strangers = sorted(set(reissue) - set(members))
        if strangers:
            raise CohortError(
                f"{', '.join(strangers)}: not in cohort {cohort!r} "
                f"(see `codelab cohort show {cohort}`); no password was changed"
            )
        known = json.loads(read_secret(self._passwords_file(cohort)) or "{}")
        if reissue:
            members = [m for m in members if m in reissue]
            known.update(self._give_passwords(cohort, members))
        profiles = self.hub.profiles()
        waiting = [m for m in members if profiles.get(m, {}).get("must_change")]
        if new_passwords:
            known.update(self._give_passwords(cohort, waiting))
        missing = [m for m in waiting if m not in known]
        if missing:
            raise CohortError(
                f"no initial password is known here for {', '.join(missing)}: "
                f"run `codelab cohort cards {cohort} --new-passwords` to give them new ones"
            )
        return [
            Card(
                name,
                profiles.get(name, {}).get("first_name", ""),
                profiles.get(name, {}).get("last_name", ""),
                known[name] if name in waiting else None,
            )
            for name in members
        ]

    # --- start date ------------------------------------------------------------------

    def start(self, cohort: str) -> date | None:
        """The day the cohort starts, if it was given one."""
        return cohort_start(self._group(cohort).get("properties"))

    def set_start(self, cohort: str, day: date) -> None:
        """The cohort starts on `day`: every due date of its assignments counts from it."""
        properties = {**(self._group(cohort).get("properties") or {}), START: day.isoformat()}
        self.hub.call("PUT", f"/groups/{cohort_group(cohort)}/properties", json=properties)

    def _group(self, cohort: str) -> dict:
        found = self.hub.call("GET", f"/groups/{cohort_group(check_cohort_name(cohort))}",
                              ok=(200, 404))  # fmt: skip
        if found is None or "users" not in found:
            raise CohortError(f"no cohort {cohort!r}: see `codelab cohort list`")
        return found

    # --- list, show, deactivate ------------------------------------------------------

    def list(self) -> dict[str, int]:
        groups = self.hub.call("GET", "/groups")
        return {
            g["name"].removeprefix(COHORT_GROUP_PREFIX): len(g["users"])
            for g in groups
            if g["name"].startswith(COHORT_GROUP_PREFIX)
        }

    def show(self, cohort: str) -> list[dict]:
        """One row per member: who, whether they can log in, their server, last activity."""
        members, profiles, users = self.members(cohort), self.hub.profiles(), self.hub.users()
        rows = []
        for name in members:
            profile, user = profiles.get(name, {}), users.get(name, {})
            server = (user.get("servers") or {}).get("", {})
            state = "pending" if server.get("pending") else "running" if server.get("ready") else ""
            rows.append(
                {
                    "username": name,
                    "name": f"{profile.get('first_name', '')} {profile.get('last_name', '')}",
                    "active": profile.get("active", True),
                    "must_change": profile.get("must_change", False),
                    "server": state or "stopped",
                    "last_activity": user.get("last_activity") or "",
                }
            )
        return rows

    def deactivate(self, cohort: str) -> list[str]:
        """Nobody in the cohort can log in any more; servers stop; files stay."""
        members = self.members(cohort)
        self.hub.call("PATCH", "/codelab/accounts", json={"users": members, "active": False})
        for name in members:
            self.progress(f"stopping {name}")
            self.hub.call("DELETE", f"/users/{name}/server", ok=(202, 204, 400, 404))
        return members

    # --- archive ---------------------------------------------------------------------

    def archive(self, cohort: str, out: Path) -> int:
        """Write each member's files and the cohort's grades to a zip; return its size."""
        members = self.members(cohort)
        partial = out.with_name(out.name + ".partial")
        client = docker_client()
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in members:
                self.progress(f"files of {name}")
                add_home(client, archive, f"{cohort}/{name}/", self.lab.config, name)
            for course in self.lab.config.courses:
                self.progress(f"grades in {course}")
                grades = self._grades(course, set(members))
                if grades is not None:
                    archive.writestr(f"{cohort}/grades-{course}.csv", grades)
        partial.replace(out)
        return out.stat().st_size

    def _give_passwords(self, cohort: str, names: list[str]) -> dict[str, str]:
        """Fresh initial passwords (to change at first login), kept for the next cards."""
        fresh = {}
        for name in names:
            password = generate_password()
            body = {"password": password, "must_change": True}
            self.hub.call("PUT", f"/codelab/accounts/{name}", json=body)
            fresh[name] = password
            # Kept at once: a failure on the next name leaves no password known nowhere.
            self._keep_passwords(cohort, {name: password})
        return fresh

    def _grades(self, course: str, members: set[str]) -> bytes | None:
        """The course's grades of the cohort's members (codelab.gradebook), or None if none."""
        container = self.course_container(course)
        container.put_files({".codelab-members.json": json.dumps(sorted(members)).encode()})
        container.run("python3", "-m", "codelab.gradebook", "--export", ".codelab-grades.csv",
                      "--only", ".codelab-members.json")  # fmt: skip
        exported = container.read_file(".codelab-grades.csv")
        return exported if len(exported.decode("utf-8-sig").splitlines()) > 1 else None
