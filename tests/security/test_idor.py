"""IDOR sweep: party A, with A's own session, reaches nothing of party B through any party
route (enumerated from ``all_routes()``, so routes added later are swept too)."""

from __future__ import annotations

import json

import pytest

from tests.security.conftest import World
from tests.security.routes import Endpoint, party_endpoints

# A valid-looking body per route where one is needed, so the refusal cannot be a 422 that
# merely comes before the ownership check. Routes not listed get an empty JSON object.
BODIES: dict[str, dict[str, object]] = {
    "/api/party/v1/cases/{case_id}/rights-list/acknowledgement": {
        "version": "1",
        "content_sha256": "0" * 64,
    },
    "/api/party/v1/cases/{case_id}/objections": {
        "grounds": ["online_search_twice"],
        "request": "撤销终本裁定",
        "facts": "未两次网络查控",
        "contact_address": "海曙区某路1号",
        "phone": "13900000000",
    },
}
REFUSED = {403, 404}

SWEPT = [e for e in party_endpoints() if e.params]


@pytest.mark.parametrize("endpoint", SWEPT, ids=lambda e: f"{e.method} {e.path}")
async def test_a_cannot_reach_b(endpoint: Endpoint, world: World) -> None:
    a, b = world.a, world.b
    missing = [p for p in endpoint.params if p not in b.values]
    assert not missing, f"the sweep has no value of B's for {missing}: extend the world fixture"
    url = endpoint.url(b.values)
    kwargs: dict[str, object] = {}
    if endpoint.method in ("POST", "PUT", "PATCH"):
        if endpoint.html:
            kwargs["data"] = {"csrf": "x"}
        elif endpoint.path.endswith("/attachments"):
            kwargs["files"] = {"file": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
        else:
            kwargs["content"] = json.dumps(BODIES.get(endpoint.path, {})).encode()
            kwargs["headers"] = {"Content-Type": "application/json"}
    response = await a.client.request(endpoint.method, url, **kwargs)  # type: ignore[arg-type]
    if endpoint.html and endpoint.method == "POST":
        # Forms check the CSRF token first; with A's valid token they must still refuse.
        assert response.status_code in REFUSED, response.text
    else:
        assert response.status_code in REFUSED, response.text
    assert b.case["case_no"] not in response.text
    assert b.case["parties"][0]["name"] not in response.text


@pytest.mark.parametrize("endpoint", SWEPT, ids=lambda e: f"{e.method} {e.path}")
async def test_a_reaches_its_own(endpoint: Endpoint, world: World) -> None:
    """The sweep means something only if the same route is not 404 for the owner."""
    if endpoint.method != "GET":
        return
    a = world.a
    response = await a.client.get(endpoint.url(a.values))
    assert response.status_code not in (401, 403, 404), response.text


async def test_forms_with_a_s_valid_token_still_refuse_b_s_case(world: World) -> None:
    import re

    a, b = world.a, world.b
    page = await a.client.get("/m/preferences")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token
    for endpoint in SWEPT:
        if endpoint.method != "POST" or not endpoint.html:
            continue
        response = await a.client.post(
            endpoint.url(b.values),
            data={"csrf": token.group(1), "version": "1", "request": "x", "facts": "x"},
        )
        assert response.status_code in REFUSED, (endpoint.path, response.text)
        assert b.case["case_no"] not in response.text


async def test_lists_show_only_one_s_own(world: World) -> None:
    a, b = world.a, world.b
    cases = (await a.client.get("/api/party/v1/cases")).json()["cases"]
    assert [c["case_id"] for c in cases] == [a.case["case_id"]]
    assert b.case["case_no"] not in (await a.client.get("/m/")).text
