"""What cases' events say, for other packages (they read events through here, not the table).

Used by disclosure/deletion.py: a listing's case closing, or 终本 followed by empty searches,
is a ground to delete the listing (失信规定 Art. 10).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.cases.models import Case
from service.events.models import Event

SEALED = "_enc"  # encrypted personal fields never leave the events package


@dataclass(frozen=True)
class CaseFact:
    case_no: str
    node: str
    occurred_at: datetime
    data: dict[str, Any]


async def facts_of_cases(case_nos: Sequence[str], nodes: Collection[str]) -> list[CaseFact]:
    """The events of these nodes on these cases (normalised case numbers), oldest first."""
    if not case_nos or not nodes:
        return []
    by_id: dict[uuid.UUID, str] = dict(
        await Case.filter(case_no__in=list(case_nos)).values_list("id", "case_no")
    )
    if not by_id:
        return []
    rows = (
        await Event.filter(case_id__in=list(by_id), node__in=list(nodes))
        .order_by("occurred_at", "id")
        .values_list("case_id", "node", "occurred_at", "data")
    )
    return [
        CaseFact(
            by_id[case_id],
            node,
            occurred_at,
            {k: v for k, v in dict(data or {}).items() if not k.endswith(SEALED)},
        )
        for case_id, node, occurred_at, data in rows
    ]


async def cases_with_node(node: str) -> list[str]:
    """Normalised case numbers of the cases with at least one event of ``node``."""
    case_ids = await Event.filter(node=node).distinct().values_list("case_id", flat=True)
    if not case_ids:
        return []
    numbers = await Case.filter(id__in=list(case_ids)).values_list("case_no", flat=True)
    return sorted(str(n) for n in numbers)
