"""Signing staff in to the console as a browser would: the form, its CSRF token, the cookie."""

from __future__ import annotations

import itertools
import random
import re
import string
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pyotp
from starlette.applications import Starlette

from service import clock
from service.console import accounts
from service.privacy import vault

_RUN = "".join(random.choices(string.ascii_lowercase, k=5))
_ids = itertools.count(1)
PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def username(role: str) -> str:
    return f"{role}-{_RUN}-{next(_ids)}"


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def totp_code(name: str) -> str:
    account = await accounts.require(name)
    assert account.totp_secret_enc is not None
    return pyotp.TOTP(vault().decrypt(account.totp_secret_enc)).at(clock.now())


async def login(
    c: httpx.AsyncClient, name: str, password: str = PASSWORD, totp: str = ""
) -> httpx.Response:
    form = await c.get("/console/login")
    assert form.status_code == 200, form.text
    return await c.post(
        "/console/login",
        data={
            "csrf": csrf_of(form.text),
            "username": name,
            "password": password,
            "totp": totp,
            "next": "/console/",
        },
    )


def browser_client(app: Starlette) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@asynccontextmanager
async def signed_in(app: Starlette, role: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A client signed in as a new account of ``role`` (with its TOTP code when needed)."""
    name = username(role)
    await accounts.create(name, role, PASSWORD)
    async with browser_client(app) as c:
        account = await accounts.require(name)
        code = await totp_code(name) if accounts.needs_totp(account) else ""
        response = await login(c, name, totp=code)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/console/"
        yield c, name


async def csrf(c: httpx.AsyncClient, path: str = "/console/") -> str:
    page = await c.get(path)
    assert page.status_code == 200, page.text
    return csrf_of(page.text)
