"""Screen registry, per-screen versions, acknowledgements and compliance (contract §1.7, §3).

Versioning: :func:`evaluate` compares the digest of the pages this screen should show now
with the digest stored for its current version; only when they differ is the version raised
(a conditional UPDATE, so concurrent processes never hand out one version twice). While the
global withdrawal floor is newer than the one the screen was last evaluated against, the
evaluation also records which per-screen version first reflects it (``floor_version``).

``last_seen_at`` goes to Redis (the web process batches it: one HSET of many fields a second,
:class:`disclosure.led.poll.SeenBuffer`) and is flushed to the table by the worker's
``led_flush_seen`` cron; readers take the later of the two.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar, cast

from redis.asyncio import Redis
from redis.exceptions import ResponseError
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from config.logging import get_logger
from disclosure import state
from disclosure.led import feed, repository
from disclosure.led.models import Screen
from disclosure.led.schemas import ScreenIn
from service import clock
from service.audit import service as audit
from service.errors import ProblemError
from service.privacy import vault

log = get_logger("microcourt.led")

TOKEN_PURPOSE = "screen_token"  # noqa: S105 - a hash purpose, not a secret
SEEN_KEY = "led:seen"
SEEN_FLUSHING = "led:seen:flushing"
T = TypeVar("T")


async def wait(value: Awaitable[T] | T) -> T:
    """redis-py types its commands sync-or-async; ours are always async."""
    return await cast("Awaitable[T]", value)


@dataclass(frozen=True)
class Registered:
    screen: Screen
    token: str | None
    created: bool


def token_hash(token: str) -> str:
    return vault().lookup_hash(token, TOKEN_PURPOSE)


def new_token() -> str:
    return "lst_" + secrets.token_urlsafe(24)


def token_of(screen: Screen) -> str:
    """The screen's token, recovered to sign pushes (contract §3.2)."""
    return vault().decrypt(screen.token_enc)


async def register(data: ScreenIn, actor: str) -> Registered:
    try:
        return await _register(data, actor)
    except IntegrityError:  # two first registrations raced; the loser updates
        return await _register(data, actor)


async def _register(data: ScreenIn, actor: str) -> Registered:
    now = clock.now()
    values: dict[str, Any] = {
        "name": data.name,
        "location": data.location,
        "rows": data.rows,
        "cols": data.cols,
        "mode": data.mode,
        "push_url": data.push_url,
        "refresh_seconds": data.refresh_seconds,
        "lease_seconds": data.lease_seconds,
        "updated_at": now,
    }
    token: str | None = None
    if data.rotate_token:
        token = new_token()
        values.update(token_hash=token_hash(token), token_enc=vault().encrypt(token))
    async with in_transaction() as conn:
        # Write first: on SQLite a transaction that reads and then writes can be refused
        # outright (SQLITE_BUSY) when another process wrote in between.
        updated = await Screen.filter(screen_id=data.screen_id).using_db(conn).update(**values)
        created = not updated
        if created:
            if token is None:
                token = new_token()
                values.update(token_hash=token_hash(token), token_enc=vault().encrypt(token))
            await Screen.create(screen_id=data.screen_id, created_at=now, using_db=conn, **values)
        screen = await Screen.get(screen_id=data.screen_id, using_db=conn)
        details = {k: v for k, v in values.items() if k not in ("token_hash", "token_enc")}
        details.pop("updated_at", None)
        details["token_rotated"] = not created and data.rotate_token
        await audit.record(
            actor,
            "screen.registered" if created else "screen.updated",
            "screen",
            data.screen_id,
            details,
            using=conn,
        )
    log.info("led.screen_registered", screen_id=screen.screen_id, mode=screen.mode)
    return Registered(screen, token, created)


def unauthorized() -> ProblemError:
    return ProblemError(
        401,
        "screen_token_invalid",
        "unknown screen or wrong token",
        headers={"WWW-Authenticate": 'Bearer realm="led"'},
    )


async def authenticate(screen_id: str, token: str | None) -> Screen:
    """The screen whose token this is; 401 ``screen_token_invalid`` otherwise (an unknown
    screen and a wrong token look the same)."""
    if not token:
        raise unauthorized()
    screen = await Screen.get_or_none(screen_id=screen_id)
    if screen is None or not hmac.compare_digest(screen.token_hash, token_hash(token)):
        raise unauthorized()
    return screen


class Evaluated(Protocol):
    """A screen's row, or a lighter view of it (disclosure.led.poll.PollRow)."""

    @property
    def rows(self) -> int: ...
    @property
    def cols(self) -> int: ...
    @property
    def version(self) -> int: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def floor_seen(self) -> int: ...


def screen_digest(screen: Evaluated, built: feed.Built) -> str:
    raw = f"{screen.rows}x{screen.cols}:{built.digest}".encode()
    return hashlib.sha256(raw).hexdigest()


