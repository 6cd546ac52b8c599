"""``resumed.new_case_no`` must be a 恢复执行 (执恢) case number (issue 15, "Identifiers")."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from service.events.models import Event
from tests.filings.helpers import court_call, make_case
from tests.support import CourtSigner


async def test_resumed_event_needs_a_resumption_case_number(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """contract §1.4 ``resumed`` carries ``new_case_no`` (执恢): 法明传〔2018〕335号 gives a
    resumed case a 恢复执行 number. A first-execution (执) number is refused; 执恢 and the
    notice's 恢执 spelling are accepted and stored normalised."""
    case = await make_case(client, court)

    async def send(new_case_no: str) -> dict[str, Any]:
        event = {
            "event_id": f"r-{uuid.uuid4().hex[:16]}",
            "case_no": case["case_no"],
            "node": "resumed",
            "occurred_at": "2024-09-01T09:00:00+08:00",
            "data": {"new_case_no": new_case_no},
        }
        response = await court_call(
            client, court, "POST", "/api/court/v1/events", {"events": [event]}
        )
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()["results"][0]
        return result

    wrong = await send("（2024）浙0203执99号")
    assert wrong["status"] == "rejected"
    error = wrong["error"]["errors"][0]
    assert (error["field"], error["code"]) == ("data.new_case_no", "case_no_invalid")
    assert (await send("(2024)浙0203执恢12号"))["status"] == "accepted"
    assert (await send("（2024）浙0203恢执13号"))["status"] == "accepted"
    stored = await Event.filter(case_id=case["case_id"], node="resumed").order_by("occurred_at")
    assert sorted(e.data["new_case_no"] for e in stored) == [
        "（2024）浙0203恢执13号",
        "（2024）浙0203执恢12号",
    ]
