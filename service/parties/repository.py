"""The parties' SQL: the queries whose spelling differs between PostgreSQL and SQLite.

The dialect is asked here only (:func:`service.db.dialect`); the service never sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient

from service import db
from service.parties.models import Binding


class LiveBinding(NamedTuple):
    party_id: uuid.UUID
    oa_openid: str | None
    mp_openid: str | None


async def live_bindings(
    party_ids: Sequence[uuid.UUID], using: BaseDBAsyncClient | None = None
) -> Iterable[LiveBinding]:
    """The live (not revoked) bindings of these parties, oldest first."""
    conn = using or db.connection()
    if db.dialect(conn) == "postgres":
        # Plain tuples: tortoise's ``.values()`` converted every field of every row (600 rows
        # per ingest batch); asyncpg's uuid is a ``uuid.UUID`` (equal and hash-equal to one).
        _, rows = await conn.execute_query(
            "SELECT party_id, oa_openid, mp_openid FROM binding"
            " WHERE party_id = ANY($1::uuid[]) AND revoked_at IS NULL ORDER BY created_at",
            [party_ids],
        )
        return (LiveBinding(r[0], r[1], r[2]) for r in rows)
    values = (
        await Binding.filter(party_id__in=party_ids, revoked_at__isnull=True)
        .using_db(using)
        .order_by("created_at")
        .values_list("party_id", "oa_openid", "mp_openid")
    )
    return (LiveBinding(uuid.UUID(str(p)), oa, mp) for p, oa, mp in values)
