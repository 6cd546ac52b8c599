"""案件: find a case by case number or party name; the case with its parties, whole timeline,
each party's notifications (channel, status, the reason in Chinese) and objections."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from notifiers import manual_service
from service import clock, identifiers
from service.cases import service as cases
from service.console import pages_rights
from service.console.web import page, refused, staff_or_login
from service.events.timeline import timeline
from service.filings import objections, rights_report

PARTY_ROLE_ZH = {"applicant": "申请执行人", "respondent": "被执行人", "agent": "代理人"}


async def case_search(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    query = request.query_params.get("q", "").strip()[:100]
    found = []
    if query:
        try:
            case = await cases.get_case_by_no(identifiers.normalize_case_number(query))
        except identifiers.IdentifierError:
            case = None
        if case is not None:
            return RedirectResponse(f"/console/cases/{case.id}", status_code=303)
        found = await cases.cases_of_party_name(query)
    return page(request, staff, "cases.html", q=query, found=found)


async def case_detail(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    case = await cases.get_case(request.path_params["case_id"])
    if case is None:
        return refused(request, staff, "没有这个案件。", status=404)
    parties = await cases.active_parties(case.id)
    notices = await manual_service.case_notifications(case.id)
    return page(
        request,
        staff,
        "case.html",
        case=case,
        parties=parties,
        notices_by_party={p.id: [n for n in notices if n.party_id == p.id] for p in parties},
        events=await timeline(case.id, None),
        objections=await objections.of_case(case.id),
        acknowledgements=await rights_report.for_case(
            case, clock.now(), request.app.state.settings.rights_reminder_days
        ),
        ack_status=pages_rights.STATUS_ZH,
        objection_status=objections.STATUS_ZH,
        party_role_zh=PARTY_ROLE_ZH,
        channel_zh=manual_service.CHANNEL_ZH,
        notice_status=manual_service.STATUS_ZH,
    )


routes: list[BaseRoute] = [
    Route("/console/cases", case_search, methods=["GET"]),
    Route("/console/cases/{case_id}", case_detail, methods=["GET"]),
]
