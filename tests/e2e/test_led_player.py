"""The HTML player in a real browser (contract §3.1): it rotates the pages, and when the
service goes away it blanks itself by its own clock within the screen's lease."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser
from starlette.applications import Starlette

from tests.disclosure.led_support import publish, register
from tests.e2e.conftest import ARTIFACTS, ROOT, _wait_ready, free_port, server_env
from tests.support import CourtSigner

pytestmark = pytest.mark.slow
LEASE_S = 4


async def test_player_rotates_and_blanks_when_the_service_is_gone(
    app: Starlette,
    data_dir: Path,
    client: httpx.AsyncClient,
    court: CourtSigner,
    browser: Browser,
    tmp_path: Path,
) -> None:
    for _ in range(3):
        await publish(client, court)
    sid, token = await register(
        client, court, rows=4, cols=14, refresh_seconds=1, lease_seconds=LEASE_S
    )
    # A web process of our own, so this test can stop it.
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=server_env(app, data_dir),
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        await asyncio.to_thread(_wait_ready, base, process, log)
        page = await browser.new_page(viewport={"width": 960, "height": 320})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        response = await page.goto(f"{base}/led/{sid}?token={token}")
        assert response is not None and response.status == 200
        assert "script-src 'self'" in (await response.all_headers())["content-security-policy"]

        await page.wait_for_selector("body[data-state=showing]", timeout=10_000)
        first = await page.inner_text("#screen")
        assert "失信被执行人公示" in first
        # Rotates: the next page comes up by itself (8 s a page).
        await page.wait_for_selector("body[data-page='1']", timeout=20_000)
        second = await page.inner_text("#screen")
        assert second != first
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "led-player-showing.png"))
        lines = await page.eval_on_selector_all("#screen .line", "els => els.length")
        assert 1 <= lines <= 4

        process.terminate()  # the service is gone; the player keeps its own clock
        process.wait(timeout=20)
        stopped = time.monotonic()
        await page.wait_for_selector("body[data-state=blank]", timeout=(LEASE_S + 3) * 1000)
        blanked = time.monotonic() - stopped
        assert await page.inner_text("#screen") == ""
        await page.screenshot(path=str(ARTIFACTS / "led-player-blank.png"))
        print(f"\nLED player blanked {blanked:.1f} s after the service stopped (lease {LEASE_S} s)")
        assert blanked <= LEASE_S + 1
        assert not errors, errors
        await page.close()
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
