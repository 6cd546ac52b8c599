"""Message preferences: per-node opt-out and quiet hours (contract §4.3), and the one decision
delivery asks of them — send now, hold until a time, or skip.

Legally significant nodes (立案, 终本, 案款到账/发放, objection status changes) ignore both:
a party cannot opt out of being told the law's deadlines have started. Messages due in quiet
hours are held to the end of the quiet period plus up to ten minutes of jitter, so a court's
backlog does not ring every phone at 08:00:00.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from config.settings import Settings
from service import clock
from service.events.nodes import NODES
from service.parties.models import Preference

RELEASE_JITTER_SECONDS = 600


@dataclass(frozen=True)
class Preferences:
    opted_out: tuple[str, ...]
    quiet_start: time
    quiet_end: time


@dataclass(frozen=True)
class Decision:
    skip: bool = False
    hold_until: datetime | None = None


def defaults(settings: Settings) -> Preferences:
    return Preferences((), settings.quiet_hours_start, settings.quiet_hours_end)


def node_choices(prefs: Preferences) -> list[dict[str, object]]:
    """The nodes a party is sent, each with whether it is mandatory and whether it is opted out
    (the preferences API and page both show these)."""
    return [
        {
            "code": n.code,
            "name_zh": n.name_zh,
            "mandatory": n.legally_significant,
            "opted_out": n.code in prefs.opted_out,
        }
        for n in NODES.values()
        if n.pushed
    ]


async def get_preferences(settings: Settings, user_key: str) -> Preferences:
    row = await Preference.get_or_none(user_key=user_key)
    if row is None:
        return defaults(settings)
    return from_columns(settings, row.opted_out, row.quiet_start, row.quiet_end)


def from_columns(
    settings: Settings, opted_out: list[str], quiet_start: str | None, quiet_end: str | None
) -> Preferences:
    """A stored row's columns (read by :func:`get_preferences`, or joined by a caller that
    reads them with other rows, as delivery does) as :class:`Preferences`."""
    return Preferences(
        tuple(opted_out),
        time.fromisoformat(quiet_start) if quiet_start else settings.quiet_hours_start,
        time.fromisoformat(quiet_end) if quiet_end else settings.quiet_hours_end,
    )


async def save_preferences(user_key: str, prefs: Preferences) -> None:
    await Preference.update_or_create(
        defaults={
            "opted_out": sorted(set(prefs.opted_out)),
            "quiet_start": prefs.quiet_start.strftime("%H:%M"),
            "quiet_end": prefs.quiet_end.strftime("%H:%M"),
            "updated_at": clock.now(),
        },
        user_key=user_key,
    )


def quiet_until(prefs: Preferences, at: datetime) -> datetime | None:
    """The end of the quiet period ``at`` falls in (UTC), or None when ``at`` is not quiet."""
    start, end = prefs.quiet_start, prefs.quiet_end
    if start == end:
        return None
    local = at.astimezone(clock.SHANGHAI)
    now_t = local.time()
    in_quiet = (start <= now_t or now_t < end) if start > end else (start <= now_t < end)
    if not in_quiet:
        return None
    release = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if release <= local:
        release += timedelta(days=1)
    return release.astimezone(clock.now().tzinfo)


def decide(
    prefs: Preferences,
    node: str,
    legally_significant: bool,
    at: datetime,
    rng: random.Random | None = None,
) -> Decision:
    if legally_significant:
        return Decision()
    if node in prefs.opted_out:
        return Decision(skip=True)
    until = quiet_until(prefs, at)
    if until is None:
        return Decision()
    jitter = (rng or random).uniform(0, RELEASE_JITTER_SECONDS)
    return Decision(hold_until=until + timedelta(seconds=jitter))


async def decision_for_user(
    settings: Settings, user_key: str | None, node: str, legally_significant: bool, at: datetime
) -> Decision:
    """``user_key`` None (a party never signed in, reached by SMS) gets the defaults: no
    opt-outs, the deployment's quiet hours."""
    prefs = await get_preferences(settings, user_key) if user_key else defaults(settings)
    return decide(prefs, node, legally_significant, at)


async def large_text(user_key: str) -> bool:
    """Whether the user chose 长辈模式 (larger type) for the party pages."""
    row = await Preference.get_or_none(user_key=user_key)
    return bool(row and row.large_text)


async def set_large_text(settings: Settings, user_key: str, on: bool) -> None:
    """Turn 长辈模式 on or off; a user without saved preferences gets the defaults saved too."""
    row = await Preference.get_or_none(user_key=user_key)
    if row is None:
        await save_preferences(user_key, defaults(settings))
    await Preference.filter(user_key=user_key).update(large_text=on, updated_at=clock.now())
