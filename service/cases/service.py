"""Case upserts and look-ups. Other packages reach cases and parties only through here."""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from service import clock, db
from service.audit import service as audit
from service.cases import repository
from service.cases.models import Case
from service.cases.repository import NodeUpdate as NodeUpdate  # callers spell it cases.NodeUpdate
from service.cases.schemas import CaseIn, PartyIn
from service.errors import ProblemError
from service.parties.models import Party
from service.privacy import vault

ID_NO = "id_no"
PHONE = "phone"
ACCESS_CODE = "access_code"


@dataclass(frozen=True)
class UpsertResult:
    case: Case
    created: bool


def _party_fields(party: PartyIn) -> dict[str, object]:
    v = vault()
    return {
        "role": party.role,
        "kind": party.kind,
        "name": party.name,
        "id_no_enc": v.encrypt(party.id_no),
        "id_no_hash": v.lookup_hash(party.id_no, ID_NO),
        "phone_enc": v.encrypt(party.phone) if party.phone else None,
        "phone_hash": v.lookup_hash(party.phone, PHONE) if party.phone else None,
        "legal_rep": party.legal_rep,
        "represents": party.represents,
        "active": True,
        # omitted: the stored code stays (a CMS need not resend it with every upsert)
        **({"access_code_hash": access_code_hash(party.access_code)} if party.access_code else {}),
    }


def access_code_hash(code: str) -> str:
    """The keyed hash an access code is stored and compared as (letters compared upper-case)."""
    return vault().lookup_hash(code.strip().upper(), ACCESS_CODE)


def has_access_code(party: Party, code: str) -> bool:
    stored = party.access_code_hash
    return stored is not None and hmac.compare_digest(stored, access_code_hash(code))


async def upsert_case(data: CaseIn, actor: str) -> UpsertResult:
    """Create or update a case by its number; parties are matched by the CMS ``party_id``."""
    try:
        return await _upsert_case(data, actor)
    except IntegrityError:
        # Two first upserts of one case raced; the loser retries as an update.
        return await _upsert_case(data, actor)


async def _upsert_case(data: CaseIn, actor: str) -> UpsertResult:
    now = clock.now()
    v = vault()
    case_fields = {
        "court": data.court,
        "filed_at": data.filed_at,
        "cause": data.cause,
        "amount": data.amount,
        "handler_name": data.handler.name if data.handler else None,
        "handler_phone_enc": (
            v.encrypt(data.handler.phone) if data.handler and data.handler.phone else None
        ),
        "updated_at": now,
    }
    async with in_transaction() as conn:
        case = await Case.filter(case_no=data.case_no).using_db(conn).select_for_update().first()
        created = case is None
        if case is None:
            case = await Case.create(
                id=uuid.uuid4(), case_no=data.case_no, created_at=now, using_db=conn, **case_fields
            )
        else:
            await Case.filter(id=case.id).using_db(conn).update(**case_fields)
        existing = {p.party_id: p for p in await Party.filter(case_id=case.id).using_db(conn)}
        for party in data.parties:
            values = _party_fields(party)
            if party.party_id in existing:
                await (
                    Party.filter(id=existing[party.party_id].id)
                    .using_db(conn)
                    .update(updated_at=now, **values)
                )
            else:
                await Party.create(
                    id=uuid.uuid4(),
                    case_id=case.id,
                    party_id=party.party_id,
                    created_at=now,
                    updated_at=now,
                    using_db=conn,
                    **values,
                )
        sent = {p.party_id for p in data.parties}
        dropped = [pid for pid, p in existing.items() if pid not in sent and p.active]
        if dropped:
            await (
                Party.filter(case_id=case.id, party_id__in=dropped)
                .using_db(conn)
                .update(active=False, updated_at=now)
            )
        await audit.record(
            actor,
            "case.created" if created else "case.updated",
            "case",
            str(case.id),
            {"case_no": data.case_no, "parties": sorted(sent), "deactivated": sorted(dropped)},
            using=conn,
        )
    return UpsertResult(case, created)


async def get_case_by_no(case_no: str) -> Case | None:
    return await Case.get_or_none(case_no=case_no)


async def require_case_by_no(case_no: str) -> Case:
    case = await get_case_by_no(case_no)
    if case is None:
        raise ProblemError(422, "case_unknown", "no case with this case number")
    return case


async def get_case(case_id: uuid.UUID | str) -> Case | None:
    try:
        return await Case.get_or_none(id=uuid.UUID(str(case_id)))
    except ValueError:
        return None


async def cases_of_party_name(name: str, limit: int = 50) -> list[Case]:
    """Cases with an active party of exactly this name, newest filed first (staff search)."""
    case_ids = await Party.filter(name=name.strip(), active=True).values_list("case_id", flat=True)
    return await Case.filter(id__in=set(case_ids)).order_by("-filed_at", "-id").limit(limit)


async def active_parties(case_id: uuid.UUID) -> list[Party]:
    return await Party.filter(case_id=case_id, active=True).order_by("created_at")


async def find_parties_by_identity(case_id: uuid.UUID, name: str, id_no: str) -> list[Party]:
    """Parties of a case with exactly this name and identity number (keyed-hash match)."""
    id_hash = vault().lookup_hash(id_no, ID_NO)
    return await Party.filter(case_id=case_id, id_no_hash=id_hash, name=name.strip(), active=True)


async def parties_with_identity(case_id: uuid.UUID, id_no: str) -> list[Party]:
    """Active parties of a case with this identity number (keyed-hash match), any name."""
    id_hash = vault().lookup_hash(id_no, ID_NO)
    return await Party.filter(case_id=case_id, id_no_hash=id_hash, active=True)


def party_phone(party: Party) -> str | None:
    return vault().decrypt(party.phone_enc) if party.phone_enc else None


def handler_phone(case: Case) -> str | None:
    return vault().decrypt(case.handler_phone_enc) if case.handler_phone_enc else None


async def record_node(
    case_id: uuid.UUID,
    node: str,
    at: datetime,
    status: str | None,
    *,
    using: BaseDBAsyncClient | None = None,
) -> None:
    """Keep the case's latest node (and state, when the node changes it) current; pass
    ``using`` to write it in the caller's transaction."""
    await record_nodes([NodeUpdate(case_id, node, at, status)], using=using)


async def record_nodes(
    updates: Sequence[NodeUpdate], *, using: BaseDBAsyncClient | None = None
) -> None:
    """:func:`record_node` for many cases (at most one update per case) in one statement: a
    case moves only to a node at least as recent as the one it has."""
    await repository.record_nodes(updates, using or db.connection())
