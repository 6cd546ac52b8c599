"""After 终本: the six-monthly searches the court owes (终本规定 Art. 9; contract §9.5).

终本规定 Art. 9 para 2: 「终结本次执行程序后的五年内，执行法院应当每六个月通过网络执行查控系统
查询一次被执行人的财产，并将查询结果告知申请执行人。」
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from structlog.testing import capture_logs

from disclosure.models import Listing
from service import calendar, clock, metrics
from service.aftercare import leads
from service.aftercare import service as aftercare
from service.clock import SHANGHAI
from service.events.nodes import NODES
from tests.console.support import signed_in
from tests.disclosure.helpers import listing_payload
from tests.filings.helpers import court_call, make_case, notifications_for, post_events
from tests.support import CourtSigner

PATH = "/api/court/v1/termination-searches"


def now_text() -> str:
    return clock.local_now().isoformat(timespec="seconds")


def move_to(day: date) -> None:
    """Move the service clock to noon (court time) of ``day``."""
    clock.advance(datetime.combine(day, time(12), SHANGHAI) - clock.now())


async def entry(
    client: httpx.AsyncClient, court: CourtSigner, case: dict[str, Any], status: str | None = None
) -> dict[str, Any] | None:
    """The case's item in the court's list (all pages), or None."""
    cursor = None
    while True:
        query = f"?limit=500{f'&status={status}' if status else ''}"
        query += f"&cursor={cursor}" if cursor else ""
        response = await court_call(client, court, "GET", PATH + query)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        for item in body["items"]:
            if item["case_no"] == case["case_no"]:
                return dict(item)
        cursor = body.get("next_cursor")
        if not cursor:
            return None


async def terminated(client: httpx.AsyncClient, court: CourtSigner) -> dict[str, Any]:
    case = await make_case(client, court)
    await post_events(
        client, court, case, [("terminated_current_procedure", now_text(), {"ruling_no": "R1"})]
    )
    return case


async def test_art9_a_case_becomes_due_at_six_months_and_overdue_after(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """终本规定 Art. 9 「每六个月…查询一次」: the search is due six months after the ruling, shown
    as ``due`` in the last 30 days up to that day, ``overdue`` the day after — with the gauge
    and a warning from the worker's alert; a search reported restarts the six months."""
    case = await terminated(client, court)
    ruled = calendar.local_day(clock.now())
    due = calendar.add_months(ruled, 6)
    item = await entry(client, court, case)
    assert item is not None
    assert (item["status"], item["next_due"], item["searches_done"]) == (
        "scheduled",
        due.isoformat(),
        0,
    )
    assert item["last_day"] == calendar.add_months(ruled, 60).isoformat()
    assert await entry(client, court, case, "due") is None

    move_to(due)
    assert (await entry(client, court, case, "due")) is not None
    assert await entry(client, court, case, "overdue") is None

    move_to(due + timedelta(days=1))
    late = await entry(client, court, case, "overdue")
    assert late is not None and late["status"] == "overdue"
    with capture_logs() as logs:
        overdue = await aftercare.alert_overdue()
    assert case["case_no"] in overdue
    assert metrics.termination_searches_overdue._value.get() >= 1
    warned = [x for x in logs if x["event"] == "aftercare.search_overdue"]
    assert any(x["case_no"] == case["case_no"] for x in warned)

    await post_events(
        client, court, case, [("post_termination_search", now_text(), {"found": False})]
    )
    after = await entry(client, court, case)
    assert after is not None
    assert after["status"] == "scheduled"
    assert after["next_due"] == calendar.add_months(due + timedelta(days=1), 6).isoformat()
    assert (after["searches_done"], after["empty_searches"]) == (1, 1)


