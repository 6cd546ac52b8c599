"""LED paging with real-looking listings (issue 18): people and organisations, on landscape
and portrait panels. A masked identity number or credit code is a word: it is never split
across lines where it fits on one, and its mask (``****``) is never split at all; every page
keeps the §3.1 invariants (tests/disclosure/test_led_paging.py::check_layout)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.led.paging import FeedEntry, display_cells, paginate, wrap_line
from service.identifiers import (
    CREDIT_CODE_ALPHABET,
    compute_credit_code_check,
    compute_resident_id_check,
    mask_id_number,
)
from tests.disclosure.test_led_paging import check_layout

_CJK = "赵钱孙李周吴郑王冯陈宁波海曙鄞州某贸易建设科技实业"


@st.composite
def person(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.text(alphabet=_CJK, min_size=2, max_size=4))
    body = (
        "330203" + str(draw(st.integers(1950, 2005))) + "0101" + f"{draw(st.integers(0, 999)):03d}"
    )
    return name, mask_id_number(body + compute_resident_id_check(body))


@st.composite
def organisation(draw: st.DrawFn) -> tuple[str, str]:
    """GB 32100-2015 统一社会信用代码 with a valid check character, masked."""
    name = draw(st.text(alphabet=_CJK, min_size=2, max_size=14)) + "有限公司"
    subject = draw(st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=8, max_size=8))
    body = "91330203" + subject + draw(st.sampled_from("0123456789X"))
    return name, mask_id_number(body + compute_credit_code_check(body))


holders = st.one_of(person(), organisation())
entries_st = st.lists(holders, min_size=1, max_size=10).map(
    lambda hs: [
        FeedEntry(
            f"L{i}",
            (f"{name} {masked}", "宁波市海曙区人民法院", f"（2024）浙0203执{3000 + i}号"),
        )
        for i, (name, masked) in enumerate(hs)
    ]
)
# Landscape shop-front panels and portrait (tall, narrow) ones, in CJK cells.
landscape = st.tuples(st.integers(2, 8), st.integers(8, 40))
portrait = st.tuples(st.integers(8, 40), st.integers(4, 14))


def _masked(entry: FeedEntry) -> str:
    return entry.lines[0].rsplit(" ", 1)[1]


def assert_masks_whole(entries: list[FeedEntry], cols: int, lines: list[str]) -> None:
    for before, after in itertools.pairwise(lines):
        assert not (before.endswith("*") and after.startswith("*")), "a mask split in two"
        for entry in entries:
            masked = _masked(entry)
            if display_cells(masked) > cols:
                continue
            for k in range(1, len(masked)):
                assert not (before.endswith(masked[:k]) and after.startswith(masked[k:])), (
                    before,
                    after,
                )


@settings(max_examples=150)
@given(entries_st, st.one_of(landscape, portrait))
def test_a_masked_number_is_never_split_on_any_panel(
    entries: list[FeedEntry], geometry: tuple[int, int]
) -> None:
    rows, cols = geometry
    pages = paginate(entries, rows, cols)
    check_layout(entries, rows, cols, pages)
    for page in pages:
        assert_masks_whole(entries, cols, list(page.lines))
    for entry in entries:
        masked = _masked(entry)
        wrapped = wrap_line(entry.lines[0], cols)
        if display_cells(masked) <= cols:
            assert any(masked in line for line in wrapped), (masked, wrapped)
        mask = "*" * masked.count("*")
        assert any(mask in line for line in wrapped), "the mask stays on one line"


def test_an_organisation_code_moves_to_the_next_line_whole() -> None:
    """The issue's example: …91330203MA* / ***4L4D no longer happens."""
    masked = "91330203MA****4L4D"
    lines = wrap_line(f"宁波市海曙某某贸易有限公司 {masked}", 16)
    assert lines == ["宁波市海曙某某贸易有限公司 ", masked]


@given(person(), st.integers(4, 8))
def test_on_a_narrow_portrait_panel_only_the_mask_edges_break(
    holder: tuple[str, str], cols: int
) -> None:
    name, masked = holder
    lines = wrap_line(f"{name} {masked}", cols)
    assert all(display_cells(line) <= cols for line in lines)
    assert any("****" in line for line in lines)
