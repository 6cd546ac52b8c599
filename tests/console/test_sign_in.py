"""Staff accounts and sign-in (contract §9.7; issue 17 "Accounts and safety")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyotp
import pytest
from starlette.applications import Starlette

from service.audit.models import AuditEntry
from service.console import accounts
from service.console.models import StaffAccount
from tests import support
from tests.console.support import (
    PASSWORD,
    browser_client,
    csrf,
    login,
    signed_in,
    totp_code,
    username,
)

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_PAGES = [
    "/console/",
    "/console/undeliverable",
    "/console/undeliverable.xlsx",
    "/console/cases",
    "/console/objections",
    "/console/listings",
    "/console/screens",
    "/console/audit",
]


def staff_cli(app: Starlette, data_dir: Path, *args: str, stdin: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")}
    env.update(support.test_env(data_dir))
    env["MICROCOURT_REDIS_URL"] = app.state.redis_url
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "staff", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_staff_create_prints_a_generated_password_and_totp_once_and_stores_argon2id(
    app: Starlette, data_dir: Path
) -> None:
    name = username("admin")
    out = staff_cli(app, data_dir, "create", name, "--role", "admin")
    password = re.search(r"^password: (\S+)$", out, re.M)
    uri = re.search(r"^totp: (otpauth://totp/\S+)$", out, re.M)
    assert password and uri, out
    account = await StaffAccount.get(username=name)
    assert account.password_hash.startswith("$argon2id$")
    assert password.group(1) not in account.password_hash
    assert account.totp_secret_enc and "secret=" not in account.totp_secret_enc
    async with browser_client(app) as c:
        # admin needs the second factor: the right password alone is refused
        without = await login(c, name, password.group(1))
        assert without.status_code == 200 and "不正确" in without.text
        code = pyotp.parse_uri(uri.group(1)).now()
        ok = await login(c, name, password.group(1), code)
        assert ok.status_code == 303 and ok.headers["location"] == "/console/"
        assert (await c.get("/console/")).status_code == 200


async def test_password_from_stdin_and_reset_password(app: Starlette, data_dir: Path) -> None:
    name = username("viewer")
    out = staff_cli(
        app,
        data_dir,
        "create",
        name,
        "--role",
        "viewer",
        "--password-stdin",
        stdin="first password 1\n",
    )
    assert "password:" not in out and "totp:" not in out  # nothing to show: TOTP optional
    async with browser_client(app) as c:
        assert (await login(c, name, "first password 1")).status_code == 303
        reset = staff_cli(app, data_dir, "reset-password", name)
        assert "ended 1 session(s)" in reset
        assert (await c.get("/console/")).status_code == 303  # the old session is over
        new = re.search(r"^password: (\S+)$", reset, re.M)
        assert new, reset
        assert (await login(c, name, "first password 1")).status_code == 200
        assert (await login(c, name, new.group(1))).status_code == 303


async def test_a_disabled_accounts_open_session_is_refused_at_once(
    app: Starlette, data_dir: Path
) -> None:
    async with signed_in(app, "clerk") as (c, name):
        assert (await c.get("/console/undeliverable")).status_code == 200
        out = staff_cli(app, data_dir, "disable", name)
        assert "ended 1 session(s)" in out
        after = await c.get("/console/undeliverable")
        assert after.status_code == 303
        assert after.headers["location"].startswith("/console/login")
        again = await login(c, name)
        assert again.status_code == 200 and "不正确" in again.text
    assert await AuditEntry.exists(actor="cli", action="staff.disabled", target_id=name)


@pytest.fixture
async def clerk_name(app: Starlette) -> str:
    name = username("clerk")
    await accounts.create(name, "clerk", PASSWORD)
    return name


async def test_the_sixth_wrong_password_locks_the_account_for_15_minutes(
    app: Starlette, clerk_name: str
) -> None:
    """§9.7: a wrong password answers 200 with the form and an error; the 6th failure in 15
    minutes for a user locks it for 15 minutes (then even the right password is refused)."""
    async with browser_client(app) as c:
        for _ in range(5):
            wrong = await login(c, clerk_name, "not the password")
            assert wrong.status_code == 200
            assert "用户名、密码或动态口令不正确" in wrong.text and 'name="password"' in wrong.text
        sixth = await login(c, clerk_name, "not the password")
        assert sixth.status_code == 200 and "已锁定" in sixth.text
        right = await login(c, clerk_name)
        assert right.status_code == 200 and "已锁定" in right.text
        assert (await c.get("/console/")).status_code == 303
    actor = f"staff:{clerk_name}"
    assert await AuditEntry.filter(actor=actor, action="staff.login_failed").count() == 6
    assert await AuditEntry.exists(actor=actor, action="staff.login_refused_locked")


async def test_session_cookie_is_httponly_strict_and_logout_ends_it(app: Starlette) -> None:
    name = username("viewer")
    await accounts.create(name, "viewer", PASSWORD)
    async with browser_client(app) as c:
        signed = await login(c, name)
        cookie = next(
            h for h in signed.headers.get_list("set-cookie") if h.startswith("mc_console=")
        )
        assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
        token = await csrf(c)
        out = await c.post("/console/logout", data={"csrf": token})
        assert out.status_code == 303 and out.headers["location"] == "/console/login"
        assert (await c.get("/console/")).status_code == 303
    assert await AuditEntry.exists(actor=f"staff:{name}", action="staff.signed_out")


async def test_every_console_url_without_a_session_redirects_to_the_login_page(
    app: Starlette,
) -> None:
    async with browser_client(app) as c:
        for path in CONSOLE_PAGES:
            response = await c.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/console/login?next=")
        posted = await c.post("/console/logout", data={})
        assert posted.status_code == 303 and posted.headers["location"] == "/console/login"


async def test_forms_without_the_session_csrf_token_are_refused(app: Starlette) -> None:
    async with signed_in(app, "viewer") as (c, _):
        response = await c.post("/console/logout", data={"csrf": "forged"})
        assert response.status_code == 403 and "表单已过期" in response.text
        assert (await c.get("/console/")).status_code == 200  # still signed in
    async with browser_client(app) as c:
        await c.get("/console/login")
        forged = await c.post(
            "/console/login", data={"csrf": "x", "username": "a", "password": "b"}
        )
        assert forged.status_code == 200 and "表单已过期" in forged.text


async def test_a_totp_code_signs_in_once(app: Starlette) -> None:
    name = username("disclosure")
    await accounts.create(name, "disclosure", PASSWORD)
    code = await totp_code(name)
    async with browser_client(app) as first, browser_client(app) as second:
        assert (await login(first, name, totp=code)).status_code == 303
        replay = await login(second, name, totp=code)
        assert replay.status_code == 200 and "不正确" in replay.text
