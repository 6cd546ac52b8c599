"""Tests for disclosure.led.paging (contract §3.1: rows × cols pages, entries never split)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.led.paging import (
    ELLIPSIS,
    FeedEntry,
    FeedPage,
    display_cells,
    fit_line,
    paginate,
    wrap_line,
)

# A mark the generated text never contains: used to prove a withdrawn entry leaves no trace.
SENTINEL = "㊙"

# Characters a real listing (or a bad import) can bring: CJK names and 案号 punctuation,
# ASCII digits/letters of ID numbers, masked "*", full-width and half-width forms, ambiguous-
# width punctuation, emoji (incl. ZWJ sequences and variation selectors), combining marks,
# control characters, newlines, bidi overrides and lone surrogates.
_ALPHABET = [
    *"赵钱孙李某执号浙宁波（）〔〕，。：、；“”《》",
    *"0123456789ABCXabcx*-() .,:/",
    *"ＡＢ１２　｡ｱﾞ",
    *"…·—①№",
    *"😀👨❤\ufe0f\u200d\U0001f1e8\U0001f1f3",
    *("e\u0301", "\u0301", "\u20dd"),
    *"\n\r\t\f\x00\x1b\u2028\u2029\u0085",
    *"\u202e\u2066\u200b\ufeff\ud800",
]
texts = st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join)
# Now and then any code point at all, to catch what the hand-picked alphabet misses.
any_text = st.one_of(texts, texts, texts, st.text(max_size=20)).map(
    lambda t: t.replace(SENTINEL, "")
)
entry_lines = st.lists(any_text, min_size=0, max_size=4).map(tuple)
entry_lists = st.lists(entry_lines, max_size=12).map(
    lambda ls: [FeedEntry(key=f"L{i}", lines=lines) for i, lines in enumerate(ls)]
)
rows_st = st.integers(min_value=1, max_value=16)
cols_st = st.integers(min_value=2, max_value=64)
BIG = 10_000


def expected_block(entry: FeedEntry, rows: int, cols: int) -> list[str]:
    """What the test expects one entry to occupy, derived from wrap_line/fit_line only."""
    space = rows - 1 if rows >= 2 else rows
    block = [w for line in entry.lines for w in wrap_line(line, cols)]
    if len(block) > space:
        block = block[:space]
        assert len(block) >= 1
    return block


def check_layout(entries: list[FeedEntry], rows: int, cols: int, pages: list[FeedPage]) -> None:
    """Assert every invariant of §3.1 on one pagination result."""
    space = rows - 1 if rows >= 2 else rows
    title = fit_line("失信被执行人公示", cols)
    assert pages, "a screen always gets at least one page"
    for page in pages:
        assert 1 <= len(page.lines) <= rows
        assert page.seconds == 8
        for line in page.lines:
            assert display_cells(line) <= cols, (line, cols)
            assert fit_line(line, BIG) == line, "no control characters survive"
        if rows >= 2:
            assert page.lines[0] == title

    bodies = [list(p.lines[1:] if rows >= 2 else p.lines) for p in pages]
    blocks = [expected_block(e, rows, cols) for e in entries]
    blocks = [b for b in blocks if b]
    if not blocks:
        assert bodies == [[fit_line("暂无公示信息", cols)]]
        return

    # Walk the pages consuming entries in input order: each page body must be exactly the
    # concatenation of whole consecutive entries. That proves order, completeness, nothing
    # duplicated, nothing split, and nothing foreign on a page.
    it = iter(blocks)
    for n, body in enumerate(bodies):
        pos = 0
        first_on_page = True
        while pos < len(body):
            block = next(it)
            got = body[pos : pos + len(block)]
            if first_on_page and n > 0:
                # Greedy: this entry did not fit after the previous page's content.
                assert len(bodies[n - 1]) + len(block) > space
            first_on_page = False
            assert len(got) == len(block)
            if got != block:
                # Only an over-tall entry may differ: cut to a page and marked with "…".
                assert len(block) == space
                assert got[:-1] == block[:-1]
                assert got[-1].endswith(ELLIPSIS)
                assert block[-1].startswith(got[-1][: -len(ELLIPSIS)])
            pos += len(block)
        assert pos == len(body)
    assert next(it, None) is None, "every entry appears"


# --- display_cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("赵某某", 3),
        ("AB", 1),
        ("3302031980****1231", 9),
        ("", 0),
        ("（2024）浙0203执1234号", 11),
        ("ＡＢ", 2),  # full-width forms
        ("ｱｲ", 1),  # half-width katakana
        ("e\u0301", 0.5),  # combining mark adds nothing
        ("😀", 1),
        ("a\u200bb", 1),  # zero-width space
        ("赵\n某", 2),  # control characters are not shown, so not measured
    ],
)
def test_display_cells_examples(text: str, cells: float) -> None:
    assert display_cells(text) == cells


@given(any_text)
def test_display_cells_ignores_what_fit_removes(text: str) -> None:
    assert display_cells(text) == display_cells(fit_line(text, BIG))
    # Halves only: exact in floating point, so "<= cols" comparisons are exact.
    assert (display_cells(text) * 2).is_integer()


# --- fit_line ------------------------------------------------------------------------------


def test_fit_line_examples() -> None:
    assert fit_line("赵某某 3302031980****1231", 13) == "赵某某 3302031980****1231"
    assert fit_line("赵某某 3302031980****1231", 8) == "赵某某 3302031…"
    assert fit_line("失信被执行人公示", 4) == "失信被…"
    # The ellipsis is East Asian Ambiguous, counted as a full cell: "失信被" + "…" = 4 cells.
    assert display_cells(fit_line("失信被执行人公示", 4)) == 4
    assert fit_line("赵某某\n李四\t", 10) == "赵某某李四"
    assert fit_line("a\u202eb\fc", 10) == "abc"
    # No space left dangling before the ellipsis.
    assert fit_line("赵某某 李四李四", 4) == "赵某某…"
    # An emoji ZWJ sequence is dropped whole, not cut after its joiner.
    assert fit_line("a😀\u200d👨b", 2) == "a…"


def test_fit_line_rejects_no_room() -> None:
    with pytest.raises(ValueError, match="cols"):
        fit_line("赵", 0)


@given(any_text, st.integers(min_value=1, max_value=64))
def test_fit_line_property(text: str, cols: int) -> None:
    clean = fit_line(text, BIG)
    fitted = fit_line(text, cols)
    assert display_cells(fitted) <= cols
    if display_cells(clean) <= cols:
        assert fitted == clean
    else:
        assert fitted.endswith(ELLIPSIS)
        assert clean.startswith(fitted[: -len(ELLIPSIS)])


# --- wrap_line -----------------------------------------------------------------------------


def _leading_word(line: str) -> str:
    word = ""
    for ch in line:
        if not (ch.isascii() and not ch.isspace() and not unicodedata.combining(ch)):
            break
        word += ch
    # A combining mark after the run belongs to its last character (one cluster).
    return word if len(word) == len(line) or not unicodedata.combining(line[len(word)]) else ""


def test_wrap_line_examples() -> None:
    # A masked number is one word: it moves to the next line whole (issue 18); one wider
    # than the screen breaks only where its mask begins or ends.
    assert wrap_line("赵某某 3302031980****1231", 10) == ["赵某某 ", "3302031980****1231"]
    assert wrap_line("赵某某 3302031980****1231", 8) == ["赵某某 ", "3302031980****", "1231"]
    assert wrap_line("某公司 91330203MA****000Q", 12) == ["某公司 ", "91330203MA****000Q"]
    assert wrap_line("", 5) == [""]
    assert wrap_line("\n", 5) == [""]
    assert wrap_line("赵某某", 1) == ["赵", "某", "某"]
    # A combining mark stays with its base character.
    assert wrap_line("ab\u0301c", 1) == ["ab\u0301", "c"]
    # An astral character is one code point and is never cut.
    assert wrap_line("a😀b", 1) == ["a", "😀", "b"]
    # An emoji ZWJ sequence moves to the next line whole, unless it is wider than the screen.
    assert wrap_line("a😀\u200d👨", 2) == ["a", "😀\u200d👨"]
    assert wrap_line("😀\u200d👨\u200d👨", 2) == ["😀\u200d👨\u200d", "👨"]


@given(any_text, st.integers(min_value=1, max_value=64))
def test_wrap_line_property(text: str, cols: int) -> None:
    lines = wrap_line(text, cols)
    assert lines
    assert "".join(lines) == fit_line(text, BIG), "wrapping loses nothing"
    for i, line in enumerate(lines):
        assert display_cells(line) <= cols
        if len(lines) > 1:
            assert line, "no empty line in the middle of a wrap"
        if i + 1 < len(lines) and "\u200d" not in text:
            # Greedy: the next line's first word (a run of ASCII non-space characters, kept
            # together) or first character did not fit here. (Without ZWJ a cluster is as
            # wide as its first character, so this is exact.)
            following = lines[i + 1]
            first = _leading_word(following) or following[0]
            assert display_cells(line) + display_cells(first) > cols
        if i > 0 and "\u200d" not in text:
            # A continuation line never starts with a stray combining mark.
            assert not unicodedata.combining(line[0])


# --- paginate ------------------------------------------------------------------------------


def test_paginate_contract_example_128x32() -> None:
    # 128×32 @16 px → 2 rows × 8 CJK cells (research led-web.md §3.3): title + one line each.
    # The masked number does not fit the one line left: it is cut whole, not shown in part.
    entries = [
        FeedEntry("a", ("赵某某 3302031980****1231",)),
        FeedEntry("b", ("钱某",)),
    ]
    pages = paginate(entries, rows=2, cols=8)
    assert pages == [
        FeedPage(8, ("失信被执行人公示", "赵某某…")),
        FeedPage(8, ("失信被执行人公示", "钱某")),
    ]


def test_paginate_groups_whole_entries_greedily() -> None:
    entries = [
        FeedEntry("a", ("赵某某", "（2024）浙0203执1号")),
        FeedEntry("b", ("钱某",)),
        FeedEntry("c", ("孙某", "x", "y")),
    ]
    pages = paginate(entries, rows=4, cols=12, seconds_per_page=5)
    assert pages == [
        FeedPage(5, ("失信被执行人公示", "赵某某", "（2024）浙0203执1号", "钱某")),
        FeedPage(5, ("失信被执行人公示", "孙某", "x", "y")),
    ]


def test_paginate_one_row_has_no_title() -> None:
    entries = [FeedEntry("a", ("赵某某", "3302031980****1231")), FeedEntry("b", ("钱某",))]
    assert paginate(entries, rows=1, cols=4) == [
        FeedPage(8, ("赵某某…",)),
        FeedPage(8, ("钱某",)),
    ]


def test_paginate_truncates_over_tall_entry_on_its_own_page() -> None:
    tall = FeedEntry("t", ("一", "二", "三", "四", "五"))
    pages = paginate([FeedEntry("a", ("甲",)), tall, FeedEntry("b", ("乙",))], rows=3, cols=4)
    assert pages == [
        FeedPage(8, ("失信被…", "甲")),
        FeedPage(8, ("失信被…", "一", "二…")),
        FeedPage(8, ("失信被…", "乙")),
    ]


def test_paginate_empty() -> None:
    assert paginate([], rows=3, cols=8) == [FeedPage(8, ("失信被执行人公示", "暂无公示信息"))]
    assert paginate([], rows=1, cols=4, empty_text="暂无公示信息") == [FeedPage(8, ("暂无公…",))]
    assert paginate([FeedEntry("a", ())], rows=2, cols=8, title="公示", empty_text="无") == [
        FeedPage(8, ("公示", "无"))
    ]


@pytest.mark.parametrize(
    ("rows", "cols", "seconds"), [(0, 8, 8), (-1, 8, 8), (2, 1, 8), (2, 0, 8), (2, 8, 0)]
)
def test_paginate_rejects_bad_geometry(rows: int, cols: int, seconds: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        paginate([], rows=rows, cols=cols, seconds_per_page=seconds)


@settings(max_examples=100)
@given(entry_lists, rows_st, cols_st)
def test_paginate_invariants(entries: list[FeedEntry], rows: int, cols: int) -> None:
    pages = paginate(entries, rows, cols)
    check_layout(entries, rows, cols, pages)
    # Deterministic: the feed's ETag/version depend on identical input giving identical pages.
    assert paginate(list(entries), rows, cols) == pages


@settings(max_examples=60)
@given(entry_lists, rows_st, cols_st, st.data())
def test_withdrawn_entry_appears_nowhere(
    entries: list[FeedEntry], rows: int, cols: int, data: st.DataObject
) -> None:
    extra = data.draw(entry_lines)
    # "㊙ " first: a space ends the cluster, so the mark survives any truncation.
    withdrawn = FeedEntry("withdrawn", (SENTINEL + " " + "".join(extra[:1]), *extra[1:]))
    at = data.draw(st.integers(min_value=0, max_value=len(entries)))
    listed = [*entries[:at], withdrawn, *entries[at:]]

    before = paginate(listed, rows, cols)
    check_layout(listed, rows, cols, before)
    assert any(SENTINEL in line for p in before for line in p.lines)

    after = paginate([e for e in listed if e.key != "withdrawn"], rows, cols)
    check_layout(entries, rows, cols, after)
    assert not any(SENTINEL in line for p in after for line in p.lines)
    assert after == paginate(entries, rows, cols)
