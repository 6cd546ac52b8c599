"""Every query of notifications, on either database.

Delivery, the outbox and the sweep ask here; only this module knows which database runs
(:func:`service.db.dialect`). Where the two spell a statement differently, both spellings are
here side by side. The hot per-delivery statements are plain SQL (on PostgreSQL run by
asyncpg, which keeps each one prepared per connection), and rows read by hand come back as
NamedTuples.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from notifiers.models import (
    CLAIMABLE,
    DeliveryAttempt,
    MpSubscription,
    Notification,
    OaFollower,
    WeChatReceipt,
)
from service import db
from service.db import copy_rows, json_text
from service.parties.models import Party


def due(now: str) -> str:
    """The one rule for "this notification is due" at ``now`` (a placeholder or expression):
    a waiting row whose time has come, or a ``sending`` row whose worker's lease ran out.

    The delivery read, the claim and the sweep all use this fragment."""
    waiting = ", ".join(f"'{status}'" for status in CLAIMABLE)
    return (
        f"((notification.status IN ({waiting}) AND notification.next_attempt_at <= {now})"
        f" OR (notification.status = 'sending' AND notification.sending_until < {now}))"
    )


class _Statements(NamedTuple):
    """The statements both databases run, spelled with one dialect's placeholders."""

    read: str
    claim: str
    due_ids: str
    overdue: str
    receipts: str


def _spell(arg: Callable[[int], str], among: Callable[[int], str]) -> _Statements:
    """The statements with ``arg(n)`` as the n-th parameter: ``$n`` for asyncpg, ``?n`` for
    SQLite (its numbered parameters, so a parameter can be used twice), and ``among(n)`` as
    "is one of the list in parameter n" (an array on PostgreSQL, a JSON array on SQLite: one
    statement whatever the list's length). The f-strings place only placeholders and the
    :func:`due` fragment; every value is a parameter."""
    return _Statements(
        read=(
            "SELECT notification.id, notification.event_id, notification.case_id,"  # noqa: S608
            " notification.party_id, notification.channel, notification.status,"
            " notification.kind, notification.openid, notification.variables,"
            " notification.attempts, notification.next_attempt_at, notification.sending_until,"
            " notification.created_at, notification.updated_at,"
            f" e.node, {due(arg(2))} AS due, p.user_key, p.opted_out, p.quiet_start, p.quiet_end"
            " FROM notification JOIN event e ON e.id = notification.event_id"
            " LEFT JOIN party_preference p ON p.user_key = (CASE notification.channel"
            " WHEN 'wechat_oa' THEN 'oa:' WHEN 'wechat_mp' THEN 'mp:' END) || notification.openid"
            f" WHERE notification.id {among(1)}"
        ),
        claim=(
            f"UPDATE notification SET status = 'sending', sending_until = {arg(1)},"  # noqa: S608
            f" attempts = {arg(2)}, updated_at = {arg(3)}"
            f" WHERE id = {arg(4)} AND attempts = {arg(5)} AND {due(arg(3))}"
        ),
        due_ids=(
            f"SELECT id FROM notification WHERE {due(arg(1))}"  # noqa: S608
            f" ORDER BY next_attempt_at LIMIT {arg(2)}"
        ),
        overdue=f"SELECT id, attempts FROM notification WHERE {due(arg(1))} LIMIT {arg(2)}",  # noqa: S608
        receipts=f"SELECT msgid, status, openid FROM wechat_receipt WHERE msgid {among(1)}",  # noqa: S608
    )


_POSTGRES = _spell(lambda n: f"${n}", lambda n: f"= ANY(${n})")
_SQLITE = _spell(lambda n: f"?{n}", lambda n: f"IN (SELECT value FROM json_each(?{n}))")  # noqa: S608

# PostgreSQL claims a batch in one statement: the rows as read (id, attempts) joined to the
# table, each claimed only if still due and not claimed since it was read.
_CLAIM_BATCH = (
    "UPDATE notification SET status = 'sending', sending_until = $1,"  # noqa: S608
    " attempts = notification.attempts + 1, updated_at = $2"
    " FROM unnest($3::uuid[], $4::int[]) AS c(id, attempts)"
    f" WHERE notification.id = c.id AND notification.attempts = c.attempts AND {due('$2')}"
    " RETURNING notification.id"
)

