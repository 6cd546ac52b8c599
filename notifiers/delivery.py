"""Delivering one notification: the status machine behind the ``deliver_notification`` job.

Read the row; apply the recipient's preferences before a first claim; **claim** it (a
conditional UPDATE: the row becomes ``sending`` under a lease, so two workers never send it
at once, and a row found ``sending`` past its lease is a recovery); **send** on its channel;
**settle** (the attempt and the row's new status together, guarded by the attempt number, so
a worker whose lease ran out cannot overwrite a newer outcome). Outcomes, and what a
recovery resends on each channel: docs/architecture.md, "From court event to phone".
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from redis.exceptions import RedisError

from config.logging import get_logger
from notifiers import repository
from notifiers.deps import Deps, Result, backoff
from notifiers.models import CLAIMABLE
from notifiers.outbox import create_fallback, enqueue
from notifiers.repository import DeliveryRead, NotificationRow
from notifiers.sending import send_sms, send_wechat
from service import clock, metrics
from service.events import nodes
from service.parties import preferences
from service.parties import service as parties

__all__ = ["Deps", "Result", "apply_receipt", "deliver_notification"]

log = get_logger("microcourt.delivery")


SEND = object()


async def _apply_preferences(deps: Deps, read: DeliveryRead, now: datetime) -> object:
    """The party's message preferences (contract §4.3), applied before a first claim.

    An opted-out node ends the row ``suppressed``; a message due in quiet hours keeps its
    status and moves ``next_attempt_at`` to the end of them (plus jitter). Legally
    significant nodes ignore both, so their preferences are not used. Returns
    :data:`SEND`, a hold time, or None (suppressed).
    """
    n = read.row
    if n.status not in CLAIMABLE:
        return SEND  # a recovery: the first claim applied them
    node = nodes.resolve(read.node)
    if node is None or node.legally_significant:
        return SEND
    if n.channel in ("wechat_oa", "wechat_mp") and n.openid:
        # the user's row came with the read (joined by this user key); none means defaults
        stored = read.preferences
        prefs = (
            preferences.from_columns(deps.settings, *stored)
            if stored is not None
            else preferences.defaults(deps.settings)
        )
        decision = preferences.decide(prefs, node.code, node.legally_significant, now)
    else:
        user_key = await parties.user_key_for_party(n.party_id)
        decision = await preferences.decision_for_user(
            deps.settings, user_key, node.code, node.legally_significant, now
        )
    if decision.skip:
        if await repository.suppress(n.id, now):
            metrics.notifications.labels(channel=n.channel, status="suppressed").inc()
            log.info("notification.suppressed", notification_id=str(n.id), node=node.code)
        return None
    if decision.hold_until is not None:
        if await repository.hold(n.id, decision.hold_until, now):
            log.info("notification.held", notification_id=str(n.id), node=node.code)
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
    read = await repository.read_for_delivery(nid, now)
    if read is None or not read.due:
        return None
    n, node_code = read.row, read.node
    held = await _apply_preferences(deps, read, now)
    if held is not SEND:
        return held if isinstance(held, datetime) else None
    lease = now + timedelta(seconds=deps.settings.notification_lease_seconds)
    attempt = n.attempts + 1
    if not await repository.claim(n, lease, now):
        return None
    recovering = n.status == "sending"  # the worker that claimed it before died mid-attempt
    if recovering:
        await repository.record_recovered(n, now)
    n = n._replace(status="sending", attempts=attempt, sending_until=lease, updated_at=now)
    metrics.notifications.labels(channel=n.channel, status="sending").inc()
    try:
        if n.channel == "sms":
            result = await send_sms(deps, n)
        elif n.channel in ("wechat_oa", "wechat_mp"):
            result = await send_wechat(deps, n, attempt, recovering, node_code)
        else:
            result = Result("permanent", "channel_none")
    except RedisError as exc:
        # Token cache, rate window or quota pause unreachable: nothing was sent yet. Not the
        # recipient's failure, so deferred (it does not count towards the retry limit).
        log.warning(
            "delivery.redis_unavailable", notification_id=str(nid), error=type(exc).__name__
        )
        result = Result("deferred", "redis_unavailable", retry_at=now + backoff(deps.settings, 1))
    except Exception as exc:
        log.exception("delivery.crashed", notification_id=str(nid), error=type(exc).__name__)
        code = f"internal:{type(exc).__name__}"[:40]
        result = Result("retry", code, retry_at=now + backoff(deps.settings, attempt))
    return await _settle(deps, n, attempt, now, result)


def _outcome(deps: Deps, attempt: int, result: Result) -> str:
    if result.outcome == "retry" and attempt >= deps.settings.notification_max_attempts:
        return "permanent"
    return result.outcome


async def _settle(
    deps: Deps, n: NotificationRow, attempt: int, started: datetime, result: Result
) -> datetime | None:
    """Record the attempt and the row's new status (:func:`repository.settle`)."""
    now = clock.now()
    outcome = _outcome(deps, attempt, result)
    retry_at = result.retry_at or now + backoff(deps.settings, attempt)
    fields: dict[str, object] = {"sending_until": None, "last_error_code": result.code}
    if outcome == "sent":
        fields.update(status="sent", sent_at=now, wechat_msgid=result.msgid)
    elif outcome == "permanent":
        fields.update(status="failed_permanent")
    else:
        fields.update(status="failed_temporary", next_attempt_at=retry_at)
    attempt_row = {
        "number": attempt,
        "channel": n.channel,
        "started_at": started,
        "finished_at": now,
        "outcome": result.outcome,
        "error_code": result.code,
        "detail": (result.detail or "")[:200] or None,
    }
    done = await repository.settle(n.id, attempt, now, fields, attempt_row)
    if not done:
        return None  # our lease ran out and another run owns the row now
    metrics.notifications.labels(channel=n.channel, status=str(fields["status"])).inc()
    if outcome == "sent":
        metrics.delivery_latency.labels(channel=n.channel, stage="sent").observe(
            (now - n.created_at).total_seconds()
        )
        log.info("notification.sent", notification_id=str(n.id), channel=n.channel)
        if result.msgid:  # a receipt that overtook this update is applied now
            for status, openid in await repository.receipts(result.msgid):
                await apply_receipt(deps, result.msgid, status, openid)
        return None
    if outcome == "permanent":
        log.info("notification.failed", notification_id=str(n.id), code=result.code)
        fallback = await create_fallback(deps.channels, n)
        if fallback is not None and fallback.status == "created":
            await enqueue(deps.arq, [fallback.id])
        return None
    log.info("notification.retry", notification_id=str(n.id), code=result.code, outcome=outcome)
    return retry_at


async def apply_receipt(deps: Deps, msgid: int, status: str, openid: str | None = None) -> bool:
    """``TEMPLATESENDJOBFINISH``: ``success`` → delivered; anything else (user block, system
    failure) → failed_permanent and a fallback on the next channel. Late, repeated or
    unknown receipts change nothing."""
    n = await repository.receipt_target(msgid, openid)
    if n is None:
        return False
    now = clock.now()
    if status == "success":
        if await repository.mark_delivered(n.id, now):
            metrics.notifications.labels(channel=n.channel, status="delivered").inc()
            metrics.delivery_latency.labels(channel=n.channel, stage="delivered").observe(
                (now - n.created_at).total_seconds()
            )
            return True
        return False
    code = "receipt_" + status.replace("failed:", "").strip().replace(" ", "_")[:30]
    if await repository.mark_failed_by_receipt(n.id, code, now):
        metrics.notifications.labels(channel=n.channel, status="failed_permanent").inc()
        fallback = await create_fallback(deps.channels, n)
        if fallback is not None and fallback.status == "created":
            await enqueue(deps.arq, [fallback.id])
        return True
    return False
