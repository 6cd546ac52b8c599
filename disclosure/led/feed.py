"""The feed builder: published listings → masked entries → pages in a screen's geometry.

Only masked data reaches a screen: the name, the masked identity number (stored masked),
the court, the case number and the unperformed amount. Which listings are shown is decided by
:func:`is_shown` — the same rule as :func:`disclosure.repository.visible` — so a listing is on a
screen exactly when it is on the public board, whatever the lifecycle cron has done so far.

Cost (docs/architecture.md "From a listing to a screen"): the listing query and the paging run
once per process per *disclosure version* and geometry; the result is cached in process
memory, keyed by the version read from the database on every request. A withdrawal bumps the
version in its transaction, so every process's next request misses the cache and rebuilds —
there is nothing to invalidate. A cached build is also valid only until the next moment a
listing becomes public or its period ends (``valid_until``), because those happen by time.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from disclosure import rules
from disclosure.led.paging import FeedEntry, FeedPage, paginate
from disclosure.models import Listing
from disclosure.state import State, current_state
from service import clock
from service.web.formats import amount_zh

MAX_ENTRIES = 500  # newest first; a public screen is not a way to read the whole list
SECONDS_PER_PAGE = 8
_CACHE_LIMIT = 256


@dataclass(frozen=True)
class Shown:
    """The fields of a listing a screen may show (already masked), plus what decides whether
    it is shown now."""

    key: str
    name: str
    id_no_masked: str
    court: str
    case_no: str
    unperformed_amount: Decimal | None
    status: str
    publish_at: datetime
    expires_at: datetime | None
    published_at: datetime | None = None


@dataclass(frozen=True)
class Built:
    version: int  # disclosure version the build was made at (content is at least that new)
    floor: int
    pages: tuple[FeedPage, ...]
    digest: str
    valid_until: datetime | None


def is_shown(item: Shown, now: datetime) -> bool:
    return (
        item.status in rules.LIVE
        and item.publish_at <= now
        and (item.expires_at is None or item.expires_at > now)
    )


def entry(item: Shown) -> FeedEntry:
    lines = [f"{item.name} {item.id_no_masked}", item.court, item.case_no]
    if item.unperformed_amount is not None:
        lines.append(f"未履行 {amount_zh(item.unperformed_amount)}")
    return FeedEntry(key=item.key, lines=tuple(lines))


def digest(pages: Sequence[FeedPage]) -> str:
    raw = json.dumps([[p.seconds, list(p.lines)] for p in pages], ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def build_pages(items: Iterable[Shown], now: datetime, rows: int, cols: int) -> list[FeedPage]:
    """Pure: the pages a screen of ``rows`` × ``cols`` shows at ``now``, newest first."""
    shown = sorted(
        (i for i in items if is_shown(i, now)),
        key=lambda i: (i.published_at or i.publish_at, i.key),
        reverse=True,
    )[:MAX_ENTRIES]
    return paginate([entry(i) for i in shown], rows, cols, seconds_per_page=SECONDS_PER_PAGE)


def next_change(items: Iterable[Shown], now: datetime) -> datetime | None:
    """The next moment the shown set changes by time alone (a publication or an expiry)."""
    times = [
        t
        for i in items
        if i.status in rules.LIVE
        for t in (i.publish_at, i.expires_at)
        if t is not None and t > now
    ]
    return min(times, default=None)


def _shown(listing: Listing) -> Shown:
    return Shown(
        key=listing.listing_id,
        name=listing.name,
        id_no_masked=listing.id_no_masked,
        court=listing.court,
        case_no=listing.case_no,
        unperformed_amount=listing.unperformed_amount,
        status=listing.status,
        publish_at=listing.publish_at,
        expires_at=listing.expires_at,
        published_at=listing.published_at,
    )


# --------------------------------------------------------------------------------------
# The per-process cache
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    version: int
    floor: int
    items: tuple[Shown, ...]
    valid_until: datetime | None


_source: _Source | None = None
_pages: dict[tuple[int, int], Built] = {}
_lock = asyncio.Lock()


def _fresh(version: int, valid_until: datetime | None, now: datetime, built_version: int) -> bool:
    return built_version == version and (valid_until is None or now < valid_until)


async def _load(version_hint: int) -> _Source:
    """Read the live listings. Cached only when the version did not move during the read, so
    a cache entry never claims an older version than its content (nor a newer one)."""
    global _source
    async with _lock:
        now = clock.now()
        if _source is not None and _fresh(version_hint, _source.valid_until, now, _source.version):
            return _source
        before = await current_state()
        rows = await Listing.filter(status__in=rules.LIVE).only(
            "listing_id",
            "name",
            "id_no_masked",
            "court",
            "case_no",
            "unperformed_amount",
            "status",
            "publish_at",
            "expires_at",
            "published_at",
        )
        after = await current_state()
        items = tuple(_shown(r) for r in rows)
        source = _Source(before.version, before.withdrawal_floor, items, next_change(items, now))
        if before == after:
            _source = source
            _pages.clear()
        return source


async def build(rows: int, cols: int, state: State | None = None) -> Built:
    """The pages for this geometry at the current disclosure version (cached). ``state``: the
    disclosure state the caller has just read from the database (a poll reads it together with
    the screen's row); read here otherwise."""
    if state is None:
        state = await current_state()
    now = clock.now()
    cached = _pages.get((rows, cols))
    if cached is not None and _fresh(state.version, cached.valid_until, now, cached.version):
        return cached
    source = _source
    if source is None or not _fresh(state.version, source.valid_until, now, source.version):
        source = await _load(state.version)
    pages = tuple(build_pages(source.items, now, rows, cols))
    built = Built(source.version, source.floor, pages, digest(pages), source.valid_until)
    if source is _source:
        if len(_pages) >= _CACHE_LIMIT:
            _pages.clear()
        _pages[(rows, cols)] = built
    return built


def clear_cache() -> None:
    global _source
    _source = None
    _pages.clear()