# ... and settles one in one statement: each row's outcome guarded by ``status = 'sending'``
# and its attempt number, every attempt logged whether or not its guard matched.
_SETTLE_BATCH = """
WITH s AS (
  SELECT * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::bigint[],
    $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
    AS s(id, attempts, status, code, msgid, next_at, channel, outcome, detail, started_at)
), settled AS (
  UPDATE notification SET status = s.status, sending_until = NULL, last_error_code = s.code,
    sent_at = CASE WHEN s.status = 'sent' THEN $1 ELSE notification.sent_at END,
    wechat_msgid = CASE WHEN s.status = 'sent' THEN s.msgid ELSE notification.wechat_msgid END,
    next_attempt_at = CASE WHEN s.status = 'failed_temporary' THEN s.next_at
      ELSE notification.next_attempt_at END,
    updated_at = $1
  FROM s WHERE notification.id = s.id AND notification.status = 'sending'
    AND notification.attempts = s.attempts
  RETURNING notification.id
), logged AS (
  INSERT INTO delivery_attempt
    (notification_id, number, channel, started_at, finished_at, outcome, error_code, detail)
  SELECT id, attempts, channel, started_at, $1, outcome, code, detail FROM s
)
SELECT id FROM settled
"""


async def _fetch(pick: Callable[[_Statements], str], *params: object) -> list[Any]:
    """Rows of one of the statements above, on the database that runs."""
    if db.dialect() == "postgres":
        async with db.postgres_connection() as raw:
            return list(await raw.fetch(pick(_POSTGRES), *params))
    _, rows = await db.connection().execute_query(pick(_SQLITE), _sqlite_params(params))
    return list(rows)


async def _execute(pick: Callable[[_Statements], str], *params: object) -> int:
    """Run one of the statements above; how many rows it changed."""
    if db.dialect() == "postgres":
        async with db.postgres_connection() as raw:
            status: str = await raw.execute(pick(_POSTGRES), *params)
        return int(status.rsplit(" ", 1)[-1])
    count, _ = await db.connection().execute_query(pick(_SQLITE), _sqlite_params(params))
    return int(count)


def _sqlite_params(params: Iterable[object]) -> list[object]:
    # as tortoise writes them: UUIDs as their text; datetimes by the sqlite3 adapter tortoise
    # registers (ISO 8601), so they compare as stored; lists as JSON arrays (``json_each``)
    return [_sqlite_param(p) for p in params]


