"""``GET|POST /wechat/callback`` — WeChat's server push (contract §5).

wechatpy does the signature check (``check_signature``), AES decryption (``WeChatCrypto``,
safe mode, with the OA app id and then the MP app id) and parsing (``parse_message``); we
act on the events:

* ``TEMPLATESENDJOBFINISH`` → the receipt is stored, then ``delivered`` (``success``) or
  ``failed_permanent`` plus an SMS fallback (``failed:user block``, ``failed: system failed``);
* ``subscribe`` / ``unsubscribe`` → the OA channel on / off for that openid;
* ``subscribe_msg_popup_event`` → each accepted MP template adds one message credit;
* ``subscribe_msg_change_event`` → a template switched off ends its credits.

A bad signature is 403 and changes nothing. Anything else that WeChat pushes is answered
``success`` (so WeChat does not retry it) and ignored. Nothing here logs an openid.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from tortoise.expressions import F
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from config.logging import get_logger
from notifiers.delivery import Deps, apply_receipt
from notifiers.models import MpSubscription, OaFollower, WeChatReceipt
from service import clock
from service.http import ApiRoute, Doc

log = get_logger("microcourt.wechat.callback")


def _forbidden() -> Response:
    return PlainTextResponse("invalid signature", status_code=403)


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
    body = await request.body()
    xml: str | bytes = body
    if q.get("encrypt_type") == "aes":
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


async def handle_event(deps: Deps, message: Any) -> None:
    event = str(getattr(message, "event", "") or "").lower()
    openid = str(getattr(message, "source", "") or "")
    now = clock.now()
    if event == "templatesendjobfinish":
        msgid = int(message.id)
        status = str(message.status or "")
        await WeChatReceipt.update_or_create(
            defaults={"openid": openid, "status": status, "received_at": now}, msgid=msgid
        )
        applied = await apply_receipt(deps, msgid, status, openid)
        log.info("wechat.receipt", msgid=msgid, status=status, applied=applied)
    elif event in ("subscribe", "unsubscribe") and openid:
        await OaFollower.update_or_create(
            defaults={"follows": event == "subscribe", "updated_at": now}, openid=openid
        )
        log.info("wechat.follow", follows=event == "subscribe")
    elif event in ("subscribe_msg_popup_event", "subscribe_msg_change_event") and openid:
        for item in message.subscribes:
            template_id = str(item.get("TemplateId", ""))
            accepted = str(item.get("SubscribeStatusString", "")).lower() == "accept"
            if not template_id:
                continue
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
