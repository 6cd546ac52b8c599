"""Publishing and withdrawing a listing tell its case's parties (node ``dishonest_listed``,
contract §1.4).

Runs after the listing's transaction has committed, as a system event
(``service.events.service.record_system_event``): the event is stored on the case and its
notifications are planned in one transaction, then queued. Only listings whose case is known
to this service (same normalised case number) notify anyone; the recipients are the node's
roles (applicant and respondent) and their agents.

* **published** (directly, or by the lifecycle when the grace period ends): data
  ``{"listing_id": …}``; the message reads 纳入失信被执行人名单.
* **withdrawn** (only a listing that was public): the same node with
  ``{"listing_id": …, "withdrawn": true}``; the message is titled 撤销失信被执行人名单公布
  with the summary 已撤销失信公布, so nobody reads a withdrawal as a new listing.
* **corrected** (a published listing's details changed): no message — the parties were told
  of the listing already, and a correction is not a new step in the case.

The event id (``disclosure:<listing_id>:<action>:<version>``) makes a repeated call record
and send nothing. The event is written after the listing's own transaction: if that write
fails (database gone in between), the listing change stands and the failure is logged as
``disclosure.notify_failed``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from config.logging import get_logger
from disclosure.models import Listing
from service import clock
from service.cases import service as cases
from service.events.service import record_system_event

log = get_logger("microcourt.disclosure.notify")

NODE = "dishonest_listed"
TOLD = ("published", "withdrawn")


def event_id(listing: Listing, action: str) -> str:
    """Idempotency key of the system event: one per listing, action and disclosure version."""
    return f"disclosure:{listing.listing_id}:{action}:{listing.version}"


async def listing_changed(listing: Listing, action: str) -> None:
    if action not in TOLD:
        return
    try:
        case = await cases.get_case_by_no(listing.case_no)
        if case is not None:
            await _record_event(case.id, listing, action)
    except Exception:
        # The listing change is committed and must stand; the message is what is lost, and
        # the log says which one (the event is not part of the listing's transaction).
        log.exception("disclosure.notify_failed", listing_id=listing.listing_id, action=action)


def _occurred_at(listing: Listing, action: str) -> datetime:
    moment = listing.withdrawn_at if action == "withdrawn" else listing.published_at
    return moment or clock.now()


async def _record_event(case_id: uuid.UUID, listing: Listing, action: str) -> None:
    data: dict[str, object] = {"listing_id": listing.listing_id}
    if action == "withdrawn":
        data["withdrawn"] = True
    queued = await record_system_event(
        case_id, NODE, _occurred_at(listing, action), data, event_id(listing, action)
    )
    log.info(
        "disclosure.parties_notified",
        listing_id=listing.listing_id,
        action=action,
        notifications=len(queued),
    )
