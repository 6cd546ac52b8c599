"""One shared "world" for the security tests: two cases whose names and free texts carry
script, a published listing and a screen with the same, and two signed-in parties (A bound to
the first case, B to the second), each in a browser of their own (own cookie jar)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.parties.links import short_case_path
from tests.disclosure.helpers import client_ip, listing_payload
from tests.disclosure.led_support import receiver, register  # noqa: F401 - receiver: test_ssrf
from tests.e2e.conftest import browser, web_servers  # noqa: F401 - for test_browser.py
from tests.factories import case_payload
from tests.filings.helpers import publish_rights_list
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner

#: Hostile strings: a script element, an attribute break-out, a javascript: URL.
XSS = '<script>alert("xss")</script>'
XSS_ATTR = '"><img src=x onerror=alert(1)>'
MARKERS = ("<script>alert", "<img src=x")


def transport_client(app: Starlette, ip: str | None = None) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(
        app=app, raise_app_exceptions=False, client=(ip or client_ip(), 4321)
    )
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@dataclass
class Party:
    client: httpx.AsyncClient
    openid: str
    case: dict[str, Any]
    objection_id: str = ""
    values: dict[str, str] = field(default_factory=dict)  # path parameter → this party's id


@dataclass
class World:
    a: Party
    b: Party
    listing: dict[str, Any]
    public_id: str
    screen_id: str
    screen_token: str
    respondent: Party  # case A's respondent: the routes of 失信 listing requests


async def _case(client: httpx.AsyncClient, court: CourtSigner, tag: str) -> dict[str, Any]:
    payload = case_payload(cause=f"借款{XSS}")
    payload["handler"] = {"name": f"王{XSS_ATTR}"[:50], "phone": "0574-87000000"}
    payload["parties"][0]["name"] = f"张{tag}{XSS}"[:50]
    r = await court.request(client, "POST", "/api/court/v1/cases", payload)
    assert r.status_code == 201, r.text
    payload["case_id"] = r.json()["case_id"]
    events = [
        ("case_filed", "2024-03-01T09:00:00+08:00", None),
        ("online_search_result", "2024-03-05T09:00:00+08:00", {"found": False, "summary": XSS}),
        ("field_search_completed", "2024-03-06T09:00:00+08:00", {"summary": XSS_ATTR}),
        (
            "terminated_current_procedure",
            "2024-06-01T09:00:00+08:00",
            {"ruling_no": "（2024）浙0203执1号之一"},
        ),
    ]
    body = {
        "events": [
            {
                "event_id": f"sec-{secrets.token_hex(6)}",
                "case_no": payload["case_no"],
                "node": node,
                "occurred_at": at,
                **({"data": data} if data else {}),
            }
            for node, at, data in events
        ]
    }
    r = await court.request(client, "POST", "/api/court/v1/events", body)
    assert r.status_code == 200, r.text
    assert {x["status"] for x in r.json()["results"]} == {"accepted"}, r.text
    return payload


async def _party(
    app: Starlette, sandbox: SandboxServer, case: dict[str, Any], index: int = 0
) -> Party:
    """The case's party ``index`` (0: the applicant, with an objection and a property lead of
    its own; 1: the respondent, for the routes only a respondent may use) signed in and bound."""
    client = transport_client(app)
    openid = await sign_in_h5(client, sandbox)
    applicant = case["parties"][index]
    r = await client.post(
        "/api/party/v1/bindings",
        json={
            "case_no": case["case_no"],
            "name": applicant["name"],
            "id_no": applicant["id_no"],
            "access_code": applicant["access_code"],
        },
    )
    assert r.status_code == 201, r.text
    party = Party(client, openid, case)
    party.values["case_id"] = case["case_id"]
    party.values["short"] = short_case_path(case["case_id"]).rsplit("/", 1)[1]  # /m/c/{short}
    if index != 0:
        return party
    objection = await client.post(
        f"/api/party/v1/cases/{case['case_id']}/objections",
        json={
            "grounds": ["online_search_twice"],
            "request": f"撤销终本裁定{XSS}",
            "facts": f"未两次网络查控{XSS_ATTR}",
            "contact_address": f"海曙区某路{XSS}",
            "phone": applicant["phone"],
        },
    )
    if objection.status_code == 201:  # filings (issue 6) may still be landing
        party.objection_id = objection.json()["objection_id"]
        party.values["objection_id"] = party.objection_id
    # A property lead of the party's own (service/requests/): its id for the attachment routes.
    lead = await client.post(
        f"/api/party/v1/cases/{case['case_id']}/property-leads",
        json={"description": f"被执行人在某银行另有账户{XSS}"},
    )
    assert lead.status_code == 201, lead.text
    party.values["type"] = "lead"
    party.values["request_id"] = lead.json()["request_id"]
    return party


@pytest.fixture(scope="session")
async def world(
    app: Starlette, court: CourtSigner, wechat_sandbox: SandboxServer
) -> AsyncIterator[World]:
    async with transport_client(app) as staff:
        case_a = await _case(staff, court, "甲")
        case_b = await _case(staff, court, "乙")
        listing = listing_payload(
            name=f"赵{XSS}"[:50],
            obligation=f"偿还借款{XSS_ATTR}",
            performance=f"全部未履行{XSS}",
        )
        r = await court.request(staff, "POST", "/api/court/v1/disclosures", listing)
        assert r.status_code in (200, 201), r.text
        public = await staff.get("/api/public/v1/disclosures", params={"name": listing["name"]})
        assert public.status_code == 200, public.text
        [found] = public.json()["items"]
        screen_id, token = await register(staff, court)
        await publish_rights_list(staff, court)  # the owner's rights-list route has one to show
    a = await _party(app, wechat_sandbox, case_a)
    b = await _party(app, wechat_sandbox, case_b)
    respondent = await _party(app, wechat_sandbox, case_a, index=1)
    try:
        yield World(a, b, listing, found["public_id"], screen_id, token, respondent)
    finally:
        for party in (a, b, respondent):
            await party.client.aclose()


@pytest.fixture
async def visitor(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous client with an address of its own (public rate limits are per address)."""
    async with transport_client(app) as c:
        yield c
