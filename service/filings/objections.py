"""终本 objections (contract §1.8, §4.5): filing, the objector's view, the court's list and
status changes.

Statuses move one way::

    received ──→ correction_requested ──→ filed ──→ upheld
        │  └──────────────────────────→ ↑  └────→ dismissed
        └──────→ not_accepted ←── (from received or correction_requested)

``received`` is set when the party files; the court sets the others. ``correction_requested``
(补正) is 执行异议和复议规定 Art. 2 para 2: 「执行异议申请材料不齐备的，人民法院应当一次性告知
异议人在三日内补足，逾期未补足的，不予受理」 — once (no second request), its note saying what is
missing, the objector having 3 days (:func:`deadlines.correction_due`) to upload it.
A request for 补正 counts as the court acting on filing in time (whether the 3-day filing
clock restarts after 补正 is not stated, domain-round2.md §4.1 ❓). Repeating the current
status with the same ``at`` and ``note`` is a harmless 200 (the message is not sent twice);
any other move is 409 ``status_transition_invalid``. Every change is appended to the history,
written to the audit log in the same transaction and sent to the objector (and the agent who
filed for them) as the mandatory system event ``objection_status_changed``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from service import clock
from service.audit import service as audit
from service.cases.models import Case
from service.errors import FieldError, ProblemError, invalid_fields
from service.events import nodes
from service.events.models import Event
from service.filings import deadlines, system_events, termination
from service.filings.access import applicant_of
from service.filings.models import Objection, ObjectionAttachment, ObjectionChange
from service.filings.receipts import receipt_no
from service.filings.schemas import ObjectionIn
from service.identifiers import mask_phone
from service.parties.models import Party
from service.parties.sessions import PartyUser
from service.parties.views import BoundCase, case_for_user
from service.privacy import vault

STATUS_NODE = "objection_status_changed"
NEXT: dict[str, tuple[str, ...]] = {
    "received": ("correction_requested", "filed", "not_accepted"),
    "correction_requested": ("filed", "not_accepted"),
    "filed": ("upheld", "dismissed"),
    "not_accepted": (),
    "upheld": (),
    "dismissed": (),
}
STATUS_ZH = {
    "received": "已收到",
    "correction_requested": "需补正材料",
    "filed": "已立案",
    "not_accepted": "不予受理",
    "upheld": "异议成立",
    "dismissed": "异议驳回",
}
DECIDED = ("not_accepted", "upheld", "dismissed")
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class Check:
    ruling: termination.Fact
    items: list[termination.CheckItem]


async def termination_check(case: Case) -> Check:
    rows = await Event.filter(case_id=case.id).order_by("occurred_at")
    facts = [termination.Fact(r.event_id, r.node, r.occurred_at, dict(r.data or {})) for r in rows]
    items = termination.evaluate(case.filed_at, facts)
    ruling = termination.ruling_of(facts)
    if items is None or ruling is None:
        raise ProblemError(
            409, "not_terminated", "this case has no 终本 ruling (terminated_current_procedure)"
        )
    return Check(ruling, items)


async def file_objection(
    case: Case, applicant: Party, acting: Party, data: ObjectionIn, *, channel: str, actor: str
) -> Objection:
    await termination_check(case)  # 409 not_terminated before anything is written
    await refuse_second(case, applicant)
    now = clock.now()
    due = deadlines.objection_deadlines(now)
    for _ in range(5):
        try:
            async with in_transaction() as conn:
                objection = await Objection.create(
                    id=uuid.uuid4(),
                    receipt_no=receipt_no("YY", now),
                    case_id=case.id,
                    party_id=applicant.id,
                    filed_by_id=acting.id,
                    grounds=list(data.grounds),
                    request=data.request,
                    facts=data.facts,
                    contact_address=data.contact_address,
                    phone_enc=vault().encrypt(data.phone),
                    channel=channel,
                    status="received",
                    received_at=now,
                    filing_due=due.filing_due,
                    decision_due=due.decision_due,
                    updated_at=now,
                    using_db=conn,
                )
                await ObjectionChange.create(
                    objection_id=objection.id,
                    status="received",
                    at=now,
                    actor=actor,
                    recorded_at=now,
                    using_db=conn,
                )
                await audit.record(
                    actor,
                    "objection.received",
                    "objection",
                    str(objection.id),
                    {"case_id": str(case.id), "grounds": list(data.grounds), "channel": channel},
                    using=conn,
                )
            return objection
        except IntegrityError:
            continue  # receipt-number clash: draw again
    raise ProblemError(503, "service_unavailable", "could not allocate a receipt number")


#: An objection that is not 不予受理 stands: while it is handled, more material goes to it;
#: once decided, the remedy is 复议 (民事诉讼法第二百三十六条), not a second objection.
REFILE_ALLOWED = ("not_accepted",)


async def refuse_second(case: Case, applicant: Party) -> None:
    """409 ``objection_exists`` when the applicant already has an objection to this ruling that
    was not refused as 不予受理: one objection per 终本 ruling, more material goes to it, and a
    decided one is reviewed by 复议 (民事诉讼法第二百三十六条); only a 不予受理 one (material
    not completed, 执行异议和复议规定第二条) may be filed again, complete."""
    earlier = (
        await Objection.filter(case_id=case.id, party_id=applicant.id)
        .exclude(status__in=REFILE_ALLOWED)
        .order_by("-received_at")
        .first()
    )
    if earlier is not None:
        raise ProblemError(
            409,
            "objection_exists",
            f"an objection to this ruling was already filed ({earlier.receipt_no})",
        )


async def for_party(user: PartyUser, objection_id: str) -> tuple[Objection, BoundCase]:
    """The objection if the caller is on the objector's side, else 404 (as for none)."""
    objection = await get(objection_id)
    try:
        bound = await case_for_user(user, str(objection.case_id))
        applicant = await applicant_of(bound)
    except ProblemError:
        raise ProblemError(404, "objection_not_found", "no such objection") from None
    if applicant.id != objection.party_id:
        raise ProblemError(404, "objection_not_found", "no such objection")
    return objection, bound


