"""The audit log, read and filtered by an admin (issue 17: every console action is there under
the staff member's name)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service.audit import service as audit
from service.console.web import page, refused, staff_or_login

PAGE_SIZE = 50


async def audit_log(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    if not staff.can("audit.read"):
        return refused(request, staff, "只有管理员可以查看审计日志。")
    q = request.query_params
    filters = {
        "actor": q.get("actor", "").strip()[:80],
        "action": q.get("action", "").strip()[:60],
        "target_id": q.get("target_id", "").strip()[:80],
    }
    before = q.get("before", "")
    rows, more = await audit.search(
        actor=filters["actor"] or None,
        action=filters["action"] or None,
        target_id=filters["target_id"] or None,
        before_id=int(before) if before.isdigit() and len(before) < 19 else None,
        limit=PAGE_SIZE,
    )
    return page(request, staff, "audit.html", rows=rows, more=more, filters=filters)


routes: list[BaseRoute] = [Route("/console/audit", audit_log, methods=["GET"])]
