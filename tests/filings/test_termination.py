"""The 终本 check rules (service.filings.termination): pure functions over events."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from service.filings.termination import ITEMS, Fact, add_months, evaluate

FILED = date(2024, 3, 1)
T0 = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)


def fact(n: int, node: str, days: float, **data: object) -> Fact:
    return Fact(f"e{n}", node, T0 + timedelta(days=days), data)


def complete_case() -> list[Fact]:
    """Every step done: the record a court should have before a 终本."""
    return [
        fact(1, "case_filed", 0),
        fact(2, "execution_notice_served", 3),
        fact(3, "online_search_started", 5),
        fact(4, "online_search_result", 6, found=True, summary="查到存款"),
        fact(5, "deposit_frozen", 7, amount="3000.00"),
        fact(6, "funds_deducted", 9, amount="3000.00"),
        fact(7, "consumption_restricted", 10),
        fact(8, "field_search_started", 20),
        fact(9, "field_search_completed", 25, summary="未发现财产"),
        fact(10, "online_search_started", 60),
        fact(11, "online_search_result", 61, found=False),
        fact(12, "termination_interview", 95, scheduled_at="2024-06-05T10:00:00+08:00"),
        fact(13, "terminated_current_procedure", 110, ruling_no="（2024）浙0203执1号之一"),
    ]


def by_item(facts: list[Fact]) -> dict[str, tuple[bool | None, str]]:
    result = evaluate(FILED, facts)
    assert result is not None
    assert [i.item for i in result] == list(ITEMS)
    return {i.item: (i.met, i.evidence) for i in result}


def test_a_complete_case_meets_every_item_with_evidence() -> None:
    items = by_item(complete_case())
    assert {k: v[0] for k, v in items.items()} == dict.fromkeys(ITEMS, True)
    assert "e3" in items["online_search_twice"][1] and "e10" in items["online_search_twice"][1]
    assert "e12" in items["interview_before_termination"][1]
    assert "e6" in items["no_undisposed_property"][1]
    assert "2024-06-01" in items["filed_over_three_months"][1]


def test_missing_second_search_and_interview_are_exactly_the_unmet_items() -> None:
    facts = [f for f in complete_case() if f.event_id not in {"e10", "e11", "e12"}]
    items = by_item(facts)
    unmet = {k for k, (met, _) in items.items() if met is not True}
    assert unmet == {"online_search_twice", "interview_before_termination"}
    assert items["online_search_twice"][0] is False
    assert "仅 1 次" in items["online_search_twice"][1] and "e3" in items["online_search_twice"][1]
    assert items["interview_before_termination"][0] is False
    assert "无终本约谈" in items["interview_before_termination"][1]


def test_without_the_filing_event_missing_steps_are_unknown_not_false() -> None:
    facts = [f for f in complete_case() if f.node not in ("case_filed", "termination_interview")]
    items = by_item(facts)
    assert items["interview_before_termination"][0] is None
    assert items["online_search_twice"][0] is True  # what is in the record is still judged
    assert items["filed_over_three_months"][0] is True


def test_no_ruling_no_check() -> None:
    assert evaluate(FILED, complete_case()[:-1]) is None


def test_three_months_are_counted_from_filing_to_the_ruling() -> None:
    base = [f for f in complete_case() if f.node != "terminated_current_procedure"]
    # filed 2024-03-01 (local): three months end 2024-06-01; "over" means from 06-02 on.
    on_the_day = datetime(2024, 6, 1, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai, still 06-01
    next_day = datetime(2024, 6, 1, 16, 0, tzinfo=UTC)  # 00:00 06-02 in Shanghai
    for when, expected in ((on_the_day, False), (next_day, True)):
        ruling = Fact("r", "terminated_current_procedure", when, {})
        interview = Fact("i", "termination_interview", when - timedelta(days=1), {})
        assert by_item([*base, interview, ruling])["filed_over_three_months"][0] is expected
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_interview_after_the_ruling_does_not_count() -> None:
    facts = [f for f in complete_case() if f.node != "termination_interview"]
    facts.append(fact(14, "termination_interview", 111))
    met, evidence = by_item(facts)["interview_before_termination"]
    assert met is False and "e14" in evidence


def test_sealed_property_without_disposal_is_undisposed_and_a_failed_auction_disposes() -> None:
    facts = [*complete_case(), fact(20, "property_sealed", 30, property="房产")]
    met, evidence = by_item(facts)["no_undisposed_property"]
    assert met is False and "e20" in evidence
    facts.append(fact(21, "auction_started", 40, round=1))
    assert by_item(facts)["no_undisposed_property"][0] is True


def test_money_arriving_is_not_a_disposal_of_sealed_property() -> None:
    facts = [*complete_case(), fact(20, "property_sealed", 30), fact(21, "funds_received", 40)]
    assert by_item(facts)["no_undisposed_property"][0] is False


nodes = st.sampled_from(
    [
        "execution_notice_served",
        "online_search_started",
        "online_search_result",
        "field_search_started",
        "field_search_completed",
        "consumption_restricted",
        "termination_interview",
        "property_frozen",
        "auction_started",
        "funds_received",
        "handler_assigned",
    ]
)
extra_events = st.lists(st.tuples(nodes, st.floats(min_value=0, max_value=200)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(extra=extra_events, seed=st.integers(0, 10_000))
def test_order_of_the_events_does_not_matter(extra: list[tuple[str, float]], seed: int) -> None:
    facts = complete_case() + [fact(100 + i, n, d) for i, (n, d) in enumerate(extra)]
    shuffled = facts[:]
    random.Random(seed).shuffle(shuffled)
    assert evaluate(FILED, facts) == evaluate(FILED, shuffled)


@settings(max_examples=150, deadline=None)
@given(extra=extra_events)
def test_events_after_the_ruling_never_change_what_is_met(extra: list[tuple[str, float]]) -> None:
    before = by_item(complete_case())
    later = [fact(100 + i, n, 111 + d) for i, (n, d) in enumerate(extra)]
    after = by_item(complete_case() + later)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}


@settings(max_examples=150, deadline=None)
@given(extra=extra_events)
def test_more_steps_never_unmeet_an_item_except_new_controls(
    extra: list[tuple[str, float]],
) -> None:
    """Adding a recorded step can only help, except a new 冻结 that is not yet disposed."""
    facts = [f for f in complete_case() if f.event_id not in {"e10", "e11", "e12"}]
    base = by_item(facts)
    more = by_item(facts + [fact(100 + i, n, d) for i, (n, d) in enumerate(extra)])
    for item in ITEMS:
        if base[item][0] is True and item != "no_undisposed_property":
            assert more[item][0] is True, item
