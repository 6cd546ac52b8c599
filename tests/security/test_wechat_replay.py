"""WeChat callback replay (issue 14): one ``(signature, timestamp=1, nonce)`` was accepted twice
with different bodies, and with an AES key configured plaintext was still accepted. Now a
timestamp more than 300 s off is refused, a nonce is used once, and with a key configured
only ``encrypt_type=aes`` messages with their ``msg_signature`` are taken.

Defended in notifiers/wechat_callback.py."""

from __future__ import annotations

import base64
import dataclasses
import os
import secrets
import time
from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette
from wechatpy.crypto import WeChatCrypto

from notifiers.models import OaFollower
from sandbox.wechat_events import event_xml, sign

PATH = "/wechat/callback"


def _query(token: str, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(5)
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce}


def _follow_event(openid: str, event: str) -> bytes:
    xml = event_xml(
        {
            "ToUserName": "gh_sandbox0a0001",
            "FromUserName": openid,
            "CreateTime": int(time.time()),
            "MsgType": "event",
            "Event": event,
        }
    )
    return xml.encode()


@pytest.fixture
def token(app: Starlette) -> str:
    value: str = app.state.settings.wechat_oa_token
    return value


async def test_a_signed_query_is_used_once_whatever_the_body(
    client: httpx.AsyncClient, token: str
) -> None:
    openid = "o_replay_" + secrets.token_hex(6)
    query = _query(token)
    first = await client.post(PATH, params=query, content=_follow_event(openid, "subscribe"))
    assert first.status_code == 200 and first.text == "success"
    again = await client.post(PATH, params=query, content=_follow_event(openid, "unsubscribe"))
    assert again.status_code == 403
    follower = await OaFollower.get(openid=openid)
    assert follower.follows  # the replayed unsubscribe changed nothing


@pytest.mark.parametrize("offset", [None, -301, 301, -86400])
async def test_a_timestamp_far_from_now_is_refused(
    client: httpx.AsyncClient, token: str, offset: int | None
) -> None:
    """``timestamp=1`` (the reproduced replay) and anything more than 300 s away."""
    openid = "o_stale_" + secrets.token_hex(6)
    ts = 1 if offset is None else int(time.time()) + offset
    response = await client.post(
        PATH, params=_query(token, ts), content=_follow_event(openid, "subscribe")
    )
    assert response.status_code == 403
    assert await OaFollower.get_or_none(openid=openid) is None


@pytest.mark.parametrize("offset", [-290, 290])
async def test_a_timestamp_within_300_s_is_accepted(
    client: httpx.AsyncClient, token: str, offset: int
) -> None:
    openid = "o_fresh_" + secrets.token_hex(6)
    query = _query(token, int(time.time()) + offset)
    response = await client.post(PATH, params=query, content=_follow_event(openid, "subscribe"))
    assert response.status_code == 200


AES_KEY = base64.b64encode(os.urandom(32)).decode().rstrip("=")


@pytest.fixture
def aes_configured(app: Starlette) -> Iterator[str]:
    """The running app with an AES key configured (safe mode), as an operator would set
    ``MICROCOURT_WECHAT_OA_AES_KEY``; the callback reads the settings per request."""
    original = app.state.settings
    app.state.settings = dataclasses.replace(original, wechat_oa_aes_key=AES_KEY)
    try:
        yield original.wechat_oa_appid
    finally:
        app.state.settings = original


async def test_with_an_aes_key_plaintext_is_refused_and_encrypted_is_taken(
    client: httpx.AsyncClient, token: str, aes_configured: str
) -> None:
    openid = "o_aes_" + secrets.token_hex(6)
    plain = _follow_event(openid, "subscribe")
    refused = await client.post(PATH, params=_query(token), content=plain)
    assert refused.status_code == 403
    assert await OaFollower.get_or_none(openid=openid) is None

    crypto = WeChatCrypto(token, AES_KEY, aes_configured)
    query = _query(token)
    envelope = crypto.encrypt_message(plain.decode(), query["nonce"], query["timestamp"])
    msg_signature = envelope.split("<MsgSignature><![CDATA[")[1].split("]]>")[0]
    no_msg_signature = await client.post(
        PATH, params={**query, "encrypt_type": "aes"}, content=envelope.encode()
    )
    assert no_msg_signature.status_code == 403
    accepted = await client.post(
        PATH,
        params={**query, "encrypt_type": "aes", "msg_signature": msg_signature},
        content=envelope.encode(),
    )
    assert accepted.status_code == 200 and accepted.text == "success"
    assert (await OaFollower.get(openid=openid)).follows
