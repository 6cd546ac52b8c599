"""The staff console in a real browser at 1366×768 (contract §9.7, issue 17 "Must show").

Staff sign in with TOTP, see an undeliverable notice on the dashboard, mark it served; a party
files an objection and a clerk moves it to 已立案 in the console, and the objector's WeChat (the
sandbox) receives the message; a disclosure officer withdraws a listing (its public page answers
410 at once on both web processes and a pull screen's next feed lacks it), decides a deletion
review, registers a screen and imports a spreadsheet; the admin finds each of these actions in
the audit log under the staff member's name and manages accounts in the browser. A viewer sees
none of the actions and posting them is refused; six wrong passwords lock; an account disabled
in the browser has its open session refused at once. Every page is photographed into
test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx
import pyotp
import pytest
from playwright.async_api import Browser, BrowserContext, Page
from starlette.applications import Starlette

from notifiers.delivery import deliver_notification
from sandbox.server import SandboxServer
from service import clock
from service.console import accounts
from service.filings.models import Objection
from service.parties.models import Binding
from service.privacy import vault
from tests.console.support import PASSWORD, username
from tests.console.test_deletion_reviews import closed_with_a_period
from tests.console.test_pages import undeliverable_case
from tests.disclosure.helpers import listing_payload
from tests.disclosure.led_support import register
from tests.disclosure.test_import import _write_xlsx
from tests.e2e.conftest import ARTIFACTS
from tests.filings.helpers import make_case, notifications_for, party, party_pk, post_events
from tests.filings.test_objections import COMPLETE, OBJECTION, PDF, RULING
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


async def shot(page: Page, name: str) -> None:
    """A full-page screenshot, and no part of the page wider than the 1366 px window."""
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"console-{name}.png"), full_page=True)
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"], f"{name}: the page is {width} px wide"


async def objection_filed_by_a_party(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, sandbox: SandboxServer
) -> tuple[dict[str, object], str, str]:
    """A 终本 case whose applicant (signed in through the WeChat sandbox) filed an objection
    with a PDF: the case, the objection id and its receipt number."""
    case = await make_case(client, court)
    await post_events(client, court, case, [*COMPLETE, RULING])
    async with party(app, sandbox, case, 0) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/objections", json=OBJECTION
        )
        assert filed.status_code == 201, filed.text
        oid = str(filed.json()["objection_id"])
        uploaded = await applicant.post(
            f"/api/party/v1/objections/{oid}/attachments",
            files={"file": ("证据.pdf", PDF, "application/pdf")},
        )
        assert uploaded.status_code == 201, uploaded.text
    return case, oid, str(filed.json()["receipt_no"])


async def audited(page: Page, base: str, actor: str, actions: list[str]) -> None:
    """Each of ``actions`` is in the audit log page filtered by ``actor``."""
    for action in actions:
        await page.goto(f"{base}/console/audit?actor={actor}&action={action}")
        rows = page.locator("tbody tr")
        assert await rows.count() >= 1, (actor, action)
        assert actor in await rows.first.inner_text(), (actor, action)


async def test_clerk_and_disclosure_staff_do_their_days_work(
    app: Starlette,
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
    party_server: str,
    tmp_path: Path,
) -> None:
    base = web_servers[0]
    # The clerk works on the web process whose WeChat is the sandbox (its message templates
    # too), so the objector's message goes out as in production.
    desk = party_server
    case, respondent, _ = await undeliverable_case(client, court)
    objection_case, oid, receipt_no = await objection_filed_by_a_party(
        app, client, court, wechat_sandbox
    )
    listing = listing_payload()
    created = await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    public_id = created.json()["public_id"]
    reviewed = await closed_with_a_period(client, court)
    screen, screen_token = await register(client, court, rows=8, cols=24)
    feed = f"/api/led/v1/screens/{screen}/feed"
    auth = {"Authorization": f"Bearer {screen_token}"}
    before = await client.get(feed, headers=auth)
    assert before.status_code == 200 and str(listing["name"]) in before.text

    clerk = await new_account("clerk", with_totp=True)
    context, page = await staff_page(browser)
    try:
        await page.goto(f"{desk}/console/login")
        await shot(page, "login")
        await sign_in(page, desk, clerk)
        assert page.url == f"{desk}/console/"
        count = int(await page.locator("#count-undeliverable").inner_text())
        assert count >= 1
        assert int(await page.locator("#count-deletions").inner_text()) >= 1
        assert await page.locator("svg.chart rect").count() >= 1
        await shot(page, "dashboard")

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
        await shot(page, "undeliverable")
        await row.get_by_label("送达方式").select_option(label="邮寄送达")
        await row.get_by_label("备注").fill("EMS 1180000000")
        await row.get_by_role("button", name="登记已送达").click()
        await page.wait_for_load_state()
        assert "已登记送达" in await page.content()
        assert str(case["case_no"]) not in await page.content()

        await page.goto(f"{desk}/console/cases?q={respondent}")
        await shot(page, "cases")
        await page.get_by_role("link", name=str(case["case_no"])).click()
        await page.wait_for_load_state()
        assert "已以其他方式送达" in await page.content()
        await shot(page, "case")
        await page.goto(f"{desk}/console/acknowledgements?case_no={case['case_no']}")
        await shot(page, "acknowledgements")

        await page.get_by_role("link", name="异议").first.click()
        await page.wait_for_load_state()
        await shot(page, "objections")
        await page.get_by_role("link", name=receipt_no).click()
        await page.wait_for_load_state()
        assert "证据.pdf" in await page.content()
        await page.get_by_label("新状态").select_option(label="已立案")
        await page.get_by_label("说明").fill("材料齐备，予以立案审查")
        await shot(page, "objection")
        await page.get_by_role("button", name="确认变更").click()
        await page.wait_for_load_state()
        assert "材料齐备，予以立案审查" in await page.locator("ol.history").inner_text()
        await shot(page, "objection-filed")
        await page.goto(f"{desk}/console/screens")
        await shot(page, "screens")
    finally:
        await context.close()
    assert (await Objection.get(id=oid)).status == "filed"
    (message,) = await notifications_for(objection_case, 0, "objection_status_changed")
    await deliver_notification(str(message.id), app.state.delivery_deps)
    binding = await Binding.get(party_id=await party_pk(objection_case, 0))
    async with httpx.AsyncClient() as sandbox:
        inbox = await sandbox.get(
            f"{wechat_sandbox.url}/_sandbox/messages", params={"touser": binding.oa_openid}
        )
    received = [m for m in inbox.json() if (m.get("url") or "").endswith("/objection")]
    assert len(received) == 1 and "已立案" in str(received[0]), inbox.text

    officer = await new_account("disclosure")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, officer)
        await page.get_by_role("link", name="失信公布").click()
        await page.get_by_label("姓名、案号或名单编号").fill(str(listing["name"]))
        await page.get_by_role("button", name="查询").click()
        await page.wait_for_load_state()
        await shot(page, "listings")
        await page.get_by_role("link", name="撤销…").click()
        await page.wait_for_load_state()
        await page.get_by_label("撤销理由").select_option("performed")
        await page.get_by_label("说明").fill("已全部履行")
        await page.get_by_label("我已核对").check()
        await shot(page, "withdraw")
        await page.get_by_role("button", name="确认撤销").click()
        await page.wait_for_load_state()
        assert "已撤销" in await page.content()
        for server in web_servers:
            gone = await page.request.get(f"{server}/disclosures/{public_id}")
            assert gone.status == 410
        after = await client.get(feed, headers={**auth, "If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and str(listing["name"]) not in after.text

        await page.goto(f"{base}/console/listings")
        await page.get_by_role("link", name="删除审查").click()
        await page.wait_for_load_state()
        await shot(page, "deletion-reviews")
        await page.get_by_role("link", name=str(reviewed["listing_id"])).click()
        await page.wait_for_load_state()
        await page.get_by_label("保留理由").fill("申请执行人不同意提前删除，且未见积极履行")
        await shot(page, "deletion-review")
        await page.get_by_role("button", name="保留名单，结束审查").click()
        await page.wait_for_load_state()
        assert "审查已结束" in await page.content()
        await shot(page, "deletion-review-kept")

        await page.goto(f"{base}/console/screens")
        await page.get_by_role("link", name="登记屏幕…").click()
        await page.wait_for_load_state()
        new_screen = f"e2e-{username('s')}"
        await page.get_by_label("屏幕编号").fill(new_screen)
        await page.get_by_label("名称").fill("诉讼服务中心大屏")
        await page.get_by_label("位置").fill("一楼大厅")
        await shot(page, "screen-new")
        await page.get_by_role("button", name="登记").click()
        await page.wait_for_load_state()
        assert new_screen in await page.content()
        await shot(page, "screen-token")

        sheet = tmp_path / "名单.xlsx"
        _write_xlsx(sheet, [listing_payload(), listing_payload(name=None)])
        await page.goto(f"{base}/console/listings")
        await page.get_by_role("link", name="批量导入…").click()
        await shot(page, "import")
        await page.get_by_label("文件").set_input_files(str(sheet))
        await page.get_by_role("button", name="开始导入").click()
        await page.wait_for_selector("#import-summary")  # the page refreshes itself until done
        assert "拒绝 1" in await page.locator("#import-summary").inner_text()
        await shot(page, "import-report")
    finally:
        await context.close()

    admin = await new_account("admin")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, admin)
        clerk_actions = ["staff.signed_in", "notification.served_manually"]
        await audited(page, base, f"staff:{clerk}", [*clerk_actions, "objection.status_changed"])
        officer_actions = [
            "staff.signed_in",
            "disclosure.withdrawn",
            "disclosure.deletion_review_kept",
        ]
        await audited(
            page,
            base,
            f"staff:{officer}",
            [*officer_actions, "screen.registered", "disclosure.import_started"],
        )
        await page.goto(f"{base}/console/audit?actor=staff:{officer}")
        assert "撤销（删除）失信名单" in await page.content()
        await shot(page, "audit")

        await page.get_by_role("link", name="账户").click()
        await page.wait_for_load_state()
        await shot(page, "accounts")
        newcomer = username("viewer")
        await page.locator("input[name=username]").fill(newcomer)
        await page.locator("select[name=role]").select_option("viewer")
        await page.get_by_role("button", name="创建账户").click()
        await page.wait_for_load_state()
        password = await page.locator("#new-password").inner_text()
        await shot(page, "account-created")
        await audited(page, base, f"staff:{admin}", ["staff.created"])

        await page.get_by_role("link", name="权利清单").click()
        await page.wait_for_load_state()
        await shot(page, "rights")
        await page.get_by_label("版本号").fill("e2e-draft")
        await page.get_by_label("标题").fill("申请执行人权利清单（本院审定稿）")
        await page.get_by_role("button", name="保存草稿并预览").click()
        await page.wait_for_load_state()
        frame = page.frame_locator("iframe.preview")
        assert await frame.locator("h1").inner_text() == "申请执行人权利清单（本院审定稿）"
        await shot(page, "rights-preview")
    finally:
        await context.close()
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, newcomer, password)  # the password shown once works
        assert page.url == f"{base}/console/"
    finally:
        await context.close()


async def test_a_viewer_sees_no_actions_and_cannot_post_them(
    app: Starlette,
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    base = web_servers[1]
    case, _, nid = await undeliverable_case(client, court)
    _, oid, receipt_no = await objection_filed_by_a_party(app, client, court, wechat_sandbox)
    listing = listing_payload()
    await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    reviewed = await closed_with_a_period(client, court)
    screen, _ = await register(client, court)
    viewer = await new_account("viewer")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, base, viewer)
        for link in ("账户", "审计日志", "权利清单"):
            assert await page.get_by_role("link", name=link, exact=True).count() == 0, link
        await page.goto(f"{base}/console/undeliverable?case_no={quote(str(case['case_no']))}")
        assert str(case["case_no"]) in await page.content()
        assert await page.get_by_role("button", name="登记已送达").count() == 0
        await shot(page, "viewer")
        await page.goto(f"{base}/console/objections/{oid}")
        assert receipt_no in await page.content()
        assert await page.get_by_role("button", name="确认变更").count() == 0
        await page.goto(f"{base}/console/listings?q={listing['listing_id']}")
        assert await page.get_by_role("link", name="撤销…").count() == 0
        assert await page.get_by_role("link", name="批量导入…").count() == 0
        await page.goto(f"{base}/console/deletion-reviews/{reviewed['listing_id']}")
        assert await page.get_by_role("button", name="保留名单，结束审查").count() == 0
        await page.goto(f"{base}/console/screens")
        assert await page.get_by_role("button", name="更换令牌").count() == 0
        assert await page.get_by_role("link", name="登记屏幕…").count() == 0
        token = await page.locator("input[name=csrf]").first.get_attribute("value") or ""
        posts = {
            f"/console/undeliverable/{nid}/served": {"method": "post", "served_on": "2024-03-05"},
            f"/console/objections/{oid}/status": {"status": "filed", "note": "x"},
            f"/console/listings/{listing['listing_id']}/withdraw": {
                "reason": "performed",
                "confirm": "yes",
            },
            f"/console/deletion-reviews/{reviewed['listing_id']}/keep": {"note": "x"},
            f"/console/screens/{screen}/token": {},
            "/console/screens/register": {"screen_id": "x", "rows": "4", "cols": "8"},
            "/console/rights/draft": {"version": "v", "title": "t", "items": "x"},
            "/console/accounts/new": {"username": username("admin"), "role": "admin"},
            f"/console/accounts/{viewer}/reset-password": {},
        }
        for url, form in posts.items():
            answer = await page.request.post(f"{base}{url}", form={"csrf": token, **form})
            assert answer.status == 403, url
        for url in ("/console/audit", "/console/accounts", "/console/rights"):
            assert (await page.request.get(f"{base}{url}")).status == 403, url
        await page.goto(f"{base}/console/accounts")
        assert "无权" in await page.content()
        await shot(page, "refused")
    finally:
        await context.close()
    assert (await Objection.get(id=oid)).status == "received"


async def test_six_wrong_passwords_lock_and_disabling_ends_an_open_session(
    app: Starlette, browser: Browser, web_servers: list[str]
) -> None:
    base = web_servers[0]
    target = await new_account("clerk")
    clerk = await new_account("clerk")
    admin = await new_account("admin")
    context, page = await staff_page(browser)
    admin_context, admin_page = await staff_page(browser)
    try:
        for attempt in range(6):
            await sign_in(page, base, target, "wrong password")
            assert "/console/login" in page.url, attempt
        assert "已锁定" in await page.content()
        await sign_in(page, base, target)  # the right password, too late
        assert "已锁定" in await page.content()
        await shot(page, "locked")

        await sign_in(admin_page, base, admin)
        await admin_page.goto(f"{base}/console/accounts")
        row = admin_page.locator(f"#account-{target}")
        assert "已锁定" in await row.inner_text()
        await row.get_by_role("button", name="解除锁定").click()
        await admin_page.wait_for_load_state()
        await sign_in(page, base, target)
        assert page.url == f"{base}/console/"
        await page.context.clear_cookies()

        await sign_in(page, base, clerk)
        assert page.url == f"{base}/console/"
        await admin_page.goto(f"{base}/console/accounts")
        row = admin_page.locator(f"#account-{clerk}")
        await row.get_by_label("确认").check()
        await row.get_by_role("button", name="停用").click()
        await admin_page.wait_for_load_state()
        assert "已停用" in await admin_page.locator(f"#account-{clerk}").inner_text()
        await shot(admin_page, "account-disabled")
        await page.goto(f"{base}/console/undeliverable")  # its open session, refused at once
        assert "/console/login" in page.url
        await audited(admin_page, base, f"staff:{admin}", ["staff.unlocked", "staff.disabled"])
    finally:
        await context.close()
        await admin_context.close()
