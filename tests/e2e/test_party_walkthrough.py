"""What a party meets on the phone (issue 18), walked in Chromium at 390 × 844: an expired
session keeps what was typed; binding forgives what can be forgiven and says what is wrong
before it costs a try; the 终本 objection page in plain Chinese, one objection per ruling;
404 pages, the favicon, a clean address bar, one amount format, the messages sent, 长辈模式."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.filings.models import Objection
from service.parties import sessions
from tests.e2e.person_support import bind, phone_as, shot
from tests.factories import mistyped
from tests.filings.helpers import make_case, post_events
from tests.filings.test_objections import COMPLETE, RULING
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def _expire_session(app: Starlette, context_cookies: list[dict[str, str]]) -> None:
    """The session ends server-side (as after its TTL); the browser still sends the cookie."""
    (token,) = [c["value"] for c in context_cookies if c["name"] == sessions.COOKIE]
    await sessions.end_session(app.state.redis, token)


async def test_an_expired_session_keeps_the_objection_that_was_typed(
    app: Starlette,
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    """Must show: the POST after expiry ends on a page that says what happened, with the
    typed text kept, and signing in again brings the form back filled in."""
    case = await make_case(client, court)
    gaps = [e for e in COMPLETE if e[0] != "termination_interview"]
    await post_events(client, court, case, [*gaps, RULING])
    async with phone_as(browser, wechat_sandbox.url) as context:
        page = await context.new_page()
        await bind(page, party_server, case)
        await page.goto(f"{party_server}/m/cases/{case['case_id']}/objection")
        await page.get_by_label("异议请求").fill("撤销终本裁定，恢复执行")
        await page.get_by_label("事实和理由").fill("终本前法院没有约谈我，也没有告知查控结果。")
        await page.get_by_label("送达地址").fill("宁波市海曙区某路1号")
        await page.get_by_label("联系电话").fill("13812345678")

        await _expire_session(app, await context.cookies())  # type: ignore[arg-type]
        await page.get_by_role("button", name="提交异议").click()
        await page.get_by_role("heading", name="登录已过期，内容尚未提交").wait_for()
        kept = await page.locator("dl.kept").inner_text()
        assert "终本前法院没有约谈我，也没有告知查控结果。" in kept
        assert "撤销终本裁定，恢复执行" in kept and "宁波市海曙区某路1号" in kept
        assert "终本前已约谈申请执行人" in kept  # the ticked ground, in words, not its code
        await shot(page, "i18-expired-session-objection")
        assert await Objection.filter(case_id=case["case_id"]).count() == 0

        await page.get_by_role("link", name="重新登录并继续填写").click()  # WeChat sign-in, back
        await page.get_by_text("已恢复您上次填写的内容").wait_for()
        assert await page.get_by_label("事实和理由").input_value() == (
            "终本前法院没有约谈我，也没有告知查控结果。"
        )
        assert await page.get_by_label("联系电话").input_value() == "13812345678"
        assert await page.locator("#g-interview_before_termination").is_checked()
        await shot(page, "i18-expired-session-restored")
        await page.get_by_role("button", name="提交异议").click()
        await page.get_by_text("异议已提交").wait_for()
        assert await Objection.filter(case_id=case["case_id"]).count() == 1


async def test_binding_forgives_typing_and_says_what_is_wrong_before_a_try(
    app: Starlette,
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await make_case(client, court)
    applicant = case["parties"][0]
    async with phone_as(browser, wechat_sandbox.url) as context:
        page = await context.new_page()
        await page.goto(f"{party_server}/m/bind")
        bare = case["case_no"].replace("（", "").replace("）", "").removesuffix("号")
        id_no = applicant["id_no"]
        wrong_check = mistyped(id_no)  # refused as 身份证 and as 统一社会信用代码
        await page.get_by_label("案号").fill(bare)
        await page.get_by_label("姓名或单位名称").fill(" ".join(applicant["name"]))  # 张 三
        await page.get_by_label("身份证号码或统一社会信用代码").fill(wrong_check)
        await page.get_by_label("查询码").fill(applicant["access_code"])
        await page.get_by_role("button", name="绑定", exact=True).click()
        # The page itself refuses the wrong check character: nothing was sent, no try used.
        alert = page.locator("#id_no_check")
        await alert.wait_for()
        assert "校验码" in await alert.inner_text()
        assert page.url.endswith("/m/bind")
        await shot(page, "i18-bind-check-character")

        # Without the page's check (JavaScript off), the server says the same and counts nothing.
        async with phone_as(browser, wechat_sandbox.url, java_script_enabled=False) as nojs:
            plain = await nojs.new_page()
            await plain.goto(f"{party_server}/m/bind")
            for _ in range(6):  # more than the five tries: none of them is counted
                await plain.get_by_label("案号").fill(bare)
                await plain.get_by_label("姓名或单位名称").fill(applicant["name"])
                await plain.get_by_label("身份证号码或统一社会信用代码").fill(wrong_check)
                await plain.get_by_role("button", name="绑定", exact=True).click()
                await plain.get_by_text("身份证号码有误").wait_for()
            # What was typed is kept, the identity number included.
            assert (
                await plain.get_by_label("身份证号码或统一社会信用代码").input_value()
                == wrong_check
            )
            await plain.get_by_label("身份证号码或统一社会信用代码").fill(id_no)
            await plain.get_by_label("查询码").fill(applicant["access_code"])
            await plain.get_by_role("button", name="绑定", exact=True).click()
            await plain.get_by_role("heading", name=case["case_no"]).wait_for()  # not locked out

        # Case number without brackets, a space in the name, the right number: bound.
        await page.get_by_label("身份证号码或统一社会信用代码").fill(id_no)
        await page.get_by_role("button", name="绑定", exact=True).click()
        await page.get_by_role("heading", name=case["case_no"]).wait_for()
        body = await page.locator("main").inner_text()
        assert "150,000.00 元" in body  # one amount format
        assert "#" not in page.url  # "#wechat_redirect" removed from the address bar
        await shot(page, "i18-bound-case-page")


async def test_the_lock_out_gives_the_courts_phone_and_another_way(
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await make_case(client, court)
    applicant = case["parties"][0]
    async with phone_as(browser, wechat_sandbox.url) as context:
        page = await context.new_page()
        await page.goto(f"{party_server}/m/bind")
        for attempt in range(6):
            await page.get_by_label("案号").fill(case["case_no"])
            await page.get_by_label("姓名或单位名称").fill("李四")  # not this party's name
            await page.get_by_label("身份证号码或统一社会信用代码").fill(applicant["id_no"])
            await page.get_by_label("查询码").fill("WRONG-CODE")
            await page.get_by_role("button", name="绑定", exact=True).click()
            await page.locator("p.error:not(#id_no_check)").wait_for()
            if attempt < 5:
                assert (
                    "未找到匹配的当事人"
                    in await page.locator("p.error:not(#id_no_check)").inner_text()
                )
        lockout = await page.locator("p.error:not(#id_no_check)").inner_text()
        assert "12368" in lockout and "诉讼服务中心" in lockout
        assert await page.get_by_label("案号").input_value() == case["case_no"]
        await shot(page, "i18-bind-lockout")


async def test_the_objection_page_in_plain_chinese_and_one_objection_per_ruling(
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await make_case(client, court)
    gaps = [e for e in COMPLETE if e[0] != "termination_interview"]
    await post_events(client, court, case, [*gaps, RULING])
    async with phone_as(browser, wechat_sandbox.url) as context:
        page = await context.new_page()
        await bind(page, party_server, case)
        await page.get_by_role("link", name="终本条件核对与终本异议").click()
        await page.get_by_role("heading", name="终本条件核对").wait_for()
        text = await page.locator("main").inner_text()
        assert not re.search(r"［[^］]*］", text), "no case-system event ids"
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "no ISO dates"
        assert "视为未进行" not in text and "约谈您（申请执行人）" in text
        assert "2024年3月1日" in text
        await shot(page, "i18-objection-check")
        form_action = await page.locator("form[enctype]").last.get_attribute("action")
        await page.get_by_label("异议请求").fill("撤销终本裁定")
        await page.get_by_label("事实和理由").fill("终本前未约谈申请执行人。")
        await page.get_by_label("送达地址").fill("宁波市海曙区某路1号")
        await page.get_by_label("联系电话").fill("13812345678")
        await page.get_by_role("button", name="提交异议").click()
        await page.get_by_text("异议已提交").wait_for()
        assert await page.get_by_label("异议请求").count() == 0, "the form is replaced by its state"
        state = await page.locator("#objection-state").inner_text()
        assert "已收到" in state and "不能重复" in state
        receipt = await page.locator("section.receipt").inner_text()
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 前", receipt)
        await shot(page, "i18-objection-filed")

        # A second objection sent anyway (an old tab, a double post) is refused in words.
        again = await page.request.post(
            f"{party_server}{form_action}",
            multipart={
                "grounds": "online_search_twice",
                "request": "再次异议",
                "facts": "同上",
                "contact_address": "宁波市海曙区某路1号",
                "phone": "13812345678",
            },
        )
        assert again.status == 409
        assert "不能重复提出" in await again.text()
        assert await Objection.filter(case_id=case["case_id"]).count() == 1


async def test_pages_a_person_meets_around_the_case(
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    """404 pages in Chinese, the favicon, the messages sent to the party, 长辈模式 kept."""
    case = await make_case(client, court)
    await post_events(
        client,
        court,
        case,
        [
            ("case_filed", "2024-03-01T09:00:00+08:00", {}),
            ("funds_received", "2024-04-02T10:15:00+08:00", {"amount": "114000.00"}),
        ],
    )
    openid = "o_i18_elder_" + case["case_no"][-6:-1]
    async with phone_as(browser, wechat_sandbox.url, openid) as context:
        page = await context.new_page()
        await bind(page, party_server, case)
        timeline = await page.locator("ol.timeline").inner_text()
        assert "114,000.00 元" in timeline
        messages = page.locator("li.message")
        assert await messages.count() >= 1
        first = await messages.first.inner_text()
        assert "执行款到账" in first and ("微信" in first or "短信" in first)

        await page.get_by_role("button", name="长辈模式（大字）").click()
        await page.get_by_role("button", name="标准字号").wait_for()
        size = await page.evaluate("getComputedStyle(document.documentElement).fontSize")
        assert size == "22px"
        await shot(page, "i18-case-elder-mode")
        # Kept for the user, not the browser: a new browser signed in as the same user has it.
    async with phone_as(browser, wechat_sandbox.url, openid) as other:
        again = await other.new_page()
        await again.goto(f"{party_server}/m/cases/{case['case_id']}")
        await again.get_by_role("button", name="标准字号").wait_for()
        await again.get_by_role("button", name="标准字号").click()
        await again.get_by_role("button", name="长辈模式（大字）").wait_for()

        missing = await again.goto(f"{party_server}/m/no-such-page")
        assert missing is not None and missing.status == 404
        assert "text/html" in (await missing.all_headers())["content-type"]
        await again.get_by_role("heading", name="页面不存在").wait_for()
        await shot(again, "i18-party-404")
        icon = await again.request.get(f"{party_server}/favicon.ico")
        assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")
