"""Rights lists and acknowledgements (contract §1.8, §4.4).

**Drafts are never served.** The version the service seeds (``seeded``: 「系统预置版本，待本院
审定」) is a draft for the court to review: no party is shown it, nobody can acknowledge it, and
no reminder names it. Until the court publishes a version (``PUT``; publishing the draft's own
version name publishes the draft), a case has no list (:func:`version_for_case` is ``None``) and
its page says the list is being prepared.

**Which version a case gets.** A case is served the newest version *published at or before the
moment the service received the case's ``case_filed`` event* (the moment the applicant's
notification with the link was created; the case record's creation when no such event exists).
When no version was published by then (cases older than the feature), it gets the oldest
version. The answer depends only on immutable times, so it never changes for a case: a version
published later is served to later cases only.

**Versions are kept forever.** A published version never changes, acknowledged or not: what an
applicant was shown stays what the version says. A different content under a published version
is 409 ``rights_list_published`` (``rights_list_acknowledged`` once anyone acknowledged it);
publish a new version instead. The same content again is a harmless 200. Only a draft may be
replaced (nobody has been shown it).

**Acknowledgements** are per applicant (an agent acknowledges for the applicant they
represent). The first one answers 201 with a new receipt; every later one with the same
version and hash answers 200 with that first receipt. A version or hash other than the case's
current one is 409 ``rights_list_changed`` (the page was read before the list changed).

**Reminders** (:func:`send_due_rights_reminders`, run by the worker's cron): reminder *n* is due
``MICROCOURT_RIGHTS_REMINDER_DAYS[n]`` days after the ``case_filed`` event was received, while
any active applicant of the case has not acknowledged. Each is one system event
``rights_list_reminder`` (event id ``rights-reminder:{case hex}:{version}:{n}``) addressed to the
unacknowledged applicants and their agents; a sweep that finds several due sends only the last
(no burst after an outage). Cases whose ``case_filed`` is older than the last reminder day plus
``REMINDER_WINDOW_DAYS`` are not reminded (no reminders for old cases when the feature ships).
After the last reminder day an unacknowledged applicant is ``overdue`` in the court's list.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from config.logging import get_logger
from service import clock
from service.audit import service as audit
from service.cases.models import Case
from service.errors import ProblemError
from service.events.models import Event
from service.filings import content as rights_content
from service.filings import system_events
from service.filings.models import Acknowledgement, RightsList, RightsReminder
from service.filings.receipts import receipt_no
from service.parties.models import Party

log = get_logger("microcourt.filings.rights")

REMINDER_NODE = "rights_list_reminder"
REMINDER_WINDOW_DAYS = 7


def items_of(row: RightsList) -> list[rights_content.RightsItem]:
    return [rights_content.RightsItem(int(str(i["no"])), str(i["text"])) for i in row.items]


async def seed_default() -> None:
    """Create the draft once (start-up; safe to run in every process, every time); a draft
    still unpublished is brought up to this release's text (nobody has been shown it)."""
    now = clock.now()
    items = rights_content.DEFAULT_ITEMS
    digest = rights_content.content_sha256(
        rights_content.DEFAULT_VERSION, rights_content.DEFAULT_TITLE, items
    )
    existing = await RightsList.get_or_none(version=rights_content.DEFAULT_VERSION)
    if existing is not None:
        if existing.seeded and existing.content_sha256 != digest:
            await RightsList.filter(version=existing.version, seeded=True).update(
                title=rights_content.DEFAULT_TITLE,
                items=[{"no": i.no, "text": i.text} for i in items],
                content_sha256=digest,
                updated_at=now,
            )
        return
    try:
        await RightsList.create(
            version=rights_content.DEFAULT_VERSION,
            title=rights_content.DEFAULT_TITLE,
            items=[{"no": i.no, "text": i.text} for i in items],
            content_sha256=rights_content.content_sha256(
                rights_content.DEFAULT_VERSION, rights_content.DEFAULT_TITLE, items
            ),
            seeded=True,
            note=rights_content.DEFAULT_NOTE,
            published_at=now,
            updated_at=now,
        )
    except IntegrityError:
        return  # another process seeded it first
    log.info("rights_list.seeded", version=rights_content.DEFAULT_VERSION)


@dataclass(frozen=True)
class Published:
    row: RightsList
    created: bool
    changed: bool
    acknowledged: int


