"""The staff console in a real browser at 1366×768 (contract §9.7, issue 17 "Must show").

Staff sign in with TOTP, see an undeliverable notice on the dashboard, mark it served, and
withdraw a listing (its public page answers 410 at once); a viewer sees no action and posting
one is refused; six wrong passwords lock; a disabled account's open session is refused at once.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx
import pyotp
import pytest
from playwright.async_api import Browser, BrowserContext, Page
from starlette.applications import Starlette

from service import clock
from service.console import accounts, sessions
from service.privacy import vault
from tests.console.support import PASSWORD, username
from tests.console.test_pages import undeliverable_case
from tests.disclosure.helpers import listing_payload
from tests.disclosure.led_support import register
from tests.disclosure.test_import import _write_xlsx
from tests.e2e.conftest import ARTIFACTS
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]
VIEWPORT = {"width": 1366, "height": 768}


async def new_account(role: str, *, with_totp: bool = False) -> str:
    name = username(role)
    await accounts.create(name, role, PASSWORD, with_totp=with_totp)
    return name


async def current_code(name: str) -> str:
    account = await accounts.require(name)
    assert account.totp_secret_enc is not None
    return pyotp.TOTP(vault().decrypt(account.totp_secret_enc)).at(clock.now())


async def sign_in(page: Page, base: str, name: str, password: str = PASSWORD) -> None:
    await page.goto(f"{base}/console/")  # redirected to the sign-in form
    assert "/console/login" in page.url
    await page.get_by_label("用户名").fill(name)
    await page.get_by_label("密码").fill(password)
    account = await accounts.require(name)
    if accounts.needs_totp(account):
        await page.get_by_label("动态口令").fill(await current_code(name))
    await page.get_by_role("button", name="登录").click()
    await page.wait_for_load_state()


async def staff_page(browser: Browser) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    return context, await context.new_page()


async def test_clerk_and_disclosure_staff_do_their_days_work(
    app: Starlette,
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    tmp_path: Path,
) -> None:
    base = web_servers[0]
    case, respondent, _ = await undeliverable_case(client, court)
    listing = listing_payload()
    created = await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    public_id = created.json()["public_id"]
    screen, screen_token = await register(client, court, rows=8, cols=24)
    feed = f"/api/led/v1/screens/{screen}/feed"
    auth = {"Authorization": f"Bearer {screen_token}"}
    before = await client.get(feed, headers=auth)
    assert before.status_code == 200 and str(listing["name"]) in before.text

    clerk = await new_account("clerk", with_totp=True)
    context, page = await staff_page(browser)
    try:
        await page.goto(f"{base}/console/login")
        await page.screenshot(path=str(ARTIFACTS / "console-login.png"))
        await sign_in(page, base, clerk)
        assert page.url == f"{base}/console/"
        count = int(await page.locator("#count-undeliverable").inner_text())
        assert count >= 1
        assert await page.locator("svg.chart rect").count() >= 1
        await page.screenshot(path=str(ARTIFACTS / "console-dashboard.png"), full_page=True)

        await page.get_by_role("link", name="待人工送达").first.click()
        await page.wait_for_load_state()
        # Earlier tests leave notices of their own: the clerk finds this case's by its number.
        await page.get_by_label("案号").fill(
            str(case["case_no"]).replace("（", "(").replace("）", ")")
        )
        await page.get_by_role("button", name="筛选").click()
        await page.wait_for_load_state()
        row = page.locator("tr", has_text=str(case["case_no"]))
        assert respondent in await row.inner_text()
        assert "无可用送达渠道" in await row.inner_text()
        await page.screenshot(path=str(ARTIFACTS / "console-undeliverable.png"), full_page=True)
        await row.get_by_label("送达方式").select_option(label="邮寄送达")
        await row.get_by_label("备注").fill("EMS 1180000000")
        await row.get_by_role("button", name="登记已送达").click()
        await page.wait_for_load_state()
        assert "已登记送达" in await page.content()
        assert str(case["case_no"]) not in await page.content()

        await page.goto(f"{base}/console/cases?q={respondent}")
        await page.get_by_role("link", name=str(case["case_no"])).click()
        await page.wait_for_load_state()
        assert "已以其他方式送达" in await page.content()
        await page.screenshot(path=str(ARTIFACTS / "console-case.png"), full_page=True)
        await page.goto(f"{base}/console/acknowledgements?case_no={case['case_no']}")
        await page.screenshot(path=str(ARTIFACTS / "console-acknowledgements.png"), full_page=True)
        await page.goto(f"{base}/console/objections")
        await page.screenshot(path=str(ARTIFACTS / "console-objections.png"), full_page=True)
        await page.goto(f"{base}/console/screens")
        await page.screenshot(path=str(ARTIFACTS / "console-screens.png"), full_page=True)
    finally:
        await context.close()

    officer = await new_account("disclosure")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, officer)
        await page.get_by_role("link", name="失信公布").click()
        await page.get_by_label("姓名、案号或名单编号").fill(str(listing["name"]))
        await page.get_by_role("button", name="查询").click()
        await page.wait_for_load_state()
        await page.screenshot(path=str(ARTIFACTS / "console-listings.png"), full_page=True)
        await page.get_by_role("link", name="撤销…").click()
        await page.wait_for_load_state()
        await page.get_by_label("撤销理由").select_option("performed")
        await page.get_by_label("说明").fill("已全部履行")
        await page.get_by_label("我已核对").check()
        await page.screenshot(path=str(ARTIFACTS / "console-withdraw.png"), full_page=True)
        await page.get_by_role("button", name="确认撤销").click()
        await page.wait_for_load_state()
        assert "已撤销" in await page.content()
        for server in web_servers:
            gone = await page.request.get(f"{server}/disclosures/{public_id}")
            assert gone.status == 410
        after = await client.get(feed, headers={**auth, "If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and str(listing["name"]) not in after.text

        sheet = tmp_path / "名单.xlsx"
        _write_xlsx(sheet, [listing_payload(), listing_payload(name=None)])
        await page.goto(f"{base}/console/listings")
        await page.get_by_role("link", name="批量导入…").click()
        await page.get_by_label("文件").set_input_files(str(sheet))
        await page.get_by_role("button", name="开始导入").click()
        await page.wait_for_selector("#import-summary")  # the page refreshes itself until done
        assert "拒绝 1" in await page.locator("#import-summary").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "console-import.png"), full_page=True)
    finally:
        await context.close()

    admin = await new_account("admin")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, admin)
        await page.goto(f"{base}/console/audit?actor=staff:{officer}")
        text = await page.content()
        assert "disclosure.withdrawn" in text and "staff.signed_in" in text
        await page.screenshot(path=str(ARTIFACTS / "console-audit.png"), full_page=True)
        await page.get_by_role("link", name="权利清单").click()
        await page.get_by_label("版本号").fill("e2e-draft")
        await page.get_by_label("标题").fill("申请执行人权利清单（本院审定稿）")
        await page.get_by_role("button", name="保存草稿并预览").click()
        await page.wait_for_load_state()
        frame = page.frame_locator("iframe.preview")
        assert await frame.locator("h1").inner_text() == "申请执行人权利清单（本院审定稿）"
        await page.screenshot(path=str(ARTIFACTS / "console-rights-preview.png"), full_page=True)
    finally:
        await context.close()


async def test_a_viewer_sees_no_actions_and_cannot_post_them(
    browser: Browser, web_servers: list[str], client: httpx.AsyncClient, court: CourtSigner
) -> None:
    base = web_servers[1]
    case, _, nid = await undeliverable_case(client, court)
    listing = listing_payload()
    await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    viewer = await new_account("viewer")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, viewer)
        await page.goto(f"{base}/console/undeliverable?case_no={quote(str(case['case_no']))}")
        assert str(case["case_no"]) in await page.content()
        assert await page.get_by_role("button", name="登记已送达").count() == 0
        await page.screenshot(path=str(ARTIFACTS / "console-viewer.png"), full_page=True)
        await page.goto(f"{base}/console/listings?q={listing['listing_id']}")
        assert await page.get_by_role("link", name="撤销…").count() == 0
        assert await page.get_by_role("link", name="审计日志").count() == 0
        token = await page.locator("input[name=csrf]").first.get_attribute("value")
        served = await page.request.post(
            f"{base}/console/undeliverable/{nid}/served",
            form={"csrf": token or "", "method": "post", "served_on": "2024-03-05"},
        )
        assert served.status == 403
        withdrawn = await page.request.post(
            f"{base}/console/listings/{listing['listing_id']}/withdraw",
            form={"csrf": token or "", "reason": "performed", "confirm": "yes"},
        )
        assert withdrawn.status == 403
    finally:
        await context.close()


async def test_six_wrong_passwords_lock_and_disabling_ends_an_open_session(
    app: Starlette, browser: Browser, web_servers: list[str]
) -> None:
    base = web_servers[0]
    target = await new_account("clerk")
    context, page = await staff_page(browser)
    try:
        for attempt in range(6):
            await sign_in(page, base, target, "wrong password")
            assert "/console/login" in page.url, attempt
        assert "已锁定" in await page.content()
        await sign_in(page, base, target)  # the right password, too late
        assert "已锁定" in await page.content()
        await page.screenshot(path=str(ARTIFACTS / "console-locked.png"))
    finally:
        await context.close()

    clerk = await new_account("clerk")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, clerk)
        assert page.url == f"{base}/console/"
        account = await accounts.disable(clerk)  # what `microcourt staff disable` does
        await sessions.end_all(app.state.redis, account.id)
        await page.goto(f"{base}/console/undeliverable")
        assert "/console/login" in page.url
    finally:
        await context.close()
