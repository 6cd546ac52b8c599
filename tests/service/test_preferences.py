"""The delivery decision of message preferences: opt-out, quiet hours, mandatory nodes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from service.clock import SHANGHAI
from service.parties.preferences import RELEASE_JITTER_SECONDS, Preferences, decide, quiet_until

NIGHT = Preferences((), time(22, 0), time(8, 0))


def _local(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, 1, hour, minute, tzinfo=SHANGHAI)


def test_quiet_hours_across_midnight() -> None:
    assert quiet_until(NIGHT, _local(21, 59)) is None
    assert quiet_until(NIGHT, _local(8, 0)) is None
    late = quiet_until(NIGHT, _local(23, 30))
    assert late is not None
    assert late.astimezone(SHANGHAI) == datetime(2024, 6, 2, 8, 0, tzinfo=SHANGHAI)
    early = quiet_until(NIGHT, _local(6, 15))
    assert early is not None
    assert early.astimezone(SHANGHAI) == _local(8, 0)


def test_daytime_window_and_no_window() -> None:
    lunch = Preferences((), time(12, 0), time(14, 0))
    assert quiet_until(lunch, _local(13, 0)) == _local(14, 0).astimezone(UTC)
    assert quiet_until(lunch, _local(14, 0)) is None
    assert quiet_until(Preferences((), time(9, 0), time(9, 0)), _local(9, 0)) is None


def test_opt_out_and_mandatory_nodes() -> None:
    prefs = Preferences(("online_search_started",), time(22, 0), time(8, 0))
    assert decide(prefs, "online_search_started", False, _local(12)).skip
    # legally significant nodes ignore both the opt-out list and quiet hours
    mandatory = decide(prefs, "funds_received", True, _local(23))
    assert not mandatory.skip
    assert mandatory.hold_until is None
    held = decide(prefs, "property_sealed", False, _local(23), random.Random(1))
    assert held.hold_until is not None
    release = _local(8, 0) + timedelta(days=1)
    assert release <= held.hold_until <= release + timedelta(seconds=RELEASE_JITTER_SECONDS)


@settings(max_examples=200, deadline=None)
@given(
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    at=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
    ),
)
def test_a_held_message_is_released_outside_quiet_hours(
    start: time, end: time, at: datetime
) -> None:
    prefs = Preferences((), start, end)
    until = quiet_until(prefs, at)
    if until is None:
        return
    assert at < until <= at + timedelta(days=1)
    assert quiet_until(prefs, until) is None
