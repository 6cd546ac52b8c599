"""Lay out 失信被执行人 listings as LED screen pages (contract §3.1).

Pure functions only: no I/O, no database, no clock. The feed builder hands in entries that are
already masked and already filtered (withdrawn / expired listings removed); this module only
decides which line goes on which page, so that a withdrawn listing can never be re-introduced
here and the same input always yields the same pages (the feed's ETag/version depend on it).

Geometry is measured in full-width cells, as the contract does: a CJK character is one cell, an
ASCII character half a cell. ``display_cells`` implements that with
``unicodedata.east_asian_width``: Wide (W), Fullwidth (F) and East Asian *Ambiguous* (A)
characters count 1, every other visible character 0.5. Ambiguous characters (``…``, ``·``,
``—``, ``“``, ``①`` …) are drawn full-width by the GB2312 fonts of Chinese LED controllers, so
counting them as one cell is the safe choice: a line may come out a little short, never too
long for the screen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "ELLIPSIS",
    "FeedEntry",
    "FeedPage",
    "display_cells",
    "fit_line",
    "paginate",
    "wrap_line",
]

ELLIPSIS = "…"

# Characters removed before anything is measured or shown:
# - Cc: control characters, incl. newline, tab and the form feed that separates pages in
#   feed.txt — a listing must not be able to inject a page break or a second line.
# - Cs: lone surrogates (possible after a lax decode); they cannot be encoded to UTF-8, so one
#   would make the whole feed unserialisable.
# - Zl/Zp: U+2028/U+2029 are line breaks to a browser player.
_DROP_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# Bidirectional embedding/override/isolate controls and marks: an RLO inside a name would
# visually reorder the rest of the line on a browser player (a public notice must read as
# written). They are format characters (Cf), but unlike ZWJ they are never needed here.
_DROP_CHARS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Non-spacing / enclosing marks and other format characters occupy no cell of their own.
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_ZWJ = "\u200d"


def _dropped(ch: str) -> bool:
    return ch in _DROP_CHARS or unicodedata.category(ch) in _DROP_CATEGORIES


def _char_cells(ch: str) -> float:
    if _dropped(ch):
        # Measured as what is shown: fit_line/wrap_line remove these before display.
        return 0.0
    if unicodedata.category(ch) in _ZERO_WIDTH_CATEGORIES or unicodedata.combining(ch):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def display_cells(text: str) -> float:
    """Width of ``text`` in full-width cells (CJK = 1, ASCII and others = 0.5, marks = 0).

    Sums of halves are exact in binary floating point, so comparisons with ``cols`` are exact.
    """
    return sum((_char_cells(ch) for ch in text), 0.0)


def _clean(text: str) -> str:
    return "".join(ch for ch in text if not _dropped(ch))


def _clusters(clean: str) -> Iterator[tuple[str, float]]:
    """Yield (cluster, cells) so that a mark is never separated from its base character.

    A zero-width character joins the cluster before it, and the character after a ZWJ joins
    too (emoji ZWJ sequences). This is a deliberately small approximation of grapheme
    clusters: enough that no line starts with a stray accent or joiner, and no new dependency.
    """
    buf = ""
    cells = 0.0
    for ch in clean:
        w = _char_cells(ch)
        if buf and (w == 0.0 or buf.endswith(_ZWJ)):
            buf += ch
            cells += w
            continue
        if buf:
            yield buf, cells
        buf, cells = ch, w
    if buf:
        yield buf, cells


def _split_to_fit(cluster: str, cols: float) -> Iterator[tuple[str, float]]:
    """Pieces of a cluster wider than ``cols`` (e.g. a long ZWJ emoji sequence on a 2-cell
    screen): fitting the screen outranks keeping the cluster together. Each piece is at most
    ``cols`` wide because a single character is at most 1 cell and ``cols >= 1``."""
    buf = ""
    cells = 0.0
    for ch in cluster:
        w = _char_cells(ch)
        if buf and cells + w > cols:
            yield buf, cells
            buf, cells = "", 0.0
        buf += ch
        cells += w
    if buf:
        yield buf, cells


def _check_cols(cols: int) -> None:
    # Every character is at most 1 cell, so cols >= 1 guarantees progress and room for "…".
    if cols < 1:
        raise ValueError(f"cols must be >= 1, got {cols}")


def _truncate(clean: str, cols: int) -> str:
    """Longest prefix of ``clean`` (whole clusters) that fits ``cols`` together with "…"."""
    room = cols - display_cells(ELLIPSIS)
    out: list[str] = []
    used = 0.0
    for cluster, cells in _clusters(clean):
        if used + cells > room:
            break
        out.append(cluster)
        used += cells
    # A trailing space before the ellipsis only wastes room on a small panel.
    return "".join(out).rstrip(" \u3000") + ELLIPSIS


def fit_line(text: str, cols: int) -> str:
    """``text`` without control characters/newlines, cut to ``cols`` cells.

    When it has to be cut, the result ends in "…" and the ellipsis' own width is included.
    Raises ValueError when ``cols < 1``.
    """
    _check_cols(cols)
    clean = _clean(text)
    if display_cells(clean) <= cols:
        return clean
    return _truncate(clean, cols)


def _is_word_char(cluster: str) -> bool:
    return len(cluster) == 1 and cluster.isascii() and not cluster.isspace()


def _atoms(clean: str) -> Iterator[list[tuple[str, float]]]:
    """Clusters grouped so that a run of ASCII non-space characters — a masked identity number
    or credit code (``91330203MA****000Q``), a case number's digits, a Latin word — is one
    atom; every other cluster is an atom of its own."""
    word: list[tuple[str, float]] = []
    for cluster, cells in _clusters(clean):
        if _is_word_char(cluster):
            word.append((cluster, cells))
            continue
        if word:
            yield word
            word = []
        yield [(cluster, cells)]
    if word:
        yield word


def wrap_line(text: str, cols: int) -> list[str]:
    """Hard-wrap ``text`` into lines of at most ``cols`` cells each.

    Control characters and newlines are removed first (a newline inside a field is not a line
    break on a public screen). Breaks fall between characters — never inside a code point, and
    never between a character and its combining marks unless that cluster alone is wider than
    ``cols``. A run of ASCII non-space characters (a masked number, issue 18) is not split
    either: it starts a new line when it does not fit on the current one, and is split only
    when it is wider than a whole line. No character is dropped, so
    ``"".join(wrap_line(t, c)) == fit_line(t, big)``.
    An empty text gives ``[""]``: one (blank) line, so a blank line of an entry is kept.
    Raises ValueError when ``cols < 1``.
    """
    _check_cols(cols)
    lines: list[str] = []
    buf = ""
    used = 0.0
    for atom in _atoms(_clean(text)):
        # A word wider than the screen breaks only where the mask starts or ends, so the
        # "****" of a masked number stays on one line even on the narrowest panel.
        parts = [atom] if sum(c for _, c in atom) <= cols else _mask_runs(atom)
        for part in parts:
            width = sum(cells for _, cells in part)
            if len(part) > 1 and width <= cols:
                if buf and used + width > cols:
                    lines.append(buf)
                    buf, used = "", 0.0
                buf += "".join(cluster for cluster, _ in part)
                used += width
                continue
            for cluster, cells in part:
                pieces = _split_to_fit(cluster, cols) if cells > cols else iter([(cluster, cells)])
                for piece, piece_width in pieces:
                    if buf and used + piece_width > cols:
                        lines.append(buf)
                        buf, used = "", 0.0
                    buf += piece
                    used += piece_width
    lines.append(buf)
    return lines


def _mask_runs(atom: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    """An over-wide word cut into its runs of ``*`` and of other characters."""
    runs: list[list[tuple[str, float]]] = []
    for cluster, cells in atom:
        if runs and (runs[-1][-1][0] == "*") == (cluster == "*"):
            runs[-1].append((cluster, cells))
        else:
            runs.append([(cluster, cells)])
    return runs


@dataclass(frozen=True)
class FeedEntry:
    """One listing as the screen should show it; ``lines`` are already masked by the caller.

    ``key`` identifies the listing for the caller (e.g. to drop withdrawn ones before paging);
    paging itself never looks at it.
    """

    key: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class FeedPage:
    seconds: int
    lines: tuple[str, ...]


def _entry_block(entry: FeedEntry, cols: int, space: int) -> list[str]:
    block = [piece for line in entry.lines for piece in wrap_line(line, cols)]
    if len(block) > space:
        # Taller than an empty page: keep what fits and mark the cut with "…" on the last kept
        # line (even if that line itself fits), rather than spilling the rest onto the next
        # page, where it would be shown without the name it belongs to.
        block = block[:space]
        block[-1] = _truncate(block[-1], cols)
    return block


def paginate(
    entries: Sequence[FeedEntry],
    rows: int,
    cols: int,
    *,
    title: str = "失信被执行人公示",
    seconds_per_page: int = 8,
    empty_text: str = "暂无公示信息",
) -> list[FeedPage]:
    """Lay ``entries`` out on pages of at most ``rows`` lines of at most ``cols`` cells.

    - Every page starts with ``title`` (fitted to ``cols``) when ``rows >= 2``; with
      ``rows == 1`` there is no room for it and pages carry entries only.
    - Each entry's lines are wrapped with ``wrap_line``; an entry is never split across pages.
      Entries are placed in the given order, greedily: an entry goes on the current page if it
      fits there, otherwise it starts the next page.
    - An entry taller than an empty page (``rows - 1`` lines with a title, ``rows`` without)
      is truncated to that height and its last kept line ends in "…". It never continues on
      the next page.
    - An entry with no lines at all takes no space and is skipped.
    - With nothing to show, the result is one page: the title (if ``rows >= 2``) and
      ``empty_text``. The result is never empty, so a screen always has something to rotate.

    Raises ValueError when ``rows < 1``, ``cols < 2`` or ``seconds_per_page < 1``.
    """
    if rows < 1:
        raise ValueError(f"rows must be >= 1, got {rows}")
    if cols < 2:
        raise ValueError(f"cols must be >= 2, got {cols}")
    if seconds_per_page < 1:
        raise ValueError(f"seconds_per_page must be >= 1, got {seconds_per_page}")

    header = [fit_line(title, cols)] if rows >= 2 else []
    space = rows - len(header)

    bodies: list[list[str]] = []
    current: list[str] = []
    for entry in entries:
        block = _entry_block(entry, cols, space)
        if not block:
            continue
        if current and len(current) + len(block) > space:
            bodies.append(current)
            current = []
        current.extend(block)
    if current:
        bodies.append(current)
    if not bodies:
        bodies.append([fit_line(empty_text, cols)])

    return [FeedPage(seconds=seconds_per_page, lines=(*header, *body)) for body in bodies]
