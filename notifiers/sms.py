"""SMS fallback (contract §6): ``POST {MICROCOURT_SMS_GATEWAY_URL}`` with
``{"phone", "text", "ref": notification id}``, signed like §3.2 with the gateway secret.

Texts start with the court's signature ``【…法院】`` and are cut to one 70-character segment.
The gateway's ``ref`` is the notification id, so a gateway that deduplicates by reference
absorbs the repeat a crash-recovery resend may cause (see delivery.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from notifiers.fields import fit
from service.outbound import HttpError, Outbound
from service.wechat.errors import Action

SEGMENT = 70


class SmsError(Exception):
    def __init__(self, code: str, action: Action) -> None:
        super().__init__(code)
        self.code = code
        self.action = action


def sms_text(court: str, variables: dict[str, str | None], base_url: str = "") -> str:
    """``【court】case_no node_name：summary（time）``, then the next step: what the party can do
    (``next_step``, e.g. object to a 终本 ruling) and the short link to the case page
    (``case_path`` on ``base_url``). The message part keeps to one 70-character segment as
    before; with the next step the text is at most :data:`MAX_SEGMENTS` segments (contract §6:
    70 characters per segment)."""
    sign = f"【{court}】"
    when = fit("time", variables.get("occurred_at"))
    node = variables.get("node_name") or ""
    summary = variables.get("summary") or ""
    body = f"{variables.get('case_no') or ''}{node}"
    if summary and summary != node:
        body += f"：{summary}"
    text = f"{sign}{body}（{when}）".replace("\n", " ")
    if len(text) > SEGMENT:
        text = f"{sign}{body}".replace("\n", " ")
    if len(text) > SEGMENT:
        text = text[: SEGMENT - 1] + "…"
    return text + _next_step(variables, base_url)


MAX_SEGMENTS = 3
MULTIPART_SEGMENT = 67  # a long text travels in parts of 67 characters each


def _next_step(variables: dict[str, str | None], base_url: str) -> str:
    parts = []
    if step := variables.get("next_step"):
        parts.append(step.replace("\n", " "))
    if (path := variables.get("case_path")) and base_url:
        parts.append(f"详情：{base_url.rstrip('/')}{path}")
    tail = "。".join(parts)
    room = MULTIPART_SEGMENT * MAX_SEGMENTS - SEGMENT - 1
    return f"。{tail}" if tail and len(tail) <= room else ""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"\n" + body, hashlib.sha256).hexdigest()


async def send_sms(
    http: Outbound,
    url: str,
    secret: str,
    *,
    phone: str,
    text: str,
    ref: str,
    timeout: float,  # noqa: ASYNC109 - the client's own per-request timeout
) -> None:
    """Returns when the gateway accepted the text (2xx); raises :class:`SmsError` otherwise."""
    body = json.dumps({"phone": phone, "text": text, "ref": ref}, ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Microcourt-Timestamp": timestamp,
        "X-Microcourt-Signature": signature(secret, timestamp, body),
    }
    try:
        response = await http.post(url, content=body, headers=headers, timeout=timeout)
    except HttpError as exc:
        raise SmsError(f"sms_transport:{type(exc).__name__}", Action.RETRY) from None
    if 200 <= response.status < 300:
        return
    if response.status in (401, 403):
        raise SmsError("sms_signature", Action.ALERT)
    if 400 <= response.status < 500:
        try:
            error = str(response.json().get("error", "rejected"))
        except ValueError:
            error = "rejected"
        raise SmsError(f"sms_{error}", Action.PERMANENT)
    raise SmsError(f"sms_http_{response.status}", Action.RETRY)


@dataclass(frozen=True)
class GatewaySender:
    """:func:`send_sms` bound to this deployment's gateway: the web process's sender of
    binding codes (``service.parties.codes.TextSender``)."""

    http: Outbound
    url: str
    secret: str
    timeout: float

    async def __call__(self, *, phone: str, text: str, ref: str) -> None:
        await send_sms(
            self.http, self.url, self.secret, phone=phone, text=text, ref=ref, timeout=self.timeout
        )
