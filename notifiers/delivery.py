"""Delivering one notification: the status machine behind the ``deliver_notification`` job.

1. **Claim** with one conditional UPDATE: ``created``/``failed_temporary`` rows whose
   ``next_attempt_at`` has come, or ``sending`` rows whose worker's lease
   (``sending_until``) ran out, become ``sending`` with a new lease and ``attempts + 1``.
   Only one worker's UPDATE matches, so two workers never send the same row at once.
2. **Record** the attempt (``delivery_attempt``, outcome ``started``) *before* calling the
   provider, so a crash leaves a trace and the next claim knows it is a recovery.
3. **Send** on the row's channel and **settle** with another conditional UPDATE guarded by
   ``status = 'sending' AND attempts = <ours>``: a worker whose lease expired and whose row
   was re-claimed cannot overwrite the newer outcome.

Crash recovery (a row found ``sending`` past its lease) — what is resent and why:

* **Official Account**: resent with the same ``client_msg_id`` (= notification id). WeChat
  drops a repeat within 10 minutes and returns the first msgid; the lease (default 60 s)
  and the minute sweep keep recovery well inside that window. Effectively exactly-once.
* **Mini Program**: no dedup key at WeChat, but the one-time subscription is one: if the
  lost send landed, WeChat has used the user's credit and the resend answers 43101. On a
  recovery, 43101 therefore means "already sent" and the row becomes ``sent``
  (``last_error_code = 43101_after_recovery``) instead of falling back to SMS. At most once.
* **SMS**: resent with the same ``ref``; at least once (a gateway that deduplicates by ref
  absorbs the repeat; the sandbox counts it as ``duplicates_ref``). A lost court notice is
  worse than a repeated text.

Outcomes: sent; retry (−1, HTTP 5xx, transport: exponential backoff with jitter, at most
``notification_max_attempts`` tries, then permanent); deferred (45009: this app pauses until
midnight court time, 45011: about a minute; neither counts as a failure of the recipient);
permanent (43004, 43101, 40003, 47003 …: ``failed_permanent`` and a fallback row on the next
channel); alert (our configuration, repeated 40001: alert metric, retry in
``notification_alert_retry_seconds``, no fallback).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from arq.connections import ArqRedis
from redis.asyncio import Redis
from tortoise.expressions import F

from config.logging import get_logger
from config.settings import Settings
from notifiers import sms
from notifiers.models import (
    CLAIMABLE,
    DeliveryAttempt,
    MpSubscription,
    Notification,
    WeChatReceipt,
)
from notifiers.outbox import Channels, _due, create_fallback, enqueue
from notifiers.wechat.api import RateLimiter, WeChatApi
from notifiers.wechat.errors import Action, WeChatError
from notifiers.wechat.fields import render_data
from service import clock, metrics
from service.cases import service as cases
from service.clock import SHANGHAI
from service.events import nodes
from service.events.models import Event
from service.parties import preferences
from service.parties import service as parties

log = get_logger("microcourt.delivery")


@dataclass
class Deps:
    """What delivery needs; built once per worker (and once per web process for receipts)."""

    settings: Settings
    channels: Channels
    http: httpx.AsyncClient
    redis: Redis
    arq: ArqRedis | None
    oa: WeChatApi | None
    mp: WeChatApi | None

    @classmethod
    def build(
        cls,
        settings: Settings,
        channels: Channels,
        http: httpx.AsyncClient,
        redis: Redis,
        arq: ArqRedis | None,
    ) -> Deps:
        limiter = RateLimiter(redis, settings.wechat_rate_limit_per_second)
        timeout = float(settings.wechat_timeout_seconds)

        def api(app: str, appid: str, secret: str) -> WeChatApi:
            return WeChatApi(
                app,
                appid,
                secret,
                http=http,
                redis=redis,
                base_url=settings.wechat_api_base,
                timeout=timeout,
                limiter=limiter,
            )

        return cls(
            settings,
            channels,
            http,
            redis,
            arq,
            api("oa", settings.wechat_oa_appid, settings.wechat_oa_secret) if channels.oa else None,
            api("mp", settings.wechat_mp_appid, settings.wechat_mp_secret) if channels.mp else None,
        )


@dataclass(frozen=True)
class Result:
    outcome: str  # sent | retry | deferred | permanent | alert
    code: str | None = None
    msgid: int | None = None
    retry_at: datetime | None = None
    detail: str | None = None


def backoff(settings: Settings, attempt: int) -> timedelta:
    base = settings.notification_retry_base_seconds * 2 ** max(0, attempt - 1)
    seconds = min(base, 1800)
    return timedelta(seconds=seconds * (1 + random.random() * 0.2))


def next_midnight(now: datetime) -> datetime:
    """The next 00:00 in court time, plus up to 10 minutes of jitter (quotas reset then)."""
    local = now.astimezone(SHANGHAI)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight + timedelta(seconds=random.random() * 600)).astimezone(UTC)


def _quota_key(appid: str) -> str:
    return f"microcourt:wechat:{appid}:quota_until"


async def _paused_until(deps: Deps, appid: str) -> datetime | None:
    raw = await deps.redis.get(_quota_key(appid))
    if raw is None:
        return None
    until = datetime.fromisoformat(raw.decode())
    return until if until > clock.now() else None


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


async def _send_wechat(deps: Deps, n: Notification, attempt: int, recovering: bool) -> Result:
    api = deps.oa if n.channel == "wechat_oa" else deps.mp
    if api is None or not n.openid:
        return Result("permanent", "channel_unavailable")
    paused = await _paused_until(deps, api.appid)
    if paused is not None:
        return Result("deferred", "45009", retry_at=paused, detail="app paused by daily quota")
    template = deps.channels.templates.for_kind(api.app, n.kind)
    data = render_data(template.fields, n.variables)
    try:
        if n.channel == "wechat_oa":
            url = f"{deps.settings.public_base_url}/m/cases/{n.case_id}"
            msgid = await api.send_template(
                n.openid, template.template_id, data, client_msg_id=str(n.id), url=url
            )
        else:
            if attempt == 1 and not await _use_credit(n.openid, template.template_id):
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
            await deps.redis.set(_quota_key(api.appid), result.retry_at.isoformat(), ex=86400 * 2)
        return result
    return Result("sent", msgid=msgid or None)


async def _use_credit(openid: str, template_id: str) -> bool:
    """Take one accepted one-time subscription (or find a long-term one)."""
    taken = await MpSubscription.filter(
        openid=openid, template_id=template_id, remaining__gt=0
    ).update(remaining=F("remaining") - 1, updated_at=clock.now())
    if taken:
        return True
    return await MpSubscription.exists(openid=openid, template_id=template_id, remaining=None)


async def _send_sms(deps: Deps, n: Notification) -> Result:
    s = deps.settings
    party = await n.party
    phone = cases.party_phone(party)
    if not phone:
        return Result("permanent", "no_phone")
    text = sms.sms_text(n.variables.get("court") or s.court_name, n.variables)
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


SEND = object()


async def _apply_preferences(deps: Deps, nid: uuid.UUID, now: datetime) -> object:
    """The party's message preferences (contract §4.3), applied before a first claim.

    An opted-out node ends the row ``suppressed``; a message due in quiet hours keeps its
    status and moves ``next_attempt_at`` to the end of them (plus jitter). Legally
    significant nodes ignore both. Returns :data:`SEND`, a hold time, or None (suppressed).
    """
    rows = await Notification.filter(id=nid, status__in=CLAIMABLE, next_attempt_at__lte=now).values(
        "event_id", "party_id", "channel", "openid"
    )
    if not rows:
        return SEND  # not due, already claimed or finished: the claim below decides
    row = rows[0]
    codes = await Event.filter(id=row["event_id"]).values_list("node", flat=True)
    node = nodes.resolve(str(codes[0])) if codes else None
    if node is None:
        return SEND
    if row["channel"] in ("wechat_oa", "wechat_mp") and row["openid"]:
        prefix = "oa" if row["channel"] == "wechat_oa" else "mp"
        user_key: str | None = f"{prefix}:{row['openid']}"
    else:
        user_key = await parties.user_key_for_party(row["party_id"])
    decision = await preferences.decision_for_user(
        deps.settings, user_key, node.code, node.legally_significant, now
    )
    waiting = Notification.filter(id=nid, status__in=CLAIMABLE)
    if decision.skip:
        if await waiting.update(status="suppressed", last_error_code="opted_out", updated_at=now):
            metrics.notifications.labels(channel=row["channel"], status="suppressed").inc()
            log.info("notification.suppressed", notification_id=str(nid), node=node.code)
        return None
    if decision.hold_until is not None:
        if await waiting.update(
            next_attempt_at=decision.hold_until, last_error_code="quiet_hours", updated_at=now
        ):
            log.info("notification.held", notification_id=str(nid), node=node.code)
            return decision.hold_until
        return None
    return SEND


async def deliver_notification(notification_id: str, deps: Deps) -> datetime | None:
    """Try to send one notification. Returns when to try again, or None when done (or not
    ours to send: already claimed, not yet due, finished)."""
    try:
        nid = uuid.UUID(str(notification_id))
    except ValueError:
        return None
    now = clock.now()
    held = await _apply_preferences(deps, nid, now)
    if held is not SEND:
        return held if isinstance(held, datetime) else None
    lease = now + timedelta(seconds=deps.settings.notification_lease_seconds)
    claimed = await Notification.filter(_due(now), id=nid).update(
        status="sending", sending_until=lease, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return None
    n = await Notification.get(id=nid)
    attempt = n.attempts
    recovering = (
        await DeliveryAttempt.filter(notification_id=nid, outcome="started").update(
            outcome="recovered", finished_at=now
        )
        > 0
    )
    record = await DeliveryAttempt.create(
        notification_id=nid, number=attempt, channel=n.channel, started_at=now
    )
    metrics.notifications.labels(channel=n.channel, status="sending").inc()
    result = Result("retry", "internal", retry_at=now + backoff(deps.settings, attempt))
    try:
        if n.channel == "sms":
            result = await _send_sms(deps, n)
        elif n.channel in ("wechat_oa", "wechat_mp"):
            result = await _send_wechat(deps, n, attempt, recovering)
        else:
            result = Result("permanent", "channel_none")
    except Exception as exc:
        log.exception("delivery.crashed", notification_id=str(nid), error=type(exc).__name__)
        result = Result("retry", f"internal:{type(exc).__name__}"[:40], retry_at=result.retry_at)
    finally:
        await DeliveryAttempt.filter(id=record.id).update(
            finished_at=clock.now(),
            outcome=result.outcome,
            error_code=result.code,
            detail=(result.detail or "")[:200] or None,
        )
    return await _settle(deps, n, attempt, result)


async def _settle(deps: Deps, n: Notification, attempt: int, result: Result) -> datetime | None:
    now = clock.now()
    mine = Notification.filter(id=n.id, status="sending", attempts=attempt)
    outcome = result.outcome
    if outcome == "retry" and attempt >= deps.settings.notification_max_attempts:
        outcome = "permanent"
    if outcome == "sent":
        done = await mine.update(
            status="sent",
            sent_at=now,
            sending_until=None,
            wechat_msgid=result.msgid,
            last_error_code=result.code,
            updated_at=now,
        )
        if done:
            metrics.notifications.labels(channel=n.channel, status="sent").inc()
            metrics.delivery_latency.labels(channel=n.channel, stage="sent").observe(
                (now - n.created_at).total_seconds()
            )
            log.info("notification.sent", notification_id=str(n.id), channel=n.channel)
            if result.msgid:
                receipt = await WeChatReceipt.get_or_none(msgid=result.msgid)
                if receipt is not None:
                    await apply_receipt(deps, result.msgid, receipt.status, receipt.openid)
        return None
    if outcome == "permanent":
        done = await mine.update(
            status="failed_permanent",
            sending_until=None,
            last_error_code=result.code,
            updated_at=now,
        )
        if done:
            metrics.notifications.labels(channel=n.channel, status="failed_permanent").inc()
            log.info("notification.failed", notification_id=str(n.id), code=result.code)
            fallback = await create_fallback(deps.channels, n)
            if fallback is not None and fallback.status == "created":
                await enqueue(deps.arq, [fallback.id])
        return None
    retry_at = result.retry_at or now + backoff(deps.settings, attempt)
    done = await mine.update(
        status="failed_temporary",
        sending_until=None,
        next_attempt_at=retry_at,
        last_error_code=result.code,
        updated_at=now,
    )
    if done:
        metrics.notifications.labels(channel=n.channel, status="failed_temporary").inc()
        log.info("notification.retry", notification_id=str(n.id), code=result.code, outcome=outcome)
        return retry_at
    return None


async def apply_receipt(deps: Deps, msgid: int, status: str, openid: str | None = None) -> bool:
    """``TEMPLATESENDJOBFINISH``: ``success`` → delivered; anything else (user block, system
    failure) → failed_permanent and a fallback on the next channel. Late, repeated or
    unknown receipts change nothing."""
    query = Notification.filter(wechat_msgid=msgid, channel="wechat_oa")
    if openid:
        query = query.filter(openid=openid)
    n = await query.order_by("-created_at").first()
    if n is None:
        return False
    now = clock.now()
    live = Notification.filter(id=n.id, status__in=("sending", "sent"))
    if status == "success":
        if await live.update(
            status="delivered", delivered_at=now, sending_until=None, updated_at=now
        ):
            metrics.notifications.labels(channel=n.channel, status="delivered").inc()
            metrics.delivery_latency.labels(channel=n.channel, stage="delivered").observe(
                (now - n.created_at).total_seconds()
            )
            return True
        return False
    code = "receipt_" + status.replace("failed:", "").strip().replace(" ", "_")[:30]
    if await live.update(status="failed_permanent", last_error_code=code, updated_at=now):
        metrics.notifications.labels(channel=n.channel, status="failed_permanent").inc()
        fallback = await create_fallback(deps.channels, n)
        if fallback is not None and fallback.status == "created":
            await enqueue(deps.arq, [fallback.id])
        return True
    return False
