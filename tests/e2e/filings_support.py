"""A web process for the filings browser tests (as in test_party_pages.py) and shared steps."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page
from starlette.applications import Starlette

from notifiers.sandbox.server import SandboxServer
from service.demo import DEMO_TEMPLATES, SANDBOX_ENV
from tests.e2e.conftest import ROOT, _wait_ready, free_port, server_env


@pytest.fixture(scope="module")
def party_server(
    app: Starlette,
    data_dir: Path,
    wechat_sandbox: SandboxServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """One web process whose WeChat is the sandbox, on the session's database and Redis."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(
        app,
        data_dir,
        **SANDBOX_ENV,
        MICROCOURT_PUBLIC_BASE_URL=base,
        MICROCOURT_WECHAT_API_BASE=wechat_sandbox.url,
        MICROCOURT_WECHAT_OPEN_BASE=wechat_sandbox.url,
        MICROCOURT_SMS_GATEWAY_URL=f"{wechat_sandbox.url}/sms",
        MICROCOURT_TEMPLATES_FILE=str(DEMO_TEMPLATES),
    )
    log = tmp_path_factory.mktemp("filings-server") / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_ready(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


async def bind_in_browser(page: Page, base: str, case: dict[str, Any], index: int = 0) -> None:
    """Sign in (sandbox OAuth) and bind party ``index`` of ``case`` through the H5 form."""
    who = case["parties"][index]
    await page.goto(f"{base}/m/bind")
    await page.get_by_label("案号").fill(case["case_no"])
    await page.get_by_label("姓名或单位名称").fill(who["name"])
    await page.get_by_label("身份证号码或统一社会信用代码").fill(who["id_no"])
    await page.get_by_role("button", name="绑定").click()
    await page.get_by_role("heading", name=case["case_no"]).wait_for()
