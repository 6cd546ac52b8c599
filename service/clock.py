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


def order_after(reported: datetime, previous: datetime, skew: timedelta) -> datetime | None:
    """A time another system reported for something that must follow ``previous`` (one of
    ours): accepted when it is at most ``skew`` earlier — whole seconds, or a clock a little
    behind — and then ordered right at ``previous``; None when it is earlier still."""
    if reported < previous - skew:
        return None
    return max(reported, previous)


def advance(delta: timedelta) -> None:
    """Move this process's clock forward (tests only)."""
    global _offset
    _offset += delta


def reset() -> None:
    global _offset
    _offset = timedelta(0)
