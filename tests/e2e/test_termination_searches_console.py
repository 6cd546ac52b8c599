"""The 终本 searches on the staff console in a real browser (contract §9.5, §9.7): the 今日
page counts the overdue six-monthly searches (终本规定 Art. 9) and links to their list."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from playwright.async_api import Browser

from service import clock
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_console import new_account, sign_in, staff_page
from tests.filings.helpers import make_case, post_events
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_the_dashboard_counts_overdue_searches_and_opens_their_list(
    browser: Browser, web_servers: list[str], client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """A 终本 ruling seven months old with no search reported is overdue (Art. 9 「每六个月」)."""
    case = await make_case(client, court)
    ruled = (clock.local_now() - timedelta(days=215)).isoformat(timespec="seconds")
    await post_events(
        client,
        court,
        case,
        [("terminated_current_procedure", ruled, {"ruling_no": "（2024）浙0203执恢终1号"})],
    )
    context, page = await staff_page(browser)
    try:
        await sign_in(page, web_servers[0], await new_account("viewer"))
        count = page.locator("#count-searches-overdue")
        assert int(await count.inner_text()) >= 1
        await page.screenshot(path=str(ARTIFACTS / "console-termination-dashboard.png"))
        await page.get_by_role("link", name="终本后定期查询已超期").click()
        await page.wait_for_load_state()
        assert page.url.endswith("/console/termination-searches")
        row = page.locator("tr", has_text=case["case_no"])
        assert await row.count() == 1
        assert "已超期" in await row.inner_text()
        await page.screenshot(
            path=str(ARTIFACTS / "console-termination-searches.png"), full_page=True
        )
    finally:
        await context.close()
