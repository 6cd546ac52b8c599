"""Unbounded reads from upstreams (issue 14): a 400 MiB chunked answer from a configured
upstream was read whole (RSS 33 → 839 MiB). Every WeChat, OAuth and SMS call goes through
the provider client's transport, which stops reading at 1 MiB and fails the call as a
transport error (retried later); a push screen's answer is never read at all.

Defended in service/http_transport.py (``ResponseTooLarge``) and disclosure/led/push.py.
The upstreams are the sandbox's, switched to stream a huge chunked body (``huge_body``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from notifiers.sms import SmsError, send_sms
from sandbox.server import SandboxServer
from sandbox.sms import SmsGatewayState, create_sms_gateway
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from service.http_transport import (
    DEFAULT_MAX_RESPONSE_BYTES,
    KeepAliveTransport,
    ResponseTooLarge,
    provider_client,
)
from service.wechat.api import RateLimiter, WeChatApi
from service.wechat.errors import Action, WeChatError

HUGE = {"mode": "huge_body", "endpoint": "any", "body_mb": 400}


@pytest.fixture
async def wechat() -> AsyncIterator[tuple[WeChatSandboxState, SandboxServer]]:
    state = WeChatSandboxState(receipts=False)
    async with SandboxServer(create_wechat_sandbox(state)) as server:
        yield state, server


async def test_a_huge_answer_is_cut_off_and_the_next_call_works(
    wechat: tuple[WeChatSandboxState, SandboxServer],
) -> None:
    state, server = wechat
    state.runtime.faults.add(HUGE)
    transport = KeepAliveTransport()
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(ResponseTooLarge, match=str(DEFAULT_MAX_RESPONSE_BYTES)):
            await client.post(f"{server.url}/cgi-bin/stable_token", json={})
        answer = await client.post(
            f"{server.url}/cgi-bin/stable_token",
            json={
                "grant_type": "client_credential",
                "appid": state.oa_appid,
                "secret": state.oa_secret,
            },
        )
    assert answer.status_code == 200 and answer.json()["access_token"]
    assert transport.connections_opened == 2  # the cut connection was not reused


async def test_the_wechat_client_treats_it_as_a_transport_failure(
    app: Starlette, wechat: tuple[WeChatSandboxState, SandboxServer]
) -> None:
    state, server = wechat
    state.runtime.faults.add({**HUGE, "count": None})
    redis = app.state.arq
    async with provider_client() as http:
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
    async with (
        SandboxServer(create_sms_gateway("secret", gateway)) as server,
        provider_client() as http,
    ):
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
