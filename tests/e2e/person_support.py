"""Browser steps for issue 18's walk-throughs: a phone-sized context signed in as a WeChat
user of its own (so failed tries and preferences never touch another test's user)."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from typing import Any

import httpx
from playwright.async_api import Browser, BrowserContext, Page

from tests.e2e.conftest import ARTIFACTS

PHONE = {"width": 390, "height": 844}


@contextlib.asynccontextmanager
async def phone_as(
    browser: Browser, sandbox_url: str, openid: str | None = None, **options: Any
) -> AsyncIterator[BrowserContext]:
    """A 390 × 844 context that signs in (the sandbox's consent) as ``openid``, a fresh user
    by default. The sandbox signs every browser in as its default user, so that default is
    this user while the context is open (browser tests run one at a time) and is put back
    after: failed binding tries and preferences never touch another test's user."""
    who = openid or "o_i18_" + secrets.token_hex(6)
    async with httpx.AsyncClient(base_url=sandbox_url) as admin:
        before = (await admin.get("/_sandbox/config")).json()["default_openid"]
        await _set_default(admin, who)
        context = await browser.new_context(viewport=PHONE, locale="zh-CN", **options)
        try:
            yield context
        finally:
            await context.close()
            await _set_default(admin, before)


async def _set_default(admin: httpx.AsyncClient, openid: str) -> None:
    response = await admin.post("/_sandbox/config", json={"default_openid": openid})
    assert response.status_code == 200, response.text


async def shot(page: Page, name: str) -> None:
    """The whole page; a tall one also in parts of 1,400 px, readable at their real size."""
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    height = int(await page.evaluate("document.documentElement.scrollHeight"))
    width = int(await page.evaluate("document.documentElement.clientWidth"))
    part = 1400
    if height > 2 * part:
        for n, top in enumerate(range(0, height, part), start=1):
            clip = {"x": 0, "y": top, "width": width, "height": min(part, height - top)}
            path = ARTIFACTS / f"{name}-part{n}.png"
            await page.screenshot(path=str(path), full_page=True, clip=clip)


async def bind(page: Page, base: str, case: dict[str, Any], index: int = 0) -> None:
    who = case["parties"][index]
    await page.goto(f"{base}/m/bind")
    await page.get_by_label("案号").fill(case["case_no"])
    await page.get_by_label("姓名或单位名称").fill(who["name"])
    await page.get_by_label("身份证号码或统一社会信用代码").fill(who["id_no"])
    await page.get_by_label("查询码").fill(who["access_code"])
    await page.get_by_role("button", name="绑定", exact=True).click()
    await page.get_by_role("heading", name=case["case_no"]).wait_for()