async def publish(
    version: str, title: str, items: Sequence[rights_content.RightsItem], actor: str
) -> Published:
    title = rights_content.clean(title)
    items = [rights_content.RightsItem(i.no, rights_content.clean(i.text)) for i in items]
    digest = rights_content.content_sha256(version, title, items)
    stored = [{"no": i.no, "text": i.text} for i in sorted(items, key=lambda i: i.no)]
    now = clock.now()
    async with in_transaction() as conn:
        row = await RightsList.filter(version=version).using_db(conn).select_for_update().first()
        count = await Acknowledgement.filter(version=version).using_db(conn).count()
        if row is not None and row.content_sha256 == digest and not row.seeded:
            return Published(row, created=False, changed=False, acknowledged=count)
        if row is not None and count:
            raise ProblemError(
                409,
                "rights_list_acknowledged",
                f"version {version} has been acknowledged {count} time(s) and cannot change; "
                "publish a new version",
            )
        if row is not None and not row.seeded:
            raise ProblemError(
                409,
                "rights_list_published",
                f"version {version} is published and is kept as it is; publish a new version",
            )
        if row is None:
            row = await RightsList.create(
                version=version,
                title=title,
                items=stored,
                content_sha256=digest,
                published_at=now,
                updated_at=now,
                using_db=conn,
            )
            created = True
        else:
            # Publishing the draft: from now on it is a version like any other.
            row.title, row.items, row.content_sha256 = title, stored, digest
            row.seeded, row.note, row.updated_at, row.published_at = False, None, now, now
            await row.save(using_db=conn)
            created = False
        await audit.record(
            actor,
            "rights_list.published" if created else "rights_list.changed",
            "rights_list",
            version,
            {"content_sha256": digest, "items": len(stored)},
            using=conn,
        )
    return Published(row, created=created, changed=True, acknowledged=0)


async def history() -> list[tuple[RightsList, int]]:
    """Every version, newest first, with how many acknowledgements each has."""
    rows = await RightsList.all().order_by("-published_at", "-version")
    counts: dict[str, int] = {}
    for version in await Acknowledgement.all().values_list("version", flat=True):
        counts[str(version)] = counts.get(str(version), 0) + 1
    return [(row, counts.get(row.version, 0)) for row in rows]


async def _filed_notice_at(case: Case) -> datetime | None:
    event = await Event.filter(case_id=case.id, node="case_filed").order_by("received_at").first()
    return event.received_at if event else None


async def version_for_case(case: Case) -> RightsList | None:
    """The published version served to this case, or ``None`` while the court has published
    none (drafts are never served)."""
    anchor = await _filed_notice_at(case) or case.created_at
    published = RightsList.filter(seeded=False)
    return (
        await published.filter(published_at__lte=anchor).order_by("-published_at").first()
        or await RightsList.filter(seeded=False).order_by("published_at").first()
    )


def not_published() -> ProblemError:
    return ProblemError(
        409,
        "rights_list_not_published",
        "the court has not published a rights list yet; it is being prepared",
    )


async def acknowledgement_of(case: Case, applicant: Party) -> Acknowledgement | None:
    return await Acknowledgement.get_or_none(case_id=case.id, party_id=applicant.id)


@dataclass(frozen=True)
class Acknowledged:
    ack: Acknowledgement
    created: bool