def changes(screen: Evaluated, built: feed.Built) -> dict[str, Any]:
    """The columns :func:`evaluate` writes to bring this row in line with ``built``; empty when
    the row is current (same pages, withdrawal floor already seen)."""
    content = screen_digest(screen, built)
    changed = content != screen.content_hash
    version = screen.version + (1 if changed else 0)
    updates: dict[str, Any] = {}
    if changed:
        updates.update(version=version, content_hash=content)
    if built.floor > screen.floor_seen:
        updates.update(floor_seen=built.floor, floor_version=version)
    return updates


async def write_changes(
    screen: Evaluated, screen_id: str, updates: dict[str, Any], built: feed.Built
) -> bool:
    """Write ``changes()`` if the row is still the one they were computed from (a conditional
    UPDATE, so concurrent processes never hand out one version twice)."""
    done = await repository.update_if_unchanged(
        screen_id, screen.version, screen.content_hash, updates
    )
    if done and "version" in updates:
        log.info("led.version", screen_id=screen_id, version=updates["version"], at=built.version)
    return done


async def evaluate(screen: Screen, built: feed.Built) -> Screen:
    """Bring ``screen.version`` in line with ``built``; returns the (possibly updated) row."""
    for _ in range(5):
        updates = changes(screen, built)
        if not updates:
            return screen
        done = await write_changes(screen, screen.screen_id, updates, built)
        fresh = await Screen.get(screen_id=screen.screen_id)
        if done:
            return fresh
        screen = fresh  # another process moved it; judge again against the new row
    return screen


async def current(screen: Screen) -> tuple[Screen, feed.Built]:
    built = await feed.build(screen.rows, screen.cols)
    return await evaluate(screen, built), built


async def ack(screen: Screen, version: int, at: datetime | None = None) -> None:
    """Record that ``screen`` shows ``version``; 409 for a version it was never given."""
    if version > screen.version:
        raise ProblemError(
            409,
            "version_unknown",
            f"this screen's latest version is {screen.version}",
        )
    if version <= screen.acked_version:
        return  # nothing new; the contact itself goes to Redis (poll.SeenBuffer)
    at = at or clock.now()
    await Screen.filter(screen_id=screen.screen_id, acked_version__lt=version).update(
        acked_version=version, acked_at=at, last_seen_at=at
    )


async def seen_times(redis: Redis, screen_ids: list[str]) -> dict[str, datetime]:
    if not screen_ids:
        return {}
    out: dict[str, datetime] = {}
    for key in (SEEN_FLUSHING, SEEN_KEY):
        values = await wait(redis.hmget(key, screen_ids))
        for sid, raw in zip(screen_ids, values, strict=True):
            if raw is not None:
                at = datetime.fromtimestamp(float(raw), UTC)
                out[sid] = max(at, out.get(sid, at))
    return out


async def flush_seen(redis: Redis) -> int:
    """Copy the Redis ``last_seen_at`` values into the table (worker cron)."""
    if not await redis.exists(SEEN_FLUSHING):
        try:
            await redis.rename(SEEN_KEY, SEEN_FLUSHING)
        except ResponseError:  # no such key: nothing seen since the last flush
            return 0
    values = await wait(redis.hgetall(SEEN_FLUSHING))
    for raw_id, raw_at in values.items():
        at = datetime.fromtimestamp(float(raw_at), UTC)
        sid = raw_id.decode()
        await Screen.filter(screen_id=sid).filter(last_seen_at__lt=at).update(last_seen_at=at)
        await Screen.filter(screen_id=sid, last_seen_at__isnull=True).update(last_seen_at=at)
    await redis.delete(SEEN_FLUSHING)
    return len(values)


# --------------------------------------------------------------------------------------
# Compliance
# --------------------------------------------------------------------------------------


def is_compliant(screen: Screen, floor: int) -> bool:
    """Never given anything (version 0), or acknowledged the first version of this screen
    that reflects the current withdrawal floor."""
    if screen.version == 0:
        return True
    return bool(screen.floor_seen >= floor and screen.acked_version >= screen.floor_version)


def required_version(screen: Screen, floor: int) -> int | None:
    return screen.floor_version if screen.floor_seen >= floor else None


@dataclass(frozen=True)
class Status:
    screen: Screen
    last_seen_at: datetime | None
    compliant: bool
    required_version: int | None


async def statuses(redis: Redis, screens: list[Screen], floor: int | None = None) -> list[Status]:
    if floor is None:
        floor = (await state.current_state()).withdrawal_floor
    seen = await seen_times(redis, [s.screen_id for s in screens])
    out = []
    for s in screens:
        last = s.last_seen_at
        live = seen.get(s.screen_id)
        if live is not None and (last is None or live > last):
            last = live
        out.append(Status(s, last, is_compliant(s, floor), required_version(s, floor)))
    return out


async def page(limit: int, after: str | None) -> list[Screen]:
    query = Screen.all().order_by("screen_id")
    if after:
        query = query.filter(screen_id__gt=after)
    return await query.limit(limit)


async def push_screens() -> list[Screen]:
    return await Screen.filter(mode="push").order_by("screen_id")


async def find(screen_id: str) -> Screen | None:
    return await Screen.get_or_none(screen_id=screen_id)


async def all_screens() -> list[Screen]:
    return await Screen.all().order_by("screen_id")
