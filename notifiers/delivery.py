"""Delivering one notification: the status machine behind the ``deliver_notification`` job.

1. **Claim** with one conditional UPDATE: ``created``/``failed_temporary`` rows whose
   ``next_attempt_at`` has come, or ``sending`` rows whose worker's lease
   (``sending_until``) ran out, become ``sending`` with a new lease and ``attempts + 1``.
   Only one worker's UPDATE matches, so two workers never send the same row at once.
   The claim itself is the trace of a started attempt: a row found ``sending`` past its
   lease is a recovery, and the recovering run records the lost attempt (``recovered``).
2. **Send** on the row's channel.
3. **Settle**: the attempt (``delivery_attempt`` with its outcome and error code) and the
   row's new status are written in one transaction (on PostgreSQL one statement); the
   status update is guarded by ``status = 'sending' AND attempts = <ours>``, so a worker
   whose lease expired and whose row was re-claimed cannot overwrite the newer outcome.

Per delivery that is, on PostgreSQL, four plain statements: the read (the row, its event's
node and, for WeChat rows, the recipient's stored preferences), the claim, the settle (one
statement), and the receipt look-up after a send that returned a msgid; plus what the
channel needs (an SMS row's preferences key and the party's phone).

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

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from redis.exceptions import RedisError
from tortoise.transactions import in_transaction

from config.logging import get_logger
from notifiers.deps import Deps, Result, backoff
from notifiers.models import (
    CLAIMABLE,
    DeliveryAttempt,
    Notification,
)
from notifiers.outbox import create_fallback, enqueue
from notifiers.sending import send_sms, send_wechat
from service import clock, db, metrics
from service.events import nodes
from service.parties import preferences
from service.parties import service as parties

__all__ = ["Deps", "Result", "apply_receipt", "deliver_notification"]

log = get_logger("microcourt.delivery")


SEND = object()


def _is_due(n: Notification, now: datetime) -> bool:
    """What the claim's ``_due`` condition says, on the row as read (the claim re-checks)."""
    if n.status in CLAIMABLE:
        return n.next_attempt_at <= now
    return n.status == "sending" and n.sending_until is not None and n.sending_until < now


async def _sql(sql: str, params: list[object]) -> tuple[int, list[dict[str, Any]]]:
    """A plain statement written with PostgreSQL's ``$n`` parameters, on either dialect (for
    SQLite they become ``?`` in order of appearance and UUIDs their text, as tortoise stores
    them). Returns (rows affected or returned, rows)."""
    conn = db.connection()
    if conn.capabilities.dialect == "postgres":
        count, rows = await conn.execute_query(sql, params)
        return count, [dict(r) for r in rows]
    order: list[object] = []

    def positional(match: re.Match[str]) -> str:
        value = params[int(match.group(1)) - 1]
        order.append(str(value) if isinstance(value, uuid.UUID) else value)
        return "?"

    count, rows = await conn.execute_query(re.sub(r"\$(\d+)", positional, sql), order)
    return count, [dict(r) for r in rows]


@dataclass(frozen=True)
class _Read:
    row: Notification
    node: str  # the event's node code
    # The WeChat user's stored preferences (``party_preference`` joined by ``oa:``/``mp:``
    # openid), when the row is a WeChat message and the user saved some.
    stored_preferences: preferences.Preferences | None


async def _read(deps: Deps, nid: uuid.UUID) -> _Read | None:
    """The row, its event's node and, for WeChat rows, the recipient's preferences in one
    plain statement (no query building: this runs once per delivery). The row is built by
    tortoise's own ``_init_from_db``, which converts each column as a tortoise query would,
    on either dialect."""
    _, rows = await _sql(
        "SELECT n.*, e.node AS event_node, p.user_key AS pref_key,"
        " p.opted_out AS pref_opted_out, p.quiet_start AS pref_quiet_start,"
        " p.quiet_end AS pref_quiet_end"
        " FROM notification n JOIN event e ON e.id = n.event_id"
        " LEFT JOIN party_preference p ON p.user_key ="
        " (CASE n.channel WHEN 'wechat_oa' THEN 'oa:' WHEN 'wechat_mp' THEN 'mp:' END)"
        " || n.openid WHERE n.id = $1",
        [nid],
    )
    if not rows:
        return None
    row = rows[0]
    stored = None
    if row["pref_key"] is not None:
        opted_out = row["pref_opted_out"]
        stored = preferences.from_columns(
            deps.settings,
            json.loads(opted_out) if isinstance(opted_out, str) else list(opted_out or ()),
            row["pref_quiet_start"],
            row["pref_quiet_end"],
        )
    return _Read(Notification._init_from_db(**row), str(row["event_node"]), stored)


async def _claim(n: Notification, lease: datetime, now: datetime) -> bool:
    """The claim (module docstring, 1.): ``outbox._due`` as plain SQL (keep the two in step),
    guarded by the attempt number as read, so the row is exactly what we hold."""
    count, _ = await _sql(
        "UPDATE notification SET status = 'sending', sending_until = $1, attempts = $2,"
        " updated_at = $3 WHERE id = $4 AND attempts = $5 AND ("
        "(status IN ('created', 'failed_temporary') AND next_attempt_at <= $3)"
        " OR (status = 'sending' AND sending_until < $3))",
        [lease, n.attempts + 1, now, n.id, n.attempts],
    )
    return count == 1


