"""The public 失信 pages in a real browser, served by two web processes (contract §1.6, §2).

A withdrawal made through the court API must be visible on the very next request on every
web process: the detail page answers 410 and the search finds nothing.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page

from disclosure import service
from disclosure.schemas import ListingIn
from tests.disclosure.helpers import listing_payload
from tests.e2e.conftest import ARTIFACTS
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def _search(page: Page, base: str, name: str, id_no: str = "") -> None:
    """By name: the GET form (a linkable URL); with a number: the POST form behind sign-in."""
    await page.goto(f"{base}/disclosures")
    if id_no:
        await page.locator("details.id-search summary").click()
        await page.locator("#id_name").fill(name)
        await page.locator("#id_no").fill(id_no)
        await page.get_by_role("button", name="按证件号码查询").click()
    else:
        await page.locator("#name").fill(name)
        await page.get_by_role("button", name="按姓名查询").click()
    await page.wait_for_load_state()


async def test_search_board_and_withdrawal_across_two_web_processes(
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
) -> None:
    first, second = web_servers
    # Enough listings for a second board page, then the one this test follows (newest).
    await service.upsert_batch(
        [ListingIn.model_validate(listing_payload()) for _ in range(21)], "test"
    )
    payload = listing_payload()
    created = await court.request(client, "POST", "/api/court/v1/disclosures", payload)
    assert created.status_code == 201, created.text
    public_id = created.json()["public_id"]
    id_no = str(payload["id_no"])
    masked = id_no[:10] + "****" + id_no[14:]

    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    try:
        # by name + full identity number only when signed in with WeChat (§9.2): refused here
        await _search(page, first, str(payload["name"]), id_no)
        assert "请先登录" in await page.locator("h1").inner_text()
        assert masked not in await page.content()
        # search by name: found, number masked, never in full
        await _search(page, first, str(payload["name"]))
        results = page.locator("#results li")
        assert await results.count() == 1
        assert await results.first.locator(".idno").inner_text() == masked
        assert id_no not in await page.content()
        await page.screenshot(path=str(ARTIFACTS / "disclosure-search.png"))

        # the board: newest first, 20 a page, a second page
        await page.goto(f"{first}/disclosures")
        board = page.locator("#board li")
        assert await board.count() == 20
        assert str(payload["name"]) in await board.first.inner_text()
        await page.screenshot(path=str(ARTIFACTS / "disclosure-board.png"))
        await page.get_by_role("link", name="下一页").click()
        await page.wait_for_load_state()
        assert page.url.endswith("/disclosures?page=2")
        assert await page.locator("#board li").count() >= 1

        # the detail page on both processes
        for base in web_servers:
            response = await page.goto(f"{base}/disclosures/{public_id}")
            assert response is not None
            assert response.status == 200
            assert response.headers["cache-control"] == "no-store"
            assert "noindex" in response.headers["x-robots-tag"]
            assert masked in await page.locator(".idno").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "disclosure-detail.png"), full_page=True)

        withdrawn = await court.request(
            client,
            "POST",
            f"/api/court/v1/disclosures/{payload['listing_id']}/withdraw",
            {"reason": "performed"},
        )
        assert withdrawn.status_code == 200

        # the very next request, on each process: 410, and the search is empty
        for base in web_servers:
            response = await page.goto(f"{base}/disclosures/{public_id}")
            assert response is not None
            assert response.status == 410
            assert "信息已撤下" in await page.locator("h1").inner_text()
            await _search(page, base, str(payload["name"]))
            assert await page.locator("#results li").count() == 0
            assert await page.locator("#no-results").count() == 1
            async with httpx.AsyncClient(base_url=base) as http:
                api = await http.get("/api/public/v1/disclosures", params={"name": payload["name"]})
            assert api.json()["items"] == []
        await page.screenshot(path=str(ARTIFACTS / "disclosure-after-withdrawal.png"))
        async with httpx.AsyncClient(base_url=second) as http:
            gone = await http.get(f"/disclosures/{public_id}")
        assert gone.status_code == 410
        assert gone.headers["x-robots-tag"].startswith("noindex")
    finally:
        await context.close()
