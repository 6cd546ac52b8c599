"""待人工送达 (notifications no channel could deliver) and 异议 (终本 objections) pages.

State changes go through the owning packages' service functions — the same ones the court API
calls — with the staff member as the actor, so each is audited under their name.
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from notifiers import manual_service
from service import clock
from service.cases.models import Case
from service.console.web import (
    form_for,
    local_time,
    page,
    problem_text,
    refused,
    staff_or_login,
    text,
    xlsx_response,
)
from service.errors import ProblemError
from service.filings import attachments as files
from service.filings import objections
from service.identifiers import normalize_case_number
from service.web.site import PRIVATE_HEADERS

PAGE_SIZE = 50
EXPORT_LIMIT = 10_000
PARTY_ROLE_ZH = {"applicant": "申请执行人", "respondent": "被执行人", "agent": "代理人"}


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return max(1, min(int(raw), 10_000)) if raw.isdigit() else 1


def _normalized(typed: str) -> str:
    """The canonical case number, or what was typed when it is not one (then nothing matches)."""
    try:
        return normalize_case_number(typed)
    except ValueError:
        return typed


async def undeliverable(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    number = _page_number(request)
    typed = request.query_params.get("case_no", "").strip()[:64]
    case_no = _normalized(typed) if typed else None
    items = await manual_service.open_items(PAGE_SIZE + 1, (number - 1) * PAGE_SIZE, case_no)
    return page(
        request,
        staff,
        "undeliverable.html",
        items=items[:PAGE_SIZE],
        has_next=len(items) > PAGE_SIZE,
        page_number=number,
        total=await manual_service.count_open(case_no),
        case_no=typed,
        methods=manual_service.METHODS,
        party_role_zh=PARTY_ROLE_ZH,
        today=clock.local_now().date().isoformat(),
        done=request.query_params.get("done") == "1",
    )


async def mark_served(request: Request) -> Response:
    checked = await form_for(request, "notice.serve")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    try:
        served_on = date.fromisoformat(text(form, "served_on", 10))
    except ValueError:
        return refused(request, staff, "送达日期格式不正确（YYYY-MM-DD）。", status=422)
    try:
        await manual_service.mark_served(
            request.path_params["notification_id"],
            text(form, "method", 20),
            served_on,
            text(form, "note", 500) or None,
            staff.actor,
        )
    except ProblemError as exc:
        messages = {
            "method_unknown": "请选择送达方式。",
            "served_on_in_future": "送达日期不能晚于今天。",
            "notification_unknown": "该通知不存在或不是待人工送达状态。",
            "already_served": "该通知已登记为其他方式送达。",
        }
        return refused(request, staff, problem_text(exc, messages), status=exc.status)
    return RedirectResponse("/console/undeliverable?done=1", status_code=303)


async def undeliverable_xlsx(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    items = await manual_service.open_items(EXPORT_LIMIT)
    return xlsx_response(
        "待人工送达",
        ["案号", "当事人", "诉讼地位", "节点", "原因", "生成时间"],
        (
            [
                item.case_no,
                item.party_name,
                PARTY_ROLE_ZH.get(item.party_role, item.party_role),
                item.node_name,
                item.reason,
                local_time(item.created_at),
            ]
            for item in items
        ),
        "undeliverable",
    )


async def objection_list(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    status = request.query_params.get("status") or None
    if status is not None and status not in objections.STATUS_ZH:
        status = None
    rows, _ = await objections.court_list(status, 200, None)
    case_nos = dict(
        await Case.filter(id__in={r.case_id for r in rows}).values_list("id", "case_no")
    )
    now = clock.now()
    items = []
    for row in rows:
        filing_late, decision_late = objections.overdue_flags(
            row, await objections.history(row), now
        )
        objector, _ = await objections.objector_names(row)
        items.append((row, objector, filing_late, decision_late))
    return page(
        request,
        staff,
        "objections.html",
        items=items,
        case_nos=case_nos,
        status_filter=status,
        status_zh=objections.STATUS_ZH,
    )


async def objection_detail(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    try:
        objection = await objections.get(request.path_params["objection_id"])
    except ProblemError:
        return refused(request, staff, "没有这件异议。", status=404)
    changes = await objections.history(objection)
    case = await Case.get(id=objection.case_id)
    return page(
        request,
        staff,
        "objection.html",
        objection=objection,
        case=case,
        changes=changes,
        attachments=await objections.attachments_of(objection),
        next_statuses=objections.NEXT[objection.status],
        status_zh=objections.STATUS_ZH,
        late=objections.overdue_flags(objection, changes, clock.now()),
    )


#: An attachment is shown in the browser, never able to run anything: no script, no plugin,
#: no framing by other sites (images and PDFs only, their type checked from the content at
#: upload; ``nosniff`` comes from the middleware).
ATTACHMENT_CSP = "default-src 'none'; img-src 'self'; object-src 'none'; frame-ancestors 'self'"


async def objection_attachment(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    try:
        objection = await objections.get(request.path_params["objection_id"])
        found = await objections.find_attachment(objection, request.path_params["attachment_id"])
    except ProblemError:
        return refused(request, staff, "没有这份附件。", status=404)
    path = files.path_of(request.app.state.settings.data_dir, found.storage_id)
    return FileResponse(
        path,
        media_type=found.content_type,
        headers={**PRIVATE_HEADERS, "Content-Security-Policy": ATTACHMENT_CSP},
        content_disposition_type="inline",
        filename=found.filename,
    )


async def objection_status(request: Request) -> Response:
    checked = await form_for(request, "objection.decide")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    objection_id = request.path_params["objection_id"]
    try:
        await objections.change_status(
            objection_id,
            text(form, "status", 20),
            text(form, "note", 1000) or None,
            None,
            staff.actor,
        )
    except ProblemError as exc:
        messages = {
            "status_transition_invalid": "异议当前的状态不能变更为所选状态。",
            "objection_not_found": "没有这件异议。",
            "invalid_field": "请选择新状态。",
        }
        return refused(request, staff, problem_text(exc, messages), status=exc.status)
    return RedirectResponse(f"/console/objections/{objection_id}", status_code=303)


routes: list[BaseRoute] = [
    Route("/console/undeliverable", undeliverable, methods=["GET"]),
    Route("/console/undeliverable.xlsx", undeliverable_xlsx, methods=["GET"]),
    Route("/console/undeliverable/{notification_id}/served", mark_served, methods=["POST"]),
    Route("/console/objections", objection_list, methods=["GET"]),
    Route("/console/objections/{objection_id}", objection_detail, methods=["GET"]),
    Route("/console/objections/{objection_id}/status", objection_status, methods=["POST"]),
    Route(
        "/console/objections/{objection_id}/attachments/{attachment_id}",
        objection_attachment,
        methods=["GET"],
    ),
]
