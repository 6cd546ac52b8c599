"""账户管理 (role ``admin``): list the court's staff accounts, create one, disable one, reset a
password, lift a lock-out (contract §9.7, issue 17).

The same functions as ``microcourt staff …`` (:mod:`service.console.accounts`), with the admin as
the audited actor; an admin can also enrol a new TOTP secret (a lost phone). A generated
password and a TOTP enrolment (the ``otpauth://`` URI and its
secret, to type or paste into an authenticator app) are shown once, on a page that is not
cached, and never again. Disabling an account and resetting its password end its open
sessions at once. The pages and the posts are for ``admin`` only: other roles see no link and
get 403 if they post anyway. An admin cannot disable their own account (no lock-out by
mistake: another admin, or the CLI, does it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlparse

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from service.audit import service as audit
from service.console import accounts, sessions
from service.console.models import ROLES
from service.console.web import (
    STAFF_ROLE_ZH,
    Staff,
    form_for,
    page,
    refused,
    staff_or_login,
    text,
)

LIST_LIMIT = 500
ACCOUNT_ERRORS = {
    "password_length": f"密码长度须为 {accounts.MIN_PASSWORD}–{accounts.MAX_PASSWORD} 个字符。",
    "username_invalid": "用户名须为 1–40 个字母、数字或 . _ - 。",
    "role_unknown": "请选择角色。",
    "account_exists": "该用户名已存在。",
    "account_unknown": "没有这个账户。",
}
DONE = {
    "disabled": "已停用该账户，其已登录的会话均已结束。",
    "unlocked": "已解除锁定。",
}


def _secret_of(uri: str | None) -> str | None:
    if uri is None:
        return None
    return parse_qs(urlparse(uri).query).get("secret", [""])[0] or None


async def _admin(request: Request) -> Staff | Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    if not staff.can("account.manage"):
        return refused(request, staff, "您的角色无权执行此操作。")
    return staff


async def account_list(request: Request) -> Response:
    staff = await _admin(request)
    if isinstance(staff, Response):
        return staff
    court = staff.account.court_code
    rows = (await accounts.all_accounts(court))[:LIST_LIMIT]
    redis = request.app.state.redis
    locked = {a.username for a in rows if await sessions.is_locked(redis, court, a.username)}
    done = request.query_params.get("done", "")
    return page(
        request,
        staff,
        "accounts.html",
        rows=rows,
        locked=locked,
        roles=ROLES,
        totp_required=accounts.TOTP_REQUIRED,
        done=DONE.get(done),
        who=request.query_params.get("who", "")[:40],
    )


async def create(request: Request) -> Response:
    checked = await form_for(request, "account.manage")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    username = text(form, "username", 40)
    role = text(form, "role", 20)
    own = form.get("password_mode") == "set"
    password = str(form.get("password") or "")[: accounts.MAX_PASSWORD + 1] if own else None
    try:
        created = await accounts.create(
            username,
            role,
            password,
            with_totp=form.get("totp") == "yes",
            court_code=staff.account.court_code,
            by=staff.actor,
        )
    except accounts.AccountError as exc:
        return refused(request, staff, ACCOUNT_ERRORS.get(exc.code, "账户未能创建。"), 422)
    return page(
        request,
        staff,
        "account_secret.html",
        heading="账户已创建",
        username=username,
        role_zh=STAFF_ROLE_ZH[role],
        password=created.password,
        own_password=own,
        totp_uri=created.totp_uri,
        totp_secret=_secret_of(created.totp_uri),
    )


async def disable(request: Request) -> Response:
    checked = await form_for(request, "account.manage")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    username = request.path_params["username"]
    if username == staff.account.username:
        return refused(request, staff, "不能停用自己的账户。", 409)
    if form.get("confirm") != "yes":
        return refused(request, staff, "请勾选确认后再停用。", 422)
    try:
        account = await accounts.disable(
            username, court_code=staff.account.court_code, by=staff.actor
        )
    except accounts.AccountError as exc:
        return refused(request, staff, ACCOUNT_ERRORS.get(exc.code, "操作未完成。"), 404)
    await sessions.end_all(request.app.state.redis, account.id)
    return RedirectResponse(f"/console/accounts?done=disabled&who={username}", status_code=303)


async def _reset_secret(
    request: Request, reset: Callable[[str, str, str], Awaitable[str]], heading: str, totp: bool
) -> Response:
    """Reset a password or a TOTP secret (``reset(username, court, by)`` returns the new one),
    end the account's sessions (whoever held the old one is signed out), show it once."""
    checked = await form_for(request, "account.manage")
    if isinstance(checked, Response):
        return checked
    staff, _ = checked
    username = request.path_params["username"]
    court = staff.account.court_code
    try:
        secret = await reset(username, court, staff.actor)
        account = await accounts.require(username, court)
    except accounts.AccountError as exc:
        return refused(request, staff, ACCOUNT_ERRORS.get(exc.code, "操作未完成。"), 404)
    await sessions.end_all(request.app.state.redis, account.id)
    return page(
        request,
        staff,
        "account_secret.html",
        heading=heading,
        username=username,
        role_zh=STAFF_ROLE_ZH[account.role],
        password=None if totp else secret,
        own_password=False,
        totp_uri=secret if totp else None,
        totp_secret=_secret_of(secret) if totp else None,
    )


async def reset_password(request: Request) -> Response:
    async def reset(username: str, court: str, by: str) -> str:
        generated = await accounts.reset_password(username, None, court_code=court, by=by)
        assert generated is not None  # None only when a password is given
        return generated

    return await _reset_secret(request, reset, "密码已重置", totp=False)


async def reset_totp(request: Request) -> Response:
    """A new TOTP secret, shown once (for a lost phone)."""

    async def reset(username: str, court: str, by: str) -> str:
        return await accounts.reset_totp(username, court_code=court, by=by)

    return await _reset_secret(request, reset, "动态口令已重新绑定", totp=True)


async def unlock(request: Request) -> Response:
    checked = await form_for(request, "account.manage")
    if isinstance(checked, Response):
        return checked
    staff, _ = checked
    username = request.path_params["username"]
    court = staff.account.court_code
    if await accounts.find(username, court) is None:
        return refused(request, staff, ACCOUNT_ERRORS["account_unknown"], 404)
    was_locked = await sessions.unlock(request.app.state.redis, court, username)
    await audit.record(staff.actor, "staff.unlocked", "staff", username, {"was_locked": was_locked})
    return RedirectResponse(f"/console/accounts?done=unlocked&who={username}", status_code=303)


routes: list[BaseRoute] = [
    Route("/console/accounts", account_list, methods=["GET"]),
    Route("/console/accounts/new", create, methods=["POST"]),
    Route("/console/accounts/{username}/disable", disable, methods=["POST"]),
    Route("/console/accounts/{username}/reset-password", reset_password, methods=["POST"]),
    Route("/console/accounts/{username}/totp", reset_totp, methods=["POST"]),
    Route("/console/accounts/{username}/unlock", unlock, methods=["POST"]),
]
