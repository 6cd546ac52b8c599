"""Objection deadlines (service.filings.deadlines): calendar days in court time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from service.filings.deadlines import objection_deadlines, overdue


def test_three_and_fifteen_calendar_days_from_the_local_day_of_receipt() -> None:
    # 2024-06-01 23:30 in Shanghai is 15:30 UTC: the local day of receipt is June 1st.
    due = objection_deadlines(datetime(2024, 6, 1, 15, 30, tzinfo=UTC))
    assert due.filing_due == date(2024, 6, 4)
    assert due.decision_due == date(2024, 6, 16)
    # 16:30 UTC is already June 2nd in Shanghai.
    assert objection_deadlines(datetime(2024, 6, 1, 16, 30, tzinfo=UTC)).filing_due == date(
        2024, 6, 5
    )


def test_overdue_only_after_the_last_day() -> None:
    due = date(2024, 6, 4)
    assert not overdue(due, None, datetime(2024, 6, 4, 15, 59, tzinfo=UTC))  # 23:59 local
    assert overdue(due, None, datetime(2024, 6, 4, 16, 0, tzinfo=UTC))  # 00:00 on the 5th
    done_late = datetime(2024, 6, 5, 1, 0, tzinfo=UTC)
    assert overdue(due, done_late, datetime(2024, 7, 1, tzinfo=UTC))
    assert not overdue(due, datetime(2024, 6, 3, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_decision_is_twelve_days_after_filing(moment: datetime) -> None:
    due = objection_deadlines(moment.replace(tzinfo=UTC))
    assert (due.decision_due - due.filing_due).days == 12
