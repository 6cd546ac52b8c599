"""Console sign-in, sign-out and the 今日 dashboard (contract §9.7), and the console's routes.

``GET /console/login`` shows the form; ``POST`` checks it: a wrong password (or TOTP code)
answers 200 with the form and an error, the 6th failure within 15 minutes locks the username
for 15 minutes, success sets the session cookie and redirects to ``/console/``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from disclosure.led import screens
from notifiers import manual_service
from service import clock
from service.aftercare import service as aftercare
from service.audit import service as audit
from service.console import (
    accounts,
    chart,
    pages_deletion,
    sessions,
)
from service.console.web import current_staff, form_for, page, secure_cookies, staff_or_login
from service.filings import objections

LOCKED = "登录失败次数过多，账户已锁定，请 15 分钟后再试。"
WRONG = "用户名、密码或动态口令不正确。"


def _safe_next(target: str | None) -> str:
    """Only a console path of this site (no open redirect)."""
    if target and target.startswith("/console/") and not target.startswith("//"):
        return target
    return "/console/"


def _login_form(request: Request, error: str | None = None, username: str = "") -> Response:
    token = request.cookies.get(sessions.LOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = page(
        request,
        None,
        "login.html",
        error=error,
        username=username,
        login_csrf=token,
        next=_safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        sessions.LOGIN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
        path="/console/login",
    )
    return response


async def login(request: Request) -> Response:
    if request.method == "GET":
        if await current_staff(request) is not None:
            return RedirectResponse("/console/", status_code=303)
        return _login_form(request)
    form = await request.form()
    expected = request.cookies.get(sessions.LOGIN_COOKIE, "")
    if not expected or not sessions.csrf_ok(expected, form.get("csrf")):
        return _login_form(request, "表单已过期，请重新输入。")
    username = str(form.get("username") or "").strip()[:40]
    password = str(form.get("password") or "")[: accounts.MAX_PASSWORD]
    code = str(form.get("totp") or "").strip()
    redis = request.app.state.redis
    court = accounts.DEFAULT_COURT
    actor = accounts.actor(username or "-")
    if await sessions.is_locked(redis, court, username):
        await audit.record(actor, "staff.login_refused_locked", "staff", username or "-")
        return _login_form(request, LOCKED, username)
    account = await accounts.find(username, court) if username else None
    ok = accounts.password_matches(account, password)
    if ok and account is not None and accounts.needs_totp(account):
        ok = accounts.totp_matches(account, code) and await sessions.totp_code_unused(
            redis, account.id, code
        )
    if not ok or account is None or account.disabled_at is not None:
        locked = await sessions.record_failure(redis, court, username)
        await audit.record(
            actor, "staff.login_failed", "staff", username or "-", {"locked": locked}
        )
        return _login_form(request, LOCKED if locked else WRONG, username)
    await sessions.clear_failures(redis, court, username)
    token = await sessions.create(redis, account.id)
    await audit.record(actor, "staff.signed_in", "staff", username)
    response = RedirectResponse(_safe_next(str(form.get("next") or "")), status_code=303)
    response.set_cookie(
        sessions.COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
        path="/console",
    )
    response.delete_cookie(sessions.LOGIN_COOKIE, path="/console/login")
    return response


async def logout(request: Request) -> Response:
    checked = await form_for(request, None)
    if isinstance(checked, Response):
        return checked
    staff, _ = checked
    await sessions.end(request.app.state.redis, staff.session)
    await audit.record(staff.actor, "staff.signed_out", "staff", staff.account.username)
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/console")
    return response


async def dashboard(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    now = clock.now()
    waiting, overdue = 0, 0
    for status in ("received", "filed"):
        rows, _ = await objections.court_list(status, 500, None)
        for row in rows:
            waiting += 1
            late = objections.overdue_flags(row, await objections.history(row), now)
            overdue += any(late)
    statuses = await screens.statuses(request.app.state.redis, await screens.all_screens())
    deletions_due, deletions_overdue = await pages_deletion.count_due()
    searches = await aftercare.counts(now)
    return page(
        request,
        staff,
        "dashboard.html",
        undeliverable=await manual_service.count_open(),
        objections_waiting=waiting,
        objections_overdue=overdue,
        deletions_due=deletions_due,
        deletions_overdue=deletions_overdue,
        screens_noncompliant=sum(not s.compliant for s in statuses),
        screens_total=len(statuses),
        searches_overdue=searches["overdue"],
        searches_due=searches["due"],
        chart=chart.build(await manual_service.delivery_summary(30)),
    )


async def root(request: Request) -> Response:
    return RedirectResponse("/console/", status_code=308)


routes: list[BaseRoute] = [
    Route("/console", root, methods=["GET"]),
    Route("/console/", dashboard, methods=["GET"]),
    Route("/console/login", login, methods=["GET", "POST"]),
    Route("/console/logout", logout, methods=["POST"]),
    Mount(
        "/console/static",
        app=StaticFiles(directory=str(Path(__file__).parent / "static")),
        name="console-static",
    ),
]
