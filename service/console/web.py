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
from pydantic import ValidationError
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


def actor_text(actor: str) -> str:
    """Who did it, as staff read it: a staff member by name, the court system, the service."""
    kind, _, name = actor.partition(":")
    if kind == "staff" and name:
        return name
    if kind == "court-key" and name:
        return f"法院业务系统（{name}）"
    return {"system": "系统自动", "cli": "命令行"}.get(actor, actor)


ENV.filters["actor"] = actor_text

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
    "account.manage": frozenset({"admin"}),
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


#: Pydantic's and our validators' error types, in Chinese (the console never shows English).
VALIDATION_ZH = {
    "missing": "必填",
    "string_too_short": "不能为空",
    "string_too_long": "过长（最多 {max_length} 个字符）",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "greater_than_equal": "不得小于 {ge}",
    "less_than_equal": "不得大于 {le}",
    "screen_id_invalid": "1–64 个字母、数字、_ 或 -",
    "rows_invalid": "须为 1–64",
    "cols_invalid": "须为 2–128",
    "mode_unknown": "请选择拉取或推送",
    "push_url_invalid": "须为 http(s) 网址",
    "refresh_invalid": "须为 1–300 秒",
    "lease_invalid": "须不少于刷新间隔的 2 倍、不超过 3600 秒",
    "push_url_required": "推送模式须填写推送地址",
    "push_url_not_allowed": "拉取模式不填写推送地址",
    "items_numbering": "条目编号须为 1..n",
}


def validation_text(exc: ValidationError, fields: Mapping[str, str]) -> list[str]:
    """Each validation error as 「字段：原因」 in Chinese (field names from ``fields``)."""
    out = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        name = fields.get(loc[0], loc[0]) if loc else "表单"
        if len(loc) > 1 and loc[1].isdigit():
            name += f"第 {int(loc[1]) + 1} 条"
        reason = VALIDATION_ZH.get(error["type"], "取值无效")
        try:
            reason = reason.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            reason = "取值无效"
        out.append(f"{name}：{reason}")
    return out


def problem_text(exc: ProblemError, messages: Mapping[str, str]) -> str:
    """A service's refusal in Chinese: the page's own words for the codes it expects, else
    a generic Chinese sentence with the code for support (never the English detail)."""
    return messages.get(exc.code, f"操作未完成。如需协助，请向管理员提供代码 {exc.code}。")


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
