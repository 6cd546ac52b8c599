"""A case's timeline as a party sees it (contract §4.3): the nodes pushed to their role."""

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
        data = shown(dict(row.data or {}))
        items.append(
            TimelineItem(
                node.code,
                nodes.title(node, data),
                row.occurred_at,
                nodes.summary(node, data),
                data,
            )
        )
    return items
