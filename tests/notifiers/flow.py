"""Shared steps for delivery tests: cases with bound parties, event batches, deliveries,
signed callbacks."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from notifiers.delivery import Deps, deliver_batch
from notifiers.models import Notification
from sandbox.wechat_events import event_xml, sign
from service.cases.models import Case
from service.parties.models import Party
from service.parties.service import bind
from tests.factories import case_payload
from tests.support import CourtSigner

EVENTS = "/api/court/v1/events"
NODES = [
    "case_filed",
    "handler_assigned",
    "execution_notice_served",
    "online_search_started",
    "property_frozen",
    "funds_received",
    "auction_started",
    "203001016",  # funds_deducted by its national code
    "settlement_reached",
    "closed",
]
DATA: dict[str, dict[str, Any]] = {
    "handler_assigned": {"handler_name": "王法官", "handler_phone": "0574-87000000"},
    "property_frozen": {"property": "宁波市海曙区某路1号房产及车辆一辆（浙B12345）"},
    "funds_received": {"amount": "12000.00"},
    "auction_started": {
        "round": 1,
        "starts_at": "2024-07-01T10:00:00+08:00",
        "url": "https://sf.taobao.com/x",
    },
    "203001016": {"amount": "3500.5"},
    "closed": {"mode": "fully_performed"},
}


async def make_case(
    client: httpx.AsyncClient, court: CourtSigner, *, parties: int = 3, oa: bool = True
) -> Case:
    payload = case_payload()
    payload["parties"] = payload["parties"][:parties]
    response = await court.request(client, "POST", "/api/court/v1/cases", payload)
    assert response.status_code == 201, response.text
    case = await Case.get(case_no=response.json()["case_no"])
    if oa:
        for party in await Party.filter(case_id=case.id):
            await bind(party.id, case.id, oa_openid=f"o_{uuid.uuid4().hex[:20]}")
    return case


def events_for(case: Case, prefix: str, count: int = 10) -> list[dict[str, Any]]:
    start = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
    return [
        {
            "event_id": f"{prefix}-{i:02d}",
            "case_no": case.case_no,
            "node": NODES[i % len(NODES)],
            "occurred_at": (start + timedelta(minutes=7 * i)).isoformat(),
            "data": DATA.get(NODES[i % len(NODES)], {}),
        }
        for i in range(count)
    ]


async def post_events(
    client: httpx.AsyncClient, court: CourtSigner, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    response = await court.request(client, "POST", EVENTS, {"events": events})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


async def deliver_all(deps: Deps, ids: list[uuid.UUID], size: int = 100) -> None:
    """As the worker's jobs do: batches of ``size``, all at once (``deps`` bounds them)."""
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    await asyncio.gather(*(deliver_batch(batch, deps) for batch in batches))


async def notifications_of(cases: list[Case]) -> list[Notification]:
    return await Notification.filter(case_id__in=[c.id for c in cases]).order_by("created_at")


def signed_query(token: str, **extra: str) -> dict[str, str]:
    ts, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, **extra}


def receipt_xml(openid: str, msgid: int, status: str = "success") -> str:
    return event_xml(
        {
            "ToUserName": "gh_sandbox0a0001",
            "FromUserName": openid,
            "CreateTime": int(time.time()),
            "MsgType": "event",
            "Event": "TEMPLATESENDJOBFINISH",
            "MsgID": msgid,
            "Status": status,
        }
    )


async def post_callback(
    client: httpx.AsyncClient, token: str, xml: str, *, signature: str | None = None
) -> httpx.Response:
    query = signed_query(token)
    if signature is not None:
        query["signature"] = signature
    return await client.post("/wechat/callback", params=query, content=xml.encode())
