"""申请与线索: listed persons' 纠正 / 信用修复 requests and applicants' property leads and
resumption requests (contract §9.4, service/requests/), built as the 异议 pages are.

A list per kind, oldest first, with the review deadline of listing requests (失信规定
Art. 12) and whether it is over; a detail page with the text, the history and the attachments
(shown inline under a CSP that runs nothing, their type checked from the content at upload);
a decision form with a note for the role that may decide (listing requests: ``disclosure``,
as a grant withdraws the listing; leads and resumption: ``clerk``). Decisions go through
``service.requests.decisions.decide`` — the court API's function — with the staff member as
the actor, so each is audited under their name and notified to the requester.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from service import calendar, clock
from service.console.pages_work import ATTACHMENT_CSP
from service.console.web import form_for, page, problem_text, refused, staff_or_login, text
from service.errors import ProblemError
from service.requests import decisions, filing, service
from service.requests.endpoints import TEXT_FIELD
from service.requests.kinds import CORRECTION_GROUNDS, KINDS, LISTING, Kind, kind_zh
from service.requests.kinds import review_notice as notice_of
from service.requests.models import RequestChange
from service.web.site import PRIVATE_HEADERS

TYPE_ZH = {"listing": "失信纠正/信用修复", "lead": "财产线索", "resumption": "恢复执行申请"}
LIST_LIMIT = 200


def _late(row: service.Row, changes: list[RequestChange], kind: Kind) -> bool:
    due = getattr(row, "review_due", None)
    if due is None:
        return False
    decided = next((c.at for c in changes if c.status in kind.closed), None)
    return calendar.missed(due, decided, clock.now())


async def request_list(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    kind = KINDS.get(request.query_params.get("type", "listing"), LISTING)
    status = request.query_params.get("status") or None
    if status is not None and status not in kind.next:
        status = None
    items = []
    for row in await service.court_list(kind, status, LIST_LIMIT):
        requester, _ = await service.names(row)
        late = _late(row, await service.history(kind, row), kind)
        items.append((row, requester, kind_zh(kind, row), late))
    return page(
        request,
        staff,
        "requests.html",
        kind=kind,
        type_zh=TYPE_ZH,
        items=items,
        status_filter=status,
    )


async def _found(request: Request) -> tuple[Kind, service.Row]:
    kind = filing.kind_of(request.path_params["type"])
    return kind, await service.get(kind, request.path_params["request_id"])


async def request_detail(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    try:
        kind, row = await _found(request)
    except ProblemError:
        return refused(request, staff, "没有这件申请。", status=404)
    changes = await service.history(kind, row)
    requester, filed_by = await service.names(row)
    return page(
        request,
        staff,
        "request.html",
        kind=kind,
        row=row,
        kind_zh=kind_zh(kind, row),
        ground_zh=CORRECTION_GROUNDS.get(getattr(row, "ground", None) or ""),
        text=getattr(row, TEXT_FIELD[kind.type]),
        requester=requester,
        filed_by=filed_by,
        changes=changes,
        attachments=await service.attachments_of(kind, row),
        next_statuses=kind.next[row.status],
        late=_late(row, changes, kind),
        review_notice=notice_of(kind, row.status),
    )


async def request_attachment(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    try:
        kind, row = await _found(request)
        found = await service.find_attachment(kind, row, request.path_params["attachment_id"])
    except ProblemError:
        return refused(request, staff, "没有这份附件。", status=404)
    return FileResponse(
        filing.path_of(request.app.state.settings.data_dir, found),
        media_type=found.content_type,
        headers={**PRIVATE_HEADERS, "Content-Security-Policy": ATTACHMENT_CSP},
        content_disposition_type="inline",
        filename=found.filename,
    )


async def request_decide(request: Request) -> Response:
    try:
        kind = filing.kind_of(request.path_params["type"])
    except ProblemError:
        return RedirectResponse("/console/requests", status_code=303)
    checked = await form_for(request, kind.permission)
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    request_id = request.path_params["request_id"]
    status, note = text(form, "status", 20), text(form, "note", 1000) or None
    if status == "refused" and note is None:
        return refused(request, staff, "驳回须写明理由。", status=422)
    try:
        await decisions.decide(kind, request_id, status, note, staff.actor)
    except ProblemError as exc:
        messages = {
            "status_transition_invalid": "该申请当前的状态不能变更为所选状态。",
            "request_not_found": "没有这件申请。",
            "invalid_field": "请选择处理结果。",
            "listing_expired": "失信信息已届满失效，无需撤销。",
        }
        return refused(request, staff, problem_text(exc, messages), status=exc.status)
    return RedirectResponse(f"/console/requests/{kind.type}/{request_id}", status_code=303)


routes: list[BaseRoute] = [
    Route("/console/requests", request_list, methods=["GET"]),
    Route("/console/requests/{type}/{request_id}", request_detail, methods=["GET"]),
    Route("/console/requests/{type}/{request_id}/status", request_decide, methods=["POST"]),
    Route(
        "/console/requests/{type}/{request_id}/attachments/{attachment_id}",
        request_attachment,
        methods=["GET"],
    ),
]
