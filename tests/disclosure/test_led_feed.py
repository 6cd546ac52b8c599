"""The feed builder (contract §3.1): property tests of paging through the builder.

Every line fits the screen, no entry is split across pages, every published entry appears
and no withdrawn, expired or not-yet-public one does — first on the pure builder with
arbitrary listings and times, then through the database with real publish/withdraw calls.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure import rules
from disclosure.led import feed
from disclosure.led.paging import FeedPage, display_cells, wrap_line
from tests.disclosure.led_support import publish, withdraw
from tests.support import CourtSigner

NOW = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)
_CJK = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张宁波海曙区人民法院执号（）·—…"
_ASCII = "ABCabc0123456789 -*()."
text = st.text(alphabet=_CJK + _ASCII, min_size=0, max_size=30)


def _block(item: feed.Shown, cols: int) -> list[str]:
    return [piece for line in feed.entry(item).lines for piece in wrap_line(line, cols)]


def _occurrences(pages: list[FeedPage], block: list[str]) -> list[tuple[int, int]]:
    found = []
    for p, page in enumerate(pages):
        lines = list(page.lines)
        for i in range(len(lines) - len(block) + 1):
            if lines[i : i + len(block)] == block:
                found.append((p, i))
    return found


@st.composite
def listings(draw: st.DrawFn) -> list[feed.Shown]:
    count = draw(st.integers(0, 25))
    out = []
    for i in range(count):
        status = draw(st.sampled_from(rules.STATUSES))
        publish_at = NOW + timedelta(hours=draw(st.integers(-48, 48)))
        expires = draw(st.none() | st.integers(-48, 48).map(lambda h: NOW + timedelta(hours=h)))
        amount = draw(st.none() | st.decimals(0, 10**9, places=2, allow_nan=False))
        out.append(
            feed.Shown(
                key=f"L{i}",
                # A unique marker in every name: "甲<i>乙" cannot occur by accident.
                name=draw(text) + f"〖{i}〗",
                id_no_masked="3302031980****1231",
                court=draw(text),
                case_no=draw(text),
                unperformed_amount=None if amount is None else Decimal(amount),
                status=status,
                publish_at=publish_at,
                expires_at=expires,
            )
        )
    return out


def check(items: list[feed.Shown], pages: list[FeedPage], rows: int, cols: int) -> None:
    assert pages
    for page in pages:
        assert len(page.lines) <= rows
        for line in page.lines:
            assert display_cells(line) <= cols
    everything = "\n".join(line for page in pages for line in page.lines)
    space = rows - 1 if rows >= 2 else rows
    for item in items:
        block = _block(item, cols)
        marker = item.name[item.name.index("〖") :]
        if feed.is_shown(item, NOW):
            if len(block) <= space:
                # Whole, contiguous, on exactly one page.
                assert len(_occurrences(pages, block)) >= 1, (item, pages)
            else:
                assert len(_occurrences(pages, block[: space - 1])) >= 1
        else:
            assert marker not in everything.replace("\n", "")


@settings(max_examples=300, deadline=None)
@given(items=listings(), rows=st.integers(1, 12), cols=st.integers(2, 40))
def test_pages_fit_keep_entries_whole_and_show_exactly_the_public_ones(
    items: list[feed.Shown], rows: int, cols: int
) -> None:
    pages = feed.build_pages(items, NOW, rows, cols)
    check(items, pages, rows, cols)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.data(),
    rows=st.integers(6, 10),  # every test entry fits a page whole (≤ 5 lines at ≥ 16 cols)
    cols=st.integers(16, 30),
    count=st.integers(1, 5),
)
async def test_through_the_database_withdrawn_listings_never_reach_a_page(
    client: httpx.AsyncClient,
    court: CourtSigner,
    data: st.DataObject,
    rows: int,
    cols: int,
    count: int,
) -> None:
    published: list[dict[str, Any]] = [await publish(client, court) for _ in range(count)]
    gone = data.draw(st.sets(st.integers(0, count - 1)))
    for index in gone:
        await withdraw(client, court, published[index]["listing_id"])
    built = await feed.build(rows, cols)
    pages = list(built.pages)
    flat = ["".join(line for line in page.lines) for page in pages]
    for page in pages:
        assert len(page.lines) <= rows
        assert all(display_cells(line) <= cols for line in page.lines)
    for index, listing in enumerate(published):
        on_pages = sum(listing["name"] in text for text in flat)
        if index in gone:
            assert on_pages == 0
        else:
            # Newest first, far fewer than MAX_ENTRIES in the test database: it is on the
            # screen, whole, on exactly one page.
            assert on_pages == 1, (listing["name"], flat)
