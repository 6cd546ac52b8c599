"""失信公布 → 删除审查: the listings whose case says they may have to go (失信规定 Art. 10,
Art. 2 para 2; contract §9.3, :mod:`disclosure.deletion`).

The list shows open reviews oldest event first (ground, due day — 「三个工作日内」 — overdue in
red), filtered by ground and by overdue, in pages; the detail shows the listing, the ground, its
history and the two ways the court closes a review, both offered to the ``disclosure`` role
only: keep the listing (:func:`disclosure.deletion.keep_listing`, with a note) or withdraw it
(the confirm page of :mod:`service.console.pages_disclosure`, with the reasons that may delete
this listing). Both go through the same service functions as the court API, audited under the
staff member's name.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from disclosure import deletion, rules
from disclosure import service as listings
from disclosure.models import Listing
from service import calendar, clock
from service.console.pages_disclosure import STATUS_ZH
from service.console.web import form_for, page, problem_text, refused, staff_or_login, text
from service.errors import ProblemError

PAGE_SIZE = 50
#: The filter's grounds: a closure (items 一, 六, 七 on a listing with a period) or item 四.
GROUND_FILTERS = {"closed": "结案（有纳入期限）", deletion.ART10_4: "终本后两次查控无财产"}
HISTORY_ZH = {
    "created": "纳入",
    "corrected": "更正",
    "published": "公布",
    "withdrawn": "撤销（删除）",
    "expired": "期满删除",
    "deletion_review": "列入删除审查",
    "deletion_review_kept": "审查后保留",
}


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return max(1, min(int(raw), 10_000)) if raw.isdigit() else 1


def open_reviews() -> Any:
    return Listing.filter(status__in=rules.LIVE, deletion_review_due__isnull=False)


async def count_due() -> tuple[int, int]:
    """Open reviews, and how many of them are past their due day (for 今日)."""
    today = calendar.local_day(clock.now())
    return (
        await open_reviews().count(),
        await open_reviews().filter(deletion_review_due__lt=today).count(),
    )


async def review_list(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    ground = request.query_params.get("ground", "")
    ground = ground if ground in GROUND_FILTERS else ""
    only_overdue = request.query_params.get("overdue") == "1"
    query = open_reviews()
    if ground == "closed":
        query = query.filter(deletion_review_ground__startswith="closed:")
    elif ground:
        query = query.filter(deletion_review_ground=ground)
    now = clock.now()
    if only_overdue:
        query = query.filter(deletion_review_due__lt=calendar.local_day(now))
    number = _page_number(request)
    rows = (
        await query.order_by("deletion_review_at", "id")
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    )
    filters = {"ground": ground, "overdue": "1" if only_overdue else ""}
    return page(
        request,
        staff,
        "deletion_reviews.html",
        rows=[(r, deletion.is_overdue(r, now)) for r in rows[:PAGE_SIZE]],
        has_next=len(rows) > PAGE_SIZE,
        page_number=number,
        query="&".join(f"{k}={v}" for k, v in filters.items() if v),
        ground=ground,
        only_overdue=only_overdue,
        ground_filters=GROUND_FILTERS,
        ground_text=deletion.GROUND_TEXT,
        total=await query.count(),
    )


async def review_detail(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    try:
        listing = await listings.get_listing(request.path_params["listing_id"])
    except ProblemError:
        return refused(request, staff, "没有这条失信名单。", status=404)
    if listing.deletion_review_ground is None:
        return refused(request, staff, "这条名单没有删除审查。", status=404)
    is_open = listing.deletion_review_due is not None and listing.status in rules.LIVE
    return page(
        request,
        staff,
        "deletion_review.html",
        listing=listing,
        is_open=is_open,
        overdue=is_open and deletion.is_overdue(listing, clock.now()),
        ground_text=deletion.GROUND_TEXT.get(listing.deletion_review_ground, ""),
        history=await listings.history(listing),
        status_zh=STATUS_ZH,
        history_zh=HISTORY_ZH,
        reasons=rules.WITHDRAW_REASONS,
        done=request.query_params.get("done") == "kept",
    )


async def keep(request: Request) -> Response:
    checked = await form_for(request, "listing.withdraw")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    listing_id = request.path_params["listing_id"]
    note = text(form, "note", 1000)
    if not note:
        return refused(
            request, staff, "请写明保留名单的理由（如申请执行人已提供有效财产线索）。", 422
        )
    try:
        await deletion.keep_listing(listing_id, note, staff.actor)
    except ProblemError as exc:
        messages = {
            "listing_unknown": "没有这条失信名单。",
            "no_deletion_review": "这条名单没有待处理的删除审查（可能已被他人处理）。",
        }
        return refused(request, staff, problem_text(exc, messages), status=exc.status)
    return RedirectResponse(f"/console/deletion-reviews/{listing_id}?done=kept", status_code=303)


routes: list[BaseRoute] = [
    Route("/console/deletion-reviews", review_list, methods=["GET"]),
    Route("/console/deletion-reviews/{listing_id}", review_detail, methods=["GET"]),
    Route("/console/deletion-reviews/{listing_id}/keep", keep, methods=["POST"]),
]
