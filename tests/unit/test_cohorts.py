"""The import's all-or-nothing promise, on a hub that fails at a chosen step."""

from __future__ import annotations

from pathlib import Path

import pytest

from codelab.cohorts import Cohorts, generate_password
from codelab.config import LabConfig
from codelab.hub_client import HubError
from codelab.roster import parse_roster
from codelab.stack import Lab

ROSTER = "Prénom;Nom\nAïcha;N'Diaye\nBilal;Haddad\n".encode()


class FakeHub:
    """Users and groups in memory; `fail_on` makes one call fail like the hub would."""

    def __init__(self, fail_on: tuple[str, str] | None = None):
        self.users_: set[str] = {"admin"}
        self.groups: dict[str, set[str]] = {"nbgrader-web-dev": set()}
        self.accounts: set[str] = set()
        self.fail_on = fail_on

    def call(self, method, path, ok=(200, 201, 204), **kwargs):
        if self.fail_on and (method, path) == self.fail_on:
            raise HubError(f"{method} {path}: 500 boom")
        body = kwargs.get("json") or {}
        if (method, path) == ("POST", "/users"):
            self.users_ |= set(body["usernames"])
        elif (method, path) == ("POST", "/codelab/accounts"):
            self.accounts |= {a["username"] for a in body["accounts"]}
        elif method == "DELETE" and path.startswith("/users/"):
            name = path.removeprefix("/users/")
            self.users_.discard(name)
            self.accounts.discard(name)
            for members in self.groups.values():
                members.discard(name)
        elif method == "POST" and path.startswith("/groups/") and path.endswith("/users"):
            self.groups[path.split("/")[2]] |= set(body["users"])
        elif method == "DELETE" and path.startswith("/groups/") and path.endswith("/users"):
            self.groups[path.split("/")[2]] -= set(body["users"])
        elif method == "DELETE" and path.startswith("/groups/"):
            del self.groups[path.removeprefix("/groups/")]
        return {}

    def users(self):
        return {name: {} for name in self.users_}

    def profiles(self):
        return {}

    def group_members(self, group):
        return sorted(self.groups[group]) if group in self.groups else None

    def add_to_group(self, group, users):
        self.call("POST", f"/groups/{group}/users", json={"users": users})

    def ensure_group(self, group):
        if group in self.groups:
            return False
        self.groups[group] = set()
        return True


@pytest.fixture
def lab(tmp_path, monkeypatch):
    monkeypatch.setenv("CODELAB_STATE_DIR", str(tmp_path / "state"))
    return Lab(LabConfig(courses=["web-dev"]), tmp_path / "lab.yaml", Path(tmp_path))


def cohorts(lab, hub, gradebook_fails=False):
    made = Cohorts(lab, hub=hub)

    def gradebook(course, trainees):
        if gradebook_fails:
            raise HubError("gradebook: disk full")

    made._add_to_gradebook = gradebook
    return made


def test_import_creates_everything(lab):
    hub = FakeHub()
    report = cohorts(lab, hub).import_roster(parse_roster(ROSTER), "dwwm", "web-dev")
    assert [t.username for t in report.created] == ["aicha.ndiaye", "bilal.haddad"]
    assert hub.accounts == {"aicha.ndiaye", "bilal.haddad"}
    assert hub.groups["cohort-dwwm"] == hub.groups["nbgrader-web-dev"] == hub.accounts


@pytest.mark.parametrize(
    "fail_on", [("POST", "/codelab/accounts"), ("POST", "/groups/nbgrader-web-dev/users"), None]
)
def test_a_failure_at_any_step_leaves_nothing_behind(lab, fail_on):
    hub = FakeHub(fail_on)
    hub.groups["nbgrader-web-dev"].add("earlier.trainee")
    with pytest.raises(HubError):
        cohorts(lab, hub, gradebook_fails=fail_on is None).import_roster(
            parse_roster(ROSTER), "dwwm", "web-dev"
        )
    assert hub.users_ == {"admin"} and not hub.accounts
    assert "cohort-dwwm" not in hub.groups
    assert hub.groups["nbgrader-web-dev"] == {"earlier.trainee"}
    assert not list(Path(lab.root).rglob("dwwm.json"))  # no passwords kept for nobody


def test_initial_passwords_are_random_readable_and_long_enough():
    passwords = {generate_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert len(password) == 14 and password.count("-") == 2
        assert not set(password) & set("0o1li")
