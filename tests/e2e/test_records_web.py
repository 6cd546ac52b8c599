"""The public 终本案件 and 限制消费 pages in a real browser at 390 px, served by two web processes
(contract §9.6): search, board, masking, noindex/no-store, and 410 on both processes from the
moment the court's withdrawal returns."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page

from tests.disclosure.test_records import (
    RESTRICTED,
    TERMINATED,
    create,
    masked,
    restriction_payload,
    terminated_payload,
)
from tests.e2e.conftest import ARTIFACTS
from tests.filings.helpers import court_call, make_case
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def _search(page: Page, base: str, slug: str, name: str) -> None:
    await page.goto(f"{base}/disclosures/{slug}")
    await page.get_by_label("被执行人姓名或名称").fill(name)
    await page.get_by_role("button", name="查询").click()
    await page.wait_for_load_state()


@pytest.mark.parametrize(
    ("slug", "make", "label"),
    [
        (TERMINATED, terminated_payload, "终本日期"),
        (RESTRICTED, restriction_payload, "限制消费令日期"),
    ],
)
async def test_list_pages_search_board_detail_and_withdrawal_on_two_processes(
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    slug: str,
    make: object,
    label: str,
) -> None:
    first, second = web_servers
    case = await make_case(client, court)
    payload = make(case)  # type: ignore[operator]
    public_id = await create(client, court, slug, payload)
    id_no = str(payload["id_no"])

    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    try:
        await _search(page, first, slug, str(payload["name"]))
        results = page.locator("#results li")
        assert await results.count() == 1
        assert await results.first.locator(".idno").inner_text() == masked(id_no)
        assert label in await results.first.inner_text()
        assert id_no not in await page.content()
        await page.screenshot(path=str(ARTIFACTS / f"{slug}-search.png"), full_page=True)

        await page.goto(f"{second}/disclosures/{slug}")
        assert str(payload["name"]) in await page.locator("#board").inner_text()
        await page.screenshot(path=str(ARTIFACTS / f"{slug}-board.png"))

        for base in web_servers:
            response = await page.goto(f"{base}/disclosures/{slug}/{public_id}")
            assert response is not None and response.status == 200
            assert response.headers["cache-control"] == "no-store"
            assert "noindex" in response.headers["x-robots-tag"]
        await page.screenshot(path=str(ARTIFACTS / f"{slug}-detail.png"), full_page=True)

        withdraw = f"/api/court/v1/{slug}/{payload['record_id']}/withdraw"
        done = await court_call(client, court, "POST", withdraw, {"reason": "wrongly_listed"})
        assert done.status_code == 200, done.text
        for base in web_servers:
            response = await page.goto(f"{base}/disclosures/{slug}/{public_id}")
            assert response is not None and response.status == 410
            assert response.headers["cache-control"] == "no-store"
            assert "noindex" in response.headers["x-robots-tag"]
            assert str(payload["name"]) not in await page.content()
        await page.screenshot(path=str(ARTIFACTS / f"{slug}-gone.png"))
        await _search(page, second, slug, str(payload["name"]))
        assert await page.locator("#no-results").count() == 1
    finally:
        await context.close()
