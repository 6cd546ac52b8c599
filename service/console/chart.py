"""The dashboard's delivery chart: one horizontal bar per channel, split by status, drawn as
server-rendered SVG (no script, so the page keeps its strict CSP)."""

from __future__ import annotations

from dataclasses import dataclass

from notifiers.manual_service import CHANNEL_ZH, STATUS_ZH

COLOURS = {
    "delivered": "#1a7f37",
    "sent": "#4c9a5f",
    "created": "#8c959f",
    "sending": "#6e7781",
    "failed_temporary": "#bf8700",
    "failed_permanent": "#cf222e",
    "undeliverable": "#82071e",
    "suppressed": "#57606a",
}
WIDTH = 720
LABEL = 110
BAR = 26
GAP = 14


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    legend: list[tuple[str, str]]  # (colour, label)
    label_width: int = LABEL
    width: int = WIDTH


def build(summary: list[tuple[str, str, int]]) -> Chart:
    per_channel: dict[str, list[tuple[str, int]]] = {}
    for channel, status, count in summary:
        per_channel.setdefault(channel, []).append((status, count))
    largest = max((sum(c for _, c in rows) for rows in per_channel.values()), default=0)
    usable = WIDTH - LABEL - 60
    bars = []
    for index, channel in enumerate(c for c in CHANNEL_ZH if c in per_channel):
        x = float(LABEL)
        segments = []
        rows = sorted(per_channel[channel], key=lambda r: list(COLOURS).index(r[0]))
        for status, count in rows:
            width = usable * count / largest if largest else 0
            title = f"{CHANNEL_ZH[channel]} · {STATUS_ZH.get(status, status)}：{count}"
            segments.append(Segment(x, width, COLOURS.get(status, "#8c959f"), title))
            x += width
        total = sum(c for _, c in rows)
        bars.append(Bar(index * (BAR + GAP), CHANNEL_ZH[channel], total, segments))
    used = {status for _, status, _ in summary}
    legend = [(colour, STATUS_ZH[s]) for s, colour in COLOURS.items() if s in used]
    return Chart(bars, max(len(bars), 1) * (BAR + GAP), legend)
