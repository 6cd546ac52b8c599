"""Pushing event XML to the service's callback URL, signed the way WeChat signs it.

The service's ``/wechat/callback`` has to accept exactly what WeChat sends. So the
sandbox signs the same way, in both modes:

* plain mode: ``?signature=sha1(sorted[token, timestamp, nonce])&timestamp=&nonce=&openid=``
  with the event XML as the body;
* safe mode (an EncodingAESKey is configured): the same query plus ``encrypt_type=aes`` and
  ``msg_signature``, with ``<xml><ToUserName/><Encrypt/></xml>`` as the body, made by
  ``wechatpy.crypto.WeChatCrypto``.

Like WeChat, it tries up to three times, with a 5-second timeout each, and counts a 2xx
answer as delivered.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
from collections.abc import Coroutine, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from wechatpy.crypto import WeChatCrypto

from sandbox.wechat_state import AppKind, SentMessage, WeChatSandboxState
from service.outbound import HttpError, Outbound

__all__ = ["deliver_event", "event_xml", "send_receipt", "sign", "spawn"]

log = logging.getLogger(__name__)

XmlValue = str | int | Mapping[str, "XmlValue"] | Sequence[Mapping[str, "XmlValue"]]

ATTEMPTS = 3
TIMEOUT_S = 5.0

_background: set[asyncio.Task[None]] = set()


def spawn(coro: Coroutine[Any, Any, None]) -> None:
    """Run ``coro`` after the API call has answered, as WeChat pushes events later.

    Keeps a reference, so the task is not garbage-collected while it runs.
    """
    task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml_items(fields: Mapping[str, XmlValue]) -> str:
    parts: list[str] = []
    for name, value in fields.items():
        if isinstance(value, bool):
            raise TypeError(f"{name}: XML fields are str, int, mappings or lists")
        if isinstance(value, int):
            parts.append(f"<{name}>{value}</{name}>")
        elif isinstance(value, str):
            parts.append(f"<{name}>{_cdata(value)}</{name}>")
        elif isinstance(value, Mapping):
            parts.append(f"<{name}>{_xml_items(value)}</{name}>")
        else:
            parts.extend(f"<{name}>{_xml_items(item)}</{name}>" for item in value)
    return "".join(parts)


def event_xml(fields: Mapping[str, XmlValue]) -> str:
    """``<xml>…</xml>`` with strings in CDATA and numbers bare, as WeChat writes it."""
    return f"<xml>{_xml_items(fields)}</xml>"


def sign(token: str, timestamp: str, nonce: str, *extra: str) -> str:
    """WeChat's callback signature: SHA-1 of the sorted, concatenated strings."""
    joined = "".join(sorted([token, timestamp, nonce, *extra])).encode()
    return hashlib.sha1(joined).hexdigest()  # noqa: S324 - WeChat's protocol mandates SHA-1


def _build_request(
    state: WeChatSandboxState, app: AppKind, openid: str, plain_xml: str
) -> tuple[str, bytes] | None:
    url, token, aes_key, appid, original_id = state.event_target(app)
    if url is None:
        return None
    timestamp, nonce = str(int(state.now())), str(secrets.randbelow(10**10))
    query = {
        "signature": sign(token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": openid,
    }
    body = plain_xml
    if aes_key:
        encrypted = WeChatCrypto(token, aes_key, appid).encrypt_message(plain_xml, nonce, timestamp)
        match = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", encrypted)
        if match is None:  # pragma: no cover - wechatpy's fixed output format
            raise RuntimeError("wechatpy returned no <Encrypt> element")
        query["encrypt_type"] = "aes"
        query["msg_signature"] = sign(token, timestamp, nonce, match.group(1))
        body = event_xml({"ToUserName": original_id, "Encrypt": match.group(1)})
    separator = "&" if "?" in url else "?"
    return url + separator + urlencode(query), body.encode()


async def _post(
    client: Outbound, slots: asyncio.Semaphore, url: str, body: bytes
) -> dict[str, Any]:
    outcome: dict[str, Any] = {"delivered": False, "attempts": 0}
    for attempt in range(1, ATTEMPTS + 1):
        outcome["attempts"] = attempt
        try:
            # WeChat's 5 s is for the exchange; a push waiting for a free connection (many
            # receipts at once) is not a failed attempt, hence the wait outside the timeout.
            async with slots:
                response = await client.post(
                    url,
                    content=body,
                    headers={"Content-Type": "text/xml; charset=utf-8"},
                    timeout=TIMEOUT_S,
                )
        except HttpError as exc:
            outcome["error"] = f"{type(exc).__name__}: {exc}"
            continue
        outcome["http_status"] = response.status
        if 200 <= response.status < 300:
            outcome["delivered"] = True
            outcome.pop("error", None)
            break
        outcome["error"] = f"HTTP {response.status}"
    return outcome


async def deliver_event(
    state: WeChatSandboxState, app: AppKind, openid: str, fields: Mapping[str, XmlValue]
) -> dict[str, Any]:
    """POST one event to ``app``'s callback URL; returns what happened, for the record."""
    xml = event_xml(
        {
            "ToUserName": state.event_target(app).original_id,
            "FromUserName": openid,
            "CreateTime": int(state.now()),
            "MsgType": "event",
            **fields,
        }
    )
    request = _build_request(state, app, openid, xml)
    if request is None:
        return {"delivered": False, "attempts": 0, "error": "no callback URL configured"}
    url, body = request
    if state.http is not None:
        outcome = await _post(state.http, state.http_slots, url, body)
    else:  # no lifespan ran (e.g. httpx.ASGITransport): a client for this one event
        async with Outbound(timeout=TIMEOUT_S) as client:
            outcome = await _post(client, asyncio.Semaphore(1), url, body)
    kind = "events_delivered" if outcome["delivered"] else "events_failed"
    state.runtime.counts[kind] += 1
    if not outcome["delivered"]:
        log.warning("sandbox event to %s not delivered: %s", url.split("?")[0], outcome)
    return outcome


async def send_receipt(state: WeChatSandboxState, message: SentMessage, status: str) -> None:
    """The ``TEMPLATESENDJOBFINISH`` event WeChat pushes once a template message is done."""
    runtime = state.runtime
    if state.receipt_delay_ms:
        await asyncio.sleep(state.receipt_delay_ms / 1000)
    outcome = await deliver_event(
        state,
        "oa",
        message.touser,
        {"Event": "TEMPLATESENDJOBFINISH", "MsgID": message.msgid, "Status": status},
    )
    message.receipt = {"status": status, **outcome}
    if state.runtime is runtime:  # not reset meanwhile
        runtime.counts["receipts_delivered" if outcome["delivered"] else "receipts_failed"] += 1
