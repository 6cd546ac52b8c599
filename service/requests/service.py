"""Filing, reading and deciding the requests of contract §9.4 (rules in ``kinds``).

Every filing gets a receipt (``JZ-`` / ``XS-`` / ``HF-`` + court-local date + 8 characters,
``service.filings.receipts``), a first history row ``received``, an audit entry — in one
transaction — and, after commit, the mandatory message to the requester (and the agent who
filed): ``request_status_changed`` for applicants' requests, ``listing_request_status_changed``
for a listed respondent's (one node per side: neither side's timeline shows the other's). The
filer's ``form_key`` (the H5 form's hidden key or the API's ``Idempotency-Key``) is unique per
filer: the same key again returns the first request, so a form sent twice files once. Every
later change is a history row and an audit entry in one transaction with whatever it does (a
granted listing request withdraws the listings, ``decisions.decide``), then the message.
Repeating the current status is a harmless 200.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from service import clock
from service.audit import service as audit
from service.cases.models import Case
from service.errors import FieldError, ProblemError, invalid_fields
from service.filings import system_events
from service.filings.receipts import receipt_no
from service.parties.models import Party
from service.requests.kinds import Kind, kind_zh, review_notice
from service.requests.models import PropertyLead, RequestAttachment, RequestChange

#: One node per side, so each side's timeline shows its own requests only.
NODES = {"respondent": "listing_request_status_changed", "applicant": "request_status_changed"}
Row = Any  # a ListingRequest | PropertyLead | ResumptionRequest
AfterCommit = Callable[[], Awaitable[None]]


async def by_key(kind: Kind, filed_by: Party, form_key: str) -> Row | None:
    return await kind.model.get_or_none(filed_by_id=filed_by.id, form_key=form_key)


async def file(
    kind: Kind,
    case: Case,
    principal: Party,
    acting: Party,
    form_key: str,
    values: dict[str, Any],
    *,
    channel: str,
    actor: str,
) -> tuple[Row, bool]:
    """The request and whether it is new (False: this filer's ``form_key`` filed it already)."""
    if (earlier := await by_key(kind, acting, form_key)) is not None:
        return earlier, False
    now = clock.now()
    for _ in range(5):
        try:
            async with in_transaction() as conn:
                row = await kind.model.create(
                    id=uuid.uuid4(),
                    receipt_no=receipt_no(kind.prefix, now),
                    case_id=case.id,
                    party_id=principal.id,
                    filed_by_id=acting.id,
                    form_key=form_key,
                    channel=channel,
                    status="received",
                    received_at=now,
                    updated_at=now,
                    using_db=conn,
                    **values,
                )
                await RequestChange.create(
                    request_type=kind.type,
                    request_id=row.id,
                    status="received",
                    at=now,
                    actor=actor,
                    using_db=conn,
                )
                await audit.record(
                    actor,
                    f"request.{kind.type}.received",
                    "request",
                    str(row.id),
                    {"case_id": str(case.id), "receipt_no": row.receipt_no, "channel": channel},
                    using=conn,
                )
        except IntegrityError:
            if (earlier := await by_key(kind, acting, form_key)) is not None:
                return earlier, False  # the same form, sent twice at once
            continue  # receipt-number clash: draw again
        await notify(kind, row, "received", None, now)
        return row, True
    raise ProblemError(503, "service_unavailable", "could not allocate a receipt number")


async def get(kind: Kind, request_id: str) -> Row:
    try:
        rid = uuid.UUID(request_id)
    except ValueError:
        raise ProblemError(404, "request_not_found", "no such request") from None
    row = await kind.model.get_or_none(id=rid)
    if row is None:
        raise ProblemError(404, "request_not_found", "no such request")
    return row


async def of_party(kind: Kind, case: Case, principal: Party) -> list[Row]:
    return list(
        await kind.model.filter(case_id=case.id, party_id=principal.id).order_by("received_at")
    )


async def court_list(kind: Kind, status: str | None, limit: int) -> list[Row]:
    query = kind.model.all()
    if status:
        query = query.filter(status=status)
    return list(await query.order_by("received_at", "id").limit(limit))


async def history(kind: Kind, row: Row) -> list[RequestChange]:
    return list(
        await RequestChange.filter(request_type=kind.type, request_id=row.id).order_by("at", "id")
    )


async def attachments_of(kind: Kind, row: Row) -> list[RequestAttachment]:
    return list(
        await RequestAttachment.filter(request_type=kind.type, request_id=row.id).order_by(
            "uploaded_at"
        )
    )


async def find_attachment(kind: Kind, row: Row, attachment_id: str) -> RequestAttachment:
    found = next((a for a in await attachments_of(kind, row) if str(a.id) == attachment_id), None)
    if found is None:
        raise ProblemError(404, "attachment_not_found", "no such attachment")
    return found


async def names(row: Row) -> tuple[str, str]:
    """The requester's name and the filer's (the same, or their agent)."""
    found = {p.id: p.name for p in await Party.filter(id__in={row.party_id, row.filed_by_id})}
    return found.get(row.party_id, ""), found.get(row.filed_by_id, "")


Action = Callable[[BaseDBAsyncClient, Row], Awaitable[AfterCommit | None]]


async def change(
    kind: Kind,
    request_id: str,
    status: str,
    note: str | None,
    actor: str,
    *,
    action: Action | None = None,
) -> tuple[Row, bool]:
    """Move the request to ``status``; ``action`` runs in the same transaction (and may return
    what to do after the commit). Returns the row and whether anything changed."""
    if status not in kind.next:
        raise invalid_fields(
            [FieldError("status", "invalid_field", "one of " + ", ".join(kind.next))]
        )
    if status == "refused" and not (note and note.strip()):
        raise invalid_fields([FieldError("note", "missing_field", "a refusal states its reasons")])
    now = clock.now()
    after: AfterCommit | None = None
    async with in_transaction() as conn:
        row = await get(kind, request_id)
        row = await kind.model.filter(id=row.id).using_db(conn).select_for_update().first()
        assert row is not None
        if row.status == status:
            return row, False
        if status not in kind.next[row.status]:
            raise ProblemError(
                409,
                "status_transition_invalid",
                f"a request that is {row.status} cannot become {status}",
            )
        previous = row.status
        row.status, row.updated_at = status, now
        await row.save(using_db=conn, update_fields=["status", "updated_at"])
        await RequestChange.create(
            request_type=kind.type,
            request_id=row.id,
            status=status,
            at=now,
            note=note,
            actor=actor,
            using_db=conn,
        )
        if action is not None:
            after = await action(conn, row)
        await audit.record(
            actor,
            f"request.{kind.type}.status_changed",
            "request",
            str(row.id),
            {"from": previous, "to": status, "note": note},
            using=conn,
        )
    if after is not None:
        await after()
    await notify(kind, row, status, note, now)
    return row, True


async def notify(kind: Kind, row: Row, status: str, note: str | None, at: datetime) -> None:
    """The mandatory message to the requester and, when an agent filed, that agent."""
    recipients = [row.party_id]
    if row.filed_by_id != row.party_id:
        recipients.append(row.filed_by_id)
    due = getattr(row, "review_due", None) if status == "received" else None
    notice = review_notice(kind, status)
    await system_events.record(
        row.case_id,
        NODES[kind.side],
        at,
        {
            "request_type": kind.type,
            "request_id": str(row.id),
            "kind_zh": kind_zh(kind, row),
            "status": status,
            "status_zh": kind.status_zh[status],
            "receipt_no": row.receipt_no,
            **({"note": note} if note else {}),
            **({"due": due.isoformat()} if due else {}),
            **({"review_notice": notice} if notice else {}),
        },
        f"request:{row.id.hex}:{status}",
        recipients=recipients,
    )


async def states(kind: Kind, case: Case, principal: Party) -> list[str]:
    """One line per request of the party on the case, for the case page:
    「财产线索 XS-…：核查中」."""
    return [
        f"{kind_zh(kind, row)} {row.receipt_no}：{kind.status_zh[row.status]}"
        for row in await of_party(kind, case, principal)
    ]


async def lead_times(case_nos: Collection[str]) -> dict[str, list[datetime]]:
    """When applicants gave property leads on these cases, for 失信规定 Art. 10(4) 「且申请执行人
    或者其他人未提供有效财产线索」 and the 终本 schedule (registered with
    ``service.aftercare.leads`` at start-up): every lead but one the court checked and found
    nothing by (``not_found``) may be an effective one."""
    found: dict[str, list[datetime]] = defaultdict(list)
    if not case_nos:
        return found
    rows = (
        await PropertyLead.filter(case__case_no__in=list(case_nos))
        .exclude(status="not_found")
        .values_list("case__case_no", "received_at")
    )
    for case_no, received_at in rows:
        found[str(case_no)].append(received_at)
    return found