def _sqlite_param(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return json.dumps([str(v) if isinstance(v, uuid.UUID) else v for v in value])
    return value


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _time(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _json(value: object) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


# ---------------------------------------------------------------------------------------------
# Delivery


class NotificationRow(NamedTuple):
    """A notification: as planned for insert, or as delivery reads it (its columns but
    ``previous_id``, ``last_error_code``, ``wechat_msgid``, ``sent_at`` and ``delivered_at``)."""

    id: uuid.UUID
    event_id: uuid.UUID
    case_id: uuid.UUID
    party_id: uuid.UUID
    channel: str
    status: str
    kind: str
    openid: str | None
    variables: dict[str, str | None]
    attempts: int
    next_attempt_at: datetime
    sending_until: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Sequence[Any]) -> NotificationRow:
        """From the first columns of a plain row (in field order), converted as tortoise
        would."""
        return cls(
            _uuid(row[0]),
            _uuid(row[1]),
            _uuid(row[2]),
            _uuid(row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            _json(row[8]),
            int(row[9]),
            _time(row[10]),
            None if row[11] is None else _time(row[11]),
            _time(row[12]),
            _time(row[13]),
        )


class StoredPreferences(NamedTuple):
    """The recipient's ``party_preference`` columns."""

    opted_out: list[str]
    quiet_start: str | None
    quiet_end: str | None


class DeliveryRead(NamedTuple):
    row: NotificationRow
    node: str  # the event's node code
    due: bool  # :func:`due` at the time of the read (the claim checks again)
    # for a WeChat row, the user's stored preferences (joined by ``oa:``/``mp:`` openid)
    preferences: StoredPreferences | None


async def read_for_delivery(
    nids: Sequence[uuid.UUID], now: datetime
) -> dict[uuid.UUID, DeliveryRead]:
    """Each row, its event's node, whether it is due, and for WeChat rows the recipient's
    stored preferences, by id: one statement for a whole batch."""
    reads: dict[uuid.UUID, DeliveryRead] = {}
    for row in await _fetch(lambda s: s.read, list(nids), now):
        stored = None
        if row["user_key"] is not None:
            opted_out = _json(row["opted_out"])
            stored = StoredPreferences(list(opted_out or ()), row["quiet_start"], row["quiet_end"])
        n = NotificationRow.of(row)
        reads[n.id] = DeliveryRead(n, str(row["node"]), bool(row["due"]), stored)
    return reads


async def claim(rows: Sequence[NotificationRow], lease: datetime, now: datetime) -> set[uuid.UUID]:
    """Make due rows ``sending`` until ``lease`` with one more attempt, each guarded by its
    attempt number as read: only one worker's claim of a row matches. The ids claimed.

    PostgreSQL: one statement; SQLite: the same conditional update per row, in one
    transaction."""
    if not rows:
        return set()
    if db.dialect() == "postgres":
        async with db.postgres_connection() as raw:
            found = await raw.fetch(
                _CLAIM_BATCH, lease, now, [r.id for r in rows], [r.attempts for r in rows]
            )
        return {_uuid(r[0]) for r in found}
    claimed: set[uuid.UUID] = set()
    async with in_transaction() as conn:
        for r in rows:
            params = _sqlite_params((lease, r.attempts + 1, now, r.id, r.attempts))
            count, _ = await conn.execute_query(_SQLITE.claim, params)
            if count == 1:
                claimed.add(r.id)
    return claimed


async def record_recovered(row: NotificationRow, now: datetime) -> None:
    """The attempt of a worker that died with the row claimed (found by its recovery)."""
    await DeliveryAttempt.create(
        notification_id=row.id,
        number=row.attempts,
        channel=row.channel,
        started_at=row.updated_at,
        finished_at=now,
        outcome="recovered",
    )


async def suppress(nid: uuid.UUID, now: datetime) -> bool:
    """A waiting row whose recipient opted out ends ``suppressed``."""
    updated = await Notification.filter(id=nid, status__in=CLAIMABLE).update(
        status="suppressed", last_error_code="opted_out", updated_at=now
    )
    return bool(updated)


async def hold(nid: uuid.UUID, until: datetime, now: datetime) -> bool:
    """A waiting row due in the recipient's quiet hours waits until ``until``."""
    updated = await Notification.filter(id=nid, status__in=CLAIMABLE).update(
        next_attempt_at=until, last_error_code="quiet_hours", updated_at=now
    )
    return bool(updated)


class Settlement(NamedTuple):
    """One claimed row's outcome: the row's new status (with its error code, msgid or next
    attempt) and the attempt to log."""

    id: uuid.UUID
    attempt: int  # the claim's attempt number: the settle's guard
    status: str  # sent | failed_permanent | failed_temporary
    code: str | None
    msgid: int | None  # for ``sent``
    next_attempt_at: datetime | None  # for ``failed_temporary``
    channel: str
    outcome: str  # the attempt's own outcome (sent | retry | deferred | permanent | alert)
    detail: str | None
    started_at: datetime


async def settle(settlements: Sequence[Settlement], now: datetime) -> set[uuid.UUID]:
    """Log every attempt and set each row's outcome, each row guarded by ``status =
    'sending' AND attempts = attempt`` (a worker whose lease ran out cannot overwrite a newer
    outcome). The ids whose guard matched.

    PostgreSQL: one statement; SQLite: the attempt and the guarded update per row, in one
    transaction."""
    if not settlements:
        return set()
    if db.dialect() == "postgres":
        columns = list(zip(*settlements, strict=True))
        async with db.postgres_connection() as raw:
            found = await raw.fetch(_SETTLE_BATCH, now, *map(list, columns))
        return {_uuid(r[0]) for r in found}
    settled: set[uuid.UUID] = set()
    async with in_transaction() as conn:
        for s in settlements:
            await DeliveryAttempt.create(
                notification_id=s.id,
                number=s.attempt,
                channel=s.channel,
                started_at=s.started_at,
                finished_at=now,
                outcome=s.outcome,
                error_code=s.code,
                detail=s.detail,
                using_db=conn,
            )
            fields: dict[str, object] = {"status": s.status, "last_error_code": s.code}
            if s.status == "sent":
                fields.update(sent_at=now, wechat_msgid=s.msgid)
            elif s.status == "failed_temporary":
                fields.update(next_attempt_at=s.next_attempt_at)
            updated = (
                await Notification.filter(id=s.id, status="sending", attempts=s.attempt)
                .using_db(conn)
                .update(updated_at=now, sending_until=None, **fields)
            )
            if updated:
                settled.add(s.id)
    return settled


async def receipts(msgids: Sequence[int]) -> list[tuple[int, str, str]]:
    """``(msgid, status, openid)`` of the receipts stored for these msgids."""
    if not msgids:
        return []
    rows = await _fetch(lambda s: s.receipts, list(msgids))
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


async def receipt_target(msgid: int, openid: str | None) -> NotificationRow | None:
    """The newest Official Account row that was sent as ``msgid`` (to ``openid``)."""
    query = Notification.filter(wechat_msgid=msgid, channel="wechat_oa")
    if openid:
        query = query.filter(openid=openid)
    found = await query.order_by("-created_at").first().values_list(*NotificationRow._fields)
    return None if found is None else NotificationRow.of(found)


async def mark_delivered(nid: uuid.UUID, now: datetime) -> bool:
    updated = await Notification.filter(id=nid, status__in=("sending", "sent")).update(
        status="delivered", delivered_at=now, sending_until=None, updated_at=now
    )
    return bool(updated)


async def mark_failed_by_receipt(nid: uuid.UUID, code: str, now: datetime) -> bool:
    updated = await Notification.filter(id=nid, status__in=("sending", "sent")).update(
        status="failed_permanent", last_error_code=code, updated_at=now
    )
    return bool(updated)


async def use_mp_credit(openid: str, template_id: str, now: datetime) -> bool:
    """Take one accepted one-time subscription (or find a long-term one)."""
    taken = await MpSubscription.filter(
        openid=openid, template_id=template_id, remaining__gt=0
    ).update(remaining=F("remaining") - 1, updated_at=now)
    if taken:
        return True
    return await MpSubscription.exists(openid=openid, template_id=template_id, remaining=None)


async def party(party_id: uuid.UUID) -> Party:
    return await Party.get(id=party_id)


# ---------------------------------------------------------------------------------------------
# The outbox


class Recipient(NamedTuple):
    """What planning needs of a party (read as tuples: a batch reads hundreds of them)."""

    id: uuid.UUID
    case_id: uuid.UUID
    party_id: str  # the case system's id
    role: str
    represents: str | None
    phone_enc: str | None


_RECIPIENT = ("id", "case_id", "party_id", "role", "represents", "phone_enc")


def _recipient(row: Sequence[Any]) -> Recipient:
    pk, case_id, party_id, role, represents, phone_enc = row
    return Recipient(_uuid(pk), _uuid(case_id), party_id, role, represents, phone_enc)


async def active_recipients(
    case_ids: Iterable[uuid.UUID], using: BaseDBAsyncClient | None = None
) -> dict[uuid.UUID, list[Recipient]]:
    """The active parties of these cases, oldest first, by case id."""
    rows = (
        await Party.filter(case_id__in=set(case_ids), active=True)
        .using_db(using)
        .order_by("created_at")
        .values_list(*_RECIPIENT)
    )
    out: dict[uuid.UUID, list[Recipient]] = {}
    for row in rows:
        party = _recipient(row)
        out.setdefault(party.case_id, []).append(party)
    return out


async def recipient(party_id: uuid.UUID) -> Recipient:
    return _recipient(await Party.get(id=party_id).values_list(*_RECIPIENT))


async def insert_notifications(rows: Sequence[NotificationRow], using: BaseDBAsyncClient) -> None:
    """Insert new rows in the caller's transaction: one ``COPY`` on PostgreSQL,
    ``bulk_create`` on SQLite."""
    if not rows:
        return
    if db.dialect(using) == "sqlite":
        models = [Notification(**r._asdict()) for r in rows]
        await Notification.bulk_create(models, batch_size=1000, using_db=using)
        return
    encoded: dict[int, str] = {}  # the rows of one event share its variables: encode once
    records = []
    for r in rows:
        if (text := encoded.get(id(r.variables))) is None:
            text = encoded[id(r.variables)] = json_text(r.variables)
        records.append((*r[:8], text, *r[9:]))
    await copy_rows(using, "notification", NotificationRow._fields, records)


async def channels_tried(event_id: uuid.UUID, party_id: uuid.UUID) -> set[str]:
    """The channels this event's notifications to this party were already made on."""
    found = await Notification.filter(event_id=event_id, party_id=party_id).values_list(
        "channel", flat=True
    )
    return {str(c) for c in found}


async def insert_fallback(
    failed: NotificationRow, channel: str, openid: str | None, now: datetime
) -> NotificationRow | None:
    """The next-channel row after ``failed`` (None if the event's row to the party on this
    channel exists already)."""
    row = NotificationRow(
        uuid.uuid4(),
        failed.event_id,
        failed.case_id,
        failed.party_id,
        channel,
        "undeliverable" if channel == "none" else "created",
        failed.kind,
        openid,
        failed.variables,
        0,
        now,
        None,
        now,
        now,
    )
    try:
        await Notification.create(previous_id=failed.id, **row._asdict())
    except IntegrityError:
        return None
    return row


# ---------------------------------------------------------------------------------------------
# Channel choice (notifiers/reachability.py)


async def unfollowed(openids: list[str], using: BaseDBAsyncClient | None) -> set[str]:
    """The OA openids among these known to have unfollowed. On PostgreSQL one array
    parameter: tortoise built (and bound) an ``IN`` list of hundreds of openids per batch."""
    if db.dialect(using) == "postgres":
        async with db.postgres_connection(using) as raw:
            rows = await raw.fetch(
                "SELECT openid FROM oa_follower WHERE openid = ANY($1::varchar[]) AND NOT follows",
                openids,
            )
        return {r[0] for r in rows}
    found = (
        await OaFollower.filter(openid__in=openids, follows=False)
        .using_db(using)
        .values_list("openid", flat=True)
    )
    return {str(o) for o in found}


async def mp_credits(
    openids: list[str], using: BaseDBAsyncClient | None
) -> dict[tuple[str, str], int | None]:
    """``{(openid, template id): remaining}`` of the subscriptions with credit left (None =
    long-term). Read as plain rows: a batch reads hundreds, and models cost most of it."""
    if db.dialect(using) == "postgres":
        async with db.postgres_connection(using) as raw:
            rows = await raw.fetch(
                "SELECT openid, template_id, remaining FROM mp_subscription"
                " WHERE openid = ANY($1::varchar[]) AND (remaining > 0 OR remaining IS NULL)",
                openids,
            )
        return {(r[0], r[1]): r[2] for r in rows}
    subs = (
        await MpSubscription.filter(
            Q(remaining__gt=0) | Q(remaining__isnull=True), openid__in=openids
        )
        .using_db(using)
        .values_list("openid", "template_id", "remaining")
    )
    return {(str(o), str(t)): None if r is None else int(r) for o, t, r in subs}


# ---------------------------------------------------------------------------------------------
# The sweep


async def due_ids(now: datetime, limit: int) -> list[str]:
    """Ids of rows due at ``now`` (:func:`due`), longest waiting first."""
    return [str(r[0]) for r in await _fetch(lambda s: s.due_ids, now, limit)]


async def overdue(before: datetime, limit: int) -> list[tuple[str, int]]:
    """``(id, attempts)`` of rows that were already due at ``before``."""
    return [(str(r[0]), int(r[1])) for r in await _fetch(lambda s: s.overdue, before, limit)]


async def reconcile_receipts(now: datetime) -> None:
    """``sent`` rows whose ``success`` receipt (of the last day) arrived before their msgid
    was recorded become ``delivered``."""
    recent = await WeChatReceipt.filter(
        status="success", received_at__gte=now - timedelta(days=1)
    ).values_list("msgid", flat=True)
    if recent:
        await Notification.filter(
            status="sent", channel="wechat_oa", wechat_msgid__in=list(recent)
        ).update(status="delivered", delivered_at=now, updated_at=now)
