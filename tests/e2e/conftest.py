"""Shared fixtures for browser and multi-process tests.

``web_servers`` starts real ``microcourt serve`` processes on free ports that share the test
session's database and Redis with the in-process ``app`` (so a write made through ``client``
is what the subprocesses read); ``browser`` is a headless Debian Chromium driven by Playwright.
Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, async_playwright
from starlette.applications import Starlette

from sandbox.demo import DEMO_TEMPLATES, SANDBOX_ENV
from sandbox.server import SandboxServer
from tests.disclosure.led_support import receiver  # noqa: F401 - for test_led_withdrawal.py
from tests.support import test_env

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(app: Starlette, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")}
    env.update(test_env(data_dir))
    env["MICROCOURT_REDIS_URL"] = app.state.redis_url
    env.update(extra)
    return env


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """``microcourt serve`` on ``port``, its output to ``log``."""
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not become ready:\n{log.read_text()}")


@pytest.fixture(scope="session")
def web_servers(
    app: Starlette, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """Two independent web processes (base URLs) on the session's database and Redis."""
    logs = tmp_path_factory.mktemp("servers")
    # Browser tests make many requests from 127.0.0.1; the limit itself has its own test.
    env = server_env(app, data_dir, MICROCOURT_PUBLIC_RATE_LIMIT_PER_MINUTE="100000")
    started: list[tuple[subprocess.Popen[bytes], Path]] = []
    bases: list[str] = []
    try:
        for index in range(2):
            port = free_port()
            log = logs / f"serve-{index}.log"
            process = _serve(env, port, log)
            started.append((process, log))
            bases.append(f"http://127.0.0.1:{port}")
        for base, (process, log) in zip(bases, started, strict=True):
            _wait_ready(base, process, log)
        yield bases
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _prepare_browser() -> None:
    if not Path(CHROMIUM).exists():
        # Not a skip: a browser test that does not run is a requirement not shown.
        # .ci/run installs it; by hand: apt-get install -y chromium fonts-wqy-zenhei
        pytest.fail("Debian chromium is missing: apt-get install -y chromium fonts-wqy-zenhei")
    ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    _prepare_browser()
    async with async_playwright() as pw:
        instance = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            await instance.close()


@pytest.fixture(scope="session")
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
    log = tmp_path_factory.mktemp("party-server") / "serve.log"
    process = _serve(env, port, log)
    try:
        _wait_ready(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
