"""Where the filings hook into the messages: :func:`message_path`, the page an Official
Account message opens (``notifiers.sending``): the ``case_filed`` message to an applicant (or
their agent) and rights-list reminders open the rights list; objection status messages open
the objection. (The H5 case page links to the filings itself:
``service.parties.pages.case_links``.)
"""

from __future__ import annotations

import uuid

from service.events.models import Event
from service.parties.models import Party

RIGHTS_NODES = ("case_filed", "rights_list_reminder")


async def message_path(
    case_id: uuid.UUID, event_pk: uuid.UUID, party_pk: uuid.UUID, node: str | None = None
) -> str:
    """``node``: the event's node when the caller has read it (delivery has), else read here."""
    base = f"/m/cases/{case_id}"
    if node is None:
        event = await Event.filter(id=event_pk).only("id", "node").first()
        if event is None:
            return base
        node = event.node
    if node == "objection_status_changed":
        return f"{base}/objection"
    if node in ("request_status_changed", "listing_request_status_changed"):  # service/requests/
        return f"{base}/requests"
    if node in RIGHTS_NODES:
        party = await Party.get_or_none(id=party_pk)
        if party is not None and (
            party.role == "applicant"
            or (
                party.role == "agent"
                and await Party.exists(case_id=case_id, party_id=party.represents, role="applicant")
            )
        ):
            return f"{base}/rights"
    return base
