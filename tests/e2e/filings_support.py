"""Shared browser steps for the filings tests (the web process is `party_server`)."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page


async def bind_in_browser(page: Page, base: str, case: dict[str, Any], index: int = 0) -> None:
    """Sign in (sandbox OAuth) and bind party ``index`` of ``case`` through the H5 form."""
    who = case["parties"][index]
    await page.goto(f"{base}/m/bind")
    await page.get_by_label("案号").fill(case["case_no"])
    await page.get_by_label("姓名或单位名称").fill(who["name"])
    await page.get_by_label("身份证号码或统一社会信用代码").fill(who["id_no"])
    await page.get_by_label("查询码").fill(who["access_code"])
    await page.get_by_role("button", name="绑定").click()
    await page.get_by_role("heading", name=case["case_no"]).wait_for()
