"""A screen's poll (``GET …/feed`` and ``…/feed.txt``): one SQL statement, and a 304 decided
before anything is built (docs/performance.md "LED feed").

A steady-state poll — nothing new for this screen — costs one statement that reads the
screen's row *and* the disclosure state (version, withdrawal floor) together, the keyed hash
of the token, the pages of the screen's geometry from the per-process build cache
(:mod:`disclosure.led.feed`, keyed by the version this very statement read) and a digest
compare. When the row must change (new pages for the screen, or a newer withdrawal floor) the
poll writes the same conditional UPDATE as :func:`disclosure.led.screens.evaluate` and answers
from its view of the row; only if another process moved the row first does it load the
``Screen`` model and evaluate it as before.

Why this stays right with any number of web processes: no process keeps the disclosure
version or a screen's row between requests. Every poll reads both from the database in one
snapshot; a withdrawal commits a new version in its transaction, so the next poll of any
process sees it, misses the build cache and rebuilds. The shortcut is taken exactly when
``evaluate`` would return the row unchanged (:func:`disclosure.led.screens.changes` is empty;
the very function ``evaluate`` uses), so it answers what the full path would answer
(tests/disclosure/test_led_poll.py).

``last_seen_at`` is not written per poll: :class:`SeenBuffer` collects the screens seen by
this process and writes them with one ``HSET`` of many fields a second (the worker's
``led_flush_seen`` copies the hash into the table, as before).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hmac
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis

from config.logging import get_logger
from disclosure.led import feed, repository, screens
from disclosure.led.models import Screen
from disclosure.led.repository import PollRow
from disclosure.state import State
from service import clock

log = get_logger("microcourt.led")


@dataclass(frozen=True)
class Polled:
    """The screen as it should be answered (its row, or the re-evaluated model) and its pages."""

    screen: PollRow | Screen
    built: feed.Built


async def poll(screen_id: str, token: str | None, seen: SeenBuffer) -> Polled:
    """Authenticate the screen (401 ``screen_token_invalid``), count the contact, and return
    its current version and pages."""
    if not token:
        raise screens.unauthorized()
    row = await repository.poll_row(screen_id)
    if row is None or not hmac.compare_digest(row.token_hash, screens.token_hash(token)):
        raise screens.unauthorized()
    seen.mark(screen_id)
    if row.state_version is not None and row.state_floor is not None:
        state = State(row.state_version, row.state_floor)
        built = await feed.build(row.rows, row.cols, state)
        updates = screens.changes(row, built)
        if not updates:  # the steady state: evaluate() would change nothing
            return Polled(row, built)
        # New pages or a new floor: evaluate()'s conditional UPDATE, without reading the row
        # back (the poll's view takes the new values).
        if await screens.write_changes(row, screen_id, updates, built):
            kept = {k: v for k, v in updates.items() if k in _VIEW_FIELDS}
            return Polled(dataclasses.replace(row, **kept), built)
    # Another process moved the row first, or the state row is not made yet: the model path.
    model = await Screen.get_or_none(screen_id=screen_id)
    if model is None:  # deleted since the read
        raise screens.unauthorized()
    model, built = await screens.current(model)
    return Polled(model, built)


_VIEW_FIELDS = frozenset(f.name for f in dataclasses.fields(PollRow))


class SeenBuffer:
    """``last_seen_at`` of the screens that contacted this process, written to Redis once a
    second with one ``HSET`` of many fields instead of one ``HSET`` per request.

    A value reaches Redis at most ``interval`` seconds late (the worker's table copy runs once
    a minute anyway); :meth:`flush` writes at once (the screens list does, so it shows this
    process's contacts up to the moment). Values are the contact times, not the write times.
    A failed write keeps its values for the next try. What is still buffered when the process
    stops is written if Redis answers within half a second, and otherwise lost (a screen's
    ``last_seen_at`` is then up to a second older than its last contact).
    """

    def __init__(self, redis: Redis, interval: float = 1.0) -> None:
        self.redis = redis
        self.interval = interval
        self._pending: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None

    def mark(self, screen_id: str, at: float | None = None) -> None:
        at = clock.now().timestamp() if at is None else at
        if self._pending.get(screen_id, 0.0) < at:  # the latest contact wins
            self._pending[screen_id] = at
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def flush(self) -> int:
        if not self._pending:
            return 0
        batch, self._pending = self._pending, {}
        try:
            await screens.wait(self.redis.hset(screens.SEEN_KEY, mapping=_fields(batch)))
        except BaseException:
            for sid, at in batch.items():  # keep the later of the two for the next try
                if self._pending.get(sid, 0.0) < at:
                    self._pending[sid] = at
            raise
        return len(batch)

    async def _run(self) -> None:
        try:
            while self._pending:
                await asyncio.sleep(self.interval)
                try:
                    await self.flush()
                except Exception as exc:  # Redis away: try again next second
                    log.warning("led.seen_flush_failed", error=type(exc).__name__)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self.flush(), 0.5)
            raise


def _fields(batch: dict[str, float]) -> dict[Any, Any]:
    return {sid: str(at) for sid, at in batch.items()}
