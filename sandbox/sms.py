"""An SMS gateway emulator for the service's SMS fallback (contract §6).

Why: SMS is the last channel before "undeliverable". So the service must show that it
signs requests correctly, that a retry after a lost answer is visible (duplicates by
``ref``), and that it copes with a gateway that fails or stalls.

Gateway API::

    POST /   {"phone": "13800000000", "text": "【…法院】…", "ref": "<notification id>"}
             X-Microcourt-Timestamp: <unix seconds>
             X-Microcourt-Signature: hex(HMAC-SHA256(secret, timestamp + "\\n" + body))
      200 {"accepted": true, "id": "sms-000001", "segments": 1}
      401 {"accepted": false, "error": "signature_invalid" | "timestamp_skew"}
      400 {"accepted": false, "error": "invalid_body" | "phone_invalid" | "sign_missing",
           "detail": "..."}

Like real Chinese gateways, it refuses a text that does not start with a 【signature】,
and it accepts only mainland mobile numbers. Texts over 70 characters are billed as
67-character segments.

Admin API (sandbox only)::

    GET    /_sandbox/            HTML inbox, newest first (?refresh=0 stops the reload)
    GET    /_sandbox/messages    [{id, phone, text, ref, segments, received_at}] oldest first
                                 (?ref=, ?phone= filter)
    GET    /_sandbox/stats       {calls, accepted, rejected_signature, rejected_invalid,
                                  duplicates_ref, segments, faults_applied}
    GET|POST|DELETE /_sandbox/faults   as in faults.py; endpoint "send" or "any",
                                 modes "5xx" | "timeout" | "latency"
    POST   /_sandbox/config      {latency_ms} → {latency_ms}
    POST   /_sandbox/reset       → {reset: true}
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from sandbox import pages
from sandbox.faults import FaultBook, FaultError, apply_faults
from sandbox.wechat_state import CHINA_TZ

__all__ = ["SmsGatewayState", "SmsMessage", "create_sms_gateway", "sign_sms_request"]

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
SIGN_RE = re.compile(r"^【[^【】]{2,20}】")


def sign_sms_request(secret: str, timestamp: str, body: bytes) -> str:
    """The signature the gateway expects (contract §3.2 / §6), for tests and clients."""
    message = timestamp.encode() + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def segments(text: str) -> int:
    """How many SMS a Chinese gateway bills: 70 chars fit one, longer texts go by 67."""
    return 1 if len(text) <= 70 else math.ceil(len(text) / 67)


@dataclass
class SmsMessage:
    id: str
    phone: str
    text: str
    ref: str
    segments: int
    received_at: float

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["received_at"] = datetime.fromtimestamp(self.received_at, CHINA_TZ).isoformat()
        return out


class SmsGatewayState:
    """What the gateway received since start or reset, plus its latency and clock."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        max_skew_s: int = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.latency_ms = latency_ms
        self.max_skew_s = max_skew_s
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self.messages: list[SmsMessage] = []
        self.counts: Counter[str] = Counter()
        self.faults = FaultBook({"send"}, modes=("5xx", "timeout", "latency", "huge_body"))
        self._refs: set[str] = set()

    def record(self, phone: str, text: str, ref: str) -> SmsMessage:
        message = SmsMessage(
            id=f"sms-{len(self.messages) + 1:06d}",
            phone=phone,
            text=text,
            ref=ref,
            segments=segments(text),
            received_at=self.clock(),
        )
        self.messages.append(message)
        self.counts["accepted"] += 1
        self.counts["segments"] += message.segments
        if ref in self._refs:
            self.counts["duplicates_ref"] += 1
        self._refs.add(ref)
        return message

    def stats(self) -> dict[str, Any]:
        keys = (
            "calls",
            "accepted",
            "rejected_signature",
            "rejected_invalid",
            "duplicates_ref",
            "segments",
        )
        return {key: self.counts[key] for key in keys} | {"faults_applied": self.faults.applied}


def _reject(status: int, error: str, detail: str | None = None) -> JSONResponse:
    body = {"accepted": False, "error": error} | ({"detail": detail} if detail else {})
    return JSONResponse(body, status_code=status)


def _check_body(payload: Any) -> tuple[str, str, str] | JSONResponse:
    if not isinstance(payload, dict):
        return _reject(400, "invalid_body", "body must be a JSON object")
    values = [payload.get(name) for name in ("phone", "text", "ref")]
    strings = [value for value in values if isinstance(value, str) and value]
    if len(strings) != 3:
        return _reject(400, "invalid_body", "phone, text and ref must be non-empty strings")
    phone, text, ref = strings
    if not MOBILE_RE.match(phone):
        return _reject(400, "phone_invalid", "only mainland mobile numbers take SMS")
    if not SIGN_RE.match(text):
        return _reject(400, "sign_missing", "text must start with the 【signature】")
    return phone, text, ref


