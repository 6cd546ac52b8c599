"""Hostile request bodies and cross-site requests (issue 14): a nesting bomb is a 400 with a
code, never a 500 or a dropped connection; JSON routes take only ``application/json`` (a
``text/plain`` form-shaped body from another site's form must not bind a case); a
cookie-authenticated unsafe request that a browser says came from another site is a 403.

Defended in service/http.py (``read_json``: ``json_nests_too_deep``, the content type) and
service/middleware.py (``CrossSiteMiddleware``)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.http import MAX_JSON_DEPTH, json_nests_too_deep
from tests.security.conftest import World, transport_client
from tests.security.routes import Endpoint, endpoints
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner

BOMB = b"[" * 5000 + b"]" * 5000
OBJECT_BOMB = b'{"a":' * 5000 + b"1" + b"}" * 5000


def _json_routes() -> list[Endpoint]:
    return [e for e in endpoints() if e.method in {"POST", "PUT", "PATCH"} and e.takes_json]


JSON_ROUTES = _json_routes()


async def _send(
    endpoint: Endpoint,
    world: World,
    court: CourtSigner,
    visitor: httpx.AsyncClient,
    body: bytes,
    content_type: str | None,
) -> httpx.Response:
    # A listing request is the respondent's (失信规定 Art. 11), checked before the body is read.
    party = world.respondent if "listing-requests" in endpoint.path else world.a
    path = endpoint.url(party.values)
    headers: dict[str, str] = {}
    if endpoint.auth == "court":
        headers = court.headers(endpoint.method, path, body)
    elif endpoint.auth == "screen":
        headers = {"Authorization": f"Bearer {world.screen_token}"}
        path = endpoint.url({"screen_id": world.screen_id})
    headers.pop("Content-Type", None)
    if content_type is not None:
        headers["Content-Type"] = content_type
    sender = party.client if endpoint.auth == "party" else visitor
    return await sender.request(endpoint.method, path, content=body, headers=headers)


def _problem(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_every_json_route_is_covered() -> None:
    paths = {e.path for e in JSON_ROUTES}
    assert {"/api/court/v1/events", "/api/party/v1/bindings"} <= paths


@pytest.mark.parametrize("endpoint", JSON_ROUTES, ids=lambda e: f"{e.method} {e.path}")
@pytest.mark.parametrize("bomb", [BOMB, OBJECT_BOMB], ids=["arrays", "objects"])
async def test_a_nesting_bomb_is_400_json_too_deep_and_the_connection_lives_on(
    endpoint: Endpoint,
    bomb: bytes,
    world: World,
    court: CourtSigner,
    visitor: httpx.AsyncClient,
) -> None:
    response = await _send(endpoint, world, court, visitor, bomb, "application/json")
    _problem(response, 400, "json_too_deep")
    assert (await visitor.get("/healthz")).status_code == 200


@pytest.mark.parametrize("endpoint", JSON_ROUTES, ids=lambda e: f"{e.method} {e.path}")
@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
async def test_a_json_route_refuses_other_content_types_with_415(
    endpoint: Endpoint,
    content_type: str | None,
    world: World,
    court: CourtSigner,
    visitor: httpx.AsyncClient,
) -> None:
    body = json.dumps({"version": 1}).encode()
    response = await _send(endpoint, world, court, visitor, body, content_type)
    _problem(response, 415, "unsupported_media_type")


async def test_a_form_shaped_text_plain_body_binds_nothing(
    app: Starlette, world: World, wechat_sandbox: SandboxServer
) -> None:
    """What another site's <form enctype="text/plain"> sends: refused, and no case is bound."""
    party = world.a.case["parties"][0]
    async with transport_client(app) as victim:
        await sign_in_h5(victim, wechat_sandbox)
        forged = (
            f'{{"case_no":"{world.a.case["case_no"]}","name":"{party["name"]}",'
            f'"id_no":"{party["id_no"]}","x":"=1"}}'
        )
        response = await victim.post(
            "/api/party/v1/bindings",
            content=forged.encode(),
            headers={"Content-Type": "text/plain"},
        )
        _problem(response, 415, "unsupported_media_type")
        assert (await victim.get("/api/party/v1/cases")).json()["cases"] == []


CROSS_SITE: list[dict[str, str]] = [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: ":".join(*h.items()))
async def test_a_cross_site_request_with_the_session_cookie_is_403(
    headers: dict[str, str], world: World
) -> None:
    client = world.a.client
    before = (await client.get("/api/party/v1/preferences")).json()
    response = await client.put(
        "/api/party/v1/preferences", json={"opted_out": ["case_filed"]}, headers=headers
    )
    _problem(response, 403, "cross_site")
    assert (await client.get("/api/party/v1/preferences")).json() == before
    # A form post too (signing out here would end the session).
    logout = await client.post("/m/logout", data={"csrf": "x"}, headers=headers)
    _problem(logout, 403, "cross_site")


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {"Origin": "http://127.0.0.1:8000"},  # the public base URL's origin
        {},
    ],
    ids=["same-origin", "typed", "own-host", "public-base-url", "no-browser"],
)
async def test_a_same_site_request_with_the_session_cookie_passes(
    headers: dict[str, str], world: World, settings: Any
) -> None:
    assert settings.public_base_url.startswith("http://127.0.0.1:8000")
    client = world.a.client
    current = (await client.get("/api/party/v1/preferences")).json()
    response = await client.put("/api/party/v1/preferences", json=current, headers=headers)
    assert response.status_code == 200, response.text


async def test_a_bearer_request_is_not_judged_by_its_origin(world: World, app: Starlette) -> None:
    """An Authorization header is never sent by another site's form: the Mini Program's
    requests pass whatever their origin."""
    token = world.a.client.cookies.get("mc_session")
    assert token
    async with transport_client(app) as mini_program:
        response = await mini_program.get(
            "/api/party/v1/preferences", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
        put = await mini_program.put(
            "/api/party/v1/preferences",
            json=response.json(),
            headers={"Authorization": f"Bearer {token}", "Origin": "https://servicewechat.com"},
        )
        assert put.status_code == 200, put.text


# The depth check reads bytes; it must agree with the parser on every document.

_leaf = st.one_of(
    st.integers(),
    st.text(alphabet='[]{}"\\ab\n', max_size=6),
    st.just("\\"),
    st.just(""),
)
_nested = st.recursive(
    _leaf,
    lambda kids: (
        st.lists(kids, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\k', max_size=4), kids, max_size=3)
    ),
    max_leaves=80,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=400, deadline=None, database=None)
@given(value=_nested, wrap=st.integers(min_value=0, max_value=40), indent=st.booleans())
def test_the_depth_check_agrees_with_the_parser(value: object, wrap: int, indent: bool) -> None:
    for _ in range(wrap):
        value = [value]
    body = json.dumps(value, indent=1 if indent else None, ensure_ascii=False).encode()
    assert json_nests_too_deep(body) == (_depth(value) > MAX_JSON_DEPTH)
