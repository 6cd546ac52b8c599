"""失信公布 (search listings, withdraw with a reason after a confirm step) and LED 屏 (every
screen's last contact, version and compliance, refreshing itself) pages."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from disclosure import rules
from disclosure import service as listings
from disclosure.led import screens
from service.console.web import form_for, page, refused, staff_or_login, text
from service.errors import ProblemError

SCREENS_REFRESH_SECONDS = 15
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
        live=rules.LIVE,
        done=request.query_params.get("done"),
    )


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
            reasons=rules.WITHDRAW_REASONS,
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
        }
        return refused(request, staff, messages.get(exc.code, exc.detail), status=exc.status)
    return RedirectResponse(f"/console/listings?q={listing_id}&done=withdrawn", status_code=303)


async def screen_list(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    statuses = await screens.statuses(request.app.state.redis, await screens.all_screens())
    return page(request, staff, "screens.html", statuses=statuses, refresh=SCREENS_REFRESH_SECONDS)


routes: list[BaseRoute] = [
    Route("/console/listings", listing_search, methods=["GET"]),
    Route("/console/listings/{listing_id}/withdraw", withdraw, methods=["GET", "POST"]),
    Route("/console/screens", screen_list, methods=["GET"]),
]
