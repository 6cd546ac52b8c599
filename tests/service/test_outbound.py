"""The outbound HTTP client under WeChat, SMS and LED push (service/outbound.py), against the
real sandbox on loopback: connections are reused and capped, a connection the server closed
is not reused, timeouts and refused connections surface as HttpError (so WeChatError and
SmsError mapping keeps working), and the connect-time address check sees every address."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
import uvloop
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from service.outbound import HttpError, HttpTimeout, Outbound, Reply
from service.wechat.api import RateLimiter, WeChatApi
from service.wechat.errors import Action, WeChatError

DATA = {"thing1": {"value": "（2024）浙0203执1号"}, "thing2": {"value": "执行款到账"}}


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[WeChatSandboxState, SandboxServer]]:
    state = WeChatSandboxState(receipts=False)
    async with SandboxServer(create_wechat_sandbox(state), keep_alive_s=0.3) as server:
        yield state, server


async def _token(client: Outbound, state: WeChatSandboxState, url: str) -> str:
    answer = await client.post(
        f"{url}/cgi-bin/stable_token",
        json={
            "grant_type": "client_credential",
            "appid": state.oa_appid,
            "secret": state.oa_secret,
        },
    )
    assert answer.status == 200
    return str(answer.json()["access_token"])


async def _send(client: Outbound, url: str, token: str, n: int, **kwargs: object) -> Reply:
    return await client.post(
        f"{url}/cgi-bin/message/template/send",
        params={"access_token": token},
        json={"touser": f"o_t{n}", "template_id": "T", "data": DATA, "client_msg_id": f"t{n}"},
        **kwargs,
    )


async def test_sequential_requests_share_one_connection(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    async with Outbound(connections=4) as client:
        token = await _token(client, state, server.url)
        for n in range(5):
            answer = await _send(client, server.url, token, n)
            assert answer.json()["errcode"] == 0 and answer.json()["msgid"]
        assert client.connections_opened == 1
    assert state.runtime.counts["accepted_calls"] == 5


async def test_concurrent_requests_stay_within_the_cap(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    state.latency_ms = 50
    async with Outbound(connections=3) as client:
        token = await _token(client, state, server.url)
        answers = await asyncio.gather(*(_send(client, server.url, token, n) for n in range(12)))
        assert client.connections_opened == 3
    assert [a.json()["errcode"] for a in answers] == [0] * 12
    assert state.runtime.counts["accepted_calls"] == 12


async def test_a_connection_the_server_closed_is_not_reused(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    async with Outbound(connections=2, keepalive=60) as client:
        token = await _token(client, state, server.url)
        await asyncio.sleep(0.6)  # past the server's keep-alive timeout: it closed the socket
        assert (await _send(client, server.url, token, 1)).json()["errcode"] == 0
        # the server answers "Connection: close" to a request asking for it, then closes
        closing = await client.get(f"{server.url}/_sandbox/stats", headers={"Connection": "close"})
        assert closing.status == 200
        assert (await _send(client, server.url, token, 2)).json()["errcode"] == 0
        assert client.connections_opened == 3


async def test_an_idle_connection_past_its_keepalive_is_replaced(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    async with Outbound(keepalive=0.05) as client:
        token = await _token(client, state, server.url)
        await asyncio.sleep(0.2)
        assert (await _send(client, server.url, token, 1)).json()["errcode"] == 0
        assert client.connections_opened == 2


async def test_timeout_then_the_next_request_works(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    async with Outbound(connections=1) as client:
        token = await _token(client, state, server.url)
        fault = {"mode": "timeout", "endpoint": "template", "count": 1, "hang_seconds": 5}
        assert (await client.post(f"{server.url}/_sandbox/faults", json=fault)).status < 300
        with pytest.raises(HttpTimeout):
            await _send(client, server.url, token, 1, timeout=0.3)
        # the timed-out connection was dropped (its answer may still come); a new one serves
        assert (await _send(client, server.url, token, 2)).json()["errcode"] == 0
        assert client.connections_opened == 2


async def test_waiting_for_a_connection_counts_towards_the_timeout(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = sandbox
    state.latency_ms = 500
    async with Outbound(connections=1) as client:
        token = await _token(client, state, server.url)
        slow = asyncio.ensure_future(_send(client, server.url, token, 1))
        await asyncio.sleep(0.05)
        with pytest.raises(HttpTimeout):
            await client.get(f"{server.url}/_sandbox/stats", timeout=0.1)
        await slow


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_connection_refused_is_an_http_error() -> None:
    async with Outbound() as client:
        with pytest.raises(HttpError):
            await client.get(f"http://127.0.0.1:{_closed_port()}/")


async def test_the_address_check_sees_each_address_and_can_refuse_it(
    sandbox: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    """The seam for a connect-time SSRF rule: asked with the resolved address (here a name
    that resolves to loopback), before any byte is sent."""
    state, server = sandbox
    asked: list[str] = []

    def refuse(address: str) -> bool:
        asked.append(address)
        return False

    url = server.url.replace("127.0.0.1", "localhost")
    async with Outbound(address_check=refuse) as client:
        with pytest.raises(HttpError):
            await client.get(f"{url}/_sandbox/stats")
        assert client.connections_opened == 0
    assert asked and set(asked) <= {"127.0.0.1", "::1"}
    async with Outbound(address_check=lambda address: address == "127.0.0.1") as client:
        assert (await client.get(f"{server.url}/_sandbox/stats")).status == 200
    assert state.runtime.counts["accepted_calls"] == 0  # the refused call sent nothing


async def test_wechat_client_maps_transport_failures_to_retry(app: Starlette) -> None:
    redis = app.state.arq
    async with Outbound() as client:
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
    """The worker runs on uvloop (notifiers/supervisor.py)."""
    state = WeChatSandboxState(receipts=False)

    async def exchange(url: str) -> tuple[list[int], int]:
        async with Outbound() as client:
            token = await _token(client, state, url)
            answers = [(await _send(client, url, token, n)).json()["errcode"] for n in range(3)]
            return answers, client.connections_opened

    with (
        SandboxServer(create_wechat_sandbox(state)) as server,
        asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
    ):
        assert runner.run(exchange(server.url)) == ([0, 0, 0], 1)
