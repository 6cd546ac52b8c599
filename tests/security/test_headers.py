"""Security headers on every page and API answer (docs/security.md, "XSS" and "Clickjacking")."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.security.conftest import World
from tests.security.routes import Endpoint, endpoints, html_endpoints


def _values(world: World) -> dict[str, str]:
    return {
        **world.a.values,
        "public_id": world.public_id,
        "screen_id": world.screen_id,
        "listing_id": world.listing["listing_id"],
        "asset": "player.js",
    }


def _query(endpoint: Endpoint, world: World) -> dict[str, str]:
    return {"token": world.screen_token} if endpoint.path == "/led/{screen_id}" else {}


async def _call(endpoint: Endpoint, world: World, visitor: httpx.AsyncClient) -> httpx.Response:
    signs_out = endpoint.path.endswith(("/session", "/logout"))  # keep A signed in
    chosen = world.a.client if endpoint.auth == "party" and not signs_out else visitor
    return await chosen.request(
        endpoint.method,
        endpoint.url(_values(world)),
        params=_query(endpoint, world),
        data={} if endpoint.method == "POST" and endpoint.html else None,
    )


# The LED player sets its own policy (disclosure/led/endpoints.py PLAYER_CSP) allowing
# same-origin framing; everything else may not be framed at all.
SAME_ORIGIN_FRAMING = {"/led/{screen_id}"}


def assert_security_headers(response: httpx.Response, path: str = "") -> None:
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    csp = headers["content-security-policy"]
    if path in SAME_ORIGIN_FRAMING:
        assert "frame-ancestors 'self'" in csp or "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] in ("SAMEORIGIN", "DENY")
    else:
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize("endpoint", endpoints(), ids=lambda e: f"{e.method} {e.path}")
async def test_every_route_answers_with_security_headers(
    endpoint: Endpoint, world: World, visitor: httpx.AsyncClient
) -> None:
    response = await _call(endpoint, world, visitor)
    assert response.status_code < 500, response.text
    assert_security_headers(response, endpoint.path)
    if response.headers.get("content-type", "").startswith("text/html"):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
    else:
        assert response.headers["content-security-policy"].startswith("default-src 'none'")


# Pages a signed-in party or a visitor reaches in the world fixture (others need a prior step).
PAGES_200 = {
    "/disclosures",
    "/disclosures/{public_id}",
    "/led/{screen_id}",
    "/m/",
    "/m/bind",
    "/m/cases/{case_id}",
    "/m/preferences",
}
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
_HANDLER_ATTR = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
_STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize(
    "endpoint",
    [e for e in html_endpoints() if e.method == "GET"],
    ids=lambda e: e.path,
)
async def test_pages_need_nothing_the_policy_forbids(
    endpoint: Endpoint, world: World, visitor: httpx.AsyncClient
) -> None:
    """No inline script, event-handler attribute or style attribute: the CSP would block them."""
    response = await _call(endpoint, world, visitor)
    if endpoint.path in PAGES_200:
        assert response.status_code == 200, response.text
    assert response.status_code < 500
    assert not _INLINE_SCRIPT.search(response.text), endpoint.path
    assert not _HANDLER_ATTR.search(response.text), endpoint.path
    assert not _STYLE_ATTR.search(response.text), endpoint.path


async def test_static_files_are_nosniff(visitor: httpx.AsyncClient) -> None:
    response = await visitor.get("/static/site.css")
    assert response.status_code == 200
    assert_security_headers(response)
