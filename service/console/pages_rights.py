"""确认情况: whether applicants acknowledged their rights list (contract §1.8) — per case, or
every overdue applicant across cases — with an xlsx export. Read through the same report
functions as the court API."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service import clock, identifiers
from service.cases import service as cases
from service.console.web import local_time, page, staff_or_login, xlsx_response
from service.filings import rights_report
from service.filings.schemas import AcknowledgementOut

STATUS_ZH = {"acknowledged": "已确认", "pending": "待确认", "overdue": "逾期未确认"}
PAGE_CASES = 100
EXPORT_CASES = 2000


async def _items(
    request: Request, case_no: str, limit: int
) -> tuple[list[AcknowledgementOut], str | None, bool]:
    """The rows asked for, the next cursor, and whether a case number was given but unknown."""
    days = request.app.state.settings.rights_reminder_days
    now = clock.now()
    if case_no:
        try:
            case = await cases.get_case_by_no(identifiers.normalize_case_number(case_no))
        except identifiers.IdentifierError:
            case = None
        if case is None:
            return [], None, True
        return await rights_report.for_case(case, now, days), None, False
    cursor = request.query_params.get("cursor") or None
    items, next_cursor = await rights_report.overdue_page(now, days, limit, cursor)
    return items, next_cursor, False


async def acknowledgements(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    case_no = request.query_params.get("case_no", "").strip()[:64]
    items, next_cursor, unknown = await _items(request, case_no, PAGE_CASES)
    return page(
        request,
        staff,
        "acknowledgements.html",
        items=items,
        next_cursor=next_cursor,
        case_no=case_no,
        unknown=unknown,
        status_zh=STATUS_ZH,
    )


async def acknowledgements_xlsx(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    case_no = request.query_params.get("case_no", "").strip()[:64]
    items, _, _ = await _items(request, case_no, EXPORT_CASES)
    return xlsx_response(
        "确认情况",
        ["案号", "申请执行人", "状态", "清单版本", "回执号", "确认时间", "已提醒次数"],
        (
            [
                i.case_no,
                i.party_name,
                STATUS_ZH[i.status],
                i.version,
                i.receipt_no or "",
                local_time(i.acknowledged_at) if i.acknowledged_at else "",
                i.reminders_sent,
            ]
            for i in items
        ),
        "acknowledgements",
    )


routes: list[BaseRoute] = [
    Route("/console/acknowledgements", acknowledgements, methods=["GET"]),
    Route("/console/acknowledgements.xlsx", acknowledgements_xlsx, methods=["GET"]),
]
