"""The filings' messages go out as system events (``service.events.service.record_system_event``):
the event is stored on the case, and its notifications are planned in the same transaction as
court events are, so delivery, fallbacks and the court's notification list treat them alike.
Event ids make every message idempotent (a repeated call is a duplicate, nothing is sent twice).
They go out through this process's notifier (``service.events.notifying``: the web app's or the
worker's).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from service.events.service import record_system_event


async def record(
    case_id: uuid.UUID,
    node: str,
    occurred_at: datetime,
    data: dict[str, Any],
    event_id: str,
    *,
    recipients: Sequence[uuid.UUID],
) -> None:
    await record_system_event(
        case_id,
        node,
        occurred_at,
        data,
        event_id,
        recipients=list(recipients),
    )
