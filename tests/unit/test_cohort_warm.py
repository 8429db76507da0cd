"""The warm-up's plan and pacing, against a small stand-in for the hub's API."""

from datetime import UTC, datetime, timedelta

import pytest

from codelab.cohort_warm import LONGEST_LEAD, Warmer, WarmError, begin_at, class_time


class Answer:
    def __init__(self, status_code: int, text: str = ""):
        self.status_code, self.text = status_code, text


class FakeHub:
    """Servers take `polls` looks to be ready; `refuse` names fail at once."""

    def __init__(self, polls: int = 2, refuse=(), never=()):
        self.polls, self.refuse, self.never = polls, set(refuse), set(never)
        self.looks: dict[str, int] = {}
        self.most_pending = 0
        self.activity: dict[str, str] = {}

    def send(self, method: str, path: str):
        name = path.split("/users/")[1].split("/")[0]
        if name in self.refuse:
            return Answer(403, "deactivated")
        self.looks[name] = 0
        self.most_pending = max(self.most_pending, sum(1 for n in self.looks if self._pending(n)))
        return Answer(202)

    def _pending(self, name: str) -> bool:
        return name in self.never or self.looks[name] < self.polls

    def call(self, method: str, path: str, **kwargs):
        name = path.split("/users/")[1].split("/")[0]
        if method == "POST":
            self.activity[name] = kwargs["json"]["servers"][""]["last_activity"]
            return None
        if name in self.never and self.looks[name] >= self.polls:
            return {"servers": {}}  # it died starting
        self.looks[name] += 1
        ready = not self._pending(name)
        return {"servers": {"": {"ready": ready, "pending": None if ready else "spawn"}}}


def rows(*names, running=(), inactive=(), card_only=()):
    return [
        {
            "username": n,
            "active": n not in inactive,
            "must_change": n in card_only,
            "server": "running" if n in running else "",
        }
        for n in names
    ]


def test_never_more_pending_than_the_queue_lets_through():
    hub = FakeHub(polls=3)
    names = [f"t{i}" for i in range(7)]
    said = []
    report = Warmer(hub, 2, said.append, sleep=lambda s: None).warm(rows(*names))
    assert sorted(report.warmed) == names
    assert hub.most_pending == 2
    assert said[-1] == "7/7 servers started"


def test_running_deactivated_first_login_and_failed_members_are_each_told_apart():
    hub = FakeHub(refuse={"binta"}, never={"moussa"})
    members = rows(
        "awa", "karim", "binta", "moussa", "fatou", "ines",
        running={"karim"}, inactive={"fatou"}, card_only={"ines", "karim"},
    )  # fmt: skip
    report = Warmer(hub, 3, lambda _: None, sleep=lambda s: None).warm(members)
    assert report.warmed == ["awa"]
    assert report.already_running == ["karim"]  # her password was reset: hers runs on
    assert report.skipped == ["fatou"]
    assert report.first_login == ["ines"]  # no server before she chose her password
    assert set(report.failed) == {"binta", "moussa"}
    assert "codelab status" in report.failed["moussa"]


def test_with_a_class_time_each_server_is_active_from_the_class_s_start():
    hub = FakeHub()
    begins = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    Warmer(hub, 2, lambda _: None, sleep=lambda s: None).warm(
        rows("awa", "karim", running={"karim"}), begins
    )
    assert hub.activity == {"awa": begins.isoformat(), "karim": begins.isoformat()}


def test_the_class_time_is_the_next_in_the_school_s_zone_unless_it_just_passed():
    now = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # 08:30 in Paris
    begins = class_time("09:00", now, "Europe/Paris")
    assert begins.astimezone(UTC) == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with pytest.raises(WarmError, match="has just passed"):
        class_time("08:15", now, "Europe/Paris")
    tomorrow = class_time("07:00", now, "Europe/Paris")  # the evening before, by cron
    assert tomorrow.astimezone(UTC) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    for wrong in ("9h", "25:00", "09:60", ""):
        with pytest.raises(WarmError, match="HH:MM"):
            class_time(wrong, now, "Europe/Paris")


def test_the_warm_up_begins_early_enough_and_never_more_than_the_hub_allows_ahead():
    begins = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    small = begin_at(begins, 30, 2)
    assert begins - timedelta(minutes=10) < small < begins - timedelta(minutes=5)
    assert begin_at(begins, 5000, 2) == begins - LONGEST_LEAD
