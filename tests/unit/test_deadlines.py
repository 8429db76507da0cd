"""A cohort's start and the due dates counted from it."""

from datetime import UTC, date, datetime

import pytest

from codelab.deadlines import DateError, cohort_start, due_date, is_late, parse_day


def test_a_day_is_written_year_month_day():
    assert parse_day("2026-03-02") == date(2026, 3, 2)
    for wrong in (
        "02/03/2026",
        "2026-3-2",
        "2026-02-30",
        "demain",
        "",
        "2026-03-02T08:00",
        "2026-W10-1",
        "20260302T0",
    ):
        with pytest.raises(DateError, match="YYYY-MM-DD"):
            parse_day(wrong)


def test_a_cohort_without_a_start_has_no_due_dates():
    assert cohort_start({"start": "2026-03-02", "other": 1}) == date(2026, 3, 2)
    assert cohort_start({}) is None and cohort_start(None) is None
    assert cohort_start({"start": "garbage"}) is None  # a hand-edited group
    assert due_date(date(2026, 3, 2), 14) == date(2026, 3, 16)
    assert due_date(date(2026, 2, 20), 10) == date(2026, 3, 2)  # across the month's end
    assert due_date(None, 14) is None and due_date(date(2026, 3, 2), None) is None


def test_a_due_day_ends_at_midnight_in_the_schools_time_zone():
    due = date(2026, 3, 10)
    at = lambda *t: datetime(*t, tzinfo=UTC)  # noqa: E731
    assert is_late(at(2026, 3, 10, 22, 59), due, "Europe/Paris") is False  # 23:59 in Paris
    assert is_late(at(2026, 3, 10, 23, 1), due, "Europe/Paris") is True  # 00:01 on the 11th
    assert is_late(at(2026, 3, 11, 2, 0), due, "America/Cayenne") is False  # 23:00 there
    assert is_late(at(2026, 3, 11, 2, 0), None, "Europe/Paris") is None
