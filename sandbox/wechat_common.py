"""Pieces every emulated WeChat endpoint shares: errcode answers, access-token checks,
JSON bodies, and per-call accounting (stats, faults, global latency).

WeChat answers almost every failure with HTTP 200 and ``{"errcode", "errmsg"}``. Its
``errmsg`` ends with a request id (``rid: …``), so a client that compares whole
messages breaks on the real platform too. The sandbox adds one for that reason.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.faults import apply_faults
from sandbox.wechat_state import ENDPOINT_GROUPS, AppKind, WeChatSandboxState

__all__ = ["ERRMSG", "Endpoint", "WxResponse", "api_route", "read_json", "token_error", "wx"]

ERRMSG: dict[int, str] = {
    -1: "system error",
    0: "ok",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40003: "invalid openid",
    40013: "invalid appid",
    40014: "invalid access_token",
    40029: "invalid code",
    40037: "invalid template_id",
    40097: "invalid args",
    40125: "invalid appsecret",
    40163: "code been used",
    41001: "access_token missing",
    42001: "access_token expired",
    43004: "require subscribe",
    43101: "user refuse to accept the msg",
    45009: "reach max api daily quota limit",
    45011: "api minute-quota reach limit  mustslower  retry next minute",
    47001: "data format error",
    47003: "argument invalid!",
    48001: "api unauthorized",
}


class WxResponse(JSONResponse):
    """A WeChat JSON answer that remembers its errcode, so the stats can count it."""

    def __init__(self, content: dict[str, Any], errcode: int = 0) -> None:
        super().__init__(content, media_type="application/json; encoding=utf-8")
        self.errcode = errcode


def wx(errcode: int = 0, detail: str | None = None, **fields: Any) -> WxResponse:
    """``{"errcode", "errmsg"[, fields]}``; for errors, errmsg carries ``detail`` and a rid."""
    message = ERRMSG.get(errcode, "sandbox injected error")
    if errcode:
        rid = f"{secrets.token_hex(4)}-{secrets.token_hex(4)}-{secrets.token_hex(4)}"
        message = f"{message}{' ' + detail if detail else ''} rid: {rid}"
    return WxResponse({"errcode": errcode, "errmsg": message, **fields}, errcode)


async def read_json(request: Request) -> dict[str, Any] | None:
    """The JSON object in the body, whatever the Content-Type (as WeChat); else None."""
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def token_error(state: WeChatSandboxState, request: Request, app: AppKind) -> WxResponse | None:
    """Check ``?access_token=`` for an API call that needs ``app``'s token.

    Unknown or force-refreshed tokens → 40001, expired → 42001, missing → 41001, the other
    app's token → 48001 (an OA token cannot call Mini Program APIs and vice versa).
    """
    value = request.query_params.get("access_token")
    if not value:
        return wx(41001)
    issued = state.runtime.tokens.get(value)
    if issued is None or issued.revoked:
        return wx(40001)
    if issued.expires_at <= state.now():
        return wx(42001)
    if issued.app != app:
        return wx(48001, "hint: token of the other app")
    return None


Endpoint = Callable[[WeChatSandboxState, Request], Awaitable[Response]]


def api_route(
    state: WeChatSandboxState, path: str, name: str, endpoint: Endpoint, methods: list[str]
) -> Route:
    """A route for an emulated WeChat endpoint.

    The route counts the call, applies the global latency and the faults aimed at ``name``
    or its group, and records the errcode it answers with.
    """

    async def handle(request: Request) -> Response:
        runtime = state.runtime
        runtime.calls[name] += 1

        async def call(req: Request) -> Response:
            return await endpoint(state, req)

        response = await apply_faults(
            request,
            (name, ENDPOINT_GROUPS[name]),
            runtime.faults,
            state.latency_ms,
            call,
            errcode_response=lambda code: wx(code, "(sandbox fault)"),
        )
        if isinstance(response, WxResponse) and response.errcode:
            runtime.errcodes.setdefault(name, Counter())[str(response.errcode)] += 1
        return response

    return Route(path, handle, methods=methods, name=name)
