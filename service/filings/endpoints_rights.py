"""Rights-list endpoints: the court publishes and reads (§1.8), applicants read and acknowledge
(§4.4). Rules in ``service.filings.rights``; documentation in docs/filings.md."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response

from service import clock
from service.auth.dependencies import require_court
from service.cases import service as cases
from service.errors import FieldError, ProblemError, invalid_fields
from service.filings import rights, rights_report
from service.filings.access import applicant_case, channel_of, user_agent
from service.filings.content import RightsItem
from service.filings.models import Acknowledgement, RightsList
from service.filings.schemas import (
    AcknowledgementIn,
    AcknowledgementsOut,
    PartyRightsListOut,
    ReceiptOut,
    RightsItemOut,
    RightsListIn,
    RightsListOut,
    dump,
)
from service.http import ApiRoute, Doc, client_address, json_response, parse_json, query_limit
from service.identifiers import IdentifierError, normalize_case_number
from service.parties.sessions import require_party
from service.web.site import PRIVATE_HEADERS

VERSION = re.compile(r"^[A-Za-z0-9._-]{1,12}$")
PARTY_ERRORS = {401: ["session_required"], 404: ["case_not_found"]}


def _version(request: Request) -> str:
    version = str(request.path_params["version"])
    if not VERSION.match(version):
        raise invalid_fields(
            [FieldError("version", "version_invalid", "1–12 characters of [A-Za-z0-9._-]")]
        )
    return version


async def _list_out(row: RightsList) -> RightsListOut:
    return RightsListOut(
        version=row.version,
        title=row.title,
        items=[RightsItemOut(no=i.no, text=i.text) for i in rights.items_of(row)],
        content_sha256=row.content_sha256,
        published_at=row.published_at,
        updated_at=row.updated_at,
        seeded=row.seeded,
        note=row.note,
        acknowledgements=await Acknowledgement.filter(version=row.version).count(),
    )


async def put_rights_list(request: Request) -> Response:
    client = await require_court(request, "rights")
    version = _version(request)
    data = await parse_json(request, RightsListIn)
    result = await rights.publish(
        version, data.title, [RightsItem(i.no, i.text) for i in data.items], client.actor
    )
    return json_response(dump(await _list_out(result.row)), status=201 if result.created else 200)


async def get_rights_list(request: Request) -> Response:
    await require_court(request, "rights")
    row = await RightsList.get_or_none(version=_version(request))
    if row is None:
        raise ProblemError(404, "rights_list_not_found", "no such version")
    return json_response(dump(await _list_out(row)))


async def list_acknowledgements(request: Request) -> Response:
    await require_court(request, "rights")
    q = request.query_params
    limit = query_limit(request)
    status = q.get("status")
    if status not in (None, "acknowledged", "pending", "overdue"):
        raise invalid_fields(
            [FieldError("status", "invalid_field", "acknowledged, pending or overdue")]
        )
    days = request.app.state.settings.rights_reminder_days
    now = clock.now()
    next_cursor: str | None = None
    if case_no := q.get("case_no"):
        try:
            normalised = normalize_case_number(case_no)
        except IdentifierError as exc:
            raise invalid_fields([FieldError("case_no", "case_no_invalid", exc.detail)]) from None
        case = await cases.require_case_by_no(normalised)
        items = [
            i for i in await rights_report.for_case(case, now, days) if status in (None, i.status)
        ]
    elif status == "overdue":
        items, next_cursor = await rights_report.overdue_page(now, days, limit, q.get("cursor"))
    elif status == "pending":
        raise invalid_fields(
            [FieldError("status", "invalid_field", "status=pending needs a case_no")]
        )
    else:
        items, next_cursor = await rights_report.acknowledged_page(limit, q.get("cursor"))
    return json_response(dump(AcknowledgementsOut(items=items, next_cursor=next_cursor)))


async def party_rights_list(request: Request) -> Response:
    user = await require_party(request)
    bound, applicant = await applicant_case(user, request.path_params["case_id"])
    row = await rights.version_for_case(bound.case)
    if row is None:
        raise ProblemError(
            404,
            "rights_list_not_published",
            "the court has not published a rights list yet; it is being prepared",
        )
    ack = await rights.acknowledgement_of(bound.case, applicant)
    body = PartyRightsListOut(
        version=row.version,
        title=row.title,
        items=[RightsItemOut(no=i.no, text=i.text) for i in rights.items_of(row)],
        content_sha256=row.content_sha256,
        acknowledged_at=ack.acknowledged_at if ack else None,
        receipt_no=ack.receipt_no if ack else None,
    )
    return json_response(dump(body), headers=dict(PRIVATE_HEADERS))


async def acknowledge(request: Request) -> Response:
    user = await require_party(request)
    bound, applicant = await applicant_case(user, request.path_params["case_id"])
    data = await parse_json(request, AcknowledgementIn)
    result = await rights.acknowledge(
        bound.case,
        applicant,
        bound.party,
        data.version,
        data.content_sha256.lower(),
        channel=channel_of(request),
        client_address=client_address(request),
        user_agent=user_agent(request),
        actor=user.actor,
    )
    return json_response(
        dump(receipt_out(result.ack)),
        status=201 if result.created else 200,
        headers=dict(PRIVATE_HEADERS),
    )


def receipt_out(ack: Acknowledgement) -> ReceiptOut:
    return ReceiptOut(
        receipt_no=ack.receipt_no,
        acknowledged_at=ack.acknowledged_at,
        version=ack.version,
        content_sha256=ack.content_sha256,
    )


routes = [
    ApiRoute(
        "/api/court/v1/rights-lists/{version}",
        put_rights_list,
        methods=["PUT"],
        doc=Doc(
            "Publish a version of the applicant rights list (published versions never change)",
            "court",
            request=RightsListIn,
            responses={201: RightsListOut, 200: RightsListOut},
            auth="court",
            scope="rights",
            description="201 for a new version, 200 for an identical repeat or for publishing "
            "the service's draft (version default, 「待本院审定」), which no party sees until "
            "then. A published version is kept as it is: other content is 409 "
            "rights_list_published (rights_list_acknowledged once acknowledged). "
            "The newest version (by first publication) is served to cases whose case_filed "
            "arrives afterwards. content_sha256 = sha256 of the canonical JSON "
            '{"items":[{"no","text"}…],"title","version"} (sorted keys, no spaces, UTF-8).',
            errors={
                409: ["rights_list_acknowledged", "rights_list_published"],
                422: ["missing_field", "version_invalid", "items_numbering"],
            },
        ),
    ),
    ApiRoute(
        "/api/court/v1/rights-lists/{version}",
        get_rights_list,
        methods=["GET"],
        doc=Doc(
            "One version of the rights list, with how often it was acknowledged",
            "court",
            responses={200: RightsListOut},
            auth="court",
            scope="rights",
            errors={404: ["rights_list_not_found"], 422: ["version_invalid"]},
        ),
    ),
    ApiRoute(
        "/api/court/v1/acknowledgements",
        list_acknowledgements,
        methods=["GET"],
        doc=Doc(
            "Who acknowledged which rights-list version when; who is overdue",
            "court",
            responses={200: AcknowledgementsOut},
            auth="court",
            scope="rights",
            description="With case_no: every applicant of the case (acknowledged, pending or "
            "overdue = not acknowledged after the last reminder day). status=overdue alone: "
            "overdue applicants of all cases (limit counts cases). Otherwise all "
            "acknowledgements, oldest first.",
            query=[
                ("case_no", "string", False, "案号 (either bracket form)"),
                ("status", "string", False, "acknowledged | pending | overdue"),
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ],
            errors={422: ["invalid_field", "case_no_invalid", "case_unknown"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/cases/{case_id}/rights-list",
        party_rights_list,
        methods=["GET"],
        doc=Doc(
            "The applicant rights list of this case (applicants and their agents)",
            "party",
            responses={200: PartyRightsListOut},
            auth="party",
            errors={**PARTY_ERRORS, 404: ["case_not_found", "rights_list_not_published"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/cases/{case_id}/rights-list/acknowledgement",
        acknowledge,
        methods=["POST"],
        doc=Doc(
            "Acknowledge the rights list read (version and content_sha256 as served)",
            "party",
            request=AcknowledgementIn,
            responses={201: ReceiptOut, 200: ReceiptOut},
            auth="party",
            description="201 with a new receipt; 200 with the first receipt when this "
            "applicant already acknowledged. 409 rights_list_changed when the version or hash "
            "is not the case's current list (the body names the current version and hash); "
            "409 rights_list_not_published while the court has published no list.",
            errors={
                **PARTY_ERRORS,
                409: ["rights_list_changed", "rights_list_not_published"],
                422: ["missing_field"],
            },
        ),
    ),
]
