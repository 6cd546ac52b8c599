"""The client address behind a proxy (issue 14): with only 127.0.0.1 trusted, a proxy in
Docker made every client one rate-limit bucket, and each IPv6 address was a bucket of its own
(one /64 = unlimited). X-Forwarded-For is believed from ``MICROCOURT_TRUSTED_PROXIES`` only
(service/app.py, uvicorn's ProxyHeadersMiddleware), and rate limits count an IPv6 client by
its /64 (service/http.py ``client_bucket``, disclosure/ratelimit.py)."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from config.settings import SettingsError, load_settings
from service import clock

PAGE = "/disclosures"  # a public page under the per-client limit


def _client(app: Starlette, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(ip, 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def _fresh_window() -> None:
    now = clock.now().timestamp()
    clock.advance(timedelta(seconds=math.ceil(now / 60) * 60 - now + 0.001))


async def _use_up(client: httpx.AsyncClient, headers: dict[str, str], limit: int) -> None:
    for _ in range(limit):
        assert (await client.get(PAGE, headers=headers)).status_code == 200


def _v6_prefix() -> str:
    return f"2001:db8:{random.randrange(65536):x}:{random.randrange(65536):x}"


async def test_clients_behind_a_trusted_proxy_get_a_bucket_each(app: Starlette) -> None:
    limit = app.state.settings.public_rate_limit_per_minute
    first, second = (f"203.0.113.{n}" for n in random.sample(range(1, 255), 2))  # two clients
    _fresh_window()
    async with _client(app, "127.0.0.1") as proxy:
        await _use_up(proxy, {"X-Forwarded-For": first}, limit)
        over = await proxy.get(PAGE, headers={"X-Forwarded-For": first})
        assert over.status_code == 429
        other = await proxy.get(PAGE, headers={"X-Forwarded-For": f"{second}, 127.0.0.1"})
        assert other.status_code == 200


async def test_an_untrusted_sender_cannot_choose_its_address(app: Starlette) -> None:
    limit = app.state.settings.public_rate_limit_per_minute
    sender = f"198.51.100.{random.randrange(1, 255)}"
    _fresh_window()
    async with _client(app, sender) as client:
        for n in range(limit):
            spoofed = {"X-Forwarded-For": f"192.0.2.{n % 250 + 1}"}
            assert (await client.get(PAGE, headers=spoofed)).status_code == 200
        over = await client.get(PAGE, headers={"X-Forwarded-For": "192.0.2.254"})
        assert over.status_code == 429


async def test_an_ipv6_client_is_counted_by_its_64(app: Starlette) -> None:
    limit = app.state.settings.public_rate_limit_per_minute
    prefix = _v6_prefix()
    _fresh_window()
    for n in range(limit):
        async with _client(app, f"{prefix}::{n + 1:x}") as client:
            assert (await client.get(PAGE)).status_code == 200
    async with _client(app, f"{prefix}:ffff:ffff:ffff:fffe") as same_64:
        assert (await same_64.get(PAGE)).status_code == 429
    async with _client(app, f"{_v6_prefix()}::1") as other_64:
        assert (await other_64.get(PAGE)).status_code == 200


def test_trusted_proxies_take_addresses_and_networks_only(tmp_path: Path) -> None:
    env = {"MICROCOURT_DATA_DIR": str(tmp_path)}
    assert load_settings(env).trusted_proxies == ("127.0.0.1", "::1")
    nets = load_settings({**env, "MICROCOURT_TRUSTED_PROXIES": "10.0.0.2, 172.16.0.0/12"})
    assert nets.trusted_proxies == ("10.0.0.2", "172.16.0.0/12")
    for bad in ("*", "proxy.internal", "10.0.0.1/8"):
        with pytest.raises(SettingsError, match="TRUSTED_PROXIES"):
            load_settings({**env, "MICROCOURT_TRUSTED_PROXIES": bad})
