"""Emulated message endpoints: OA template messages and MP subscribe messages.

What the sandbox records goes beyond what WeChat tells the sender. A test can then ask
"did the party get this twice?" even when WeChat's own dedup would hide it:

* ``accepted_calls`` counts every call answered with errcode 0;
* ``duplicates_client_msg_id`` counts calls that WeChat's ``(touser, client_msg_id)``
  dedup absorbed: the same msgid comes back and nothing new is stored;
* ``duplicates_content`` counts stored messages that repeat an earlier one's app,
  touser, template and values, i.e. the party really saw the same message twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.wechat_common import WxResponse, api_route, read_json, token_error, wx
from sandbox.wechat_events import send_receipt, spawn
from sandbox.wechat_fields import (
    OA_MAX_CHARS,
    check_subscribe_field,
    check_template_field,
)
from sandbox.wechat_state import AppKind, SentMessage, WeChatSandboxState

__all__ = ["message_routes"]

MINIPROGRAM_STATES = ("developer", "trial", "formal")
LANGS = ("zh_CN", "en_US", "zh_HK", "zh_TW")
Checker = Callable[[str, object], str | None]


def _common_checks(
    state: WeChatSandboxState, body: dict[str, Any], app: AppKind, checker: Checker
) -> WxResponse | None:
    """Recipient, template and data checks both send APIs make, in WeChat's errcodes."""
    touser, template_id, data = body.get("touser"), body.get("template_id"), body.get("data")
    if not isinstance(touser, str) or not touser:
        return wx(40003)
    if state.known_users_only and touser not in state.users:
        return wx(40003)
    templates = state.oa_templates if app == "oa" else state.mp_templates
    if not isinstance(template_id, str) or not template_id:
        return wx(40037)
    if templates is not None and template_id not in templates:
        return wx(40037)
    if not isinstance(data, dict) or not data:
        return wx(47003, "data is empty")
    for key, item in data.items():
        if not isinstance(item, dict) or "value" not in item:
            return wx(47003, f"data.{key}.value is missing")
        problem = checker(key, item["value"])
        if problem is not None:
            return wx(47003, f"data.{key}.value invalid: {problem}")
    return None


def _optional_str(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    return value if isinstance(value, str) and value else None


def _store(state: WeChatSandboxState, message: SentMessage) -> None:
    runtime = state.runtime
    runtime.messages.append(message)
    runtime.counts["accepted_calls"] += 1
    content = json.dumps(
        [message.app, message.touser, message.template_id, message.values()],
        sort_keys=True,
        ensure_ascii=False,
    )
    if content in runtime.content_seen:
        runtime.counts["duplicates_content"] += 1
    runtime.content_seen.add(content)


def _dedup_hit(state: WeChatSandboxState, touser: str, client_msg_id: str) -> int | None:
    """The earlier msgid when WeChat would drop this call as a repeat, else None."""
    runtime = state.runtime
    seen = runtime.dedup.get((touser, client_msg_id))
    if seen is None or state.now() - seen[1] >= state.dedup_window_s:
        return None
    runtime.counts["accepted_calls"] += 1
    runtime.counts["duplicates_client_msg_id"] += 1
    for message in runtime.messages:
        if message.msgid == seen[0]:
            message.dedup_hits += 1
    return seen[0]


async def template_send(state: WeChatSandboxState, request: Request) -> Response:
    """``POST /cgi-bin/message/template/send`` (Official Account)."""
    error = token_error(state, request, "oa")
    if error is not None:
        return error
    body = await read_json(request)
    if body is None:
        return wx(47001)
    error = _common_checks(state, body, "oa", check_template_field)
    if error is not None:
        return error
    user = state.user(body["touser"])
    if not user.follows_oa:
        return wx(43004)
    if body["template_id"] in user.refused_templates:
        return wx(43101)
    miniprogram = body.get("miniprogram")
    if miniprogram is not None and not (
        isinstance(miniprogram, dict) and isinstance(miniprogram.get("appid"), str)
    ):
        return wx(47001, "miniprogram needs an appid")
    client_msg_id = body.get("client_msg_id")
    if client_msg_id is not None and not isinstance(client_msg_id, str):
        return wx(47001, "client_msg_id must be a string")
    if client_msg_id:
        earlier = _dedup_hit(state, user.openid, client_msg_id)
        if earlier is not None:
            return wx(0, msgid=earlier)
    data: dict[str, Any] = body["data"]
    message = SentMessage(
        msgid=state.runtime.next_msgid(),
        app="oa",
        touser=user.openid,
        template_id=body["template_id"],
        data=data,
        received_at=state.now(),
        client_msg_id=client_msg_id or None,
        url=_optional_str(body, "url"),
        miniprogram=miniprogram,
        truncated_keys=[k for k, v in data.items() if len(v["value"]) > OA_MAX_CHARS],
        ignored_keys=[k for k in data if k in ("first", "remark")]
        + [f"{k}.color" for k, v in data.items() if "color" in v],
    )
    _store(state, message)
    if client_msg_id:
        state.runtime.dedup[(user.openid, client_msg_id)] = (message.msgid, message.received_at)
    if state.receipts_enabled():
        status = "failed:user block" if user.blocks_templates else "success"
        spawn(send_receipt(state, message, status))
    return wx(0, msgid=message.msgid)


async def subscribe_send(state: WeChatSandboxState, request: Request) -> Response:
    """``POST /cgi-bin/message/subscribe/send`` (Mini Program)."""
    error = token_error(state, request, "mp")
    if error is not None:
        return error
    body = await read_json(request)
    if body is None:
        return wx(47001)
    error = _common_checks(state, body, "mp", check_subscribe_field)
    if error is not None:
        return error
    mp_state = body.get("miniprogram_state", "formal")
    if mp_state not in MINIPROGRAM_STATES:
        return wx(47003, "miniprogram_state must be developer, trial or formal")
    lang = body.get("lang", "zh_CN")
    if lang not in LANGS:
        return wx(47003, "invalid lang")
    page = body.get("page")
    if page is not None and not isinstance(page, str):
        return wx(47003, "page must be a string")
    key = (body["touser"], body["template_id"])
    runtime = state.runtime
    remaining = runtime.subscriptions.get(key, 0)
    if remaining == 0:
        return wx(43101)
    if remaining is not None:
        runtime.subscriptions[key] = remaining - 1
    message = SentMessage(
        msgid=runtime.next_msgid(),
        app="mp",
        touser=body["touser"],
        template_id=body["template_id"],
        data=body["data"],
        received_at=state.now(),
        page=page,
        miniprogram_state=body.get("miniprogram_state"),
        lang=body.get("lang"),
    )
    _store(state, message)
    return wx(0, msgid=message.msgid)


def message_routes(state: WeChatSandboxState) -> list[Route]:
    return [
        api_route(state, "/cgi-bin/message/template/send", "template", template_send, ["POST"]),
        api_route(state, "/cgi-bin/message/subscribe/send", "subscribe", subscribe_send, ["POST"]),
    ]
