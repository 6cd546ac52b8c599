"""In a real browser: no dialog fires on pages showing hostile text, and our own pages break
none of their Content-Security-Policy (a violation would show in the console)."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, ConsoleMessage, Dialog

from service.parties.sessions import COOKIE
from tests.security.conftest import World

pytestmark = pytest.mark.browser


async def test_hostile_text_stays_inert_in_the_browser(
    browser: Browser, web_servers: list[str], world: World
) -> None:
    base = web_servers[0]
    token = next(c.value for c in world.a.client.cookies.jar if c.name == COOKIE)
    context = await browser.new_context()
    await context.add_cookies([{"name": COOKIE, "value": token, "url": base}])
    page = await context.new_page()
    dialogs: list[str] = []
    violations: list[str] = []

    async def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        await dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            violations.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    a = world.a
    pages = [
        f"/disclosures/{world.public_id}",
        "/disclosures",
        "/m/",
        f"/m/cases/{a.case['case_id']}",
        f"/m/cases/{a.case['case_id']}/objection",
        f"/led/{world.screen_id}?token={world.screen_token}",
    ]
    try:
        for path in pages:
            response = await page.goto(base + path)
            assert response is not None and response.status == 200, path
            await page.wait_for_timeout(150)
        await page.goto(base + "/disclosures")
        await page.fill("input[name=name]", world.listing["name"])
        await page.click("button[type=submit]")
        await page.wait_for_timeout(150)
    finally:
        await context.close()
    assert dialogs == []
    assert violations == []
