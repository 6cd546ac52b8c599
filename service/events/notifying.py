"""What recording an event needs from whoever tells the parties about it.

Recording an event (a court batch or a system event) stores the event and its notifications in
one transaction and queues the notifications after commit. The notifiers do the planning and
the queueing (:class:`notifiers.outlet.Outlet`); this module is the small port events record
through, so that the notifiers can build on events (their rows reference events, their plans
read the node catalogue) without events importing the notifiers back. Each process's
composition root — the web app, the worker, a CLI command, the demo — binds its outlet with
:func:`bind`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tortoise.backends.base.client import BaseDBAsyncClient

from service.cases.models import Case
from service.events import nodes


@dataclass(frozen=True)
class Accepted:
    """An event accepted for recording, as its notifications are planned from it."""

    event_pk: uuid.UUID
    case: Case
    node: nodes.Node
    occurred_at: datetime
    data: dict[str, object]  # as validated, before personal fields are sealed for storage
    recipients: frozenset[uuid.UUID] | None = None  # these parties only (system events)


@dataclass(frozen=True)
class Stored:
    """The notifications written with a batch of events."""

    count: int  # rows written (the audit entry names it)
    to_queue: list[uuid.UUID]  # rows that wait for a worker (queued after commit)
    committed: Callable[[], None]  # call once the transaction committed (counts them)


class Notifier(Protocol):
    async def store(self, events: Sequence[Accepted], conn: BaseDBAsyncClient) -> Stored:
        """Plan and insert the events' notifications inside the caller's transaction."""
        ...

    async def enqueue(self, ids: Sequence[uuid.UUID]) -> None:
        """Queue stored notifications; never raises (the sweep finds what this misses)."""
        ...


_source: Callable[[], Notifier] | None = None


def bind(source: Callable[[], Notifier] | None) -> Callable[[], Notifier] | None:
    """Called by each composition root at start-up (``None`` when it stops); returns the
    source it replaces, for a caller that binds for a while and then puts it back."""
    global _source
    previous, _source = _source, source
    return previous


def current() -> Notifier:
    if _source is None:
        raise RuntimeError(
            "no notifier bound: the process's start-up must call notifiers.outlet.bind_process"
        )
    return _source()
