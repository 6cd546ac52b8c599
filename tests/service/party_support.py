"""Signing test parties in through the real WeChat sandbox (no patched HTTP)."""

from __future__ import annotations

import asyncio
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import httpx

from sandbox.server import SandboxServer


async def sign_in_h5(
    client: httpx.AsyncClient, sandbox: SandboxServer, openid: str | None = None, path: str = "/m/"
) -> str:
    """Open an H5 page unsigned, consent at the sandbox as ``openid``, land back signed in.

    Returns the OA openid used; the session cookie is left in ``client``'s cookie jar.
    """
    openid = openid or "o_" + secrets.token_hex(8)
    first = await client.get(path)
    assert first.status_code == 302, first.text
    authorize = first.headers["location"]
    assert authorize.startswith(f"{sandbox.url}/connect/oauth2/authorize?")
    url = authorize.partition("#")[0]
    async with httpx.AsyncClient() as wechat:
        consent = await wechat.get(f"{url}&openid={openid}")
    assert consent.status_code in (302, 303), consent.text
    back = urlsplit(consent.headers["location"])
    params = parse_qs(back.query)
    callback = await client.get(f"{back.path}?{back.query}")
    assert callback.status_code == 303, callback.text
    assert params["state"]
    return openid


async def sign_in_mp(
    client: httpx.AsyncClient, sandbox: SandboxServer, openid: str | None = None
) -> tuple[str, str]:
    """Mini Program login: mint a wx.login code at the sandbox, exchange it for a bearer token."""
    openid = openid or "omp_" + secrets.token_hex(8)
    async with httpx.AsyncClient() as wechat:
        minted = await wechat.post(
            f"{sandbox.url}/_sandbox/codes", json={"app": "mp", "openid": openid}
        )
    assert minted.status_code == 201, minted.text
    response = await client.post(
        "/api/party/v1/session/miniprogram", json={"code": minted.json()["code"]}
    )
    assert response.status_code == 200, response.text
    return openid, response.json()["token"]


async def texted_code(sandbox: SandboxServer, phone: str) -> str:
    """The newest binding code the sandbox SMS gateway received for ``phone``. The service
    texts it after answering, so it may arrive a moment after the answer: waited for, with a
    generous bound for a busy machine."""
    async with httpx.AsyncClient(base_url=f"{sandbox.url}/sms") as gateway:
        for _ in range(300):
            inbox = (await gateway.get("/_sandbox/messages", params={"phone": phone})).json()
            codes = [m["text"] for m in inbox if "验证码" in m["text"]]
            if codes:
                match = re.search(r"验证码为(\d{6})", codes[-1])
                assert match, codes[-1]
                return match.group(1)
            await asyncio.sleep(0.1)
    raise AssertionError("no binding code reached the SMS gateway")
