"""Where this process sends new notifications: the channels that plan them and the arq pool
that queues them.

The web app binds its own at start-up (the same objects as ``app.state.notification_channels``
and ``app.state.arq``, read when used, so a test that swaps them is followed), the worker
binds its own in ``on_startup``. Code that records events outside a court request — the
disclosure lifecycle in the worker, rights-list reminders, objection status changes — gets
them from :func:`current`. Without a binding (a CLI command such as ``disclosures import``)
the channels come from the settings and nothing is queued: the worker's sweep sends those
rows within one sweep interval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from arq.connections import ArqRedis

from config.settings import load_settings
from notifiers.channels import Channels
from notifiers.templates import load_templates


@dataclass(frozen=True)
class Outlet:
    channels: Channels
    arq: ArqRedis | None


_source: Callable[[], Outlet] | None = None


def bind(source: Callable[[], Outlet] | None) -> None:
    """Called by the web lifespan and the worker start-up (None when they stop)."""
    global _source
    _source = source


def current() -> Outlet:
    if _source is not None:
        return _source()
    settings = load_settings()
    return Outlet(Channels.from_settings(settings, load_templates(settings)), None)
