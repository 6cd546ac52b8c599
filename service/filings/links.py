"""Where the filings hook into other packages' pages and messages.

* :func:`case_links` — links on the H5 case page (``service.parties.pages.case_links``).
* :func:`message_path` — the page an Official Account message opens
  (``notifiers.delivery``): the ``case_filed`` message to an applicant (or their agent) and
  rights-list reminders open the rights list; objection status messages open the objection.
"""

from __future__ import annotations

import uuid

from service.events.models import Event
from service.parties.models import Party
from service.parties.views import BoundCase

RIGHTS_NODES = ("case_filed", "rights_list_reminder")


def case_links(bound: BoundCase) -> list[dict[str, str]]:
    if bound.view_role != "applicant" or bound.party.role not in ("applicant", "agent"):
        return []
    base = f"/m/cases/{bound.case.id}"
    links = [{"href": f"{base}/rights", "text": "申请执行人权利清单（阅读并确认）"}]
    if bound.case.status == "terminated":
        links.append({"href": f"{base}/objection", "text": "终本条件核对与终本异议"})
    return links


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