async def of_applicant(case: Case, applicant: Party) -> list[Objection]:
    return await Objection.filter(case_id=case.id, party_id=applicant.id).order_by("received_at")


async def find_attachment(objection: Objection, attachment_id: str) -> ObjectionAttachment:
    found = next((a for a in await attachments_of(objection) if str(a.id) == attachment_id), None)
    if found is None:
        raise ProblemError(404, "attachment_not_found", "no such attachment")
    return found


async def objector_names(objection: Objection) -> tuple[str, str]:
    """The names of the applicant objecting and of who filed it (the same, or their agent)."""
    names = {
        p.id: p.name for p in await Party.filter(id__in={objection.party_id, objection.filed_by_id})
    }
    return names.get(objection.party_id, ""), names.get(objection.filed_by_id, "")


async def of_case(case_id: uuid.UUID) -> list[Objection]:
    return await Objection.filter(case_id=case_id).order_by("received_at")


async def history(objection: Objection) -> list[ObjectionChange]:
    return await ObjectionChange.filter(objection_id=objection.id).order_by("at", "id")


async def attachments_of(objection: Objection) -> list[ObjectionAttachment]:
    return await ObjectionAttachment.filter(objection_id=objection.id).order_by("uploaded_at")


def _done_at(changes: list[ObjectionChange], statuses: tuple[str, ...]) -> datetime | None:
    return next((c.at for c in changes if c.status in statuses), None)


def overdue_flags(
    objection: Objection, changes: list[ObjectionChange], now: datetime
) -> tuple[bool, bool]:
    filed = _done_at(changes, ("correction_requested", "filed", "not_accepted"))
    decided = _done_at(changes, DECIDED)
    return (
        deadlines.overdue(objection.filing_due, filed, now),
        deadlines.overdue(objection.decision_due, decided, now),
    )


@dataclass(frozen=True)
class Correction:
    requested_at: datetime
    missing: str
    due: date


def correction_of(changes: list[ObjectionChange]) -> Correction | None:
    """The court's request for missing materials (at most one), with the objector's 3 days."""
    for change in changes:
        if change.status == "correction_requested":
            return Correction(change.at, change.note or "", deadlines.correction_due(change.at))
    return None


