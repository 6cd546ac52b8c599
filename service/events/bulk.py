"""Many rows into PostgreSQL in one ``COPY``, inside the caller's transaction.

Tortoise's ``bulk_create`` builds a model object per row and sends an ``executemany``; for a
batch of 500 court events and their ~1,250 notification rows that was a quarter of the web
process's time (docs/performance.md, Ingest). Here rows are plain tuples and asyncpg's
binary ``COPY`` encodes them. It runs on the transaction's own connection, so the rows
commit (or roll back) with everything else the transaction wrote.

PostgreSQL only: on SQLite the callers keep ``bulk_create`` (:func:`is_postgres`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError


def is_postgres(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "postgres"


def json_text(value: object) -> str:
    """A ``jsonb`` value as asyncpg takes it (text; PostgreSQL normalises it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def copy_rows(
    conn: BaseDBAsyncClient, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """``COPY table (columns) FROM`` the tuples in ``rows``.

    A unique or foreign-key violation raises tortoise's :class:`IntegrityError`, as
    ``bulk_create`` would, so callers handle a concurrent insert the same way on both paths.
    The transaction is then aborted; the caller's ``in_transaction`` rolls it back.
    """
    if not rows:
        return
    async with conn.acquire_connection() as raw:
        try:
            await raw.copy_records_to_table(table, records=rows, columns=list(columns))
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise IntegrityError(exc) from exc
