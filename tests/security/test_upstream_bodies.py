"""Unbounded reads from upstreams (issue 14): a 400 MiB chunked answer from a configured
upstream was read whole (RSS 33 → 839 MiB). Every WeChat, OAuth and SMS call goes through
the one outbound client (service/outbound.py), which stops reading at 1 MiB and fails the
call as a transport error (retried later) — through an environment proxy too; a push
screen's answer is never read at all.

The upstreams are the sandbox's, switched to stream a huge chunked body (``huge_body``); the
proxy is a plain HTTP forward proxy on loopback."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette

from notifiers.sms import SmsError, send_sms
from sandbox.server import SandboxServer
from sandbox.sms import SmsGatewayState, create_sms_gateway
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from service.outbound import DEFAULT_MAX_RESPONSE_BYTES, Outbound, ResponseTooLarge
from service.wechat.api import RateLimiter, WeChatApi
from service.wechat.errors import Action, WeChatError

HUGE = {"mode": "huge_body", "endpoint": "any", "body_mb": 400}


@pytest.fixture
async def wechat() -> AsyncIterator[tuple[WeChatSandboxState, SandboxServer]]:
    state = WeChatSandboxState(receipts=False)
    async with SandboxServer(create_wechat_sandbox(state)) as server:
        yield state, server


async def _token_call(client: Outbound, state: WeChatSandboxState, url: str) -> str:
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


async def test_a_huge_answer_is_cut_off_and_the_next_call_works(
    wechat: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = wechat
    state.runtime.faults.add(HUGE)
    async with Outbound() as client:
        with pytest.raises(ResponseTooLarge, match=str(DEFAULT_MAX_RESPONSE_BYTES)):
            await client.post(f"{server.url}/cgi-bin/stable_token", json={})
        assert await _token_call(client, state, server.url)
        assert client.connections_opened == 2  # the cut connection was not reused


class ForwardProxy:
    """An HTTP/1.1 forward proxy: reads the request head (absolute URI), connects to the
    origin and pipes both ways. Counts the requests it carried."""

    def __init__(self) -> None:
        self.requests = 0
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def __aexit__(self, *_: object) -> None:
        assert self.server is not None
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, ValueError):
            head = await reader.readuntil(b"\r\n\r\n")
            _method, target, _version = head.split(b"\r\n", 1)[0].split(b" ")
            hostport = target.split(b"//", 1)[1].split(b"/", 1)[0].decode()
            host, _, port = hostport.partition(":")
            path = b"/" + target.split(b"//", 1)[1].split(b"/", 1)[1]
            self.requests += 1
            up_reader, up_writer = await asyncio.open_connection(host, int(port or 80))
            up_writer.write(head.replace(target, path, 1))

            async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
                with contextlib.suppress(OSError):
                    while data := await src.read(65536):
                        dst.write(data)
                        await dst.drain()
                dst.close()

            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        writer.close()


async def test_the_cap_holds_through_an_environment_proxy(
    wechat: tuple[WeChatSandboxState, SandboxServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 left this open: with ``HTTPS_PROXY`` set, the old transport handed the call to
    httpx's own pool, whose answers were not capped."""
    state, server = wechat
    proxy = ForwardProxy()
    async with proxy as proxy_url:
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        monkeypatch.setenv("HTTPS_PROXY", proxy_url)
        state.runtime.faults.add(HUGE)
        async with Outbound() as client:
            with pytest.raises(ResponseTooLarge):
                await client.post(f"{server.url}/cgi-bin/stable_token", json={})
            assert await _token_call(client, state, server.url)
    assert proxy.requests == 2  # both calls went through the proxy


async def test_the_wechat_client_treats_it_as_a_transport_failure(
    app: Starlette, wechat: tuple[WeChatSandboxState, SandboxServer]
) -> None:
    state, server = wechat
    state.runtime.faults.add({**HUGE, "count": None})
    redis = app.state.arq
    async with Outbound() as http:
        api = WeChatApi(
            "oa",
            state.oa_appid,
            state.oa_secret,
            http=http,
            redis=redis,
            base_url=server.url,
            timeout=30,
            limiter=RateLimiter(redis, 100),
        )
        with pytest.raises(WeChatError) as raised:
            await api.send_template("o_x", "T", {"thing1": {"value": "x"}}, client_msg_id="x")
    assert raised.value.action is Action.RETRY and raised.value.error_code == "transport"


async def test_the_sms_gateway_answering_forever_is_a_retry() -> None:
    gateway = SmsGatewayState()
    gateway.faults.add(HUGE)
    async with SandboxServer(create_sms_gateway("secret", gateway)) as server, Outbound() as http:
        with pytest.raises(SmsError) as raised:
            await send_sms(
                http,
                f"{server.url}/",
                "secret",
                phone="13800000000",
                text="【海曙法院】测试",
                ref="huge-1",
                timeout=30,
            )
    assert raised.value.action is Action.RETRY
    assert "ResponseTooLarge" in str(raised.value)


async def test_no_proxy_hosts_go_direct(
    wechat: tuple[WeChatSandboxState, SandboxServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``NO_PROXY`` is honoured: the proxy is decided once per host, from the environment as
    it was when the client opened."""
    state, server = wechat
    proxy = ForwardProxy()
    async with proxy as proxy_url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        monkeypatch.delenv("no_proxy", raising=False)
        async with Outbound() as client:
            for _ in range(3):
                assert await _token_call(client, state, server.url)
    assert proxy.requests == 0