async def test_art9_every_search_result_reaches_the_applicant_as_a_mandatory_message(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """终本规定 Art. 9 「并将查询结果告知申请执行人」: a search that found property becomes a
    notification to the applicant (not the respondent), and the node is legally significant
    (no opt-out, no quiet hours)."""
    assert NODES["post_termination_search"].legally_significant
    case = await terminated(client, court)
    await post_events(
        client,
        court,
        case,
        [("post_termination_search", now_text(), {"found": True, "summary": "查询到存款 8000 元"})],
    )
    to_applicant = await notifications_for(case, 0, "post_termination_search")
    assert len(to_applicant) == 1
    assert await notifications_for(case, 1, "post_termination_search") == []
    item = await entry(client, court, case)
    assert item is not None and item["last_found"] is True


async def test_art9_the_case_leaves_the_schedule_after_five_years(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """终本规定 Art. 9 「终结本次执行程序后的五年内」: on the last day of the five years the case
    is still listed (its last search falls due that day at the latest); the day after, it has
    left the schedule."""
    case = await terminated(client, court)
    last_day = calendar.years_period_end(calendar.local_day(clock.now()), 5)
    move_to(last_day)
    item = await entry(client, court, case)
    assert item is not None and item["next_due"] <= last_day.isoformat()
    move_to(last_day + timedelta(days=1))
    assert await entry(client, court, case) is None


@pytest.mark.parametrize(
    ("node", "data", "listed"),
    [
        ("resumed", {"new_case_no": "（2024）浙0203执恢12号"}, False),
        ("closed", {"mode": "fully_performed"}, False),
        ("closed", {"mode": "terminated_current_procedure"}, True),
    ],
)
async def test_art9_a_resumed_or_closed_case_leaves_the_schedule(
    client: httpx.AsyncClient, court: CourtSigner, node: str, data: dict[str, Any], listed: bool
) -> None:
    """终本规定 Art. 9 「符合恢复执行条件的，执行法院应当及时恢复执行」: once resumed (or closed
    in another mode) the case is no longer 终本 and owes no search; a closure recorded as 终本
    itself keeps it on the schedule."""
    case = await terminated(client, court)
    await post_events(client, court, case, [(node, now_text(), data)])
    assert (await entry(client, court, case) is not None) is listed


@pytest.fixture
def lead_source() -> Iterator[dict[str, list[datetime]]]:
    given: dict[str, list[datetime]] = {}

    async def source(case_nos: Any) -> dict[str, list[datetime]]:
        return {c: given[c] for c in case_nos if c in given}

    leads.register(source)
    yield given
    leads.unregister(source)


@pytest.mark.parametrize("how", ["event", "source"])
async def test_art10_4_two_empty_searches_with_a_lead_do_not_feed_the_deletion_review(
    client: httpx.AsyncClient,
    court: CourtSigner,
    lead_source: dict[str, list[datetime]],
    how: str,
) -> None:
    """失信规定 Art. 10(4) 「…查询被执行人财产两次以上，未发现有可供执行财产，且申请执行人或者
    其他人未提供有效财产线索的」: a lead given after the ruling (a ``lead_verified`` event, or a
    lead from a registered source such as applicants' filings) keeps the case out of the
    Art. 10(4) review; the schedule shows ``art10_4`` false and ``has_lead`` true."""
    case = await make_case(client, court)
    payload = listing_payload(
        case_no=case["case_no"], decided_at=clock.local_now().date().isoformat()
    )
    created = await court_call(client, court, "POST", "/api/court/v1/disclosures", payload)
    assert created.status_code == 201, created.text
    base = clock.local_now() - timedelta(hours=5)
    at = [(base + timedelta(hours=h)).isoformat(timespec="seconds") for h in range(4)]
    events = [("terminated_current_procedure", at[0], {"ruling_no": "R"})]
    if how == "event":
        events.append(("lead_verified", at[1], {"result": "申请执行人提供车辆线索，核查中"}))
    else:
        lead_source[case["case_no"]] = [datetime.fromisoformat(at[1])]
    events += [
        ("post_termination_search", at[2], {"found": False}),
        ("post_termination_search", at[3], {"found": False}),
    ]
    await post_events(client, court, case, events)
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert listing.deletion_review_due is None
    item = await entry(client, court, case)
    assert item is not None
    assert (item["empty_searches"], item["has_lead"], item["art10_4"]) == (2, True, False)


async def test_the_list_pages_in_due_order(client: httpx.AsyncClient, court: CourtSigner) -> None:
    """contract §0: every list pages with ``limit`` and an opaque ``cursor``."""
    for _ in range(3):
        await terminated(client, court)
    seen: list[tuple[str, str]] = []
    cursor = None
    for _ in range(3):
        query = "?limit=1" + (f"&cursor={cursor}" if cursor else "")
        body = (await court_call(client, court, "GET", PATH + query)).json()
        assert len(body["items"]) == 1
        seen.append((body["items"][0]["next_due"], body["items"][0]["case_no"]))
        cursor = body["next_cursor"]
        assert cursor
    assert seen == sorted(seen) and len(set(seen)) == 3


async def test_the_list_refuses_a_bad_status_or_cursor(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    for query in ("?status=late", "?cursor=%%%"):
        response = await court_call(client, court, "GET", PATH + query)
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "invalid_field"


async def test_the_console_counts_overdue_searches_and_lists_them(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """The 今日 page shows 「终本后定期查询已超期」 with the count, linking to the list."""
    case = await terminated(client, court)
    move_to(calendar.add_months(calendar.local_day(clock.now()), 6) + timedelta(days=1))
    expected = (await aftercare.counts())["overdue"]
    async with signed_in(app, "viewer") as (c, _):
        today = await c.get("/console/")
        assert today.status_code == 200
        assert f'<strong id="count-searches-overdue">{expected}</strong>' in today.text
        assert 'href="/console/termination-searches"' in today.text
        listing = await c.get("/console/termination-searches?status=overdue")
        assert listing.status_code == 200
        row = listing.text[listing.text.index(case["case_no"]) :]
        assert "已超期" in row[: row.index("</tr>")]


async def test_openapi_documents_the_termination_searches_with_error_codes(
    client: httpx.AsyncClient,
) -> None:
    doc = (await client.get("/openapi.json")).json()
    operation = doc["paths"][PATH]["get"]
    text = str(operation)
    for code in ("invalid_field", "signature_invalid", "scope_missing"):
        assert code in text
    assert {p["name"] for p in operation["parameters"]} >= {"status", "limit", "cursor"}
