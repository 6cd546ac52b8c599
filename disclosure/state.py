"""The deployment's disclosure version and withdrawal floor: the one ``disclosure_state`` row.

The listings service raises them (:func:`bump`, in the transaction of each change); the LED
screens read them (:func:`current_state`) to know whether what they show is current and
whether a withdrawal must reach them (contract §3.3). Both sides import this module, not each
other's.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from disclosure.models import DisclosureState
from service import clock


@dataclass(frozen=True)
class State:
    version: int
    withdrawal_floor: int


_state_ready = False


async def _ensure_state() -> None:
    global _state_ready
    if _state_ready:
        return
    with contextlib.suppress(IntegrityError):  # another process created it first
        await DisclosureState.get_or_create(id=1, defaults={"version": 0, "withdrawal_floor": 0})
    _state_ready = True


async def bump(conn: BaseDBAsyncClient, *, floor: bool) -> int:
    """Raise the version by one inside the caller's transaction and return it.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) until commit, so
    versions are handed out in commit order and never twice."""
    await _ensure_state()
    now = clock.now()
    await (
        DisclosureState.filter(id=1).using_db(conn).update(version=F("version") + 1, updated_at=now)
    )
    state = await DisclosureState.get(id=1, using_db=conn)
    if floor:
        await DisclosureState.filter(id=1).using_db(conn).update(withdrawal_floor=state.version)
    return int(state.version)


async def current_state() -> State:
    """The disclosure version and the withdrawal floor (for screens, contract §3.3)."""
    await _ensure_state()
    # Read on every LED poll: plain SQL, not a Model (tortoise's query building and model
    # construction were half the cost of this read; docs/performance.md "LED feed").
    rows = await DisclosureState._meta.db.execute_query_dict(_STATE_SQL)
    return State(int(rows[0]["version"]), int(rows[0]["withdrawal_floor"]))


_STATE_SQL = "SELECT version, withdrawal_floor FROM disclosure_state WHERE id = 1"
