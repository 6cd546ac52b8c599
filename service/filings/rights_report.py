"""The court's view of acknowledgements (``GET /api/court/v1/acknowledgements``, contract §1.8).

* ``?case_no=…`` — every active applicant of the case: ``acknowledged`` (with the receipt,
  version, hash, channel, client address, user agent), ``pending`` (reminders still to come) or
  ``overdue`` (not acknowledged after the last reminder day), with the reminders sent.
* ``?status=overdue`` (no case number) — every overdue applicant across cases, oldest
  ``case_filed`` first; ``limit`` counts cases, ``cursor`` continues.
* ``?status=acknowledged`` or no parameters — all acknowledgements, oldest first, paged.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from service.cases.models import Case
from service.events.models import Event
from service.filings import rights
from service.filings.models import Acknowledgement, RightsReminder
from service.filings.schemas import AcknowledgementOut
from service.paging import decode_time_cursor, encode_time_cursor
from service.parties.models import Party


def _out(
    case: Case,
    party: Party,
    status: str,
    version: str | None,
    ack: Acknowledgement | None,
    acting: dict[uuid.UUID, str],
    reminders: Sequence[RightsReminder],
) -> AcknowledgementOut:
    extra: dict[str, Any] = {}
    if ack is not None:
        extra = {
            "receipt_no": ack.receipt_no,
            "acknowledged_at": ack.acknowledged_at,
            "content_sha256": ack.content_sha256,
            "acting_party_id": acting.get(ack.acting_party_id),
            "channel": ack.channel,
            "client_address": ack.client_address,
            "user_agent": ack.user_agent,
        }
    return AcknowledgementOut(
        case_no=case.case_no,
        party_id=party.party_id,
        party_name=party.name,
        status=status,
        version=version,
        reminders_sent=len(reminders),
        last_reminder_at=max((r.sent_at for r in reminders), default=None),
        **extra,
    )


async def for_case(case: Case, now: datetime, days: Sequence[int]) -> list[AcknowledgementOut]:
    applicants = await Party.filter(case_id=case.id, role="applicant", active=True).order_by(
        "party_id"
    )
    acks = {a.party_id: a for a in await Acknowledgement.filter(case_id=case.id)}
    acting = {
        p.id: p.party_id
        for p in await Party.filter(id__in=[a.acting_party_id for a in acks.values()])
    }
    served = await rights.version_for_case(case)
    version = served.version if served else None  # None: no list published yet
    reminders = await RightsReminder.filter(case_id=case.id, version=version) if version else []
    filed = await Event.filter(case_id=case.id, node="case_filed").order_by("received_at").first()
    overdue = (
        version is not None
        and filed is not None
        and filed.received_at + timedelta(days=max(days, default=0)) <= now
    )
    out = []
    for party in applicants:
        ack = acks.get(party.id)
        status = "acknowledged" if ack else ("overdue" if overdue else "pending")
        out.append(
            _out(case, party, status, ack.version if ack else version, ack, acting, reminders)
        )
    return out


async def overdue_page(
    now: datetime, days: Sequence[int], limit: int, cursor: str | None
) -> tuple[list[AcknowledgementOut], str | None]:
    query = Event.filter(
        node="case_filed", received_at__lte=now - timedelta(days=max(days, default=0))
    )
    if cursor:
        at, key = decode_time_cursor(cursor)
        query = query.filter(Q(received_at__gt=at) | Q(received_at=at, id__gt=key))
    events = await query.order_by("received_at", "id").limit(limit + 1)
    more = len(events) > limit
    events = events[:limit]
    items: list[AcknowledgementOut] = []
    for event in events:
        case = await Case.get(id=event.case_id)  # type: ignore[attr-defined]
        items += [i for i in await for_case(case, now, days) if i.status == "overdue"]
    next_cursor = (
        encode_time_cursor(events[-1].received_at, events[-1].id) if more and events else None
    )
    return items, next_cursor


async def acknowledged_page(
    limit: int, cursor: str | None
) -> tuple[list[AcknowledgementOut], str | None]:
    query = Acknowledgement.all()
    if cursor:
        at, key = decode_time_cursor(cursor)
        query = query.filter(Q(acknowledged_at__gt=at) | Q(acknowledged_at=at, id__gt=key))
    acks = await query.order_by("acknowledged_at", "id").limit(limit + 1)
    more = len(acks) > limit
    acks = acks[:limit]
    parties = {
        p.id: p
        for p in await Party.filter(
            id__in={a.party_id for a in acks} | {a.acting_party_id for a in acks}
        )
    }
    cases = {c.id: c for c in await Case.filter(id__in={a.case_id for a in acks})}
    acting = {pid: p.party_id for pid, p in parties.items()}
    items = [
        _out(cases[a.case_id], parties[a.party_id], "acknowledged", a.version, a, acting, [])
        for a in acks
    ]
    next_cursor = (
        encode_time_cursor(acks[-1].acknowledged_at, acks[-1].id) if more and acks else None
    )
    return items, next_cursor
