"""Deletion follows the case (失信规定 Art. 10, Art. 2 para 2; contract §9.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from structlog.testing import capture_logs

from disclosure import deletion, state
from disclosure.models import Listing
from service import calendar, clock, metrics
from service.events.facts import CaseFact
from tests.disclosure.helpers import listing_payload
from tests.filings.helpers import court_call, make_case, post_events
from tests.support import CourtSigner

PATH = "/api/court/v1/disclosures"


def ago(days: float) -> str:
    return (clock.local_now() - timedelta(days=days)).isoformat(timespec="seconds")


async def listed(
    client: httpx.AsyncClient, court: CourtSigner, case: dict[str, Any], **overrides: Any
) -> dict[str, Any]:
    payload = listing_payload(case_no=case["case_no"], **overrides)
    response = await court_call(client, court, "POST", PATH, payload)
    assert response.status_code == 201, response.text
    return payload


async def reviews(client: httpx.AsyncClient, court: CourtSigner) -> dict[str, dict[str, Any]]:
    response = await court_call(client, court, "GET", f"{PATH}?status=deletion_review&limit=500")
    assert response.status_code == 200, response.text
    return {i["listing_id"]: i for i in response.json()["items"]}


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("fully_performed", "performed"),
        ("not_enforced", "ruling_not_enforced"),
        ("terminated", "execution_terminated"),
    ],
)
async def test_art10_closure_withdraws_a_listing_without_a_period_everywhere(
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    mode: str,
    reason: str,
) -> None:
    """失信规定 Art. 10 para 1 (一)(六)(七) 「人民法院应当在三个工作日内删除失信信息」: a ``closed``
    event (执行完毕 / 不予执行 / 终结执行) withdraws the case's ground-1 listing at once, through
    the withdrawal itself: gone from the public API, and the LED withdrawal floor raised."""
    case = await make_case(client, court)
    payload = await listed(client, court, case)
    search = {"name": payload["name"]}
    assert len((await public.get("/api/public/v1/disclosures", params=search)).json()["items"]) == 1

    await post_events(client, court, case, [("closed", ago(1), {"mode": mode})])

    listing = await Listing.get(listing_id=payload["listing_id"])
    assert (listing.status, listing.withdraw_reason) == ("withdrawn", reason)
    assert (await public.get("/api/public/v1/disclosures", params=search)).json()["items"] == []
    assert (await state.current_state()).withdrawal_floor >= listing.version
    detail = (await court_call(client, court, "GET", f"{PATH}/{payload['listing_id']}")).json()
    assert [(h["action"], h["actor"]) for h in detail["history"]][-1] == ("withdrawn", "system")


async def test_art10_1_7_a_withdrawn_application_ends_as_termination_and_deletes(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    """民诉法 (2023) Art. 268 「有下列情形之一的，人民法院裁定终结执行：（一）申请人撤销申请的」
    (法发〔2014〕26号 Art. 17(1): 撤回执行申请 → 以“终结执行”方式结案), and 失信规定 Art. 10 para
    1(七) 「人民法院依法裁定终结执行的」 → 「应当在三个工作日内删除失信信息」: a ``closed`` event
    with mode ``withdrawn`` deletes a ground-1 listing as ``execution_terminated``, and marks a
    listing with a period for review (Art. 10 para 2)."""
    case = await make_case(client, court)
    plain = await listed(client, court, case)
    timed = await listed(client, court, case, circumstance=2, period_years=2)
    await post_events(client, court, case, [("closed", ago(1), {"mode": "withdrawn"})])

    listing = await Listing.get(listing_id=plain["listing_id"])
    assert (listing.status, listing.withdraw_reason) == ("withdrawn", "execution_terminated")
    found = await public.get("/api/public/v1/disclosures", params={"name": plain["name"]})
    assert listing.public_id not in [i["public_id"] for i in found.json()["items"]]
    item = (await reviews(client, court))[timed["listing_id"]]
    assert item["deletion_review"]["ground"] == "closed:terminated"


@pytest.mark.parametrize("mode", ["rejected"])
async def test_closures_outside_art10_leave_the_listing(
    client: httpx.AsyncClient, court: CourtSigner, mode: str
) -> None:
    """contract §9.3 names 执行完毕, 不予执行 and 终结执行 only; 驳回申请 changes nothing."""
    case = await make_case(client, court)
    payload = await listed(client, court, case)
    await post_events(client, court, case, [("closed", ago(1), {"mode": mode})])
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert listing.status == "published"
    assert listing.deletion_review_due is None


async def test_art10_para2_a_listing_with_a_period_goes_to_deletion_review_not_deleted(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """失信规定 Art. 10 para 2 「有纳入期限的，不适用前款规定」: a closure does not delete a listing
    with a period; it is marked ``deletion_review`` with a due date of 3 working days (Art. 10
    para 1, counted by the court calendar), and the Art. 10 para 1 reasons are refused for it
    while early deletion under Art. 2 para 2 is accepted."""
    case = await make_case(client, court)
    payload = await listed(client, court, case, circumstance=2, period_years=2)
    closed_at = ago(1)
    await post_events(client, court, case, [("closed", closed_at, {"mode": "fully_performed"})])

    listing = await Listing.get(listing_id=payload["listing_id"])
    assert listing.status == "published"
    item = (await reviews(client, court))[payload["listing_id"]]
    due = calendar.working_days_end(datetime.fromisoformat(closed_at), 3)
    assert item["deletion_review"]["due"] == due.isoformat()
    assert item["deletion_review"]["ground"] == "closed:fully_performed"
    assert item["deletion_review"]["overdue"] is False

    withdraw = f"{PATH}/{payload['listing_id']}/withdraw"
    refused = await court_call(client, court, "POST", withdraw, {"reason": "performed"})
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "reason_not_applicable"
    assert (await Listing.get(listing_id=payload["listing_id"])).status == "published"
    early = await court_call(client, court, "POST", withdraw, {"reason": "early_deletion"})
    assert early.status_code == 200, early.text
    assert early.json()["status"] == "withdrawn"
    assert payload["listing_id"] not in await reviews(client, court)


async def test_art10_4_two_empty_searches_after_termination_mark_a_review(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """失信规定 Art. 10 para 1 (四): 终本 and then
    「查询被执行人财产两次以上，未发现有可供执行财产」 marks a listing without a period for
    review (the record cannot show 「申请执行人或者其他人
    未提供有效财产线索」); one empty search does not, a listing with a period is left alone
    (para 2), and a 恢复执行 after the ruling cancels the ground."""
    ruling = ("terminated_current_procedure", ago(5), {"ruling_no": "之一"})
    empty = [("post_termination_search", ago(d), {"found": False}) for d in (4, 3)]

    case = await make_case(client, court)
    no_period = await listed(client, court, case)
    with_period = await listed(client, court, case, circumstance=4, period_years=3)
    await post_events(client, court, case, [ruling, empty[0]])
    assert no_period["listing_id"] not in await reviews(client, court)
    await post_events(client, court, case, [empty[1]])
    found = await reviews(client, court)
    assert found[no_period["listing_id"]]["deletion_review"]["ground"] == "art10_4"
    assert with_period["listing_id"] not in found
    assert (await Listing.get(listing_id=no_period["listing_id"])).status == "published"

    resumed_case = await make_case(client, court)
    resumed = await listed(client, court, resumed_case)
    resumption = ("resumed", ago(3.5), {"new_case_no": "（2026）浙0203执恢1号"})
    await post_events(client, court, resumed_case, [ruling, empty[0], resumption, empty[1]])
    assert resumed["listing_id"] not in await reviews(client, court)


async def test_art10_overdue_review_is_alerted_and_a_kept_review_is_not_reopened(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """失信规定 Art. 10 「三个工作日内」: a review still open after its due day is alerted (metric
    ``microcourt_disclosure_deletion_reviews_overdue`` and a warning log); the court may keep
    the listing, and the same event does not reopen the review."""
    case = await make_case(client, court)
    payload = await listed(client, court, case, circumstance=3, period_years=2)
    await post_events(client, court, case, [("closed", ago(0.5), {"mode": "terminated"})])
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert listing.deletion_review_due is not None
    assert payload["listing_id"] not in await deletion.alert_overdue()

    after_due = calendar.after_last_day(listing.deletion_review_due)
    clock.advance(timedelta(days=(after_due - clock.local_now().date()).days, hours=1))
    with capture_logs() as logs:
        overdue = await deletion.alert_overdue()
    assert payload["listing_id"] in overdue
    gauge = metrics.REGISTRY.get_sample_value("microcourt_disclosure_deletion_reviews_overdue")
    assert gauge is not None and gauge >= 1
    warned = [e for e in logs if e["event"] == "disclosure.deletion_review_overdue"]
    assert payload["listing_id"] in {e["listing_id"] for e in warned}
    assert (await reviews(client, court))[payload["listing_id"]]["deletion_review"]["overdue"]

    keep = f"{PATH}/{payload['listing_id']}/deletion-review/keep"
    kept = await court_call(client, court, "POST", keep, {"note": "不予提前删除"})
    assert kept.status_code == 200, kept.text
    assert kept.json()["deletion_review"]["open"] is False
    again = await court_call(client, court, "POST", keep, {})
    assert again.status_code == 409 and again.json()["code"] == "no_deletion_review"
    await deletion.sweep()
    assert payload["listing_id"] not in await reviews(client, court)
    assert payload["listing_id"] not in await deletion.alert_overdue()


async def test_the_sweep_applies_a_closure_the_listing_arrived_after(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """失信规定 Art. 10: the closure is in the record before the court sends the listing (or the
    call after the batch was lost): the worker's sweep still deletes it."""
    case = await make_case(client, court)
    await post_events(client, court, case, [("closed", ago(1), {"mode": "fully_performed"})])
    payload = await listed(
        client, court, case, decided_at=(clock.local_now() - timedelta(days=3)).date().isoformat()
    )
    assert (await Listing.get(listing_id=payload["listing_id"])).status == "published"
    result = await deletion.sweep()
    assert payload["listing_id"] in result.withdrawn
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert (listing.status, listing.withdraw_reason) == ("withdrawn", "performed")


