"""The requests API (contract §9.4): filing by parties, lists and decisions by the court.

A filing is JSON, or ``multipart/form-data`` with the same fields and its files in ``file``
(repeatable) — one call files the request with its attachments; a refused file refuses the
whole call before anything is filed. An ``Idempotency-Key`` header (1–64 printable ASCII)
makes a repeat return the first receipt (200 instead of 201).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from service import calendar, clock
from service.auth.dependencies import require_court
from service.cases.models import Case
from service.errors import FieldError, ProblemError, invalid_fields
from service.filings import attachments as files
from service.filings.access import channel_of
from service.filings.schemas import AttachmentOut
from service.http import ApiRoute, Doc, json_response, parse_json, query_limit
from service.parties.sessions import require_party
from service.parties.views import case_for_user
from service.requests import decisions, filing, service
from service.requests.kinds import KINDS, LEAD, LISTING, RESUMPTION, Kind, review_notice
from service.requests.schemas import (
    LeadIn,
    LeadStatusIn,
    ListingDecisionIn,
    ListingRequestIn,
    PartyRequestsOut,
    RequestChangeOut,
    RequestListOut,
    RequestOut,
    RequestReceiptOut,
    ResumptionDecisionIn,
    ResumptionIn,
)
from service.web.site import PRIVATE_HEADERS

KEY = re.compile(r"^[\x21-\x7e]{1,64}$")
UPLOAD_LIMIT = 30 * 1024 * 1024 + 256 * 1024  # one call: up to 30 MiB of files and framing
SCHEMAS: dict[str, type[BaseModel]] = {
    "listing": ListingRequestIn,
    "lead": LeadIn,
    "resumption": ResumptionIn,
}
TEXT_FIELD = {"listing": "grounds", "lead": "description", "resumption": "reason"}


def _private(body: BaseModel, status: int = 200) -> Response:
    return json_response(body.model_dump(mode="json"), status=status, headers=dict(PRIVATE_HEADERS))


async def receipt_out(kind: Kind, row: service.Row) -> RequestReceiptOut:
    return RequestReceiptOut(
        request_id=str(row.id),
        type=kind.type,
        receipt_no=row.receipt_no,
        received_at=row.received_at,
        review_due=getattr(row, "review_due", None),
        attachments=[AttachmentOut.of(a) for a in await service.attachments_of(kind, row)],
    )


async def request_out(kind: Kind, row: service.Row, case_no: str) -> RequestOut:
    changes = await service.history(kind, row)
    requester, filed_by = await service.names(row)
    due = getattr(row, "review_due", None)
    decided = next((c.at for c in changes if c.status in kind.closed), None)
    return RequestOut(
        **(await receipt_out(kind, row)).model_dump(),
        case_id=str(row.case_id),
        case_no=case_no,
        requester_name=requester,
        filed_by_name=filed_by,
        status=row.status,
        status_zh=kind.status_zh[row.status],
        kind=getattr(row, "kind", None),
        ground=getattr(row, "ground", None),
        text=getattr(row, TEXT_FIELD[kind.type]),
        listing_ids=getattr(row, "listing_ids", None),
        review_overdue=calendar.missed(due, decided, clock.now()) if due else None,
        review_notice=review_notice(kind, row.status),
        history=[
            RequestChangeOut(
                status=c.status, status_zh=kind.status_zh[c.status], at=c.at, note=c.note
            )
            for c in changes
        ],
    )


def _form_key(request: Request, form_value: object = None) -> str:
    key = request.headers.get("idempotency-key") or (str(form_value) if form_value else "")
    if not key:
        return secrets.token_hex(16)
    if not KEY.match(key):
        raise invalid_fields(
            [FieldError("Idempotency-Key", "invalid_field", "1–64 printable ASCII characters")]
        )
    return key


def _filer(kind: Kind) -> Any:
    async def endpoint(request: Request) -> Response:
        user = await require_party(request)
        bound, principal = await filing.side_case(kind, user, request.path_params["case_id"])
        # JSON only, as every JSON route (a cross-site form cannot send it); files follow
        # through the attachments route, as for objections.
        data = await parse_json(request, SCHEMAS[kind.type])
        row, new = await filing.FILERS[kind.type](
            bound,
            principal,
            data,
            _form_key(request),
            channel=channel_of(request),
            actor=user.actor,
        )
        return _private(await receipt_out(kind, row), status=201 if new else 200)

    return endpoint


def _adder(kind: Kind) -> Any:
    async def endpoint(request: Request) -> Response:
        user = await require_party(request)
        row, _ = await filing.for_party(kind, user, request.path_params["request_id"])
        form = await request.form(max_files=files.MAX_FILES + 1, max_fields=5)
        raw = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        if not raw:
            raise invalid_fields([FieldError("file", "missing_field", "send the file as 'file'")])
        if len(raw) > files.MAX_FILES:
            raise ProblemError(409, "attachment_limit", f"at most {files.MAX_FILES} attachments")
        uploads = [await files.read_upload(u) for u in raw]
        await filing.add_files(request.app.state.settings.data_dir, kind, row, uploads)
        return _private(await receipt_out(kind, row), status=201)

    return endpoint


async def party_requests(request: Request) -> Response:
    """Every request of the caller's side on the case (the other side's are never shown)."""
    user = await require_party(request)
    bound = await case_for_user(user, request.path_params["case_id"])
    out: dict[str, list[RequestOut]] = {}
    for name, kind in (
        ("listing_requests", LISTING),
        ("property_leads", LEAD),
        ("resumption_requests", RESUMPTION),
    ):
        try:
            principal = await filing.principal_for(kind, bound)
        except ProblemError:
            out[name] = []
            continue
        rows = await service.of_party(kind, bound.case, principal)
        out[name] = [await request_out(kind, r, bound.case.case_no) for r in rows]
    return _private(PartyRequestsOut(**out))


def _court_list(kind: Kind) -> Any:
    async def endpoint(request: Request) -> Response:
        await require_court(request, kind.scope)
        status = request.query_params.get("status")
        if status is not None and status not in kind.next:
            raise invalid_fields(
                [FieldError("status", "invalid_field", "one of " + ", ".join(kind.next))]
            )
        rows = await service.court_list(kind, status, query_limit(request, 100, 500))
        case_nos = {c.id: c.case_no for c in await Case.filter(id__in={r.case_id for r in rows})}
        items = [await request_out(kind, r, case_nos[r.case_id]) for r in rows]
        return _private(RequestListOut(items=items))

    return endpoint


def _court_decide(kind: Kind, schema: type[BaseModel], field: str) -> Any:
    async def endpoint(request: Request) -> Response:
        client = await require_court(request, kind.scope)
        data = await parse_json(request, schema)
        row, _ = await decisions.decide(
            kind,
            request.path_params["request_id"],
            getattr(data, field),
            getattr(data, "note", None),
            client.actor,
        )
        case = await Case.get(id=row.case_id)
        return _private(await request_out(kind, row, case.case_no))

    return endpoint


def _court_attachment(kind: Kind) -> Any:
    async def endpoint(request: Request) -> Response:
        await require_court(request, kind.scope)
        row = await service.get(kind, request.path_params["request_id"])
        found = await service.find_attachment(kind, row, request.path_params["attachment_id"])
        return FileResponse(
            filing.path_of(request.app.state.settings.data_dir, found),
            media_type=found.content_type,
            headers={**PRIVATE_HEADERS, "X-Content-Type-Options": "nosniff"},
            content_disposition_type="attachment",
            filename=found.filename,
        )

    return endpoint


_PARTY = {401: ["session_required"]}
_FILE_ERRORS: dict[int, list[str]] = {
    **_PARTY,
    404: ["case_not_found"],
    409: ["attachment_limit"],
    413: ["attachment_too_large"],
    415: ["attachment_type_unsupported"],
    422: ["missing_field", "attachment_empty"],
}
_FILE_DESC = (
    " Files follow through POST …/{request_id}/attachments (multipart, 'file' repeatable: PDF, "
    "JPEG or PNG by content, ≤ 10 MiB each, ≤ 10 in all), as for objections. Idempotency-Key "
    "header: the same key again answers 200 with the first receipt."
)


def _filing_route(kind: Kind, path: str, summary: str, extra: dict[int, list[str]]) -> ApiRoute:
    errors: dict[int, list[str]] = {**_PARTY, 404: ["case_not_found"]}
    for status, codes in extra.items():
        errors.setdefault(status, []).extend(codes)
    return ApiRoute(
        f"/api/party/v1/cases/{{case_id}}/{path}",
        _filer(kind),
        methods=["POST"],
        name=f"file_{kind.type}_request",
        doc=Doc(
            summary,
            "party",
            request=SCHEMAS[kind.type],
            responses={201: RequestReceiptOut, 200: RequestReceiptOut},
            auth="party",
            description=summary + "." + _FILE_DESC,
            errors=errors,
        ),
    )


def _court_routes(kind: Kind, action: str, schema: type[BaseModel], field: str) -> list[ApiRoute]:
    base = f"/api/court/v1/{kind.path}"
    statuses = " | ".join(kind.next)
    return [
        ApiRoute(
            base,
            _court_list(kind),
            methods=["GET"],
            name=f"court_{kind.type}_requests",
            doc=Doc(
                f"{kind.name_zh}: oldest first, with history and attachments",
                "court",
                responses={200: RequestListOut},
                auth="court",
                scope=kind.scope,
                query=[("status", "string", False, statuses), ("limit", "integer", False, "1–500")],
                errors={422: ["invalid_field"]},
            ),
        ),
        ApiRoute(
            f"{base}/{{request_id}}/{action}",
            _court_decide(kind, schema, field),
            methods=["POST"],
            name=f"court_{kind.type}_{action}",
            doc=Doc(
                f"{kind.name_zh}: decide / mark; the requester is notified (mandatory message)",
                "court",
                request=schema,
                responses={200: RequestOut},
                auth="court",
                scope=kind.scope,
                description=f"Statuses: {statuses}. The same status again is a 200 that sends "
                "nothing. A refusal needs a note.",
                errors={
                    404: ["request_not_found"],
                    409: ["status_transition_invalid", "listing_expired"],
                    422: ["missing_field"],
                },
            ),
        ),
        ApiRoute(
            f"{base}/{{request_id}}/attachments/{{attachment_id}}",
            _court_attachment(kind),
            methods=["GET"],
            name=f"court_{kind.type}_attachment",
            doc=Doc(
                f"{kind.name_zh}: download one attachment",
                "court",
                auth="court",
                scope=kind.scope,
                content_type="application/octet-stream",
                errors={404: ["request_not_found", "attachment_not_found"]},
            ),
        ),
    ]


routes = [
    _filing_route(
        LISTING,
        "listing-requests",
        "File a 纠正 (失信规定 Art. 11) or early-deletion (Art. 2 para 2) request; the receipt "
        "carries the court's 15-day review deadline (Art. 12)",
        {409: ["no_published_listing"], 422: ["missing_field"]},
    ),
    _filing_route(LEAD, "property-leads", "Give the court a property lead (财产线索)", {}),
    _filing_route(
        RESUMPTION,
        "resumption-requests",
        "Ask for resumption after 终本 (终本规定 Art. 9)",
        {409: ["not_terminated"]},
    ),
    *[
        ApiRoute(
            f"/api/party/v1/{kind.path}/{{request_id}}/attachments",
            _adder(kind),
            methods=["POST"],
            name=f"add_{kind.type}_attachments",
            max_body_size=UPLOAD_LIMIT,
            doc=Doc(
                f"{kind.name_zh}: add files while it is undecided (multipart, field 'file')",
                "party",
                responses={201: RequestReceiptOut},
                auth="party",
                description="The requester's side only. PDF, JPEG or PNG by content, ≤ 10 MiB "
                "each, ≤ 10 per request, ≤ 30 MiB per call.",
                errors={
                    **_PARTY,
                    404: ["request_not_found"],
                    409: ["attachment_limit", "request_closed"],
                    413: ["attachment_too_large", "body_too_large"],
                    415: ["attachment_type_unsupported"],
                    422: ["missing_field", "attachment_empty"],
                },
            ),
        )
        for kind in (LISTING, LEAD, RESUMPTION)
    ],
    ApiRoute(
        "/api/party/v1/cases/{case_id}/requests",
        party_requests,
        methods=["GET"],
        doc=Doc(
            "The caller's side's requests on the case, each with its status history",
            "party",
            responses={200: PartyRequestsOut},
            auth="party",
            errors={**_PARTY, 404: ["case_not_found"]},
        ),
    ),
    *_court_routes(LISTING, "decision", ListingDecisionIn, "decision"),
    *_court_routes(LEAD, "status", LeadStatusIn, "status"),
    *_court_routes(RESUMPTION, "decision", ResumptionDecisionIn, "decision"),
]
assert set(KINDS) == set(SCHEMAS)
