"""The feed document a screen receives by pull (contract §3.1) or push (§3.2)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from disclosure.led.feed import Built
from service import clock


class Answered(Protocol):
    """What a feed document shows of a screen: its row (``Screen``) or a poll's view of it."""

    @property
    def screen_id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def rows(self) -> int: ...
    @property
    def cols(self) -> int: ...
    @property
    def refresh_seconds(self) -> int: ...
    @property
    def lease_seconds(self) -> int: ...


def lease_expires_at(screen: Answered, now: datetime | None = None) -> datetime:
    return (now or clock.now()) + timedelta(seconds=screen.lease_seconds)


def feed_document(screen: Answered, built: Built, now: datetime | None = None) -> dict[str, Any]:
    now = now or clock.now()
    return {
        "screen_id": screen.screen_id,
        "version": screen.version,
        "generated_at": now.isoformat(),
        "lease_expires_at": lease_expires_at(screen, now).isoformat(),
        "refresh_seconds": screen.refresh_seconds,
        "lease_seconds": screen.lease_seconds,
        "rows": screen.rows,
        "cols": screen.cols,
        "pages": [{"seconds": p.seconds, "lines": list(p.lines)} for p in built.pages],
    }


def feed_text(built: Built) -> str:
    """Pages as plain text, separated by a line holding only a form feed."""
    return "\n\f\n".join("\n".join(p.lines) for p in built.pages) + "\n"
