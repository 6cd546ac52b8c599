"""The WeChat sandbox's own admin and inspection API under ``/_sandbox/``.

These routes are not part of WeChat. Tests use them to arrange a scenario (users,
subscriptions, faults) and to check the outcome (messages, stats). A newcomer opens the
HTML page at ``/_sandbox/`` to see what reached each party. The exact shapes are
documented in ``sandbox/wechat.py``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from sandbox import pages
from sandbox.faults import FaultError
from sandbox.wechat_common import Endpoint
from sandbox.wechat_events import XmlValue, deliver_event
from sandbox.wechat_fields import oa_display_value
from sandbox.wechat_state import (
    CHINA_TZ,
    AppKind,
    SentMessage,
    WeChatRuntime,
    WeChatSandboxState,
)

__all__ = ["admin_routes"]

_USER_TYPES: dict[str, tuple[type, ...]] = {
    "openid": (str,),
    "nickname": (str,),
    "follows_oa": (bool,),
    "blocks_templates": (bool,),
    "refused_templates": (list,),
    "unionid": (str, type(None)),
}
_CONFIG_TYPES: dict[str, tuple[type, ...]] = {
    "latency_ms": (int,),
    "receipt_delay_ms": (int,),
    "callback_url": (str, type(None)),
    "mp_callback_url": (str, type(None)),
    "receipts": (bool, type(None)),
    "auto_authorize": (bool,),
    "default_openid": (str,),
    "known_users_only": (bool,),
}


class _BadRequest(Exception):
    pass


def _bad(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=400)


async def _body(request: Request) -> Any:
    try:
        return json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise _BadRequest("body is not JSON") from exc


def _typed(body: dict[str, Any], types: dict[str, tuple[type, ...]], extra: set[str]) -> None:
    """Reject unknown keys and wrong types (bool is not accepted where an int is due)."""
    for key, value in body.items():
        if key in extra:
            continue
        if key not in types:
            raise _BadRequest(f"unknown field {key!r}")
        if isinstance(value, bool) and bool not in types[key]:
            raise _BadRequest(f"{key} has the wrong type")
        if not isinstance(value, types[key]):
            raise _BadRequest(f"{key} has the wrong type")
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise _BadRequest(f"{key} must be a list of strings")


async def _notify(
    state: WeChatSandboxState,
    app: AppKind,
    openid: str,
    fields: dict[str, XmlValue],
    wanted: object,
) -> dict[str, Any] | None:
    """Push an event when asked (default: whenever a callback URL is configured)."""
    if wanted is False or state.event_target(app).url is None:
        return None
    return await deliver_event(state, app, openid, fields)


async def messages(state: WeChatSandboxState, request: Request) -> Response:
    query = request.query_params
    found = [
        m.to_json()
        for m in state.runtime.messages
        if all(query.get(k) in (None, getattr(m, k)) for k in ("app", "touser", "template_id"))
    ]
    return JSONResponse(found)


async def faults(state: WeChatSandboxState, request: Request) -> Response:
    book = state.runtime.faults
    if request.method == "DELETE":
        book.clear()
    elif request.method == "POST":
        try:
            return JSONResponse(book.add(await _body(request)).to_json(), status_code=201)
        except FaultError as exc:
            raise _BadRequest(str(exc)) from exc
    return JSONResponse(book.to_json())


async def users(state: WeChatSandboxState, request: Request) -> Response:
    if request.method == "GET":
        return JSONResponse([u.to_json() for u in state.users.values()])
    body = await _body(request)
    items = body if isinstance(body, list) else [body]
    changed, events = [], []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("openid"), str):
            raise _BadRequest("each user needs an openid")
        _typed(item, _USER_TYPES, {"notify"})
        notify = item.pop("notify", None)
        follows_before = state.user(item["openid"]).follows_oa
        user = state.set_user(item)
        changed.append(user.to_json())
        if user.follows_oa != follows_before:
            event = "subscribe" if user.follows_oa else "unsubscribe"
            outcome = await _notify(state, "oa", user.openid, {"Event": event}, notify)
            events.append({"openid": user.openid, "event": event, "delivery": outcome})
    return JSONResponse({"users": changed, "events": events})


async def subscriptions(state: WeChatSandboxState, request: Request) -> Response:
    runtime = state.runtime
    if request.method == "POST":
        body = await _body(request)
        if not isinstance(body, dict) or not isinstance(body.get("openid"), str):
            raise _BadRequest("openid is required")
        ids = body.get("template_ids") or [body.get("template_id")]
        if not all(isinstance(t, str) and t for t in ids) or len(ids) > 3:
            raise _BadRequest("template_id (or template_ids, at most 3) is required")
        count, status = body.get("count", 1), body.get("status", "accept")
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or count < 1
        ):
            raise _BadRequest("count must be a positive integer, or null for long-term")
        if status not in ("accept", "reject"):
            raise _BadRequest("status must be accept or reject")
        for template_id in ids:
            key = (body["openid"], template_id)
            if status == "accept":
                remaining = runtime.subscriptions.get(key, 0)
                runtime.subscriptions[key] = (
                    None if count is None or remaining is None else remaining + count
                )
        entries: list[dict[str, XmlValue]] = [
            {"TemplateId": t, "SubscribeStatusString": status, "PopupScene": 0} for t in ids
        ]
        fields: dict[str, XmlValue] = {
            "Event": "subscribe_msg_popup_event",
            "SubscribeMsgPopupEvent": {"List": entries},
        }
        event = await _notify(state, "mp", body["openid"], fields, body.get("notify"))
        granted = {t: runtime.subscriptions.get((body["openid"], t), 0) for t in ids}
        return JSONResponse({"openid": body["openid"], "remaining": granted, "event": event})
    return JSONResponse(
        [
            {"openid": openid, "template_id": template_id, "remaining": remaining}
            for (openid, template_id), remaining in runtime.subscriptions.items()
        ]
    )


async def codes(state: WeChatSandboxState, request: Request) -> Response:
    body = await _body(request)
    if not isinstance(body, dict) or body.get("app") not in ("oa", "mp"):
        raise _BadRequest("app must be oa or mp")
    if not isinstance(body.get("openid"), str) or not body["openid"]:
        raise _BadRequest("openid is required")
    scope = body.get("scope", "snsapi_base")
    if scope not in ("snsapi_base", "snsapi_userinfo"):
        raise _BadRequest("scope must be snsapi_base or snsapi_userinfo")
    code = state.mint_code(body["app"], body["openid"], scope)
    return JSONResponse(
        {
            "code": code.code,
            "app": code.app,
            "openid": code.openid,
            "scope": code.scope,
            "expires_in": state.code_ttl_s,
        },
        status_code=201,
    )


async def config(state: WeChatSandboxState, request: Request) -> Response:
    if request.method == "POST":
        body = await _body(request)
        if not isinstance(body, dict):
            raise _BadRequest("body must be a JSON object")
        _typed(body, _CONFIG_TYPES, set())
        for key, value in body.items():
            setattr(state, key, value)
    return JSONResponse(state.config_json())


async def stats(state: WeChatSandboxState, request: Request) -> Response:
    return JSONResponse(state.runtime.stats())


async def reset(state: WeChatSandboxState, request: Request) -> Response:
    state.runtime = WeChatRuntime()
    return JSONResponse({"reset": True})


def _card(state: WeChatSandboxState, message: SentMessage) -> str:
    user = state.user(message.touser)
    when = datetime.fromtimestamp(message.received_at, CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S")
    kind = "公众号模板消息" if message.app == "oa" else "小程序订阅消息"
    rows: list[tuple[str, str]] = []
    for key, value in message.values().items():
        shown = oa_display_value(value) if message.app == "oa" else value
        note = f"（原文 {len(value)} 字，微信只显示前 20 字）" if shown != value else ""
        rows.append((key, shown + note))
    extras = [
        ("跳转链接", message.url),
        ("小程序页面", (message.miniprogram or {}).get("pagepath") or message.page),
        ("去重 ID", message.client_msg_id),
        ("模板 ID", message.template_id),
    ]
    rows.extend((label, str(value)) for label, value in extras if value)
    tags: list[tuple[str, str]] = []
    if message.receipt is not None:
        ok = message.receipt.get("status") == "success"
        tags.append((f"回执 {message.receipt.get('status')}", "" if ok else "bad"))
    if message.dedup_hits:
        tags.append((f"重复调用 {message.dedup_hits} 次（已按去重 ID 合并）", "warn"))
    if message.truncated_keys:
        tags.append(("有字段超过 20 字", "warn"))
    meta = f"{when} · 发给 {user.nickname}（{message.touser}）· msgid {message.msgid}"
    return pages.card(kind, meta, pages.field_rows(rows), tags)


async def inbox(state: WeChatSandboxState, request: Request) -> Response:
    touser = request.query_params.get("touser")
    shown = [m for m in reversed(state.runtime.messages) if touser in (None, m.touser)]
    s = state.runtime.stats()
    summary = (
        f'<section class="card"><p class="meta">已收到 {s["messages_stored"]} 条消息'
        f"（公众号 {s['messages_oa']}，小程序 {s['messages_mp']}）；发送调用 "
        f"{s['accepted_calls']} 次，按去重 ID 合并 {s['duplicates_client_msg_id']} 次，"
        f"内容重复 {s['duplicates_content']} 条。"
        ' <a href="messages">messages.json</a> · <a href="stats">stats</a></p></section>'
    )
    cards = "".join(_card(state, m) for m in shown) or '<p class="empty">还没有收到消息。</p>'
    refresh = 0 if request.query_params.get("refresh") == "0" else 5
    html = pages.page(
        "微信沙箱 · 收到的消息", "最新的在最上面；本页每 5 秒刷新", summary + cards, refresh
    )
    return HTMLResponse(html)


def admin_routes(state: WeChatSandboxState) -> list[Route]:
    def bind(handler: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(state, request)
            except _BadRequest as exc:
                return _bad(str(exc))

        return endpoint

    return [
        Route("/_sandbox/", bind(inbox), methods=["GET"]),
        Route("/_sandbox/messages", bind(messages), methods=["GET"]),
        Route("/_sandbox/stats", bind(stats), methods=["GET"]),
        Route("/_sandbox/faults", bind(faults), methods=["GET", "POST", "DELETE"]),
        Route("/_sandbox/users", bind(users), methods=["GET", "POST"]),
        Route("/_sandbox/subscriptions", bind(subscriptions), methods=["GET", "POST"]),
        Route("/_sandbox/codes", bind(codes), methods=["POST"]),
        Route("/_sandbox/config", bind(config), methods=["GET", "POST"]),
        Route("/_sandbox/reset", bind(reset), methods=["POST"]),
    ]
