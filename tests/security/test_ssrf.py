"""SSRF through a screen's ``push_url`` (issue 14, contract §9.8): a court key registered
``http://169.254.169.254/…``, ``http://10.0.0.5:6379/`` and the worker POSTed there. Only
public addresses, or those in ``MICROCOURT_LED_PUSH_ALLOW_NETWORKS`` (the tests allow
127.0.0.0/8), are accepted at registration (422 ``push_url_not_allowed``) and connected to
at push time, on the address just resolved and checked; redirects are not followed.

Defended in service/outbound.py (``address_allowed``, ``resolve``) and
disclosure/led/push.py (``require_allowed_push_url``, ``_checked_request``)."""

from __future__ import annotations

import dataclasses
import ipaddress
from typing import Any

import httpx
import pytest
from arq import Retry
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from config.settings import Settings
from disclosure.led import push
from sandbox.server import SandboxServer
from service.addresses import address_allowed
from tests.disclosure.led_support import SCREENS, PushReceiver, register, screen_id
from tests.support import CourtSigner

REFUSED = [
    "127.0.0.2",  # loopback (refused without an allow-list entry)
    "::1",
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "fe80::1",
    "fc00::1",
    "224.0.0.1",
    "ff02::1",
    "0.0.0.0",
    "::",
    "240.0.0.1",
    "100.64.0.1",
    "::ffff:10.0.0.5",
    "::ffff:169.254.169.254",
    "2002:a00:5::",  # 6to4 around 10.0.0.5
    "64:ff9b::a00:5",  # NAT64 around 10.0.0.5
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not address_allowed(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_allowed(ipaddress.ip_address(address))


def test_the_allow_list_admits_its_networks_only() -> None:
    allow = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("10.1.0.0/16"))
    for inside in ("127.0.0.1", "::ffff:127.0.0.1", "10.1.2.3"):
        assert address_allowed(ipaddress.ip_address(inside), allow)
    for outside in ("::1", "10.2.0.1", "169.254.169.254"):
        assert not address_allowed(ipaddress.ip_address(outside), allow)


@settings(max_examples=500, deadline=None, database=None)
@given(st.ip_addresses(v=4))
def test_an_ipv4_mapped_address_is_judged_as_its_ipv4_address(
    v4: ipaddress.IPv4Address,
) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{v4}")
    assert address_allowed(mapped) == address_allowed(v4)


BAD_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5:6379/",
    "http://[::1]:5432/",
    "http://0.0.0.0:8000/",
    "http://[::ffff:10.0.0.5]/",
    "http://[fe80::1]/x",
    "http://224.0.0.1/",
    "http://167772165/",  # 10.0.0.5 spelled as one number: resolved, then refused
    "http://no-such-host.invalid/",
]


@pytest.mark.parametrize("url", BAD_URLS)
async def test_registration_refuses_a_push_url_that_is_not_public(
    url: str, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid = screen_id("ssrf")
    body = {"screen_id": sid, "rows": 4, "cols": 16, "mode": "push", "push_url": url}
    response = await court.request(client, "POST", SCREENS, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "push_url_not_allowed"
    listed = await court.request(client, "GET", SCREENS)
    assert sid not in {s["screen_id"] for s in listed.json()["screens"]}


async def _push_screen(
    client: httpx.AsyncClient, court: CourtSigner, state: PushReceiver, url: str
) -> str:
    sid = screen_id("ssrf")
    _, token = await register(
        client, court, screen_id=sid, mode="push", push_url=url.format(sid=sid)
    )
    state.tokens[sid] = token
    return sid


def _ctx(settings: Settings, **changes: Any) -> dict[str, Any]:
    return {"settings": dataclasses.replace(settings, **changes), "job_try": 1}


async def test_the_push_checks_the_address_it_connects_to(
    client: httpx.AsyncClient,
    court: CourtSigner,
    settings: Settings,
    receiver: tuple[PushReceiver, SandboxServer],
) -> None:
    """A name accepted at registration may resolve elsewhere later (DNS rebinding): the
    worker resolves again, checks, and connects to the checked address. Here the worker's
    allow-list no longer admits loopback: nothing is sent."""
    state, server = receiver
    sid = await _push_screen(client, court, state, f"{server.url}/screens/{{sid}}")
    refusing = _ctx(settings, led_push_allow_networks=())
    try:
        with pytest.raises(Retry):
            await push.push(refusing, sid, 10**9)
    finally:
        await push.close(refusing)
    assert sid not in state.received
    allowing = _ctx(settings)
    try:
        assert await push.push(allowing, sid, 10**9) == "acked"
    finally:
        await push.close(allowing)
    assert state.received[sid]


async def test_a_redirect_is_not_followed(
    client: httpx.AsyncClient, court: CourtSigner, settings: Settings
) -> None:
    hits: list[str] = []

    async def redirect(request: Request) -> Response:
        hits.append(request.url.path)
        if request.url.path.startswith("/screens/"):
            return RedirectResponse("http://169.254.169.254/latest/meta-data/", 307)
        return Response(status_code=204)

    app = Starlette(routes=[Route("/{path:path}", redirect, methods=["POST"])])
    async with SandboxServer(app) as server:
        sid = await _push_screen(client, court, PushReceiver(), f"{server.url}/screens/{{sid}}")
        ctx = _ctx(settings, led_push_allow_networks=(ipaddress.ip_network("0.0.0.0/0"),))
        try:
            with pytest.raises(Retry):  # a 3xx is not an acknowledgement
                await push.push(ctx, sid, 10**9)
        finally:
            await push.close(ctx)
    assert hits == [f"/screens/{sid}"]
