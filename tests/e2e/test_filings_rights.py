"""An applicant reads and acknowledges the rights list in a real browser (contract §4.4)."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser

from service.filings.models import RightsList
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.filings_support import bind_in_browser
from tests.filings.helpers import court_call, file_case, publish_rights_list
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_acknowledge_print_receipt_repeat_and_stale_version(
    browser: Browser, party_server: str, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    await publish_rights_list(client, court)
    case = await file_case(client, court)
    applicant: dict[str, Any] = case["parties"][0]
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    await bind_in_browser(page, party_server, case)
    await page.get_by_role("link", name="申请执行人权利清单（阅读并确认）").click()
    served = await page.request.get(
        f"{party_server}/api/party/v1/cases/{case['case_id']}/rights-list"
    )
    listed = await served.json()
    assert await page.locator("ol.rights li").count() == len(listed["items"])
    await page.get_by_role("button", name="我已阅读并确认").click()

    await page.get_by_role("heading", name="申请执行人权利清单确认回执").wait_for()
    receipt_text = await page.locator("article.receipt").inner_text()
    assert listed["version"] in receipt_text
    assert listed["content_sha256"] in receipt_text
    assert applicant["name"] in receipt_text
    await page.emulate_media(media="print")
    assert not await page.locator("header.site").is_visible()  # print CSS hides the chrome
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "filings-rights-receipt.png"), full_page=True)
    await page.emulate_media(media="screen")
    receipt_no = receipt_text.split("回执编号", 1)[1].split()[0]

    ack_url = f"{party_server}/api/party/v1/cases/{case['case_id']}/rights-list/acknowledgement"
    body = {"version": listed["version"], "content_sha256": listed["content_sha256"]}
    again = await page.request.post(ack_url, data=body)
    assert again.status == 200
    assert (await again.json())["receipt_no"] == receipt_no
    await page.goto(f"{party_server}/m/cases/{case['case_id']}/rights")
    assert receipt_no in await page.content()  # the page now shows the receipt, not the button

    version = "e" + secrets.token_hex(4)
    published = await court_call(
        client,
        court,
        "PUT",
        f"/api/court/v1/rights-lists/{version}",
        {"title": "申请执行人权利清单（2025版）", "items": [{"no": 1, "text": "新的权利"}]},
    )
    assert published.status_code == 201
    newer = await file_case(client, court, parties=case["parties"])  # same person, new case
    await bind_in_browser(page, party_server, newer)
    await page.goto(f"{party_server}/m/cases/{newer['case_id']}/rights")
    assert version in await page.content()
    # the old page's form: acknowledging the old version is refused
    await page.locator("input[name=version]").evaluate("(e, v) => e.value = v", listed["version"])
    await page.locator("input[name=content_sha256]").evaluate(
        "(e, v) => e.value = v", listed["content_sha256"]
    )
    await page.get_by_role("button", name="我已阅读并确认").click()
    await page.get_by_text("权利清单已更新").wait_for()
    stale_url = f"{party_server}/api/party/v1/cases/{newer['case_id']}/rights-list/acknowledgement"
    stale = await page.request.post(stale_url, data=body)
    assert stale.status == 409
    assert (await stale.json())["code"] == "rights_list_changed"
    await page.screenshot(path=str(ARTIFACTS / "filings-rights-changed.png"), full_page=True)
    assert await RightsList.exists(version=version)
    await context.close()
