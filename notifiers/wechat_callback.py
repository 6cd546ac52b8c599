"""``GET|POST /wechat/callback`` — WeChat's server push (contract §5).

wechatpy does the signature check (``check_signature``), AES decryption (``WeChatCrypto``,
safe mode, with the OA app id and then the MP app id) and parsing (``parse_message``); we
act on the events:

* ``TEMPLATESENDJOBFINISH`` → the receipt is stored, then ``delivered`` (``success``) or
  ``failed_permanent`` plus an SMS fallback (``failed:user block``, ``failed: system failed``);
* ``subscribe`` / ``unsubscribe`` → the OA channel on / off for that openid;
* ``subscribe_msg_popup_event`` → each accepted MP template adds one message credit;
* ``subscribe_msg_change_event`` → a template switched off ends its credits.

A bad signature is 403 and changes nothing, and so is a replay (issue 14): a timestamp more
than :data:`TIMESTAMP_WINDOW_S` from now, a nonce already seen within the window (remembered in
Redis, ``SET NX EX``, only once the signature holds), or — with an AES key configured — a
message that is not encrypted (``encrypt_type=aes`` with its ``msg_signature``). Anything else
that WeChat pushes is answered ``success`` (so WeChat does not retry it) and ignored. Nothing
here logs an openid.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from tortoise.expressions import F
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from config.logging import get_logger
from config.settings import Settings
from notifiers.delivery import Deps, apply_receipt
from notifiers.models import MpSubscription, OaFollower, WeChatReceipt
from service import clock
from service.http import ApiRoute, Doc

log = get_logger("microcourt.wechat.callback")


# WeChat signs with its clock; a request further off than this is refused (a replay, or a
# capture held back), and its nonce is remembered for twice as long as the window it could
# be accepted in.
TIMESTAMP_WINDOW_S = 300
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


def _forbidden(reason: str = "invalid signature") -> Response:
    return PlainTextResponse(reason, status_code=403)


def _timestamp_fresh(raw: str) -> bool:
    if not _TIMESTAMP.match(raw):
        return False
    return abs(clock.now().timestamp() - int(raw)) <= TIMESTAMP_WINDOW_S


def _nonce_key(nonce: str, timestamp: str) -> str:
    digest = hashlib.sha256(f"{timestamp}\n{nonce}".encode()).hexdigest()
    return f"wechat:callback:nonce:{digest}"


def _decrypt(
    request: Request, body: bytes, token: str, aes_key: str, appids: list[str]
) -> str | None:
    q = request.query_params
    for appid in appids:
        try:
            plain: str = WeChatCrypto(token, aes_key, appid).decrypt_message(
                body, q.get("msg_signature", ""), q.get("timestamp", ""), q.get("nonce", "")
            )
            return plain
        except InvalidAppIdException:
            continue
        except (InvalidSignatureException, ValueError, KeyError):
            return None
    return None


async def wechat_callback(request: Request) -> Response:
    settings = request.app.state.settings
    token = settings.wechat_oa_token
    q = request.query_params
    if not token:
        return PlainTextResponse("callback not configured", status_code=404)
    try:
        check_signature(token, q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", ""))
    except InvalidSignatureException:
        return _forbidden()
    if request.method == "GET":
        return PlainTextResponse(q.get("echostr", ""))
    timestamp, nonce = q.get("timestamp", ""), q.get("nonce", "")
    if not _timestamp_fresh(timestamp):
        return _forbidden("stale timestamp")
    encrypted = q.get("encrypt_type") == "aes"
    if settings.wechat_oa_aes_key and (not encrypted or not q.get("msg_signature")):
        return _forbidden("encryption required")  # safe mode is on: plaintext is a forgery
    body = await request.body()
    redis: Redis = request.app.state.redis
    nonce_key = _nonce_key(nonce, timestamp)
    try:
        fresh = await redis.set(nonce_key, "1", nx=True, ex=2 * TIMESTAMP_WINDOW_S)
    except RedisError:
        # Redis away (a restart): a receipt must not be lost for it. The signature and the
        # timestamp window still hold, and applying a receipt twice changes nothing.
        log.warning("wechat.callback_nonce_unchecked")
        return await _handle(request, settings, token, body)
    if not fresh:
        return _forbidden("replayed")
    try:
        response = await _handle(request, settings, token, body)
    except BaseException:
        # Not handled (the database was away …): WeChat's retry must not look like a replay.
        await _forget(redis, nonce_key)
        raise
    if response.status_code == 403:  # a forged body does not use up the genuine one's nonce
        await _forget(redis, nonce_key)
    return response


async def _forget(redis: Redis, key: str) -> None:
    with contextlib.suppress(RedisError):
        await redis.delete(key)


async def _handle(request: Request, settings: Settings, token: str, body: bytes) -> Response:
    q = request.query_params
    encrypted = q.get("encrypt_type") == "aes"
    xml: str | bytes = body
    if encrypted:
        if not settings.wechat_oa_aes_key:
            return _forbidden()
        appids = [a for a in (settings.wechat_oa_appid, settings.wechat_mp_appid) if a]
        plain = _decrypt(request, body, token, settings.wechat_oa_aes_key, appids)
        if plain is None:
            return _forbidden()
        xml = plain
    try:
        message = parse_message(xml)
    except Exception:  # malformed XML, entities, control characters: never retried by WeChat
        log.warning("wechat.callback_unparseable")
        return PlainTextResponse("success")
    await handle_event(request.app.state.delivery_deps, message)
    return PlainTextResponse("success")


OPENID_MAX = 64  # the openid columns; WeChat's openids are 28 characters
MSGID_MAX = 2**63 - 1  # a BIGINT column


def _field(message: Any, name: str) -> Any:
    """A wechatpy message field; None when it is missing or its converter refuses it."""
    try:
        return getattr(message, name, None)
    except (TypeError, ValueError):
        return None


def _openid(message: Any) -> str | None:
    value = str(_field(message, "source") or "")
    return value if 0 < len(value) <= OPENID_MAX and value.isprintable() else None


def _msgid(message: Any) -> int | None:
    value = _field(message, "id")
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MSGID_MAX:
        return value
    return None


def _subscriptions(message: Any) -> list[tuple[str, bool]]:
    """``(template_id, accepted)`` of a subscribe-message event; [] when malformed."""
    try:
        items = list(message.subscribes)
    except (AttributeError, KeyError, TypeError, ValueError):
        return []
    found: list[tuple[str, bool]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        template_id = str(item.get("TemplateId") or "")
        if template_id and len(template_id) <= 64:
            accepted = str(item.get("SubscribeStatusString", "")).lower() == "accept"
            found.append((template_id, accepted))
    return found


async def handle_event(deps: Deps, message: Any) -> None:
    """Apply one pushed event. A document WeChat would never send (a non-numeric MsgID, an
    over-long openid, a malformed subscription list) is logged and ignored: answering 500
    would only make WeChat push it again."""
    event = str(_field(message, "event") or "").lower()
    openid = _openid(message)
    now = clock.now()
    if event == "templatesendjobfinish":
        msgid = _msgid(message)
        if msgid is None:
            log.warning("wechat.callback_ignored", wechat_event=event, reason="msgid")
            return
        status = str(_field(message, "status") or "")[:60]
        await WeChatReceipt.update_or_create(
            defaults={"openid": openid or "", "status": status, "received_at": now}, msgid=msgid
        )
        applied = await apply_receipt(deps, msgid, status, openid)
        log.info("wechat.receipt", msgid=msgid, status=status, applied=applied)
    elif openid is None and event in (
        "subscribe",
        "unsubscribe",
        "subscribe_msg_popup_event",
        "subscribe_msg_change_event",
    ):
        log.warning("wechat.callback_ignored", wechat_event=event, reason="openid")
    elif event in ("subscribe", "unsubscribe") and openid:
        await OaFollower.update_or_create(
            defaults={"follows": event == "subscribe", "updated_at": now}, openid=openid
        )
        log.info("wechat.follow", follows=event == "subscribe")
    elif event in ("subscribe_msg_popup_event", "subscribe_msg_change_event") and openid:
        for template_id, accepted in _subscriptions(message):
            await _record_subscription(
                openid, template_id, accepted, event == "subscribe_msg_popup_event"
            )


async def _record_subscription(openid: str, template_id: str, accepted: bool, popup: bool) -> None:
    now = clock.now()
    row, _ = await MpSubscription.get_or_create(
        openid=openid, template_id=template_id, defaults={"remaining": 0, "updated_at": now}
    )
    if not accepted:
        await MpSubscription.filter(id=row.id).update(remaining=0, updated_at=now)
    elif popup:
        await MpSubscription.filter(id=row.id, remaining__isnull=False).update(
            remaining=F("remaining") + 1, updated_at=now
        )
    log.info("wechat.subscription", accepted=accepted, popup=popup)


routes = [
    ApiRoute(
        "/wechat/callback",
        wechat_callback,
        methods=["GET", "POST"],
        doc=Doc(
            summary="WeChat server push: URL check, receipts, follows, MP subscriptions",
            tag="wechat",
            content_type="text/xml",
            errors={403: ["signature_invalid"]},
            description="Signed by WeChat (signature, timestamp, nonce; msg_signature in AES "
            "mode). Answers the echostr on GET and 'success' on POST.",
        ),
    ),
]
