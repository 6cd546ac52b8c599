"""What delivery needs (:class:`Deps`), what one attempt came to (:class:`Result`), and the
retry backoff."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from arq.connections import ArqRedis
from redis.asyncio import Redis

from config.settings import Settings
from notifiers.channels import Channels
from service.outbound import Outbound
from service.wechat.client import WeChat

# Sends in flight per process (all delivery jobs together), and so the connections per origin
# (WeChat API, SMS gateway) its HTTP client keeps: a send never waits for a connection.
SEND_CONCURRENCY = 50
# Rows being delivered at once per process (batches beyond it wait, holding no row): bounds
# the rows claimed and waiting for a send, so even sends that each take the whole WeChat
# timeout (200 rows / 50 at a time x 10 s) end inside the 60 s lease and arq's job timeout.
ROWS_IN_FLIGHT = 200


class RowGate:
    """Admits batches while their rows fit under ``limit`` (a batch larger than the limit
    alone when nothing else runs): small batches run side by side, large ones in turn."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._changed = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def rows(self, count: int) -> AsyncIterator[None]:
        async with self._changed:
            await self._changed.wait_for(lambda: self.used == 0 or self.used + count <= self.limit)
            self.used += count
        try:
            yield
        finally:
            async with self._changed:
                self.used -= count
                self._changed.notify_all()


@dataclass
class Deps:
    """What delivery needs; built once per worker (and once per web process for receipts)."""

    settings: Settings
    channels: Channels
    http: Outbound
    redis: Redis
    arq: ArqRedis | None
    wechat: WeChat
    # appid → (quota pause until, monotonic time read): notifiers.sending._paused_until
    pauses: dict[str, tuple[datetime | None, float]] = field(default_factory=dict)
    # bounds the sends of every batch this process delivers (notifiers.delivery)
    sends: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(SEND_CONCURRENCY))
    rows: RowGate = field(default_factory=lambda: RowGate(ROWS_IN_FLIGHT))

    @classmethod
    def build(
        cls,
        settings: Settings,
        channels: Channels,
        http: Outbound,
        redis: Redis,
        arq: ArqRedis | None,
    ) -> Deps:
        wechat = WeChat.build(settings, http, redis, oa=channels.oa, mp=channels.mp)
        return cls(settings, channels, http, redis, arq, wechat)


@dataclass(frozen=True)
class Result:
    outcome: str  # sent | retry | deferred | permanent | alert
    code: str | None = None
    msgid: int | None = None
    retry_at: datetime | None = None
    detail: str | None = None


def backoff(settings: Settings, attempt: int) -> timedelta:
    base = settings.notification_retry_base_seconds * 2 ** max(0, attempt - 1)
    seconds = min(base, 1800)
    return timedelta(seconds=seconds * (1 + random.random() * 0.2))
