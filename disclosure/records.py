"""The 终本案件 and 限制消费 lists (contract §9.6): upsert, withdraw, the public look-ups, and
withdrawal that follows the case. What each list shows and why: disclosure/lists.py.

As for 失信 listings (disclosure/service.py): nothing is cached, so a withdrawal committed by any
process is invisible to the very next request; identity numbers are stored encrypted, as a keyed
hash (the same purpose as listings, so one number hashes alike) and masked.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from config.logging import get_logger
from disclosure import rules
from disclosure import service as listings
from disclosure.lists import LISTS, PublicList
from disclosure.models import PublicRecord
from disclosure.records_schemas import RestrictionIn, TerminatedCaseIn
from service import clock
from service.audit import service as audit
from service.errors import FieldError, ProblemError, invalid_fields
from service.events.facts import CaseFact, facts_of_cases
from service.identifiers import mask_id_number
from service.privacy import vault

log = get_logger("microcourt.disclosure.records")

PUBLISHED, WITHDRAWN = "published", "withdrawn"
CONTENT = "public_record_content"
RULING, RESUMED, CLOSED = "terminated_current_procedure", "resumed", "closed"
WATCHED_NODES = frozenset({RULING, RESUMED, CLOSED})
BATCH = 500

RecordIn = TerminatedCaseIn | RestrictionIn


@dataclass(frozen=True)
class Upserted:
    record: PublicRecord
    created: bool
    changed: bool


def _values(data: RecordIn) -> dict[str, Any]:
    v = vault()
    canonical = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    values: dict[str, Any] = {
        "case_no": data.case_no,
        "court": data.court,
        "kind": data.kind,
        "name": data.name,
        "id_no_enc": v.encrypt(data.id_no),
        "id_no_hash": v.lookup_hash(data.id_no, listings.ID_NO),
        "id_no_masked": mask_id_number(data.id_no),
        "filed_at": data.filed_at,
        "legal_rep": None,
        "target_amount": None,
        "unperformed_amount": None,
        "content_hash": v.lookup_hash(canonical, CONTENT),
    }
    if isinstance(data, TerminatedCaseIn):
        values |= {
            "decided_at": data.terminated_at,
            "target_amount": data.target_amount,
            "unperformed_amount": data.unperformed_amount,
        }
    else:
        values |= {
            "decided_at": data.issued_at,
            "legal_rep": data.legal_rep if data.kind == "organization" else None,
        }
    return values


def check(data: RecordIn) -> None:
    """Rules across fields: 立案 comes before the 终本 ruling or the order."""
    decided = data.terminated_at if isinstance(data, TerminatedCaseIn) else data.issued_at
    if data.filed_at is not None and data.filed_at > decided:
        field_name = "terminated_at" if isinstance(data, TerminatedCaseIn) else "issued_at"
        raise invalid_fields(
            [FieldError("filed_at", "filed_at_invalid", f"filed_at follows {field_name}")]
        )


async def upsert(public: PublicList, data: RecordIn, actor: str) -> Upserted:
    """Create (published at once) or correct a record; the same content again changes nothing.
    A withdrawn record is not republished: 409 ``record_withdrawn`` (send a new record_id)."""
    check(data)
    values = _values(data)
    now = clock.now()
    async with in_transaction() as conn:
        row = (
            await PublicRecord.filter(list=public.key, record_id=data.record_id)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if row is None:
            row = await PublicRecord.create(
                id=uuid.uuid4(),
                public_id=secrets.token_urlsafe(12),
                list=public.key,
                record_id=data.record_id,
                status=PUBLISHED,
                published_at=now,
                created_at=now,
                updated_at=now,
                using_db=conn,
                **values,
            )
            await audit.record(
                actor,
                f"{public.key}.published",
                "public_record",
                row.record_id,
                {"list": public.key},
                using=conn,
            )
            return Upserted(row, True, True)
        if row.status == WITHDRAWN:
            raise ProblemError(
                409, "record_withdrawn", "this record was withdrawn; send a new record_id"
            )
        if row.content_hash == values["content_hash"]:
            return Upserted(row, False, False)
        await PublicRecord.filter(id=row.id).using_db(conn).update(updated_at=now, **values)
        await audit.record(
            actor,
            f"{public.key}.corrected",
            "public_record",
            row.record_id,
            {"list": public.key},
            using=conn,
        )
        return Upserted(await PublicRecord.get(id=row.id, using_db=conn), False, True)


async def get(public: PublicList, record_id: str) -> PublicRecord:
    row = await PublicRecord.get_or_none(list=public.key, record_id=record_id)
    if row is None:
        raise ProblemError(404, "record_unknown", "no record with this record_id in this list")
    return row


async def withdraw(
    public: PublicList, record_id: str, reason: str, note: str | None, actor: str
) -> PublicRecord:
    """Withdraw a record: from the commit on, no search, board or page shows it (410)."""
    if reason not in public.withdraw_reasons:
        raise invalid_fields(
            [
                FieldError(
                    "reason",
                    "reason_unknown",
                    "reason must be one of: " + ", ".join(public.withdraw_reasons),
                )
            ]
        )
    now = clock.now()
    async with in_transaction() as conn:
        row = (
            await PublicRecord.filter(list=public.key, record_id=record_id)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if row is None:
            raise ProblemError(404, "record_unknown", "no record with this record_id in this list")
        if row.status == WITHDRAWN:
            return row  # withdrawing twice changes nothing
        await (
            PublicRecord.filter(id=row.id)
            .using_db(conn)
            .update(
                status=WITHDRAWN,
                withdrawn_at=now,
                withdraw_reason=reason,
                withdraw_note=note,
                updated_at=now,
            )
        )
        await audit.record(
            actor,
            f"{public.key}.withdrawn",
            "public_record",
            record_id,
            {"list": public.key, "reason": reason},
            using=conn,
        )
        return await PublicRecord.get(id=row.id, using_db=conn)


# --------------------------------------------------------------------------------------
# Public look-ups
# --------------------------------------------------------------------------------------


async def search(public: PublicList, name: str, id_no: str | None) -> list[PublicRecord]:
    """Exact name (and full identity number), published only, at most 20, newest first."""
    query = PublicRecord.filter(list=public.key, name=name.strip(), status=PUBLISHED)
    if id_no:
        query = query.filter(id_no_hash=vault().lookup_hash(id_no, listings.ID_NO))
    return await query.order_by("-published_at", "-id").limit(listings.BOARD_PAGE_SIZE)


async def board(public: PublicList, page: int) -> tuple[list[PublicRecord], bool]:
    rows = (
        await PublicRecord.filter(list=public.key, status=PUBLISHED)
        .order_by("-published_at", "-id")
        .offset((page - 1) * listings.BOARD_PAGE_SIZE)
        .limit(listings.BOARD_PAGE_SIZE + 1)
    )
    has_next = len(rows) > listings.BOARD_PAGE_SIZE and page < listings.BOARD_MAX_PAGE
    return rows[: listings.BOARD_PAGE_SIZE], has_next


async def public_record(public: PublicList, public_id: str) -> PublicRecord:
    """404 if unknown (or of another list), 410 once withdrawn."""
    row = await PublicRecord.get_or_none(public_id=public_id, list=public.key)
    if row is None:
        raise ProblemError(404, "not_found", "no such record")
    if row.status != PUBLISHED:
        raise ProblemError(410, "record_gone", "this record is no longer published")
    return row


# --------------------------------------------------------------------------------------
# Withdrawal that follows the case
# --------------------------------------------------------------------------------------


@dataclass
class Followed:
    withdrawn: list[str] = field(default_factory=list)  # record ids


def ending(public: PublicList, facts: list[CaseFact], record: PublicRecord) -> str | None:
    """The withdrawal reason the case's events since the record's date (终本日期 / the order's
    date) give, if any: the latest of a closure in one of the list's modes, or (终本案件) a
    resumption not followed by a new 终本 ruling."""
    since = rules.day_start(record.decided_at)
    for fact in reversed([f for f in facts if f.occurred_at >= since]):
        if fact.node == CLOSED and str(fact.data.get("mode")) in public.closure_reasons:
            return public.closure_reasons[str(fact.data["mode"])]
        if public.withdrawn_on_resume and fact.node == RESUMED:
            return "resumed"
        if public.withdrawn_on_resume and fact.node == RULING:
            return None  # a new 终本 after a resumption: the record stands
    return None


async def follow_cases(case_nos: Collection[str]) -> Followed:
    """Withdraw the records of these cases that their events end (idempotent)."""
    result = Followed()
    ordered = sorted(set(case_nos))
    for start in range(0, len(ordered), BATCH):
        rows = await PublicRecord.filter(
            case_no__in=ordered[start : start + BATCH], status=PUBLISHED
        )
        if not rows:
            continue
        facts: dict[str, list[CaseFact]] = {}
        for fact in await facts_of_cases(sorted({r.case_no for r in rows}), WATCHED_NODES):
            facts.setdefault(fact.case_no, []).append(fact)
        for row in rows:
            public = LISTS[row.list]
            reason = ending(public, facts.get(row.case_no, []), row)
            if reason is None:
                continue
            await withdraw(public, row.record_id, reason, "案件进展自动撤下", listings.SYSTEM)
            result.withdrawn.append(row.record_id)
    if result.withdrawn:
        log.info("disclosure.records_followed", withdrawn=len(result.withdrawn))
    return result


async def sweep() -> Followed:
    """The worker's catch-up for events a crash kept from :func:`follow_cases`."""
    case_nos = (
        await PublicRecord.filter(status=PUBLISHED).distinct().values_list("case_no", flat=True)
    )
    return await follow_cases([str(c) for c in case_nos])
