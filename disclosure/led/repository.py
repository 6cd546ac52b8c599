"""The screens' SQL that differs between PostgreSQL and SQLite: a poll's read and the
conditional UPDATE of a screen's version.

After a withdrawal every screen's next poll runs both, so on PostgreSQL they are plain SQL on
the asyncpg connection (each statement prepared once per connection; tortoise's query
building was most of a poll's cost, docs/performance.md "LED feed"). The dialect is asked here
only (:func:`service.db.dialect`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from disclosure.led.models import Screen
from service import db

_COLUMNS = (
    "s.screen_id, s.token_hash, s.rows, s.cols, s.version, s.content_hash, s.floor_seen, "
    "s.refresh_seconds, s.lease_seconds, d.version AS state_version, "
    "d.withdrawal_floor AS state_floor"
)
# LEFT JOIN: a database whose state row is not made yet still finds the screen (the full path
# then makes the row).
_POLL_SQL = (
    f"SELECT {_COLUMNS} FROM led_screen s LEFT JOIN disclosure_state d ON d.id = 1 "  # noqa: S608
    "WHERE s.screen_id = {}"
)
POLL_SQL_POSTGRES = _POLL_SQL.format("$1")
POLL_SQL_SQLITE = _POLL_SQL.format("?")


@dataclass(frozen=True, slots=True)
class PollRow:
    """What a poll needs of a screen's row, and the disclosure state of the same snapshot."""

    screen_id: str
    token_hash: str
    rows: int
    cols: int
    version: int
    content_hash: str
    floor_seen: int
    refresh_seconds: int
    lease_seconds: int
    state_version: int | None
    state_floor: int | None


async def poll_row(screen_id: str) -> PollRow | None:
    """The screen's row and the disclosure state in one statement; None for an unknown id."""
    if db.dialect() == "postgres":
        async with db.postgres_connection() as conn:
            record = await conn.fetchrow(POLL_SQL_POSTGRES, screen_id)
        return None if record is None else PollRow(*record)
    rows = await db.connection().execute_query_dict(POLL_SQL_SQLITE, [screen_id])
    return PollRow(**rows[0]) if rows else None


async def update_if_unchanged(
    screen_id: str, version: int, content_hash: str, updates: dict[str, Any]
) -> bool:
    """Write ``updates`` to the screen if its row still has this version and content hash
    (so concurrent processes never hand out one version twice); whether it did."""
    if db.dialect() == "sqlite":
        return bool(
            await Screen.filter(
                screen_id=screen_id, version=version, content_hash=content_hash
            ).update(**updates)
        )
    columns = sorted(updates)  # only these (<= 4 shapes, each prepared once per connection)
    assigns = ", ".join(f"{c} = ${i}" for i, c in enumerate(columns, start=4))
    sql = (
        f"UPDATE led_screen SET {assigns} "  # noqa: S608 - column names from the caller's code
        "WHERE screen_id = $1 AND version = $2 AND content_hash = $3"
    )
    async with db.postgres_connection() as conn:
        status = await conn.execute(
            sql, screen_id, version, content_hash, *(updates[c] for c in columns)
        )
    return str(status) == "UPDATE 1"
