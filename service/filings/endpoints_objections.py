"""终本 objection endpoints: the check, filing, attachments and the objector's view (§4.5);
the court's list and status changes (§1.8). Rules in ``service.filings.objections``."""

from __future__ import annotations

from datetime import datetime, timedelta

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from service import clock
from service.auth.dependencies import require_court
from service.cases.models import Case
from service.errors import FieldError, ProblemError, invalid_fields
from service.filings import attachments as files
from service.filings import objections
from service.filings.access import applicant_case, channel_of
from service.filings.models import Objection
from service.filings.schemas import (
    AttachmentOut,
    AttachmentsOut,
    ChangeOut,
    CheckItemOut,
    CorrectionOut,
    ObjectionIn,
    ObjectionListOut,
    ObjectionOut,
    ObjectionReceiptOut,
    StatusIn,
    TerminationCheckOut,
    dump,
)
from service.http import ApiRoute, Doc, json_response, parse_json, query_limit
from service.paging import decode_time_cursor, encode_time_cursor
from service.parties.sessions import require_party
from service.web.site import PRIVATE_HEADERS

STATUSES = tuple(objections.NEXT)


def receipt_out(o: Objection) -> ObjectionReceiptOut:
    return ObjectionReceiptOut(
        objection_id=str(o.id),
        receipt_no=o.receipt_no,
        received_at=o.received_at,
        filing_due=o.filing_due,
        decision_due=o.decision_due,
    )


async def objection_out(o: Objection, case_no: str, now: datetime) -> ObjectionOut:
    changes = await objections.history(o)
    filing_overdue, decision_overdue = objections.overdue_flags(o, changes, now)
    objector, filed_by = await objections.objector_names(o)
    return ObjectionOut(
        **receipt_out(o).model_dump(),
        case_id=str(o.case_id),
        case_no=case_no,
        objector_name=objector,
        filed_by_name=filed_by,
        status=o.status,
        grounds=list(o.grounds),
        request=o.request,
        facts=o.facts,
        contact_address=o.contact_address,
        phone=objections.phone_masked(o),
        filing_overdue=filing_overdue,
        decision_overdue=decision_overdue,
        overdue=filing_overdue or decision_overdue,
        history=[ChangeOut(status=c.status, at=c.at, note=c.note) for c in changes],
        attachments=[AttachmentOut.of(a) for a in await objections.attachments_of(o)],
        correction=CorrectionOut(
            requested_at=correction.requested_at, missing=correction.missing, due=correction.due
        )
        if (correction := objections.correction_of(changes))
        else None,
        review_notice=objections.review_notice(o.status),
    )


def _private(body: object, status: int = 200) -> Response:
    return json_response(body, status=status, headers=dict(PRIVATE_HEADERS))


async def termination_check(request: Request) -> Response:
    user = await require_party(request)
    bound, _ = await applicant_case(user, request.path_params["case_id"])
    check = await objections.termination_check(bound.case)
    body = TerminationCheckOut(
        case_id=str(bound.case.id),
        ruling_event_id=check.ruling.event_id,
        items=[
            CheckItemOut(
                item=i.item,
                met=i.met,
                evidence=i.evidence,
                basis=i.basis,
                local_policy=i.local_policy,
            )
            for i in check.items
        ],
    )
    return _private(dump(body))


async def file_objection(request: Request) -> Response:
    user = await require_party(request)
    bound, applicant = await applicant_case(user, request.path_params["case_id"])
    data = await parse_json(request, ObjectionIn)
    objection = await objections.file_objection(
        bound.case, applicant, bound.party, data, channel=channel_of(request), actor=user.actor
    )
    return _private(dump(receipt_out(objection)), status=201)


async def upload_attachments(request: Request) -> Response:
    user = await require_party(request)
    objection, _ = await objections.for_party(user, request.path_params["objection_id"])
    if objection.status in objections.DECIDED:
        raise ProblemError(409, "objection_closed", "the objection has been decided")
    form = await request.form(max_files=files.MAX_FILES, max_fields=20)
    uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
    if not uploads:
        raise invalid_fields([FieldError("file", "missing_field", "send the file as 'file'")])
    read = [await files.read_upload(u) for u in uploads]
    stored = await files.store(request.app.state.settings.data_dir, objection, read)
    return _private(dump(AttachmentsOut(attachments=[AttachmentOut.of(a) for a in stored])), 201)


async def get_objection(request: Request) -> Response:
    user = await require_party(request)
    objection, bound = await objections.for_party(user, request.path_params["objection_id"])
    return _private(dump(await objection_out(objection, bound.case.case_no, clock.now())))


async def court_objections(request: Request) -> Response:
    await require_court(request, "objections")
    status = request.query_params.get("status")
    if status is not None and status not in STATUSES:
        raise invalid_fields(
            [FieldError("status", "invalid_field", "one of " + ", ".join(STATUSES))]
        )
    cursor = request.query_params.get("cursor")
    after = decode_time_cursor(cursor) if cursor else None
    rows, more = await objections.court_list(status, query_limit(request), after)
    now = clock.now()
    case_nos = {c.id: c.case_no for c in await Case.filter(id__in={r.case_id for r in rows})}
    items = [await objection_out(r, case_nos[r.case_id], now) for r in rows]
    next_cursor = encode_time_cursor(rows[-1].received_at, rows[-1].id) if more and rows else None
    return _private(dump(ObjectionListOut(items=items, next_cursor=next_cursor)))


