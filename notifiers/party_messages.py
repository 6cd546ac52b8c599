"""The notifications of one party and case, for the party's own case page (issue 18; bound
into service/parties/messages.py by service/app.py)."""

from __future__ import annotations

import uuid

from notifiers.manual_service import CHANNEL_ZH, STATUS_ZH
from notifiers.models import Notification
from service.parties.messages import SentMessage

# What a party reads: a message the service chose not to send (an opted-out node) is not one.
HIDDEN = ("suppressed",)


async def sent_to_party(case_id: uuid.UUID, party_id: uuid.UUID, limit: int) -> list[SentMessage]:
    rows = (
        await Notification.filter(case_id=case_id, party_id=party_id)
        .exclude(status__in=HIDDEN)
        # newest first; the messages of one batch of events were created at the same instant,
        # so the later node comes first among them
        .order_by("-created_at", "-event__occurred_at", "-id")
        .limit(limit)
    )
    return [
        SentMessage(
            title=str(n.variables.get("node_name") or ""),
            channel_zh=CHANNEL_ZH.get(n.channel, n.channel),
            at=n.sent_at or n.created_at,
            status_zh=STATUS_ZH.get(n.status, n.status),
        )
        for n in rows
    ]
