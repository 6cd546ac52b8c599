"""账户管理 in the browser (contract §9.7, issue 17): an admin lists, creates (password shown
once or set, TOTP enrolment shown once), disables (its sessions end at once), resets a
password and lifts a lock-out — each audited under the admin's name; other roles see no link
and are refused 403 when they post."""

from __future__ import annotations

import re

import pyotp
import pytest
from starlette.applications import Starlette

from service import clock
from service.audit.models import AuditEntry
from service.console import accounts
from service.privacy import vault
from tests.console.support import PASSWORD, browser_client, csrf, login, signed_in, username


def shown(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">([^<]+)<', html)
    assert match, f"no #{element_id} on the page"
    return match.group(1)


async def test_an_admin_creates_accounts_with_password_and_totp_shown_once(
    app: Starlette,
) -> None:
    generated, own = username("clerk"), username("disclosure")
    async with signed_in(app, "admin") as (c, admin):
        page = await c.get("/console/accounts")
        assert page.status_code == 200 and admin in page.text and "新建账户" in page.text
        token = await csrf(c, "/console/accounts")
        made = await c.post(
            "/console/accounts/new",
            data={"csrf": token, "username": generated, "role": "clerk"},
        )
        assert made.status_code == 200 and "只显示这一次" in made.text
        assert "no-store" in made.headers["cache-control"]
        password = shown(made.text, "new-password")
        assert "totp-secret" not in made.text  # a clerk without TOTP asked for
        made = await c.post(
            "/console/accounts/new",
            data={
                "csrf": token,
                "username": own,
                "role": "disclosure",
                "password_mode": "set",
                "password": PASSWORD,
            },
        )
        assert made.status_code == 200 and "new-password" not in made.text
        secret = shown(made.text, "totp-secret")  # disclosure: TOTP always (§9.7)
        assert f"secret={secret}" in made.text
        twice = await c.post(
            "/console/accounts/new", data={"csrf": token, "username": own, "role": "viewer"}
        )
        assert twice.status_code == 422 and "该用户名已存在" in twice.text
        short = await c.post(
            "/console/accounts/new",
            data={
                "csrf": token,
                "username": username("viewer"),
                "role": "viewer",
                "password_mode": "set",
                "password": "short",
            },
        )
        assert short.status_code == 422 and "密码长度须为" in short.text
        listed = await c.get("/console/accounts")
        assert generated in listed.text and own in listed.text
    async with browser_client(app) as b:
        assert (await login(b, generated, password)).status_code == 303
    async with browser_client(app) as b:
        code = pyotp.TOTP(secret).at(clock.now())
        assert (await login(b, own, PASSWORD, code)).status_code == 303
    for target in (generated, own):
        assert await AuditEntry.exists(
            actor=f"staff:{admin}", action="staff.created", target_id=target
        )


async def test_an_admin_disables_resets_and_unlocks_and_each_is_audited(app: Starlette) -> None:
    async with signed_in(app, "clerk") as (victim, clerk), signed_in(app, "admin") as (c, admin):
        assert (await victim.get("/console/")).status_code == 200
        token = await csrf(c, "/console/accounts")
        reset = await c.post(f"/console/accounts/{clerk}/reset-password", data={"csrf": token})
        assert reset.status_code == 200
        new_password = shown(reset.text, "new-password")
        ended = await victim.get("/console/")
        assert ended.status_code == 303  # the reset ended the open session
        async with browser_client(app) as b:
            assert (await login(b, clerk, PASSWORD)).status_code == 200  # old password
            assert (await login(b, clerk, new_password)).status_code == 303
            assert (await b.get("/console/")).status_code == 200
            unconfirmed = await c.post(f"/console/accounts/{clerk}/disable", data={"csrf": token})
            assert unconfirmed.status_code == 422
            disabled = await c.post(
                f"/console/accounts/{clerk}/disable", data={"csrf": token, "confirm": "yes"}
            )
            assert disabled.status_code == 303
            refused = await b.get("/console/")  # its open session, refused at once
            assert refused.status_code == 303 and "/console/login" in refused.headers["location"]
        assert "已停用" in (await c.get("/console/accounts")).text
        self_disable = await c.post(
            f"/console/accounts/{admin}/disable", data={"csrf": token, "confirm": "yes"}
        )
        assert self_disable.status_code == 409

        locked = username("viewer")
        await accounts.create(locked, "viewer", PASSWORD)
        async with browser_client(app) as b:
            for _ in range(6):
                await login(b, locked, "wrong password!")
            assert "已锁定" in (await login(b, locked, PASSWORD)).text
            row = await c.get("/console/accounts")
            assert f"/console/accounts/{locked}/unlock" in row.text
            unlocked = await c.post(f"/console/accounts/{locked}/unlock", data={"csrf": token})
            assert unlocked.status_code == 303
            assert (await login(b, locked, PASSWORD)).status_code == 303
    for action, target in (
        ("staff.password_reset", clerk),
        ("staff.disabled", clerk),
        ("staff.unlocked", locked),
    ):
        assert await AuditEntry.exists(actor=f"staff:{admin}", action=action, target_id=target)


@pytest.mark.parametrize("role", ["viewer", "clerk", "disclosure"])
async def test_account_management_is_absent_and_refused_for_other_roles(
    app: Starlette, role: str
) -> None:
    target = username("viewer")
    await accounts.create(target, "viewer", PASSWORD)
    async with signed_in(app, role) as (c, _):
        home = await c.get("/console/")
        assert "/console/accounts" not in home.text
        assert (await c.get("/console/accounts")).status_code == 403
        token = await csrf(c)
        posts = {
            "/console/accounts/new": {"username": username("viewer"), "role": "admin"},
            f"/console/accounts/{target}/disable": {"confirm": "yes"},
            f"/console/accounts/{target}/reset-password": {},
            f"/console/accounts/{target}/unlock": {},
        }
        for url, data in posts.items():
            assert (await c.post(url, data={"csrf": token, **data})).status_code == 403, url
    account = await accounts.require(target)
    assert account.disabled_at is None


async def test_an_admin_enrols_a_new_totp_secret_shown_once_and_the_old_one_stops(
    app: Starlette,
) -> None:
    """A lost phone: the admin enrols a new TOTP secret (shown once, audited); the account's
    open sessions end and only the new secret's codes sign in (contract §9.7, issue 17)."""
    async with signed_in(app, "disclosure") as (officer_client, officer):
        old = await accounts.require(officer)
        assert old.totp_secret_enc is not None
        old_secret = vault().decrypt(old.totp_secret_enc)
        async with signed_in(app, "admin") as (c, admin):
            token = await csrf(c, "/console/accounts")
            assert f"/console/accounts/{officer}/totp" in (await c.get("/console/accounts")).text
            answer = await c.post(f"/console/accounts/{officer}/totp", data={"csrf": token})
            assert answer.status_code == 200 and "只显示这一次" in answer.text
            assert "new-password" not in answer.text
            secret = shown(answer.text, "totp-secret")
        assert secret != old_secret
        assert (await officer_client.get("/console/")).status_code == 303  # signed out
    async with browser_client(app) as b:
        stale = pyotp.TOTP(old_secret).at(clock.now())
        assert (await login(b, officer, PASSWORD, stale)).status_code == 200
    async with browser_client(app) as b:
        fresh = pyotp.TOTP(secret).at(clock.now())
        assert (await login(b, officer, PASSWORD, fresh)).status_code == 303
    assert await AuditEntry.exists(
        actor=f"staff:{admin}", action="staff.totp_reset", target_id=officer
    )
