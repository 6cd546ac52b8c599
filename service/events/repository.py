"""The events' SQL: the queries whose spelling differs between PostgreSQL and SQLite.

The dialect is asked here only (:func:`service.db.dialect`); the service never sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient

from service import db
from service.events.models import Event


class EventRow(NamedTuple):
    """An event as stored (``data`` already sealed), in the table's column order."""

    id: uuid.UUID
    court_key: str
    event_id: str
    content_hash: str
    case_id: uuid.UUID
    node: str
    occurred_at: datetime
    data: dict[str, Any]
    received_at: datetime


async def used_event_ids(
    conn: BaseDBAsyncClient, court_key: str, event_ids: Sequence[str]
) -> dict[str, str]:
    """``{event_id: content_hash}`` of these ids already stored under ``court_key``."""
    if not event_ids:
        return {}
    if db.dialect(conn) == "postgres":
        # One index probe per id, whatever the statistics say. ``event_id IN (…)`` was planned
        # as a scan of every event of the court (the unique index used for ``court_key``
        # only), and so was a join on the array when PostgreSQL knew its length: each batch
        # got slower as the table grew. PostgreSQL runs a correlated subquery per row instead.
        _, rows = await conn.execute_query(
            "SELECT u.event_id, (SELECT e.content_hash FROM event e"
            " WHERE e.court_key = $1 AND e.event_id = u.event_id) AS content_hash"
            " FROM unnest($2::varchar[]) AS u(event_id)",
            [court_key, list(event_ids)],
        )
        return {r["event_id"]: r["content_hash"] for r in rows if r["content_hash"] is not None}
    pairs = (
        await Event.filter(court_key=court_key, event_id__in=list(event_ids))
        .using_db(conn)
        .values_list("event_id", "content_hash")
    )
    return {str(event_id): str(digest) for event_id, digest in pairs}


async def insert_events(conn: BaseDBAsyncClient, rows: Sequence[EventRow]) -> None:
    """Insert the events in one statement: a ``COPY`` on PostgreSQL, ``bulk_create`` on
    SQLite. A used ``(court_key, event_id)`` raises ``IntegrityError`` on both."""
    if db.dialect(conn) == "postgres":
        copied = [
            (*r[:7], db.json_text(r.data), r.received_at)  # jsonb as text, the rest as is
            for r in rows
        ]
        await db.copy_rows(conn, "event", EventRow._fields, copied)
        return
    await Event.bulk_create(
        [
            Event(
                id=r.id,
                court_key=r.court_key,
                event_id=r.event_id,
                content_hash=r.content_hash,
                case_id=r.case_id,
                node=r.node,
                occurred_at=r.occurred_at.astimezone(UTC),
                data=r.data,
                received_at=r.received_at,
            )
            for r in rows
        ],
        batch_size=1000,
        using_db=conn,
    )
