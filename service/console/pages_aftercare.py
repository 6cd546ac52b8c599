"""终本 searches due and overdue (终本规定 Art. 9; contract §9.5), for court staff: the same
schedule as ``GET /api/court/v1/termination-searches``, read-only (searches are reported by the
case system as ``post_termination_search`` events)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service import calendar, clock
from service.aftercare import service
from service.console.web import page, staff_or_login

SHOWN = ("overdue", "due", "scheduled")
STATUS_ZH = {"overdue": "已超期", "due": "即将到期", "scheduled": "未到期"}
PAGE_MAX = 500


async def termination_searches(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    wanted = request.query_params.get("status", "")
    statuses = (wanted,) if wanted in SHOWN else ("overdue", "due")
    now = clock.now()
    today = calendar.local_day(now)
    rows = [w for w in await service.watches(now) if w.status(today) in statuses]
    return page(
        request,
        staff,
        "termination_searches.html",
        rows=[(w, w.status(today)) for w in rows[:PAGE_MAX]],
        more=len(rows) > PAGE_MAX,
        shown=wanted if wanted in SHOWN else "",
        status_zh=STATUS_ZH,
    )


routes: list[BaseRoute] = [
    Route("/console/termination-searches", termination_searches, methods=["GET"])
]
