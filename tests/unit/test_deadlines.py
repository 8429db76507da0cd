"""A cohort's start and the due dates counted from it."""

from datetime import date

import pytest

from codelab.deadlines import DateError, cohort_start, due_date, parse_day


def test_a_day_is_written_year_month_day():
    assert parse_day("2026-03-02") == date(2026, 3, 2)
    for wrong in ("02/03/2026", "2026-3-2", "2026-02-30", "demain", "", "2026-03-02T08:00"):
        with pytest.raises(DateError, match="YYYY-MM-DD"):
            parse_day(wrong)


def test_a_cohort_without_a_start_has_no_due_dates():
    assert cohort_start({"start": "2026-03-02", "other": 1}) == date(2026, 3, 2)
    assert cohort_start({}) is None and cohort_start(None) is None
    assert cohort_start({"start": "garbage"}) is None  # a hand-edited group
    assert due_date(date(2026, 3, 2), 14) == date(2026, 3, 16)
    assert due_date(date(2026, 2, 20), 10) == date(2026, 3, 2)  # across the month's end
    assert due_date(None, 14) is None and due_date(date(2026, 3, 2), None) is None