async def test_the_list_refuses_an_unknown_status(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    response = await court_call(client, court, "GET", f"{PATH}?status=deleted")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


def test_art10_4_counts_searches_after_both_the_ruling_and_the_listing() -> None:
    """失信规定 Art. 10 para 1 (四) 「终结本次执行程序后…查询…两次以上」: a listing decided
    after the ruling is reviewed once two empty searches follow it; searches before the
    listing (e.g. a re-listing under Art. 10 para 3) do not count for it."""

    def fact(node: str, day: int, **data: object) -> CaseFact:
        return CaseFact("（2026）浙0203执1号", node, datetime(2026, 3, day, tzinfo=UTC), data)

    facts = [
        fact("terminated_current_procedure", 1),
        fact("post_termination_search", 5, found=False),
        fact("post_termination_search", 9, found=False),
        fact("post_termination_search", 20, found=False),
    ]
    ground = deletion.ground_of(facts, datetime(2026, 3, 2, tzinfo=UTC))
    assert ground is not None and (ground.key, ground.at.day) == ("art10_4", 9)
    later = deletion.ground_of(facts, datetime(2026, 3, 6, tzinfo=UTC))
    assert later is not None and later.at.day == 20
    assert deletion.ground_of(facts, datetime(2026, 3, 10, tzinfo=UTC)) is None
    assert (
        deletion.ground_of(
            [*facts[:3], fact("post_termination_search", 20, found=True)],
            datetime(2026, 3, 6, tzinfo=UTC),
        )
        is None
    )
