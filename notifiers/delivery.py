"""Delivering a batch of notifications: the status machine behind the delivery job.

Per batch: read the rows (one statement); apply each recipient's preferences before a first
claim; **claim** them (one conditional UPDATE: a due row becomes ``sending`` under a lease,
guarded by its attempt number as read, so two workers never send it at once, and a row found
``sending`` past its lease is a recovery); **send** each on its channel, concurrently; then
**settle** them (one statement: each attempt and its row's new status together, guarded by
the attempt number, so a worker whose lease ran out cannot overwrite a newer outcome).
Outcomes, and what a recovery resends on each channel: docs/architecture.md, "From court
event to phone".
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from redis.exceptions import RedisError

from config.logging import get_logger
from notifiers import repository
from notifiers.deps import Deps, Result, backoff
from notifiers.models import CLAIMABLE
from notifiers.outbox import create_fallback, enqueue
from notifiers.repository import DeliveryRead, NotificationRow, Settlement
from notifiers.sending import send_sms, send_wechat
from service import clock, metrics
from service.events import nodes
from service.parties import preferences
from service.parties import service as parties

__all__ = ["Deps", "Result", "apply_receipt", "deliver_batch", "deliver_notification"]

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
    """Try to send one notification (:func:`deliver_batch` of one)."""
    try:
        nid = uuid.UUID(str(notification_id))
    except ValueError:
        return None
    return (await deliver_batch([nid], deps)).get(nid)


async def deliver_batch(nids: Sequence[uuid.UUID], deps: Deps) -> dict[uuid.UUID, datetime]:
    """Try to send these notifications: one read, one claim and one settle for the batch,
    the sends concurrent (bounded by ``deps.sends``). Returns when to try each again that
    must be; rows not listed are done (or not ours to send: already claimed, not yet due,
    finished)."""
    unique = list(dict.fromkeys(nids))
    async with deps.rows.rows(len(unique)):
        return await _deliver(unique, deps)


async def _deliver(nids: list[uuid.UUID], deps: Deps) -> dict[uuid.UUID, datetime]:
    now = clock.now()
    reads = await repository.read_for_delivery(nids, now)
    again: dict[uuid.UUID, datetime] = {}
    wanted: list[DeliveryRead] = []
    for read in reads.values():
        if not read.due:
            continue
        held = await _apply_preferences(deps, read, now)
        if held is SEND:
            wanted.append(read)
        elif isinstance(held, datetime):
            again[read.row.id] = held
    if not wanted:
        return again
    lease = now + timedelta(seconds=deps.settings.notification_lease_seconds)
    claimed = await repository.claim([r.row for r in wanted], lease, now)
    sends: list[tuple[NotificationRow, bool, str]] = []
    for read in wanted:
        n = read.row
        if n.id not in claimed:
            continue
        recovering = n.status == "sending"  # the worker that claimed it before died mid-attempt
        if recovering:
            await repository.record_recovered(n, now)
        n = n._replace(
            status="sending", attempts=n.attempts + 1, sending_until=lease, updated_at=now
        )
        metrics.notifications.labels(channel=n.channel, status="sending").inc()
        sends.append((n, recovering, read.node))
    results = await asyncio.gather(*(_send(deps, n, rec, node, now) for n, rec, node in sends))
    again.update(await _settle(deps, [n for n, _, _ in sends], now, results))
    return again


async def _send(
    deps: Deps, n: NotificationRow, recovering: bool, node_code: str, now: datetime
) -> Result:
    """One claimed row on its channel; never raises (a crash is this attempt's outcome)."""
    attempt = n.attempts
    try:
        async with deps.sends:
            if n.channel == "sms":
                return await send_sms(deps, n)
            if n.channel in ("wechat_oa", "wechat_mp"):
                return await send_wechat(deps, n, attempt, recovering, node_code)
            return Result("permanent", "channel_none")
    except RedisError as exc:
        # Token cache, rate window or quota pause unreachable: nothing was sent yet. Not the
        # recipient's failure, so deferred (it does not count towards the retry limit).
        log.warning(
            "delivery.redis_unavailable", notification_id=str(n.id), error=type(exc).__name__
        )
        return Result("deferred", "redis_unavailable", retry_at=now + backoff(deps.settings, 1))
    except Exception as exc:
        log.exception("delivery.crashed", notification_id=str(n.id), error=type(exc).__name__)
        code = f"internal:{type(exc).__name__}"[:40]
        return Result("retry", code, retry_at=now + backoff(deps.settings, attempt))


def _outcome(deps: Deps, attempt: int, result: Result) -> str:
    if result.outcome == "retry" and attempt >= deps.settings.notification_max_attempts:
        return "permanent"
    return result.outcome


_STATUS = {"sent": "sent", "permanent": "failed_permanent"}


async def _settle(
    deps: Deps, rows: Sequence[NotificationRow], started: datetime, results: Sequence[Result]
) -> dict[uuid.UUID, datetime]:
    """Record the attempts and the rows' new statuses (:func:`repository.settle`), then what
    follows each: receipts that overtook a send, fallbacks, retries (returned)."""
    now = clock.now()
    settlements = []
    for n, result in zip(rows, results, strict=True):
        status = _STATUS.get(_outcome(deps, n.attempts, result), "failed_temporary")
        settlements.append(
            Settlement(
                n.id,
                n.attempts,
                status,
                result.code,
                result.msgid if status == "sent" else None,
                (result.retry_at or now + backoff(deps.settings, n.attempts))
                if status == "failed_temporary"
                else None,
                n.channel,
                result.outcome,
                (result.detail or "")[:200] or None,
                started,
            )
        )
    done = await repository.settle(settlements, now)
    again: dict[uuid.UUID, datetime] = {}
    msgids: list[int] = []
    for n, s in zip(rows, settlements, strict=True):
        if n.id not in done:
            continue  # our lease ran out and another run owns the row now
        metrics.notifications.labels(channel=n.channel, status=s.status).inc()
        if s.status == "sent":
            metrics.delivery_latency.labels(channel=n.channel, stage="sent").observe(
                (now - n.created_at).total_seconds()
            )
            log.info("notification.sent", notification_id=str(n.id), channel=n.channel)
            if s.msgid:
                msgids.append(s.msgid)
        elif s.status == "failed_permanent":
            log.info("notification.failed", notification_id=str(n.id), code=s.code)
            fallback = await create_fallback(deps.channels, n)
            if fallback is not None and fallback.status == "created":
                await enqueue(deps.arq, [fallback.id], deps.settings.notification_batch_size)
        else:
            log.info(
                "notification.retry", notification_id=str(n.id), code=s.code, outcome=s.outcome
            )
            if s.next_attempt_at is not None:
                again[n.id] = s.next_attempt_at
    # receipts that overtook these updates are applied now
    for msgid, status, openid in await repository.receipts(msgids):
        await apply_receipt(deps, msgid, status, openid)
    return again


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
            await enqueue(deps.arq, [fallback.id], deps.settings.notification_batch_size)
        return True
    return False
