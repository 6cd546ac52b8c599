"""Parties on the phone (contract §4.1–§4.3): sign-in, binding, cases, timeline, preferences."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from tests.factories import case_payload, resident_id
from tests.service.party_support import sign_in_h5, sign_in_mp
from tests.support import CourtSigner


@pytest.fixture
async def party_client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A separate browser (own cookie jar) for one party."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _case(client: httpx.AsyncClient, court: CourtSigner) -> dict[str, Any]:
    payload = case_payload()
    response = await court.request(client, "POST", "/api/court/v1/cases", payload)
    assert response.status_code == 201
    payload["case_id"] = response.json()["case_id"]
    return payload


async def _bind(
    client: httpx.AsyncClient, case: dict[str, Any], index: int = 0, **override: str
) -> httpx.Response:
    party = case["parties"][index]
    body = {
        "case_no": case["case_no"],
        "name": party["name"],
        "id_no": party["id_no"],
        "access_code": party["access_code"],
        **override,
    }
    return await client.post("/api/party/v1/bindings", json=body)


async def test_h5_sign_in_bind_and_timeline(
    client: httpx.AsyncClient,
    party_client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await _case(client, court)
    await sign_in_h5(party_client, wechat_sandbox)
    bound = await _bind(party_client, case)
    assert bound.status_code == 201, bound.text
    assert bound.json()["case_id"] == case["case_id"]
    assert bound.json()["role"] == "applicant"
    assert (await _bind(party_client, case)).status_code == 200  # already bound: same binding

    events = {
        "events": [
            {
                "event_id": f"t-{case['case_no']}-1",
                "case_no": case["case_no"],
                "node": "case_filed",
                "occurred_at": "2024-03-01T09:00:00+08:00",
            },
            {
                "event_id": f"t-{case['case_no']}-2",
                "case_no": case["case_no"],
                "node": "funds_received",
                "occurred_at": "2024-06-01T09:30:00+08:00",
                "data": {"amount": "12000.00"},
            },
            {
                "event_id": f"t-{case['case_no']}-3",
                "case_no": case["case_no"],
                "node": "archived",
                "occurred_at": "2024-06-02T09:30:00+08:00",
            },
        ]
    }
    posted = await court.request(client, "POST", "/api/court/v1/events", events)
    assert [r["status"] for r in posted.json()["results"]] == ["accepted"] * 3

    listing = await party_client.get("/api/party/v1/cases")
    assert listing.status_code == 200
    assert listing.headers["cache-control"] == "no-store"
    [summary] = listing.json()["cases"]
    assert summary["case_no"] == case["case_no"]
    detail = (await party_client.get(f"/api/party/v1/cases/{case['case_id']}")).json()
    # newest first, only nodes pushed to applicants (archiving is pushed to nobody)
    assert [i["node"] for i in detail["timeline"]] == ["funds_received", "case_filed"]
    assert detail["timeline"][0]["name_zh"] == "执行款到账"
    assert detail["handler"] == {"name": "王某", "phone": "0574-87000000"}

    page = await party_client.get(f"/m/cases/{case['case_id']}")
    assert page.status_code == 200
    assert "执行款到账" in page.text
    assert "2024年6月1日 09:30" in page.text
    assert page.headers["x-robots-tag"].startswith("noindex")


async def test_cases_of_others_are_404_like_missing_ones(
    client: httpx.AsyncClient,
    party_client: httpx.AsyncClient,
    app: Starlette,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    mine, theirs = await _case(client, court), await _case(client, court)
    await sign_in_h5(party_client, wechat_sandbox)
    assert (await _bind(party_client, mine)).status_code == 201
    other = await party_client.get(f"/api/party/v1/cases/{theirs['case_id']}")
    missing = await party_client.get("/api/party/v1/cases/00000000-0000-4000-8000-000000000000")
    garbage = await party_client.get("/api/party/v1/cases/not-a-uuid")
    assert other.status_code == missing.status_code == garbage.status_code == 404
    assert other.json() == missing.json() == garbage.json()
    page = await party_client.get(f"/m/cases/{theirs['case_id']}")
    assert page.status_code == 404
    assert theirs["case_no"] not in page.text


async def test_wrong_identity_is_the_same_404_and_sixth_failure_is_429(
    client: httpx.AsyncClient,
    party_client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await _case(client, court)
    await sign_in_h5(party_client, wechat_sandbox)
    wrong_id = await _bind(party_client, case, id_no=resident_id("19700101"))
    wrong_name = await _bind(party_client, case, name="王五")
    unknown_case = await _bind(party_client, case, case_no="（2019）浙0203执99999号")
    malformed = await _bind(party_client, case, id_no="12345")
    bodies = [r.json() for r in (wrong_id, wrong_name, unknown_case, malformed)]
    assert {r.status_code for r in (wrong_id, wrong_name, unknown_case, malformed)} == {404}
    assert all(b == bodies[0] for b in bodies)
    assert bodies[0]["code"] == "binding_not_found"
    fifth = await _bind(party_client, case, name="赵六")
    assert fifth.status_code == 404
    sixth = await _bind(party_client, case)  # even the right answer is refused now
    assert sixth.status_code == 429
    assert int(sixth.headers["retry-after"]) > 0


async def test_agent_sees_what_the_represented_party_sees(
    client: httpx.AsyncClient,
    party_client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await _case(client, court)
    await sign_in_h5(party_client, wechat_sandbox)
    bound = await _bind(party_client, case, index=2)
    assert bound.json()["role"] == "agent"
    await court.request(
        client,
        "POST",
        "/api/court/v1/events",
        {
            "events": [
                {
                    "event_id": f"a-{case['case_no']}",
                    "case_no": case["case_no"],
                    "node": "online_search_started",
                    "occurred_at": "2024-04-01T10:00:00+08:00",
                },
            ]
        },
    )
    detail = (await party_client.get(f"/api/party/v1/cases/{case['case_id']}")).json()
    assert [i["node"] for i in detail["timeline"]] == ["online_search_started"]


async def test_mini_program_flow_with_bearer_token(
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await _case(client, court)
    _, token = await sign_in_mp(client, wechat_sandbox)
    auth = {"Authorization": f"Bearer {token}"}
    party = case["parties"][0]
    bound = await client.post(
        "/api/party/v1/bindings",
        headers=auth,
        json={
            "case_no": case["case_no"].replace("（", "(").replace("）", ")"),
            "name": party["name"],
            "id_no": party["id_no"].lower(),
            "access_code": party["access_code"].lower(),  # compared case-insensitively
        },
    )
    assert bound.status_code == 201, bound.text
    assert (await client.get("/api/party/v1/cases", headers=auth)).json()["cases"][0][
        "case_id"
    ] == case["case_id"]
    assert (await client.get("/api/party/v1/cases")).status_code == 401  # no token, no session
    assert (await client.delete("/api/party/v1/session", headers=auth)).status_code == 204
    assert (await client.get("/api/party/v1/cases", headers=auth)).status_code == 401
    reused = await client.post("/api/party/v1/session/miniprogram", json={"code": "nonsense"})
    assert reused.status_code == 401
    assert reused.json()["code"] == "wechat_code_invalid"


async def test_oauth_callback_refuses_forged_or_replayed_state(
    party_client: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    forged = await party_client.get("/m/oauth/callback?code=abc&state=forged")
    assert forged.status_code == 400
    assert forged.json()["code"] == "oauth_state_invalid"
    start = await party_client.get("/m/")
    assert start.status_code == 302
    assert "scope=snsapi_base" in start.headers["location"]
    assert (
        "redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Fm%2Foauth%2Fcallback"
        in start.headers["location"]
    )


async def test_preferences_round_trip_and_mandatory_nodes(
    party_client: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    await sign_in_h5(party_client, wechat_sandbox)
    initial = (await party_client.get("/api/party/v1/preferences")).json()
    # the deployment's default (the test settings set none: 00:00–00:00)
    assert initial["quiet_hours"] == {"start": "00:00", "end": "00:00"}
    assert initial["opted_out"] == []
    saved = await party_client.put(
        "/api/party/v1/preferences",
        json={
            "opted_out": ["online_search_started"],
            "quiet_hours": {"start": "21:30", "end": "07:00"},
        },
    )
    assert saved.status_code == 200
    assert saved.json()["opted_out"] == ["online_search_started"]
    refused = await party_client.put(
        "/api/party/v1/preferences", json={"opted_out": ["case_filed"]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "node_mandatory"
    unknown = await party_client.put("/api/party/v1/preferences", json={"opted_out": ["nope"]})
    assert unknown.json()["errors"][0]["code"] == "node_unknown"
    again = (await party_client.get("/api/party/v1/preferences")).json()
    assert again["quiet_hours"] == {"start": "21:30", "end": "07:00"}
