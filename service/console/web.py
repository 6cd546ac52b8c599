"""What every console page shares: the signed-in staff member, roles, CSRF and rendering.

Every console URL without a live session redirects to the sign-in page; every form carries the
session's CSRF token; an action a role may not take is left off its pages and refused with 403
if posted anyway (contract §9.7).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import StrictUndefined
from openpyxl import Workbook
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from config.settings import Settings
from service import clock
from service.console import accounts, sessions
from service.console.models import StaffAccount
from service.errors import ProblemError
from service.web.site import PRIVATE_HEADERS, render, templates

ENV = templates(Path(__file__).parent / "templates")
ENV.undefined = StrictUndefined  # a name a page forgot to pass is an error, not a blank


def local_time(value: datetime | date | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC instant as the court's local time (Asia/Shanghai); a date as it is."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone(clock.SHANGHAI).strftime(fmt)
    return value.isoformat()


ENV.filters["local"] = local_time

STAFF_ROLE_ZH = {"viewer": "查看", "clerk": "书记员", "disclosure": "失信公布", "admin": "管理员"}

#: Which roles may take each action (reads are open to every role but the audit log).
PERMISSIONS: Mapping[str, frozenset[str]] = {
    "notice.serve": frozenset({"clerk"}),
    "objection.decide": frozenset({"clerk"}),
    # service/requests/: a granted 纠正 / 信用修复 withdraws listings, as listing.withdraw does
    "listing_request.decide": frozenset({"disclosure"}),
    "applicant_request.decide": frozenset({"clerk"}),
    "listing.withdraw": frozenset({"disclosure"}),
    "listing.import": frozenset({"disclosure"}),
    "screen.manage": frozenset({"disclosure"}),
    "audit.read": frozenset({"admin"}),
    "rights.publish": frozenset({"admin"}),
}


def can(role: str, action: str) -> bool:
    return role in PERMISSIONS[action]


@dataclass(frozen=True)
class Staff:
    account: StaffAccount
    session: sessions.StaffSession

    @property
    def actor(self) -> str:
        return accounts.actor(self.account.username)

    def can(self, action: str) -> bool:
        return can(self.account.role, action)


def secure_cookies(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return not settings.is_local


def login_redirect(request: Request) -> Response:
    if request.method != "GET":  # a form posted after the session ended: start over
        return RedirectResponse("/console/login", status_code=303)
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    return RedirectResponse("/console/login?next=" + quote(target, safe="/"), status_code=303)


async def current_staff(request: Request) -> Staff | None:
    redis = request.app.state.redis
    session = await sessions.load(redis, request.cookies.get(sessions.COOKIE))
    if session is None:
        return None
    account = await accounts.get_active(session.account_id)
    if account is None:  # disabled (or removed) since the session began
        await sessions.end(redis, session)
        return None
    return Staff(account, session)


async def staff_or_login(request: Request) -> Staff | Response:
    staff = await current_staff(request)
    return staff if staff is not None else login_redirect(request)


def page(
    request: Request, staff: Staff | None, name: str, status: int = 200, **extra: Any
) -> Response:
    settings: Settings = request.app.state.settings
    context = {
        "court_name": settings.court_name,
        "staff": staff,
        "staff_role_zh": STAFF_ROLE_ZH,
        "csrf": staff.session.csrf if staff else "",
        "path": request.url.path,
        **extra,
    }
    return render(ENV, name, context, status=status, headers=PRIVATE_HEADERS)


def refused(request: Request, staff: Staff | None, message: str, status: int = 403) -> Response:
    return page(request, staff, "refused.html", status=status, message=message)


def problem_text(exc: ProblemError, messages: Mapping[str, str]) -> str:
    """A service's refusal in Chinese: the page's own words for the codes it expects, else
    a generic sentence with the code (never the English detail)."""
    return messages.get(exc.code, f"操作未完成（{exc.code}）。")


async def form_for(request: Request, action: str | None) -> tuple[Staff, FormData] | Response:
    """A POST's staff member and form, with the CSRF token and (when given) the role's right
    to ``action`` checked; a Response (redirect or 403 page) when refused."""
    staff = await current_staff(request)
    if staff is None:
        return login_redirect(request)
    form = await request.form()
    if not sessions.csrf_ok(staff.session.csrf, form.get("csrf")):
        return refused(request, staff, "表单已过期，请刷新页面后重试。")
    if action is not None and not staff.can(action):
        return refused(request, staff, "您的角色无权执行此操作。")
    return staff, form


def text(form: FormData, name: str, limit: int = 500) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(title: str, header: list[str], rows: Iterable[list[Any]], stem: str) -> Response:
    """One sheet as an xlsx download named ``stem-YYYYMMDD.xlsx`` (not cached: personal data)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = clock.local_now().strftime("%Y%m%d")
    headers = {
        **PRIVATE_HEADERS,
        "Content-Disposition": f'attachment; filename="{stem}-{stamp}.xlsx"',
    }
    return Response(buffer.getvalue(), media_type=XLSX, headers=headers)
