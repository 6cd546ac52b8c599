"""失信公布 (search listings, withdraw with a reason after a confirm step) and LED 屏 (every
screen's last contact, version and compliance, refreshing itself) pages."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from disclosure import rules
from disclosure import service as listings
from disclosure.led import push, screens
from disclosure.led.schemas import ScreenIn
from service.console.web import (
    Staff,
    form_for,
    page,
    problem_text,
    refused,
    staff_or_login,
    text,
    validation_text,
)
from service.errors import ProblemError

SCREENS_REFRESH_SECONDS = 15
#: The contract's first spellings of Art. 10 items (六) and (七): accepted by the API, not offered.
REASON_ALIASES = frozenset({"not_enforced", "terminated"})
STATUS_ZH = {
    "scheduled": "待公布",
    "published": "公布中",
    "withdrawn": "已撤销",
    "expired": "已到期",
}


async def listing_search(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    query = request.query_params.get("q", "")[:100]
    return page(
        request,
        staff,
        "listings.html",
        q=query,
        rows=await listings.staff_search(query),
        status_zh=STATUS_ZH,
        reasons=rules.WITHDRAW_REASONS,
        live=rules.LIVE,
        done=request.query_params.get("done"),
    )


def reasons_for(period_years: int | None) -> dict[str, str]:
    """The reasons that may delete a listing with this period (Art. 10 para 2: 「有纳入期限的，
    不适用前款规定」), each once."""
    return {
        code: text
        for code, text in rules.WITHDRAW_REASONS.items()
        if code not in REASON_ALIASES and rules.withdraw_reason_error(code, period_years) is None
    }


async def withdraw(request: Request) -> Response:
    """GET: the confirm step (the listing, a reason, a note); POST: withdraw it."""
    listing_id = request.path_params["listing_id"]
    if request.method == "GET":
        staff = await staff_or_login(request)
        if isinstance(staff, Response):
            return staff
        if not staff.can("listing.withdraw"):
            return refused(request, staff, "您的角色无权执行此操作。")
        try:
            listing = await listings.get_listing(listing_id)
        except ProblemError:
            return refused(request, staff, "没有这条失信名单。", status=404)
        return page(
            request,
            staff,
            "withdraw.html",
            listing=listing,
            reasons=reasons_for(listing.period_years),
            status_zh=STATUS_ZH,
        )
    checked = await form_for(request, "listing.withdraw")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    reason = text(form, "reason", 40)
    if reason not in rules.WITHDRAW_REASONS or form.get("confirm") != "yes":
        return refused(request, staff, "请选择撤销理由并勾选确认。", status=422)
    try:
        await listings.withdraw_listing(
            listing_id, reason, text(form, "note", 1000) or None, staff.actor
        )
    except ProblemError as exc:
        messages = {
            "listing_unknown": "没有这条失信名单。",
            "listing_expired": "该名单已到期，无需撤销。",
            "reason_not_applicable": "有纳入期限的名单不适用第十条第一款的删除事由"
            "（第十条第二款），请选择「决定提前删除」等适用的理由。",
            "reason_unknown": "请选择撤销理由。",
        }
        return refused(request, staff, problem_text(exc, messages), status=exc.status)
    return RedirectResponse(f"/console/listings?q={listing_id}&done=withdrawn", status_code=303)


async def screen_list(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    statuses = await screens.statuses(request.app.state.redis, await screens.all_screens())
    return page(request, staff, "screens.html", statuses=statuses, refresh=SCREENS_REFRESH_SECONDS)


SCREEN_FIELDS = {
    "screen_id": "屏幕编号",
    "name": "名称",
    "location": "位置",
    "rows": "行数",
    "cols": "每行字数",
    "mode": "模式",
    "push_url": "推送地址",
    "refresh_seconds": "刷新间隔",
    "lease_seconds": "租约",
}


def _screen_in(values: dict[str, Any]) -> ScreenIn | list[str]:
    try:
        return ScreenIn.model_validate(values)
    except ValidationError as exc:
        return validation_text(exc, SCREEN_FIELDS)


async def _registered(request: Request, staff: Staff, data: ScreenIn) -> Response:
    """Register (or re-register) through the same service call as the court API; the token
    is shown once on this page, which is not cached."""
    result = await screens.register(data, staff.actor)
    if result.screen.mode == "push":
        await push.disclosure_changed()  # the new or changed screen gets its feed now
    return page(request, staff, "screen_token.html", screen=result.screen, token=result.token)


async def register_screen(request: Request) -> Response:
    """GET: the form (on a page of its own: the list refreshes itself); POST: register."""
    if request.method == "GET":
        staff = await staff_or_login(request)
        if isinstance(staff, Response):
            return staff
        if not staff.can("screen.manage"):
            return refused(request, staff, "您的角色无权执行此操作。")
        return page(request, staff, "screen_new.html")
    checked = await form_for(request, "screen.manage")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    values: dict[str, Any] = {
        "screen_id": text(form, "screen_id", 64),
        "name": text(form, "name", 100),
        "location": text(form, "location", 200),
        "rows": text(form, "rows", 4),
        "cols": text(form, "cols", 4),
        "mode": text(form, "mode", 8),
        "push_url": text(form, "push_url", 500) or None,
        "refresh_seconds": text(form, "refresh_seconds", 4) or 5,
        "lease_seconds": text(form, "lease_seconds", 5) or 30,
    }
    if await screens.find(values["screen_id"]) is not None:
        return refused(request, staff, "该屏幕编号已登记；如需更换令牌请在列表中操作。", 409)
    data = _screen_in(values)
    if isinstance(data, list):
        return refused(request, staff, "登记信息有误：" + "；".join(data), status=422)
    return await _registered(request, staff, data)


async def rotate_token(request: Request) -> Response:
    checked = await form_for(request, "screen.manage")
    if isinstance(checked, Response):
        return checked
    staff, _ = checked
    screen = await screens.find(request.path_params["screen_id"])
    if screen is None:
        return refused(request, staff, "没有这块屏幕。", status=404)
    data = ScreenIn(
        screen_id=screen.screen_id,
        name=screen.name,
        location=screen.location,
        rows=screen.rows,
        cols=screen.cols,
        mode=screen.mode,
        push_url=screen.push_url,
        refresh_seconds=screen.refresh_seconds,
        lease_seconds=screen.lease_seconds,
        rotate_token=True,
    )
    return await _registered(request, staff, data)


routes: list[BaseRoute] = [
    Route("/console/listings", listing_search, methods=["GET"]),
    Route("/console/listings/{listing_id}/withdraw", withdraw, methods=["GET", "POST"]),
    Route("/console/screens", screen_list, methods=["GET"]),
    Route("/console/screens/register", register_screen, methods=["GET", "POST"]),
    Route("/console/screens/{screen_id}/token", rotate_token, methods=["POST"]),
]
