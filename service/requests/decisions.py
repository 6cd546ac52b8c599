"""The court's decisions (contract §9.4): a granted listing request withdraws the listings
everywhere in the same transaction; a ``resumed`` event closes the applicant's open
resumption requests.

**Grant** (失信规定 Art. 12 「理由成立的，应当在三个工作日内纠正」): each listing the request
concerns that is still live is withdrawn through the listings port (``listings``;
``disclosure.corrections`` → ``disclosure.service.withdraw_in``) inside the request's own
transaction — status, history, audit, version and the LED withdrawal floor commit
together, so no process serves it after the commit (web pages answer 410, search and the
screens' next feed lack it). Reasons: early deletion (Art. 2 para 2) ``early_deletion``; Art. 11
(一) ``wrongly_listed``, (二) ``corrected`` (the wrong record is withdrawn; the court publishes
the right one through its listing API), (三) ``deletion_due``. After the commit the screens are
told and the parties get the usual withdrawal message.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from config.logging import get_logger
from service.cases.models import Case
from service.events.models import Event
from service.requests import service
from service.requests.kinds import GRANT_REASON, LISTING, RESUMPTION, Kind
from service.requests.listings import port
from service.requests.models import ListingRequest, ResumptionRequest

log = get_logger("microcourt.requests")
WATCHED_NODES = ("resumed",)
OPEN = ("received", "accepted")


def _withdraw_all(actor: str, note: str | None) -> service.Action:
    async def action(conn: BaseDBAsyncClient, row: ListingRequest) -> service.AfterCommit:
        reason = GRANT_REASON[row.ground or row.kind]
        text = row.receipt_no + (f"：{note}" if note else "")
        return await port().withdraw(conn, list(row.listing_ids), reason, text[:500], actor)

    return action


async def decide(
    kind: Kind, request_id: str, status: str, note: str | None, actor: str
) -> tuple[service.Row, bool]:
    action = _withdraw_all(actor, note) if kind is LISTING and status == "granted" else None
    return await service.change(kind, request_id, status, note, actor, action=action)


async def _close(rows: list[ResumptionRequest]) -> int:
    closed = 0
    for row in rows:
        _, changed = await service.change(
            RESUMPTION, str(row.id), "resumed", "本案已恢复执行", "system"
        )
        closed += changed
    if closed:
        log.info("requests.resumption_closed", count=closed)
    return closed


async def follow_resumed(case_nos: Collection[str]) -> int:
    """After a batch with ``resumed`` events commits: close each case's open requests."""
    rows: list[ResumptionRequest] = []
    for case in await Case.filter(case_no__in=list(case_nos)):
        rows += await ResumptionRequest.filter(case_id=case.id, status__in=OPEN)
    return await _close(rows)


async def sweep_resumed() -> int:
    """The worker's catch-up for a follower call a crash lost: open requests of cases that
    received a ``resumed`` event after the request."""
    rows = await ResumptionRequest.filter(status__in=OPEN)
    if not rows:
        return 0
    resumed: dict[uuid.UUID, list[datetime]] = {}
    for case_id, received_at in await Event.filter(
        case_id__in={r.case_id for r in rows}, node="resumed"
    ).values_list("case_id", "received_at"):
        resumed.setdefault(case_id, []).append(received_at)
    due = [r for r in rows if any(at > r.received_at for at in resumed.get(r.case_id, []))]
    return await _close(due)
