"""The keep-alive transport under the WeChat client, against the real sandbox on loopback:
connections are reused and capped, a connection the server closed is not reused, and
timeouts and refused connections surface as httpx's exceptions (so WeChatError mapping
keeps working)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvloop
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from service.http_transport import PROXY_VARIABLES, KeepAliveTransport, provider_client
from service.wechat.api import RateLimiter, WeChatApi
from service.wechat.errors import Action, WeChatError

DATA = {"thing1": {"value": "（2024）浙0203执1号"}, "thing2": {"value": "执行款到账"}}


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[WeChatSandboxState, SandboxServer]]:
    state = WeChatSandboxState(receipts=False)
    async with SandboxServer(create_wechat_sandbox(state), keep_alive_s=0.3) as server:
        yield state, server


async def _token(client: httpx.AsyncClient, state: WeChatSandboxState, url: str) -> str:
    answer = await client.post(
        f"{url}/cgi-bin/stable_token",
        json={
            "grant_type": "client_credential",
            "appid": state.oa_appid,
            "secret": state.oa_secret,
        },
    )
    assert answer.status_code == 200
    return str(answer.json()["access_token"])


async def _send(client: httpx.AsyncClient, url: str, token: str, n: int) -> httpx.Response:
    return await client.post(
        f"{url}/cgi-bin/message/template/send",
        params={"access_token": token},
        json={"touser": f"o_t{n}", "template_id": "T", "data": DATA, "client_msg_id": f"t{n}"},
    )


async def test_sequential_requests_share_one_connection(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    transport = KeepAliveTransport(max_connections=4)
    async with httpx.AsyncClient(transport=transport) as client:
        token = await _token(client, state, server.url)
        for n in range(5):
            answer = await _send(client, server.url, token, n)
            assert answer.json()["errcode"] == 0 and answer.json()["msgid"]
        assert transport.connections_opened == 1
    assert state.runtime.counts["accepted_calls"] == 5


async def test_concurrent_requests_stay_within_the_pool(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    state.latency_ms = 50
    transport = KeepAliveTransport(max_connections=3)
    async with httpx.AsyncClient(transport=transport) as client:
        token = await _token(client, state, server.url)
        answers = await asyncio.gather(*(_send(client, server.url, token, n) for n in range(12)))
    assert [a.json()["errcode"] for a in answers] == [0] * 12
    assert transport.connections_opened == 3
    assert state.runtime.counts["accepted_calls"] == 12


async def test_a_connection_the_server_closed_is_not_reused(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    transport = KeepAliveTransport(max_connections=2, keepalive_expiry=60)
    async with httpx.AsyncClient(transport=transport) as client:
        token = await _token(client, state, server.url)
        await asyncio.sleep(0.6)  # past the server's keep-alive timeout: it closed the socket
        assert (await _send(client, server.url, token, 1)).json()["errcode"] == 0
        # the server answers "Connection: close" to a request asking for it, then closes
        closing = await client.get(f"{server.url}/_sandbox/stats", headers={"Connection": "close"})
        assert closing.status_code == 200
        assert (await _send(client, server.url, token, 2)).json()["errcode"] == 0
    assert transport.connections_opened == 3


async def test_an_idle_connection_past_its_expiry_is_replaced(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    transport = KeepAliveTransport(keepalive_expiry=0.05)
    async with httpx.AsyncClient(transport=transport) as client:
        token = await _token(client, state, server.url)
        await asyncio.sleep(0.1)
        assert (await _send(client, server.url, token, 1)).json()["errcode"] == 0
    assert transport.connections_opened == 2


async def test_read_timeout_then_the_next_request_works(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    transport = KeepAliveTransport(max_connections=1)
    async with httpx.AsyncClient(transport=transport) as client:
        token = await _token(client, state, server.url)
        fault = {"mode": "timeout", "endpoint": "template", "count": 1, "hang_seconds": 5}
        assert (await client.post(f"{server.url}/_sandbox/faults", json=fault)).status_code < 300
        with pytest.raises(httpx.ReadTimeout):
            await client.post(
                f"{server.url}/cgi-bin/message/template/send",
                params={"access_token": token},
                json={"touser": "o_slow", "template_id": "T", "data": DATA},
                timeout=0.3,
            )
        # the timed-out connection was dropped (its answer may still come); a new one serves
        assert (await _send(client, server.url, token, 2)).json()["errcode"] == 0
    assert transport.connections_opened == 2


async def test_pool_timeout_when_every_connection_is_busy(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    state.latency_ms = 500
    async with httpx.AsyncClient(transport=KeepAliveTransport(max_connections=1)) as client:
        token = await _token(client, state, server.url)
        slow = asyncio.ensure_future(_send(client, server.url, token, 1))
        await asyncio.sleep(0.05)
        with pytest.raises(httpx.PoolTimeout):
            await client.get(f"{server.url}/_sandbox/stats", timeout=httpx.Timeout(5, pool=0.1))
        await slow


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_connection_refused_is_a_connect_error() -> None:
    async with httpx.AsyncClient(transport=KeepAliveTransport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(f"http://127.0.0.1:{_closed_port()}/")


async def test_wechat_client_maps_transport_failures_to_retry(app: Starlette) -> None:
    redis = app.state.arq
    async with httpx.AsyncClient(transport=KeepAliveTransport()) as client:
        api = WeChatApi(
            "oa",
            "wx_refused",
            "secret",
            http=client,
            redis=redis,
            base_url=f"http://127.0.0.1:{_closed_port()}",
            timeout=1,
            limiter=RateLimiter(redis, 100),
        )
        with pytest.raises(WeChatError) as raised:
            await api.send_template("o_x", "T", DATA, client_msg_id="x")
    assert raised.value.action is Action.RETRY and raised.value.error_code == "transport"


def test_works_on_uvloop() -> None:
    """The worker runs on uvloop (notifiers/supervisor.py), whose transports are not
    ``asyncio.Transport`` subclasses."""
    state = WeChatSandboxState(receipts=False)

    async def exchange(url: str) -> tuple[list[int], int]:
        transport = KeepAliveTransport()
        async with httpx.AsyncClient(transport=transport) as client:
            token = await _token(client, state, url)
            answers = [(await _send(client, url, token, n)).json()["errcode"] for n in range(3)]
        return answers, transport.connections_opened

    with (
        SandboxServer(create_wechat_sandbox(state)) as server,
        asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
    ):
        assert runner.run(exchange(server.url)) == ([0, 0, 0], 1)


async def test_provider_client_leaves_proxies_to_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    async with provider_client() as direct:
        assert isinstance(direct._transport, KeepAliveTransport)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    async with provider_client() as proxied:
        assert not isinstance(proxied._transport, KeepAliveTransport)
