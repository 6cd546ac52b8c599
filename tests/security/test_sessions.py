"""No session fixation: sign-in always mints a fresh token; a planted token is never promoted."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.parties.sessions import COOKIE
from tests.security.conftest import transport_client
from tests.service.party_support import sign_in_h5


def _session(client: httpx.AsyncClient) -> str | None:
    values = [c.value for c in client.cookies.jar if c.name == COOKIE]
    assert len(values) <= 1, values  # the sign-in must replace, not add beside, a cookie
    return values[0] if values else None


async def test_a_token_set_before_sign_in_is_not_honoured(
    app: Starlette, wechat_sandbox: SandboxServer
) -> None:
    async with transport_client(app) as victim:
        victim.cookies.set(COOKIE, "attacker-chosen-token-0123456789", domain="testserver.local")
        assert (await victim.get("/api/party/v1/cases")).status_code == 401
        await sign_in_h5(victim, wechat_sandbox)
        fresh = _session(victim)
        assert fresh and fresh != "attacker-chosen-token-0123456789"
        assert (await victim.get("/api/party/v1/cases")).status_code == 200
    async with transport_client(app) as attacker:
        attacker.cookies.set(COOKIE, "attacker-chosen-token-0123456789", domain="testserver.local")
        assert (await attacker.get("/api/party/v1/cases")).status_code == 401


async def test_sign_out_ends_the_token_server_side(
    app: Starlette, wechat_sandbox: SandboxServer
) -> None:
    async with transport_client(app) as party:
        await sign_in_h5(party, wechat_sandbox)
        token = _session(party)
        assert (await party.delete("/api/party/v1/session")).status_code == 204
    async with transport_client(app) as replay:
        replay.cookies.set(COOKIE, token or "", domain="testserver.local")
        assert (await replay.get("/api/party/v1/cases")).status_code == 401
        bearer = await replay.get(
            "/api/party/v1/cases", headers={"Authorization": f"Bearer {token}"}
        )
        assert bearer.status_code == 401
