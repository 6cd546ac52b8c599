"""The one clock. Everything that asks "what time is it" asks here, so tests can move time.

Deadlines, listing periods, reminders and lease expiry all read :func:`now`; a test moves the
clock with :func:`advance` (in-process) instead of sleeping or patching ``datetime``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

_offset = timedelta(0)


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC) + _offset


def local_now() -> datetime:
    """The current time in the court's zone (Asia/Shanghai)."""
    return now().astimezone(SHANGHAI)


def advance(delta: timedelta) -> None:
    """Move this process's clock forward (tests only)."""
    global _offset
    _offset += delta


def reset() -> None:
    global _offset
    _offset = timedelta(0)
