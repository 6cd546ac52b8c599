"""Publishing and withdrawing a listing tell its case's parties (node ``dishonest_listed``,
contract §1.4, data ``{"listing_id": ...}``).

Runs after the listing's transaction has committed. Only listings whose case is known to this
service (same normalised case number) notify anyone.

PENDING: the events package does not yet expose a function to record a *system* event for a
case (an event not sent by a court key, stored with its notifications in one transaction and
enqueued after commit). Until it does, the change is only logged here; see ``_record_event``.
"""

from __future__ import annotations

from config.logging import get_logger
from disclosure.models import Listing
from service.cases import service as cases

log = get_logger("microcourt.disclosure.notify")

NODE = "dishonest_listed"


def event_id(listing: Listing, action: str) -> str:
    """Idempotency key of the system event: one per listing, action and disclosure version."""
    return f"disclosure:{listing.listing_id}:{action}:{listing.version}"


async def listing_changed(listing: Listing, action: str) -> None:
    case = await cases.get_case_by_no(listing.case_no)
    if case is None:
        return
    await _record_event(case.id, listing, action)


async def _record_event(case_id: object, listing: Listing, action: str) -> None:
    log.info(
        "disclosure.notification_pending",
        listing_id=listing.listing_id,
        action=action,
        node=NODE,
        event_id=event_id(listing, action),
    )
