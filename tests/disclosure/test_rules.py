"""The 失信 rules as pure functions (domain.md §1.3, §1.5)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from disclosure import rules
from service.clock import SHANGHAI
from tests.factories import resident_id

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(days, st.integers(min_value=2, max_value=5))
def test_period_ends_on_the_anniversary_at_local_midnight(decided: date, years: int) -> None:
    end = rules.expires_at(decided, years)
    assert end is not None
    local = end.astimezone(SHANGHAI)
    assert (local.hour, local.minute) == (0, 0)
    assert local.year == decided.year + years
    # never shorter than the period, and at most one day longer (29 February)
    assert timedelta(days=365 * years) <= local.date() - decided <= timedelta(days=366 * years + 1)


@given(st.integers(min_value=1, max_value=6), st.one_of(st.none(), st.integers(-3, 9)))
def test_period_rule(circumstance: int, period: int | None) -> None:
    error = rules.period_error(circumstance, period)
    if circumstance == 1:
        assert (error is None) == (period is None)
    else:
        assert (error is None) == (period is not None and 2 <= period <= 5)


@given(days)
def test_eighteenth_birthday_is_the_first_listable_day(birth: date) -> None:
    id_no = resident_id(birth.strftime("%Y%m%d"))
    adult = rules.add_years(birth, 18)
    assert not rules.is_minor(id_no, adult)
    assert rules.is_minor(id_no, adult - timedelta(days=1))
    assert rules.is_minor(id_no, birth - timedelta(days=1))


def test_leap_day_and_status() -> None:
    assert rules.add_years(date(2024, 2, 29), 2) == date(2026, 3, 1)
    publish = rules.publish_at(date(2024, 4, 1), date(2024, 5, 1))
    expires = rules.expires_at(date(2024, 4, 1), 2)
    assert expires is not None
    assert rules.status_at(publish, expires, publish - timedelta(seconds=1)) == rules.SCHEDULED
    assert rules.status_at(publish, expires, publish) == rules.PUBLISHED
    assert rules.status_at(publish, expires, expires) == rules.EXPIRED
    assert rules.expires_at(date(2024, 4, 1), None) is None
