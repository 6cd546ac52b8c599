"""H5 pages for the rights list (contract §4.4): read, acknowledge, print the receipt."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.errors import ProblemError
from service.filings import rights
from service.filings.access import applicant_case, channel_of, user_agent
from service.filings.pages_common import check_csrf, form_user, not_found, page
from service.http import ApiRoute, Doc, client_address
from service.parties.sessions import PartyUser
from service.parties.signin import user_or_signin
from service.parties.views import local_time


async def _rights_page(
    request: Request, user: PartyUser, case_id: str, status: int = 200, error: str = ""
) -> Response:
    try:
        bound, applicant = await applicant_case(user, case_id)
    except ProblemError:
        return await not_found(request, user)
    row = await rights.version_for_case(bound.case)
    ack = await rights.acknowledgement_of(bound.case, applicant)
    return await page(
        request,
        user,
        "rights.html",
        status=status,
        case=bound.case,
        lst=row,  # None: the court has published no list yet ("being prepared")
        items=rights.items_of(row) if row else [],
        ack=ack,
        acknowledged_at=local_time(ack.acknowledged_at) if ack else "",
        error=error,
    )


async def rights_page(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    return await _rights_page(request, user, request.path_params["case_id"])


async def rights_submit(request: Request) -> Response:
    case_id = request.path_params["case_id"]
    user = await form_user(request, f"/m/cases/{case_id}/rights")
    if isinstance(user, Response):
        return user
    form = await request.form()
    check_csrf(request, user, form.get("csrf"))
    try:
        bound, applicant = await applicant_case(user, case_id)
    except ProblemError:
        return await not_found(request, user)
    try:
        await rights.acknowledge(
            bound.case,
            applicant,
            bound.party,
            str(form.get("version", "")),
            str(form.get("content_sha256", "")).lower(),
            channel=channel_of(request),
            client_address=client_address(request),
            user_agent=user_agent(request),
            actor=user.actor,
        )
    except ProblemError as problem:
        if problem.code == "rights_list_not_published":
            return await _rights_page(request, user, case_id, status=409)
        if problem.code != "rights_list_changed":
            raise
        message = "权利清单已更新（rights_list_changed），请阅读下方最新内容后重新确认。"
        return await _rights_page(request, user, case_id, status=409, error=message)
    return RedirectResponse(f"/m/cases/{case_id}/rights/receipt", status_code=303)


async def receipt_page(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    try:
        bound, applicant = await applicant_case(user, request.path_params["case_id"])
    except ProblemError:
        return await not_found(request, user)
    ack = await rights.acknowledgement_of(bound.case, applicant)
    if ack is None:
        return RedirectResponse(f"/m/cases/{bound.case.id}/rights", status_code=303)
    row = await rights.version_for_case(bound.case)
    return await page(
        request,
        user,
        "rights_receipt.html",
        case=bound.case,
        ack=ack,
        lst=row if row and row.version == ack.version else None,
        items=rights.items_of(row) if row and row.version == ack.version else [],
        applicant=applicant,
        acknowledged_at=local_time(ack.acknowledged_at),
    )


def _doc(summary: str) -> Doc:
    return Doc(summary, "party pages", content_type="text/html", auth="party")


routes = [
    ApiRoute(
        "/m/cases/{case_id}/rights",
        rights_page,
        methods=["GET"],
        doc=_doc("H5: the applicant rights list with an acknowledge button"),
    ),
    ApiRoute(
        "/m/cases/{case_id}/rights",
        rights_submit,
        methods=["POST"],
        doc=_doc("H5: acknowledge the rights list (form: csrf, version, content_sha256)"),
    ),
    ApiRoute(
        "/m/cases/{case_id}/rights/receipt",
        receipt_page,
        methods=["GET"],
        doc=_doc("H5: the printable acknowledgement receipt"),
    ),
]
