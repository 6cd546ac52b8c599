"""The cases' SQL: the statements whose spelling differs between PostgreSQL and SQLite.

The dialect is asked here only (:func:`service.db.dialect`); the service never sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from service import db
from service.cases.models import Case


@dataclass(frozen=True)
class NodeUpdate:
    """A case's latest node as one batch saw it (``status``: the state the node sets, if any)."""

    case_id: uuid.UUID
    node: str
    at: datetime
    status: str | None


async def record_nodes(updates: Sequence[NodeUpdate], conn: BaseDBAsyncClient) -> None:
    """Move each case to its update's node in one statement, only to a node at least as
    recent as the one it has."""
    if not updates:
        return
    if db.dialect(conn) == "postgres":
        await _record_nodes_postgres(updates, conn)
    else:
        await _record_nodes_sqlite(updates, conn)


async def _record_nodes_postgres(updates: Sequence[NodeUpdate], conn: BaseDBAsyncClient) -> None:
    ordered = sorted(updates, key=lambda u: u.case_id)
    ids = [u.case_id for u in ordered]
    # Concurrent batches touch overlapping cases: take the row locks in one order (by id)
    # first, or two batches could each hold a case the other waits for. NO KEY UPDATE is the
    # lock the UPDATE takes anyway, and does not block the events' foreign-key checks.
    await conn.execute_query(
        'SELECT 1 FROM "case" WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [ids]
    )
    await conn.execute_query(
        'UPDATE "case" AS c SET last_node = v.node, last_node_at = v.at,'
        " status = COALESCE(v.status, c.status)"
        " FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[])"
        " AS v(id, node, at, status)"
        " WHERE c.id = v.id AND (c.last_node_at IS NULL OR c.last_node_at <= v.at)",
        [ids, [u.node for u in ordered], [u.at for u in ordered], [u.status for u in ordered]],
    )


async def _record_nodes_sqlite(updates: Sequence[NodeUpdate], conn: BaseDBAsyncClient) -> None:
    # SQLite ≥ 3.33 has UPDATE … FROM; values go through tortoise's own field conversion so
    # that ids and instants are stored (and compared, as text) exactly as tortoise writes them.
    fields = Case._meta.fields_map
    rows: list[object] = []
    for u in updates:
        rows += [
            fields["id"].to_db_value(u.case_id, Case),
            u.node,
            fields["last_node_at"].to_db_value(u.at, Case),
            u.status,
        ]
    values = ", ".join(["(?, ?, ?, ?)"] * len(updates))  # placeholders only, no data
    await conn.execute_query(
        'UPDATE "case" SET last_node = v.column2, last_node_at = v.column3,'  # noqa: S608
        ' status = COALESCE(v.column4, "case".status)'
        f" FROM (VALUES {values}) AS v"
        ' WHERE "case".id = v.column1'
        ' AND ("case".last_node_at IS NULL OR "case".last_node_at <= v.column3)',
        rows,
    )
