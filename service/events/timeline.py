"""A case's timeline as a party sees it (contract §4.3): the nodes pushed to their role, and
the latest of them ("latest progress" is per role: a respondent is never shown, even as a
case's latest node, an applicant-only step such as 启动传统查控)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from service.events import nodes
from service.events.models import Event
from service.events.service import shown


@dataclass(frozen=True)
class TimelineItem:
    node: str
    name_zh: str
    occurred_at: datetime
    summary: str
    data: dict[str, object]


def progress_nodes(role: str) -> list[str]:
    """Codes of the case-progress nodes a role is told of (internal steps are not progress)."""
    return [n.code for n in nodes.NODES.values() if role in n.recipients and not n.internal]


def _item(node: nodes.Node, row: Event, role: str | None) -> TimelineItem:
    data = shown(dict(row.data or {}))
    return TimelineItem(
        node.code, nodes.title(node, data), row.occurred_at, nodes.summary(node, data, role), data
    )


async def latest(case_id: uuid.UUID, role: str) -> TimelineItem | None:
    """The newest progress node pushed to ``role`` (an agent passes their principal's)."""
    row = (
        await Event.filter(case_id=case_id, node__in=progress_nodes(role))
        .order_by("-occurred_at", "-received_at")
        .first()
    )
    node = nodes.resolve(row.node) if row is not None else None
    return _item(node, row, role) if node is not None and row is not None else None


async def timeline(case_id: uuid.UUID, role: str | None, limit: int = 500) -> list[TimelineItem]:
    """Newest first; only nodes whose recipients include ``role`` (an agent passes the role of
    the party they represent; ``None``: every node, for court staff). ``data`` leaves out
    encrypted personal fields."""
    rows = await Event.filter(case_id=case_id).order_by("-occurred_at", "-received_at").limit(limit)
    items: list[TimelineItem] = []
    for row in rows:
        node = nodes.resolve(row.node)
        if node is None or (role is not None and role not in node.recipients):
            continue
        items.append(_item(node, row, role))
    return items