async def court_status(request: Request) -> Response:
    client = await require_court(request, "objections")
    data = await parse_json(request, StatusIn)
    objection = await objections.change_status(
        request.path_params["objection_id"],
        data.status,
        data.note,
        data.at,
        client.actor,
        skew=timedelta(seconds=request.app.state.settings.court_timestamp_skew_seconds),
    )
    case = await Case.get(id=objection.case_id)
    return _private(dump(await objection_out(objection, case.case_no, clock.now())))


async def court_attachment(request: Request) -> Response:
    await require_court(request, "objections")
    objection = await objections.get(request.path_params["objection_id"])
    found = await objections.find_attachment(objection, request.path_params["attachment_id"])
    path = files.path_of(request.app.state.settings.data_dir, found.storage_id)
    return FileResponse(
        path,
        media_type=found.content_type,
        headers={**PRIVATE_HEADERS, "X-Content-Type-Options": "nosniff"},
        content_disposition_type="attachment",
        filename=found.filename,
    )


_PARTY = {401: ["session_required"]}

routes = [
    ApiRoute(
        "/api/party/v1/cases/{case_id}/termination-check",
        termination_check,
        methods=["GET"],
        doc=Doc(
            "The 终本 conditions evaluated from the case's events (applicants and agents)",
            "party",
            responses={200: TerminationCheckOut},
            auth="party",
            description="met is null when the record has nothing to judge by (see "
            "docs/filings.md for each rule). 409 before the 终本 ruling.",
            errors={**_PARTY, 404: ["case_not_found"], 409: ["not_terminated"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/cases/{case_id}/objections",
        file_objection,
        methods=["POST"],
        doc=Doc(
            "File a written objection to the 终本 ruling",
            "party",
            request=ObjectionIn,
            responses={201: ObjectionReceiptOut},
            auth="party",
            description="filing_due / decision_due are the last calendar days (Asia/Shanghai) "
            "of the 3-day filing and 15-day decision periods counted from receipt.",
            errors={
                **_PARTY,
                404: ["case_not_found"],
                409: ["not_terminated", "objection_exists"],
                422: ["missing_field", "phone_invalid"],
            },
        ),
    ),
    ApiRoute(
        "/api/party/v1/objections/{objection_id}/attachments",
        upload_attachments,
        methods=["POST"],
        max_body_size=files.MAX_BYTES + 256 * 1024,  # a whole file and its multipart framing
        doc=Doc(
            "Attach files to an objection (multipart/form-data, field 'file', repeatable)",
            "party",
            responses={201: AttachmentsOut},
            auth="party",
            description="PDF, JPEG or PNG by content (not name), at most 10 MiB each and 10 per "
            "objection. Bodies over 10 MiB + 256 KiB are refused before reading "
            "(413 body_too_large).",
            errors={
                **_PARTY,
                404: ["objection_not_found"],
                409: ["attachment_limit", "objection_closed"],
                413: ["attachment_too_large", "body_too_large"],
                415: ["attachment_type_unsupported"],
                422: ["missing_field", "attachment_empty"],
            },
        ),
    ),
    ApiRoute(
        "/api/party/v1/objections/{objection_id}",
        get_objection,
        methods=["GET"],
        doc=Doc(
            "An objection with its status history and deadlines (the objector's side only)",
            "party",
            responses={200: ObjectionOut},
            auth="party",
            errors={**_PARTY, 404: ["objection_not_found"]},
        ),
    ),
    ApiRoute(
        "/api/court/v1/objections",
        court_objections,
        methods=["GET"],
        doc=Doc(
            "Objections, oldest first, with deadlines and overdue flags",
            "court",
            responses={200: ObjectionListOut},
            auth="court",
            scope="objections",
            query=[
                (
                    "status",
                    "string",
                    False,
                    "received | correction_requested | filed | not_accepted | upheld | dismissed",
                ),
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ],
            errors={422: ["invalid_field"]},
        ),
    ),
    ApiRoute(
        "/api/court/v1/objections/{objection_id}/status",
        court_status,
        methods=["POST"],
        doc=Doc(
            "Change an objection's status; the objector is notified (mandatory message)",
            "court",
            request=StatusIn,
            responses={200: ObjectionOut},
            auth="court",
            scope="objections",
            description="received → correction_requested (补正, once; the note says what is "
            "missing; the objector has 3 days, 执行异议和复议规定 Art. 2) | filed | not_accepted; "
            "correction_requested → filed | not_accepted; filed → upheld | dismissed. A dismissal "
            "or non-acceptance is sent with the route of 复议 within 10 days (民诉法 Art. 236). "
            "The same status, note and at again is a 200 that sends nothing new. An `at` up to the "
            "court timestamp skew (MICROCOURT_COURT_TIMESTAMP_SKEW_SECONDS) before the previous "
            "change is accepted and ordered right after it; earlier is 422 invalid_field.",
            errors={
                404: ["objection_not_found"],
                409: ["status_transition_invalid"],
                422: ["missing_field", "time_offset_missing", "occurred_in_future"],
            },
        ),
    ),
    ApiRoute(
        "/api/court/v1/objections/{objection_id}/attachments/{attachment_id}",
        court_attachment,
        methods=["GET"],
        doc=Doc(
            "Download one attachment of an objection",
            "court",
            auth="court",
            scope="objections",
            content_type="application/octet-stream",
            errors={404: ["objection_not_found", "attachment_not_found"]},
        ),
    ),
]
