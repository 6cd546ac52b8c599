"""Shared steps for the filings tests: cases, court events, parties signed in and bound."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.applications import Starlette

from notifiers.models import Notification
from sandbox.server import SandboxServer
from service import clock
from service.parties.models import Party
from tests.factories import case_payload
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner


async def court_call(
    client: httpx.AsyncClient, court: CourtSigner, method: str, path: str, payload: Any = None
) -> httpx.Response:
    """A signed court request whose timestamp follows the (possibly advanced) service clock."""
    return await court.request(
        client, method, path, payload, timestamp=int(clock.now().timestamp())
    )


async def make_case(
    client: httpx.AsyncClient, court: CourtSigner, **overrides: Any
) -> dict[str, Any]:
    payload = case_payload(**overrides)
    response = await court_call(client, court, "POST", "/api/court/v1/cases", payload)
    assert response.status_code == 201, response.text
    payload["case_id"] = response.json()["case_id"]
    return payload


async def post_events(
    client: httpx.AsyncClient,
    court: CourtSigner,
    case: dict[str, Any],
    events: list[tuple[str, str, dict[str, Any]]],
) -> None:
    body = {
        "events": [
            {
                "event_id": f"f-{uuid.uuid4().hex[:20]}",
                "case_no": case["case_no"],
                "node": node,
                "occurred_at": at,
                "data": data,
            }
            for node, at, data in events
        ]
    }
    response = await court_call(client, court, "POST", "/api/court/v1/events", body)
    assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["accepted"] * len(events), response.text


async def file_case(
    client: httpx.AsyncClient, court: CourtSigner, **overrides: Any
) -> dict[str, Any]:
    """A case whose case_filed event the service has received (now)."""
    case = await make_case(client, court, **overrides)
    now = clock.now().isoformat()
    await post_events(client, court, case, [("case_filed", now, {})])
    return case


@asynccontextmanager
async def party(
    app: Starlette, sandbox: SandboxServer, case: dict[str, Any] | None, index: int = 0
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser-like client signed in through the sandbox and bound to one party of ``case``
    (``None``: signed in, bound to nothing)."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        await sign_in_h5(c, sandbox)
        if case is not None:
            p = case["parties"][index]
            body = {
                "case_no": case["case_no"],
                "name": p["name"],
                "id_no": p["id_no"],
                "access_code": p["access_code"],
            }
            bound = await c.post("/api/party/v1/bindings", json=body)
            assert bound.status_code == 201, bound.text
        yield c


async def party_pk(case: dict[str, Any], index: int) -> uuid.UUID:
    row = await Party.get(case_id=case["case_id"], party_id=case["parties"][index]["party_id"])
    return row.id


async def notifications_for(case: dict[str, Any], index: int, node: str) -> list[Notification]:
    pk = await party_pk(case, index)
    return await Notification.filter(
        case_id=case["case_id"], party_id=pk, event__node=node, previous_id__isnull=True
    ).order_by("created_at")


BASE_RIGHTS_VERSION = "base-1"


async def publish_rights_list(client: httpx.AsyncClient, court: CourtSigner) -> str:
    """A court-published rights list (drafts are never served), published once per session:
    the same content again is a harmless 200."""
    body = {"title": "申请执行人权利清单", "items": [{"no": 1, "text": "有权知悉案号。"}]}
    path = f"/api/court/v1/rights-lists/{BASE_RIGHTS_VERSION}"
    response = await court_call(client, court, "PUT", path, body)
    assert response.status_code in (200, 201), response.text
    return BASE_RIGHTS_VERSION