async def _apply_preferences(deps: Deps, read: _Read, now: datetime) -> object:
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
        prefs = read.stored_preferences or preferences.defaults(deps.settings)
        decision = preferences.decide(prefs, node.code, node.legally_significant, now)
    else:
        user_key = await parties.user_key_for_party(n.party_id)
        decision = await preferences.decision_for_user(
            deps.settings, user_key, node.code, node.legally_significant, now
        )
    waiting = Notification.filter(id=n.id, status__in=CLAIMABLE)
    if decision.skip:
        if await waiting.update(status="suppressed", last_error_code="opted_out", updated_at=now):
            metrics.notifications.labels(channel=n.channel, status="suppressed").inc()
            log.info("notification.suppressed", notification_id=str(n.id), node=node.code)
        return None
    if decision.hold_until is not None:
        if await waiting.update(
            next_attempt_at=decision.hold_until, last_error_code="quiet_hours", updated_at=now
        ):
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
    read = await _read(deps, nid)
    if read is None or not _is_due(read.row, now):
        return None
    n, node_code = read.row, read.node
    held = await _apply_preferences(deps, read, now)
    if held is not SEND:
        return held if isinstance(held, datetime) else None
    lease = now + timedelta(seconds=deps.settings.notification_lease_seconds)
    attempt = n.attempts + 1
    if not await _claim(n, lease, now):
        return None
    recovering = n.status == "sending"  # the worker that claimed it before died mid-attempt
    if recovering:
        await DeliveryAttempt.create(
            notification_id=nid,
            number=n.attempts,
            channel=n.channel,
            started_at=n.updated_at,
            finished_at=now,
            outcome="recovered",
        )
    n.status, n.attempts, n.sending_until, n.updated_at = "sending", attempt, lease, now
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
    deps: Deps, n: Notification, attempt: int, started: datetime, result: Result
) -> datetime | None:
    """Record the attempt and the row's new status in one transaction; the status update is
    guarded by ``status = 'sending' AND attempts = <ours>``."""
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
    if db.connection().capabilities.dialect == "postgres":
        done = await _settle_postgres(n.id, attempt, now, fields, attempt_row)
    else:
        async with in_transaction() as conn:
            await DeliveryAttempt.create(notification_id=n.id, using_db=conn, **attempt_row)
            done = (
                await Notification.filter(id=n.id, status="sending", attempts=attempt)
                .using_db(conn)
                .update(updated_at=now, **fields)
            )
    if not done:
        return None  # our lease ran out and another run owns the row now
    metrics.notifications.labels(channel=n.channel, status=str(fields["status"])).inc()
    if outcome == "sent":
        metrics.delivery_latency.labels(channel=n.channel, stage="sent").observe(
            (now - n.created_at).total_seconds()
        )
        log.info("notification.sent", notification_id=str(n.id), channel=n.channel)
        if result.msgid:  # a receipt that overtook this update is applied now
            _, receipts = await _sql(
                "SELECT status, openid FROM wechat_receipt WHERE msgid = $1", [result.msgid]
            )
            for receipt in receipts:
                await apply_receipt(deps, result.msgid, receipt["status"], receipt["openid"])
        return None
    if outcome == "permanent":
        log.info("notification.failed", notification_id=str(n.id), code=result.code)
        fallback = await create_fallback(deps.channels, n)
        if fallback is not None and fallback.status == "created":
            await enqueue(deps.arq, [fallback.id])
        return None
    log.info("notification.retry", notification_id=str(n.id), code=result.code, outcome=outcome)
    return retry_at


async def _settle_postgres(
    nid: uuid.UUID,
    attempt: int,
    now: datetime,
    fields: dict[str, object],
    attempt_row: dict[str, object],
) -> int:
    """The settle transaction as one statement (one round trip instead of BEGIN, INSERT,
    UPDATE, COMMIT): the guarded status update in a data-modifying CTE, the attempt row
    inserted whether or not the guard matched, both atomic as one statement. Returns how
    many rows the update changed (0 or 1)."""
    sets = ["updated_at = $3", *(f"{name} = ${i}" for i, name in enumerate(fields, start=4))]
    first = 4 + len(fields)
    columns = ["notification_id", *attempt_row]
    values = ["$1", *(f"${i}" for i in range(first, first + len(attempt_row)))]
    # Column names come from the fixed keys of ``fields`` and ``attempt_row`` above; every
    # value is a parameter.
    sql = (
        f"WITH settled AS (UPDATE notification SET {', '.join(sets)}"  # noqa: S608
        " WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING 1)"
        f" INSERT INTO delivery_attempt ({', '.join(columns)}) VALUES ({', '.join(values)})"
        " RETURNING (SELECT count(*) FROM settled) AS done"
    )
    _, rows = await db.connection().execute_query(
        sql, [nid, attempt, now, *fields.values(), *attempt_row.values()]
    )
    return int(rows[0]["done"])


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
