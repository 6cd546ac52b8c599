"""JS-SDK configuration for the H5 pages: WeChat's signature, and one cached jsapi ticket."""

from __future__ import annotations

import hashlib

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.wechat.jssdk import signature
from tests.service.party_support import sign_in_h5


def test_signature_matches_wechats_worked_example() -> None:
    # The example in WeChat's JS-SDK documentation, appendix 1.
    ticket = (
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
    )
    got = signature(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value")
    assert got == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"


async def test_config_is_signed_with_the_shared_ticket(
    client: httpx.AsyncClient, wechat_sandbox: SandboxServer, app: Starlette
) -> None:
    await sign_in_h5(client, wechat_sandbox)
    page = "http://127.0.0.1:8000/m/cases/abc?x=1"
    async with httpx.AsyncClient() as admin:
        before = (await admin.get(f"{wechat_sandbox.url}/_sandbox/stats")).json()["calls"]
    first = await client.get("/api/party/v1/jssdk-config", params={"url": page + "#frag"})
    second = await client.get("/api/party/v1/jssdk-config", params={"url": page})
    assert first.status_code == second.status_code == 200, first.text
    async with httpx.AsyncClient() as admin:
        after = (await admin.get(f"{wechat_sandbox.url}/_sandbox/stats")).json()["calls"]
        ticket = (
            await admin.get(
                f"{wechat_sandbox.url}/cgi-bin/ticket/getticket",
                params={"type": "jsapi", "access_token": await _token(app)},
            )
        ).json()["ticket"]
    # both configs were signed with one ticket fetch (cached in Redis)
    fetched = after.get("ticket", 0) - before.get("ticket", 0)
    assert fetched <= 1
    for response in (first, second):
        body = response.json()
        assert body["appId"] == "wx5a4d0000sandbox"
        plain = (
            f"jsapi_ticket={ticket}&noncestr={body['nonceStr']}"
            f"&timestamp={body['timestamp']}&url={page}"
        )
        assert body["signature"] == hashlib.sha1(plain.encode()).hexdigest()


async def _token(app: Starlette) -> str:
    return str(await app.state.wechat.oa.access_token())


async def test_foreign_pages_are_not_signed(
    client: httpx.AsyncClient, wechat_sandbox: SandboxServer
) -> None:
    await sign_in_h5(client, wechat_sandbox)
    response = await client.get(
        "/api/party/v1/jssdk-config", params={"url": "https://evil.example/m/"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "url_not_ours"
