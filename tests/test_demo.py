"""The demo still lets a newcomer bind (contract §9.1): what ``python -m sandbox.demo`` prints
for each case — name, identity number and the 查询码 — is enough to bind at /m/bind."""

from __future__ import annotations

from pathlib import Path

import httpx
from starlette.applications import Starlette

from config.settings import Settings
from sandbox.demo import demo_environment, welcome_banner
from sandbox.demo_data import load_demo_data
from sandbox.server import SandboxServer
from tests.service.party_support import sign_in_mp


async def test_a_newcomer_binds_to_a_demo_case_with_what_the_banner_prints(
    app: Starlette, client: httpx.AsyncClient, settings: Settings, wechat_sandbox: SandboxServer
) -> None:
    summary = await load_demo_data(settings)
    line = summary["cases"][1]  # the second case: nobody is bound to it by the demo
    case_no, _, name, id_no, _, _, access_code = line.split()
    _, token = await sign_in_mp(client, wechat_sandbox)
    auth = {"Authorization": f"Bearer {token}"}
    proof = {"case_no": case_no, "name": name, "id_no": id_no}
    assert (
        await client.post("/api/party/v1/bindings", json=proof, headers=auth)
    ).status_code == 404
    bound = await client.post(
        "/api/party/v1/bindings", json={**proof, "access_code": access_code}, headers=auth
    )
    assert bound.status_code == 201, bound.text
    assert bound.json()["role"] == "applicant"


def test_the_demo_has_no_quiet_hours_and_its_banner_says_where_to_start() -> None:
    """Issue 18: a newcomer at night sees every demo message arrive, and is told why; the
    banner names the landing page, the API reference and where the logs went."""
    env = demo_environment(8000, 8100)
    assert env["MICROCOURT_QUIET_HOURS_START"] == env["MICROCOURT_QUIET_HOURS_END"]
    banner = welcome_banner(8000, 8100, {"cases": ["（2024）浙0203执1号 …"]}, Path("var/logs"))
    assert "http://127.0.0.1:8000/ " in banner and "http://127.0.0.1:8000/docs" in banner
    assert "no quiet hours" in banner and "var/logs" in banner
    assert "（2024）浙0203执1号" in banner
    assert "var/logs" not in welcome_banner(8000, 8100, {}, None)  # -v: the logs are on screen