def create_sms_gateway(secret: str, state: SmsGatewayState | None = None) -> Starlette:
    """The gateway app, checking signatures made with ``secret``."""
    gw = state if state is not None else SmsGatewayState()

    async def accept(request: Request) -> Response:
        body = await request.body()
        timestamp = request.headers.get("x-microcourt-timestamp", "")
        given = request.headers.get("x-microcourt-signature", "")
        expected = sign_sms_request(secret, timestamp, body)
        if not hmac.compare_digest(given.lower().encode(), expected.encode()):
            gw.counts["rejected_signature"] += 1
            return _reject(401, "signature_invalid")
        if not timestamp.isdigit() or abs(gw.clock() - int(timestamp)) > gw.max_skew_s:
            gw.counts["rejected_signature"] += 1
            return _reject(401, "timestamp_skew")
        try:
            checked = _check_body(json.loads(body))
        except ValueError:
            checked = _reject(400, "invalid_body", "body is not JSON")
        if isinstance(checked, JSONResponse):
            gw.counts["rejected_invalid"] += 1
            return checked
        message = gw.record(*checked)
        return JSONResponse({"accepted": True, "id": message.id, "segments": message.segments})

    async def send(request: Request) -> Response:
        gw.counts["calls"] += 1
        return await apply_faults(request, ("send",), gw.faults, gw.latency_ms, accept)

    async def messages(request: Request) -> Response:
        query = request.query_params
        return JSONResponse(
            [
                m.to_json()
                for m in gw.messages
                if query.get("ref") in (None, m.ref) and query.get("phone") in (None, m.phone)
            ]
        )

    async def stats(request: Request) -> Response:
        return JSONResponse(gw.stats())

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            gw.faults.clear()
        elif request.method == "POST":
            try:
                fault = gw.faults.add(json.loads(await request.body() or b"{}"))
            except (FaultError, ValueError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            return JSONResponse(fault.to_json(), status_code=201)
        return JSONResponse(gw.faults.to_json())

    async def config(request: Request) -> Response:
        try:
            latency = json.loads(await request.body() or b"{}").get("latency_ms", gw.latency_ms)
        except (ValueError, AttributeError):
            return JSONResponse({"error": "body must be a JSON object"}, status_code=400)
        if isinstance(latency, bool) or not isinstance(latency, int) or latency < 0:
            return JSONResponse({"error": "latency_ms must be a non-negative integer"}, 400)
        gw.latency_ms = latency
        return JSONResponse({"latency_ms": gw.latency_ms})

    async def reset(request: Request) -> Response:
        gw.reset()
        return JSONResponse({"reset": True})

    async def inbox(request: Request) -> Response:
        cards = (
            "".join(
                pages.card(
                    f"短信 → {m.phone}",
                    datetime.fromtimestamp(m.received_at, CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S"),
                    pages.field_rows(
                        [
                            ("内容", m.text),
                            ("字数", f"{len(m.text)}（{m.segments} 条）"),
                            ("通知编号", m.ref),
                            ("网关编号", m.id),
                        ]
                    ),
                )
                for m in reversed(gw.messages)
            )
            or '<p class="empty">还没有收到短信。</p>'
        )
        s = gw.stats()
        summary = (
            f'<section class="card"><p class="meta">已收到 {s["accepted"]} 条短信，'
            f"同一通知重复 {s['duplicates_ref']} 次，签名错误 {s['rejected_signature']} 次。"
            ' <a href="messages">messages.json</a> · <a href="stats">stats</a></p></section>'
        )
        refresh = 0 if request.query_params.get("refresh") == "0" else 5
        return HTMLResponse(
            pages.page("短信网关沙箱 · 收到的短信", "最新的在最上面", summary + cards, refresh)
        )

    app = Starlette(
        routes=[
            Route("/", send, methods=["POST"]),
            Route("/_sandbox/", inbox, methods=["GET"]),
            Route("/_sandbox/messages", messages, methods=["GET"]),
            Route("/_sandbox/stats", stats, methods=["GET"]),
            Route("/_sandbox/faults", faults, methods=["GET", "POST", "DELETE"]),
            Route("/_sandbox/config", config, methods=["POST"]),
            Route("/_sandbox/reset", reset, methods=["POST"]),
        ]
    )
    app.state.sandbox = gw
    return app
