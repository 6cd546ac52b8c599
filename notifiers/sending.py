"""Sending one claimed notification on its channel, and classifying what came back.

WeChat errors map to outcomes as in service/wechat/errors.py: retry with backoff, defer
(45009 pauses the app until court-time midnight, 45011 about a minute), permanent (the
caller creates the fallback row), alert (our configuration; an alert metric and a retry
later). The SMS gateway's answers map the same way.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from notifiers import repository, sms
from notifiers.deps import Deps, Result, backoff
from notifiers.fields import render_data
from notifiers.repository import NotificationRow
from service import clock, metrics
from service.cases import service as cases
from service.clock import SHANGHAI
from service.filings import links as filing_links
from service.wechat.api import WeChatApi
from service.wechat.errors import Action, WeChatError

PAUSE_CHECK_S = 1.0


def next_midnight(now: datetime) -> datetime:
    """The next 00:00 in court time, plus up to 10 minutes of jitter (quotas reset then)."""
    local = now.astimezone(SHANGHAI)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight + timedelta(seconds=random.random() * 600)).astimezone(UTC)


def quota_key(appid: str) -> str:
    return f"microcourt:wechat:{appid}:quota_until"


async def _paused_until(deps: Deps, appid: str) -> datetime | None:
    """The app's quota pause (45009), read from Redis at most every :data:`PAUSE_CHECK_S`
    seconds per process: a pause another worker set is seen that much later (a send in
    between gets 45009 itself and pauses this process at once)."""
    checked = time.monotonic()
    known = deps.pauses.get(appid)
    if known is None or checked - known[1] >= PAUSE_CHECK_S:
        raw = await deps.redis.get(quota_key(appid))
        until = datetime.fromisoformat(raw.decode()) if raw is not None else None
        deps.pauses[appid] = (until, checked)
    else:
        until = known[0]
    return until if until is not None and until > clock.now() else None


def _wechat_result(deps: Deps, api: WeChatApi, exc: WeChatError, attempt: int) -> Result:
    now = clock.now()
    code = exc.error_code
    if exc.action is Action.RETRY:
        return Result(
            "retry", code, retry_at=now + backoff(deps.settings, attempt), detail=exc.message
        )
    if exc.action is Action.DEFER_MINUTE:
        return Result("deferred", code, retry_at=now + timedelta(seconds=60 + random.random() * 15))
    if exc.action is Action.DEFER_DAY:
        return Result("deferred", code, retry_at=next_midnight(now), detail="daily quota")
    if exc.action is Action.PERMANENT:
        return Result("permanent", code, detail=exc.message)
    metrics.wechat_alerts.labels(app=api.app, code=code).inc()
    retry = timedelta(seconds=deps.settings.notification_alert_retry_seconds)
    return Result("alert", code, retry_at=now + retry, detail=exc.message)


async def send_wechat(
    deps: Deps, n: NotificationRow, attempt: int, recovering: bool, node: str | None = None
) -> Result:
    """``node`` is the event's node when the caller has it (the message link needs it)."""
    api = deps.wechat.oa if n.channel == "wechat_oa" else deps.wechat.mp
    if api is None or not n.openid:
        return Result("permanent", "channel_unavailable")
    paused = await _paused_until(deps, api.appid)
    if paused is not None:
        return Result("deferred", "45009", retry_at=paused, detail="app paused by daily quota")
    template = deps.channels.templates.for_kind(api.app, n.kind)
    data = render_data(template.fields, n.variables)
    try:
        if n.channel == "wechat_oa":
            path = await filing_links.message_path(n.case_id, n.event_id, n.party_id, node)
            url = f"{deps.settings.public_base_url}{path}"
            msgid = await api.send_template(
                n.openid, template.template_id, data, client_msg_id=str(n.id), url=url
            )
        else:
            if attempt == 1 and not await repository.use_mp_credit(
                n.openid, template.template_id, clock.now()
            ):
                return Result("permanent", "no_subscription")
            msgid = await api.send_subscribe(
                n.openid,
                template.template_id,
                data,
                page=f"pages/case/index?id={n.case_id}",
            )
    except WeChatError as exc:
        if exc.code == 43101 and n.channel == "wechat_mp" and recovering:
            return Result("sent", "43101_after_recovery")
        result = _wechat_result(deps, api, exc, attempt)
        if exc.action is Action.DEFER_DAY and result.retry_at is not None:
            metrics.wechat_alerts.labels(app=api.app, code="45009").inc()
            await deps.redis.set(quota_key(api.appid), result.retry_at.isoformat(), ex=86400 * 2)
            deps.pauses[api.appid] = (result.retry_at, time.monotonic())
        return result
    return Result("sent", msgid=msgid or None)


async def send_sms(deps: Deps, n: NotificationRow) -> Result:
    s = deps.settings
    party = await repository.party(n.party_id)
    phone = cases.party_phone(party)
    if not phone:
        return Result("permanent", "no_phone")
    text = sms.sms_text(n.variables.get("court") or s.court_name, n.variables, s.public_base_url)
    try:
        await sms.send_sms(
            deps.http,
            s.sms_gateway_url,
            s.sms_gateway_secret,
            phone=phone,
            text=text,
            ref=str(n.id),
            timeout=float(s.wechat_timeout_seconds),
        )
    except sms.SmsError as exc:
        now = clock.now()
        if exc.action is Action.PERMANENT:
            return Result("permanent", exc.code)
        if exc.action is Action.ALERT:
            metrics.wechat_alerts.labels(app="sms", code=exc.code).inc()
            retry = timedelta(seconds=s.notification_alert_retry_seconds)
            return Result("alert", exc.code, retry_at=now + retry)
        return Result("retry", exc.code, retry_at=now + backoff(s, n.attempts))
    return Result("sent")
