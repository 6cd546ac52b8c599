"""Who may file what, and the filing of each kind with its files (contract §9.4).

* Listing requests: the respondent (or the agent of a respondent) of a case with a published
  listing of that respondent (matched by case number and name); otherwise 409
  ``no_published_listing``. Anyone else bound to the case: 404 ``case_not_found`` (contract
  §4.3: nothing is revealed).
* Property leads: an applicant or their agent (``service.filings.access.principal_of``).
* Resumption: the same, of a case whose 终本 stands (status ``terminated``), else 409
  ``not_terminated`` (终本规定 Art. 9).
* Files: PDF/JPEG/PNG by content, 10 MiB each, 10 per request — the objection rules and code
  (``service.filings.attachments``), stored under ``<data dir>/request-files``.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from tortoise.backends.base.client import BaseDBAsyncClient

from service import clock
from service.cases.models import Case
from service.errors import ProblemError
from service.filings import attachments as files
from service.filings.access import principal_of
from service.parties.models import Party
from service.parties.sessions import PartyUser
from service.parties.views import BoundCase, case_for_user
from service.requests import service
from service.requests.kinds import KINDS, LEAD, LISTING, RESUMPTION, Kind
from service.requests.listings import port
from service.requests.models import RequestAttachment
from service.requests.schemas import LeadIn, ListingRequestIn, ResumptionIn

FOLDER = "request-files"


async def respondent_of(bound: BoundCase) -> Party:
    return await principal_of(bound, "respondent")


async def principal_for(kind: Kind, bound: BoundCase) -> Party:
    """Whom the user files ``kind`` for: the party of its side (service.filings.access)."""
    return await principal_of(bound, kind.side)


async def side_case(kind: Kind, user: PartyUser, case_id: str) -> tuple[BoundCase, Party]:
    bound = await case_for_user(user, case_id)
    return bound, await principal_for(kind, bound)


async def published_listings(case: Case, respondent: Party) -> list[str]:
    """The ids of the respondent's listings of this case that the public can see now."""
    return await port().published(case.case_no, respondent.name)


async def file_listing_request(
    bound: BoundCase, respondent: Party, data: ListingRequestIn, form_key: str, **how: str
) -> tuple[service.Row, bool]:
    if (earlier := await service.by_key(LISTING, bound.party, form_key)) is not None:
        return earlier, False
    listings = await published_listings(bound.case, respondent)
    if not listings:
        raise ProblemError(
            409, "no_published_listing", "no published 失信 listing of yours on this case"
        )
    values = {
        "kind": data.kind,
        "ground": data.ground if data.kind == "correction" else None,
        "grounds": data.grounds,
        "listing_ids": listings,
        "review_due": port().review_due(clock.now()),  # Art. 12: 15 days
    }
    return await service.file(LISTING, bound.case, respondent, bound.party, form_key, values, **how)


async def file_lead(
    bound: BoundCase, applicant: Party, data: LeadIn, form_key: str, **how: str
) -> tuple[service.Row, bool]:
    values = {"description": data.description}
    return await service.file(LEAD, bound.case, applicant, bound.party, form_key, values, **how)


async def file_resumption(
    bound: BoundCase, applicant: Party, data: ResumptionIn, form_key: str, **how: str
) -> tuple[service.Row, bool]:
    if (earlier := await service.by_key(RESUMPTION, bound.party, form_key)) is not None:
        return earlier, False
    if bound.case.status != "terminated":
        raise ProblemError(
            409, "not_terminated", "恢复执行 is asked after 终结本次执行程序 (终本规定 Art. 9)"
        )
    values = {"reason": data.reason}
    return await service.file(
        RESUMPTION, bound.case, applicant, bound.party, form_key, values, **how
    )


Filer = Callable[..., Awaitable[tuple[service.Row, bool]]]
FILERS: dict[str, Filer] = {
    "listing": file_listing_request,
    "lead": file_lead,
    "resumption": file_resumption,
}


async def store(
    data_dir: Path, kind: Kind, row: service.Row, uploads: list[files.Upload]
) -> list[RequestAttachment]:
    """The request's files, through the objections' storage code."""

    async def count(conn: BaseDBAsyncClient) -> int:
        await kind.model.filter(id=row.id).using_db(conn).select_for_update().first()
        return (
            await RequestAttachment.filter(request_type=kind.type, request_id=row.id)
            .using_db(conn)
            .count()
        )

    async def create(
        upload: files.Upload, storage_id: str, conn: BaseDBAsyncClient
    ) -> RequestAttachment:
        return await RequestAttachment.create(
            id=uuid.uuid4(),
            request_type=kind.type,
            request_id=row.id,
            storage_id=storage_id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_at=clock.now(),
            using_db=conn,
        )

    return await files.store_files(
        data_dir, uploads, count=count, create=create, folder=FOLDER, owner="request"
    )


def path_of(data_dir: Path, attachment: RequestAttachment) -> Path:
    return files.path_of(data_dir, attachment.storage_id, FOLDER)


async def for_party(kind: Kind, user: PartyUser, request_id: str) -> tuple[service.Row, BoundCase]:
    """The request if the caller is on the requester's side, else 404 (as for none)."""
    row = await service.get(kind, request_id)
    try:
        bound = await case_for_user(user, str(row.case_id))
        principal = await principal_for(kind, bound)
    except ProblemError:
        raise ProblemError(404, "request_not_found", "no such request") from None
    if principal.id != row.party_id:
        raise ProblemError(404, "request_not_found", "no such request")
    return row, bound


async def add_files(
    data_dir: Path, kind: Kind, row: service.Row, uploads: list[files.Upload]
) -> list[RequestAttachment]:
    """More files for a request the court has not yet decided (409 ``request_closed``)."""
    if row.status in kind.closed:
        raise ProblemError(409, "request_closed", "the request has been decided")
    return await store(data_dir, kind, row, uploads)


async def case_page_states(bound: BoundCase) -> list[str]:
    """The state of every request of the caller's side, for the party's case page."""
    lines: list[str] = []
    for kind in (LISTING, LEAD, RESUMPTION):
        try:
            principal = await principal_for(kind, bound)
        except ProblemError:
            continue
        lines += await service.states(kind, bound.case, principal)
    return lines


def kind_of(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise ProblemError(404, "request_not_found", "no such request")
    return kind