def review_notice(status: str) -> str | None:
    """The remedy a party must be told of (执行异议规定 Art. 16; 民诉法 Art. 236)."""
    return nodes.REVIEW_NOTICE if status in ("dismissed", "not_accepted") else None


def phone_masked(objection: Objection) -> str:
    return mask_phone(vault().decrypt(objection.phone_enc))


async def court_list(
    status: str | None, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> tuple[list[Objection], bool]:
    query = Objection.all()
    if status:
        query = query.filter(status=status)
    if after is not None:
        at, oid = after
        query = query.filter(Q(received_at__gt=at) | Q(received_at=at, id__gt=oid))
    rows = await query.order_by("received_at", "id").limit(limit + 1)
    return rows[:limit], len(rows) > limit


async def get(objection_id: str) -> Objection:
    try:
        oid = uuid.UUID(objection_id)
    except ValueError:
        raise ProblemError(404, "objection_not_found", "no such objection") from None
    objection = await Objection.get_or_none(id=oid)
    if objection is None:
        raise ProblemError(404, "objection_not_found", "no such objection")
    return objection


def status_event_id(objection: Objection, status: str) -> str:
    return f"objection:{objection.id.hex}:{status}"


async def change_status(
    objection_id: str,
    status: str,
    note: str | None,
    at: datetime | None,
    actor: str,
    *,
    skew: timedelta = timedelta(0),
) -> Objection:
    """Move the objection to ``status`` at ``at`` (the court's time, default now). An ``at``
    up to ``skew`` (the court timestamp skew) before the previous change — the case system
    sends whole seconds, or its clock is a little behind ours — is accepted and ordered right
    after that change; earlier than that is a 422."""
    now = clock.now()
    when = at or now
    if when > now + FUTURE_TOLERANCE:
        raise ProblemError(422, "occurred_in_future", "at is more than 5 minutes ahead")
    async with in_transaction() as conn:
        objection = await get(objection_id)
        locked = await Objection.filter(id=objection.id).using_db(conn).select_for_update().first()
        assert locked is not None
        objection = locked
        changes = (
            await ObjectionChange.filter(objection_id=objection.id)
            .using_db(conn)
            .order_by("at", "id")
        )
        last = changes[-1]
        before_last = changes[-2].at if len(changes) > 1 else last.at
        repeat = (
            objection.status == status
            and last.note == note
            and (at is None or clock.order_after(when, before_last, skew) == last.at)
        )
        if not repeat:
            if status == "correction_requested" and not (note and note.strip()):
                raise invalid_fields(
                    [FieldError("note", "missing_field", "say what is missing (补正, Art. 2)")]
                )
            if status not in NEXT[objection.status]:
                raise ProblemError(
                    409,
                    "status_transition_invalid",
                    f"an objection that is {objection.status} cannot become {status}",
                )
            ordered = clock.order_after(when, last.at, skew)
            if ordered is None:
                raise invalid_fields(
                    [FieldError("at", "invalid_field", "at is before the previous status change")]
                )
            reported, when = when, ordered
            objection.status, objection.updated_at = status, now
            await objection.save(using_db=conn, update_fields=["status", "updated_at"])
            await ObjectionChange.create(
                objection_id=objection.id,
                status=status,
                at=when,
                note=note,
                actor=actor,
                recorded_at=now,
                using_db=conn,
            )
            await audit.record(
                actor,
                "objection.status_changed",
                "objection",
                str(objection.id),
                {
                    "from": last.status,
                    "to": status,
                    "at": when.isoformat(),
                    "reported_at": reported.isoformat(),
                    "note": note,
                },
                using=conn,
            )
    recipients = [objection.party_id]
    if objection.filed_by_id != objection.party_id:
        recipients.append(objection.filed_by_id)
    # After commit; the event id makes a retried request (the repeat path) send nothing twice.
    await system_events.record(
        objection.case_id,
        STATUS_NODE,
        when if not repeat else last.at,
        {
            "objection_id": str(objection.id),
            "receipt_no": objection.receipt_no,
            "status": status,
            "status_zh": STATUS_ZH[status],
            **({"note": note} if note else {}),
            **(
                {"due": deadlines.correction_due(when).isoformat()}
                if status == "correction_requested"
                else {}
            ),
        },
        status_event_id(objection, status),
        recipients=recipients,
    )
    return objection
