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
def test_art85_listing_period_does_not_count_the_decision_day(decided: date, years: int) -> None:
    """失信规定 Art. 2 periods, counted per 民诉法 Art. 85 「期间开始的时和日，不计算在期间内」:
    the listing is live through the anniversary of the decision day and ends at the local
    midnight after it."""
    end = rules.expires_at(decided, years)
    assert end is not None
    local = end.astimezone(SHANGHAI)
    assert (local.hour, local.minute) == (0, 0)
    last_day = local.date() - timedelta(days=1)
    assert last_day.year == decided.year + years
    if (decided.month, decided.day) != (2, 29):
        assert (last_day.month, last_day.day) == (decided.month, decided.day)
    # never shorter than the period counted from the day after the decision
    assert last_day - decided >= timedelta(days=365 * years)


def test_art85_two_years_decided_2024_04_01_run_through_2026_04_01() -> None:
    """民诉法 Art. 85: the decision day 2024-04-01 is not counted, so a 2-year listing
    (失信规定 Art. 2) is still live on 2026-04-01 and ends at the start of 2026-04-02. A 29
    February decision ends on 28 February (no corresponding day: the month's last day)."""
    end = rules.expires_at(date(2024, 4, 1), 2)
    assert end is not None
    assert end.astimezone(SHANGHAI).date() == date(2026, 4, 2)
    leap = rules.expires_at(date(2024, 2, 29), 2)
    assert leap is not None
    assert leap.astimezone(SHANGHAI).date() == date(2026, 3, 1)


@given(st.integers(min_value=1, max_value=6), st.one_of(st.none(), st.integers(-3, 9)))
def test_period_rule(circumstance: int, period: int | None) -> None:
    error = rules.period_error(circumstance, period)
    if circumstance == 1:
        assert (error is None) == (period is None)
    else:
        assert (error is None) == (period is not None and 2 <= period <= 5)


@given(days)
def test_art4_minor_through_the_eighteenth_birthday_listable_the_day_after(birth: date) -> None:
    """失信规定 Art. 4 「被执行人为未成年人的，人民法院不得将其纳入失信被执行人名单」, protective
    reading: on the 18th birthday the person is still not listable; from the day after, they are."""
    id_no = resident_id(birth.strftime("%Y%m%d"))
    try:
        birthday = birth.replace(year=birth.year + 18)
    except ValueError:  # born 29 February: 周岁 completed on 1 March of a common year
        birthday = date(birth.year + 18, 3, 1)
    assert rules.is_minor(id_no, birthday)
    assert not rules.is_minor(id_no, birthday + timedelta(days=1))
    assert rules.is_minor(id_no, birthday - timedelta(days=1))
    assert rules.is_minor(id_no, birth - timedelta(days=1))


def test_status_follows_publish_and_expiry() -> None:
    publish = rules.publish_at(date(2024, 4, 1), date(2024, 5, 1))
    expires = rules.expires_at(date(2024, 4, 1), 2)
    assert expires is not None
    assert rules.status_at(publish, expires, publish - timedelta(seconds=1)) == rules.SCHEDULED
    assert rules.status_at(publish, expires, publish) == rules.PUBLISHED
    assert rules.status_at(publish, expires, expires) == rules.EXPIRED
    assert rules.expires_at(date(2024, 4, 1), None) is None