async def acknowledge(
    case: Case,
    applicant: Party,
    acting: Party,
    version: str,
    sha256: str,
    *,
    channel: str,
    client_address: str,
    user_agent: str,
    actor: str,
) -> Acknowledged:
    current = await version_for_case(case)
    if current is None:
        raise not_published()
    existing = await acknowledgement_of(case, applicant)
    if existing is not None and (existing.version, existing.content_sha256) == (version, sha256):
        return Acknowledged(existing, created=False)
    if (current.version, current.content_sha256) != (version, sha256):
        raise ProblemError(
            409,
            "rights_list_changed",
            "the rights list of this case is now version "
            f"{current.version} ({current.content_sha256}); read it again and acknowledge that",
            extra={"version": current.version, "content_sha256": current.content_sha256},
        )
    if existing is not None:  # acknowledged this same content before under the same version
        return Acknowledged(existing, created=False)
    now = clock.now()
    for _ in range(5):
        try:
            async with in_transaction() as conn:
                locked = (
                    await RightsList.filter(version=version)
                    .using_db(conn)
                    .select_for_update()
                    .first()
                )
                if locked is None or locked.seeded or locked.content_sha256 != sha256:
                    raise ProblemError(409, "rights_list_changed", "the rights list just changed")
                ack = await Acknowledgement.create(
                    id=uuid.uuid4(),
                    receipt_no=receipt_no("QL", now),
                    case_id=case.id,
                    party_id=applicant.id,
                    acting_party_id=acting.id,
                    version=version,
                    content_sha256=sha256,
                    acknowledged_at=now,
                    channel=channel,
                    client_address=client_address[:64],
                    user_agent=user_agent[:300],
                    actor=actor,
                    using_db=conn,
                )
                await audit.record(
                    actor,
                    "rights_list.acknowledged",
                    "rights_acknowledgement",
                    ack.receipt_no,
                    {"case_id": str(case.id), "version": version, "channel": channel},
                    using=conn,
                )
            return Acknowledged(ack, created=True)
        except IntegrityError:
            # A concurrent acknowledgement by the same applicant (or a receipt-number clash).
            first = await acknowledgement_of(case, applicant)
            if first is not None:
                return Acknowledged(first, created=False)
    raise ProblemError(503, "service_unavailable", "could not allocate a receipt number")


async def get_receipt(case: Case, applicant: Party, receipt: str) -> Acknowledgement:
    ack = await Acknowledgement.get_or_none(
        case_id=case.id, party_id=applicant.id, receipt_no=receipt
    )
    if ack is None:
        raise ProblemError(404, "receipt_not_found", "no such receipt")
    return ack


def reminder_event_id(case_id: uuid.UUID, version: str, number: int) -> str:
    return f"rights-reminder:{case_id.hex}:{version}:{number}"


async def _pending_applicants(case_id: uuid.UUID) -> list[Party]:
    applicants = await Party.filter(case_id=case_id, role="applicant", active=True)
    done = set(await Acknowledgement.filter(case_id=case_id).values_list("party_id", flat=True))
    return [p for p in applicants if p.id not in done]


async def _with_agents(case_id: uuid.UUID, principals: Sequence[Party]) -> list[Party]:
    ids = {p.party_id for p in principals}
    agents = await Party.filter(case_id=case_id, role="agent", active=True, represents__in=ids)
    return [*principals, *agents]


async def send_due_rights_reminders(now: datetime, days: Sequence[int]) -> int:
    """Send the reminders that are due at ``now``; returns how many were sent."""
    if not days:
        return 0
    steps = sorted(days)
    window = timedelta(days=steps[-1] + REMINDER_WINDOW_DAYS)
    filed = await Event.filter(
        node="case_filed",
        received_at__gte=now - window,
        received_at__lte=now - timedelta(days=steps[0]),
    ).order_by("received_at")
    sent = 0
    seen: set[uuid.UUID] = set()
    for event in filed:
        if event.case_id in seen:  # type: ignore[attr-defined]
            continue
        seen.add(event.case_id)  # type: ignore[attr-defined]
        due = sum(1 for d in steps if event.received_at + timedelta(days=d) <= now)
        if due and await _remind(event.case_id, due, now):  # type: ignore[attr-defined]
            sent += 1
    return sent


async def _remind(case_id: uuid.UUID, number: int, now: datetime) -> bool:
    case = await Case.get(id=case_id)
    version = await version_for_case(case)
    if version is None:
        return False  # nothing to read yet: reminders start once the court publishes
    done = [r.number for r in await RightsReminder.filter(case_id=case_id, version=version.version)]
    if any(n >= number for n in done):
        return False
    pending = await _pending_applicants(case_id)
    if not pending:
        return False
    recipients = await _with_agents(case_id, pending)
    event_id = reminder_event_id(case_id, version.version, number)
    await system_events.record(
        case_id,
        REMINDER_NODE,
        now,
        {"version": version.version, "number": number},
        event_id,
        recipients=[p.id for p in recipients],
    )
    try:
        await RightsReminder.create(
            case_id=case_id, version=version.version, number=number, event_id=event_id, sent_at=now
        )
    except IntegrityError:
        return False  # another sweep recorded it; the event id kept the message single
    log.info("rights_list.reminded", case_id=str(case_id), number=number)
    return True
