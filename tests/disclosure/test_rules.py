"""The 失信 rules as pure functions (domain.md §1.3, §1.5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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


def test_art12_correction_review_is_fifteen_days_moved_off_rest_days() -> None:
    """失信规定 Art. 12 「执行法院应当自收到书面纠正申请之日起十五日内审查」, counted per
    民诉法 Art. 85: received Wednesday 2026-09-16, the 15th day is 10-01 (国庆),
    so the review is due 10-08."""
    received = datetime(2026, 9, 16, 10, 0, tzinfo=SHANGHAI)
    assert rules.correction_review_due(received) == date(2026, 10, 8)
    assert rules.correction_review_due(datetime(2024, 6, 3, 10, 0, tzinfo=SHANGHAI)) == date(
        2024, 6, 18
    )


def test_art10_para2_reasons_of_para1_do_not_apply_to_a_listing_with_a_period() -> None:
    """失信规定 Art. 10 para 2 「有纳入期限的，不适用前款规定」; Art. 2 para 2 early deletion,
    Art. 9/11 revocation and correction apply to any listing."""
    for reason in rules.ART10_REASONS:
        assert rules.withdraw_reason_error(reason, None) is None
        error = rules.withdraw_reason_error(reason, 2)
        assert error is not None and error[0] == "reason_not_applicable"
    for reason in ("early_deletion", "wrongly_listed", "corrected"):
        assert rules.withdraw_reason_error(reason, 3) is None
    assert set(rules.CLOSURE_REASONS.values()) <= set(rules.ART10_REASONS)
