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
        fact(
            12,
            "termination_interview",
            95,
            scheduled_at="2024-06-05T10:00:00+08:00",
            held_at="2024-06-05T10:10:00+08:00",
        ),
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


def test_starting_an_auction_disposes_of_nothing_a_failed_one_without_set_off_is_art_4_1() -> None:
    """终本规定 Art. 4(一): 「经法定程序拍卖、变卖未成交，申请执行人不接受抵债或者依法不能交付其
    抵债，又不能对该财产采取强制管理等其他执行措施的」 — property that cannot be disposed of."""
    facts = [*complete_case(), fact(20, "property_sealed", 30, property="房产")]
    met, evidence = by_item(facts)["no_undisposed_property"]
    assert met is False and "e20" in evidence
    facts.append(fact(21, "auction_started", 40, round=1))
    facts.append(fact(22, "sale_started", 45))
    assert by_item(facts)["no_undisposed_property"][0] is False
    facts.append(fact(23, "disposal_failed", 50, summary="变卖未成交"))
    met, evidence = by_item(facts)["no_undisposed_property"]
    assert met is True and "第四条第（一）项" in evidence
    sold = [*complete_case(), fact(20, "property_sealed", 30), fact(24, "auction_confirmed", 60)]
    assert by_item(sold)["no_undisposed_property"][0] is True


def test_a_vehicle_sealed_at_the_registry_but_never_seized_is_art_4_2() -> None:
    """终本规定 Art. 4(二): 「人民法院在登记机关查封的被执行人车辆、船舶等财产，未能实际扣押的」."""
    facts = [*complete_case(), fact(20, "property_sealed", 30, property="小型轿车一辆（浙B12345）")]
    met, evidence = by_item(facts)["no_undisposed_property"]
    assert met is True and "第四条第（二）项" in evidence
    seized = [*facts, fact(21, "property_seized", 40, property="小型轿车一辆")]
    assert by_item(seized)["no_undisposed_property"][0] is False


def test_consumption_restriction_without_a_national_code_is_unknown_not_unmet() -> None:
    """终本规定 Art. 1(二) asks for a 限制消费令; the node has no national code, so a case system
    reporting national codes only never sends it — its absence is null, not 「未满足」."""
    facts = [f for f in complete_case() if f.node != "consumption_restricted"]
    met, evidence = by_item(facts)["consumption_restricted"]
    assert met is None and "无法判断" in evidence


def test_field_search_is_required_only_where_the_online_search_cannot_reach() -> None:
    """终本规定 Art. 3(三): 「无法通过网络执行查控系统查询…的，在被执行人住所地或者可能隐匿、
    转移财产所在地进行必要调查」."""
    field = ("field_search_started", "field_search_completed")
    online_only = [f for f in complete_case() if f.node not in field]
    met, evidence = by_item(online_only)["field_search_done"]
    assert met is None and "第三条第（三）项" in evidence
    online = ("online_search_started", "online_search_result")
    nothing = [f for f in online_only if f.node not in online]
    assert by_item(nothing)["field_search_done"][0] is False
    items = evaluate(FILED, complete_case())
    assert items is not None
    assert {i.item for i in items if i.local_policy} == {"online_search_twice"}
    assert all("终本规定" in i.basis for i in items)


def test_the_interview_counts_when_held_not_when_scheduled() -> None:
    """终本规定 Art. 5 (◐): the applicant is heard before 终本 — an interview only scheduled has
    not heard anyone."""
    facts = [f for f in complete_case() if f.node != "termination_interview"]
    scheduled = fact(14, "termination_interview", 95, scheduled_at="2024-06-05T10:00:00+08:00")
    met, evidence = by_item([*facts, scheduled])["interview_before_termination"]
    assert met is None and "held_at" in evidence
    late = fact(
        15,
        "termination_interview",
        95,
        scheduled_at="2024-06-05T10:00:00+08:00",
        held_at="2024-06-25T10:00:00+08:00",
    )
    assert by_item([*facts, late])["interview_before_termination"][0] is False


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


def test_two_online_searches_is_labelled_local_policy_not_national_law() -> None:
    """终本规定 Art. 3 requires the online search (「通过网络执行查控系统…查询」), not a number of
    searches; 「两次查控」 is a local court's checklist (宁波中院 2018: 「是否进行两次查控和传统
    查控」, shared/seeds/002). The 「四个不批」 text is known only from a summary of a report
    that is not a court's rule, so the basis shown to parties cites neither as law: it says
    local, not national."""
    from service.filings.termination import BASIS, LOCAL_POLICY

    assert frozenset({"online_search_twice"}) == LOCAL_POLICY
    basis = BASIS["online_search_twice"]
    assert basis.startswith("终本规定第三条") and "非全国性规定" in basis
    assert "四个不批" not in basis
