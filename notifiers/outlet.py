"""Where this process sends new notifications: the channels that plan them and the arq pool
that queues them — the notifiers' side of :mod:`service.events.notifying`.

The web app binds its own at start-up (the same objects as ``app.state.notification_channels``
and ``app.state.arq``, read when used, so a test that swaps them is followed), the worker binds
its own in ``on_startup``, and a CLI command that records events binds :func:`from_settings`:
channels from the settings and no queue, so the worker's sweep sends those rows within one
sweep interval.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from arq.connections import ArqRedis
from tortoise.backends.base.client import BaseDBAsyncClient

from config.settings import Settings, load_settings
from notifiers.channels import Channels
from notifiers.outbox import count_created, enqueue, insert_notifications, plan_notifications
from notifiers.templates import load_templates
from service.events import notifying
from service.events.notifying import Accepted, Notifier, Stored


@dataclass(frozen=True)
class Outlet:
    channels: Channels
    arq: ArqRedis | None

    async def store(self, events: Sequence[Accepted], conn: BaseDBAsyncClient) -> Stored:
        rows = await plan_notifications(self.channels, events, conn)
        await insert_notifications(rows, conn)
        return Stored(
            count=len(rows),
            to_queue=[r.id for r in rows if r.status == "created"],
            committed=lambda: count_created(rows),
        )

    async def enqueue(self, ids: Sequence[uuid.UUID]) -> None:
        await enqueue(self.arq, ids)


def bind_process(source: Callable[[], Notifier] | None) -> Callable[[], Notifier] | None:
    """The process's outlet for every event it records (``None`` when the process stops);
    returns the binding it replaces."""
    return notifying.bind(source)


def from_settings(settings: Settings | None = None) -> Outlet:
    """Channels from the settings and no queue (commands that run without a worker pool)."""
    settings = settings or load_settings()
    return Outlet(Channels.from_settings(settings, load_templates(settings)), None)
