"""A party on the phone, in a real browser: WeChat sign-in through the sandbox's OAuth,
binding a case with a code texted to the phone the court recorded (contract §9.1), reading its
timeline, and seeing a new court event after a reload."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser

from sandbox.server import SandboxServer
from tests.e2e.conftest import ARTIFACTS
from tests.factories import case_payload
from tests.service.party_support import texted_code
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_sign_in_bind_and_follow_the_timeline(
    browser: Browser,
    party_server: str,
    wechat_sandbox: SandboxServer,
    client: httpx.AsyncClient,
    court: CourtSigner,
) -> None:
    case = case_payload()
    assert (await court.request(client, "POST", "/api/court/v1/cases", case)).status_code == 201
    applicant = case["parties"][0]
    first = {
        "event_id": f"b-{case['case_no']}-1",
        "case_no": case["case_no"],
        "node": "case_filed",
        "occurred_at": "2024-03-01T09:00:00+08:00",
    }
    posted = await court.request(client, "POST", "/api/court/v1/events", {"events": [first]})
    assert posted.json()["results"][0]["status"] == "accepted"

    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    await page.goto(f"{party_server}/m/")  # → sandbox OAuth → callback → back here, signed in
    # (browsers carry WeChat's "#wechat_redirect" fragment through the redirects, as in WeChat)
    assert page.url.split("#")[0] == f"{party_server}/m/"
    await page.get_by_role("heading", name="我的案件").wait_for()
    await page.get_by_role("link", name="绑定案件").click()
    await page.get_by_label("案号").fill(case["case_no"].replace("（", "(").replace("）", ")"))
    await page.get_by_label("姓名或单位名称").fill(applicant["name"])
    await page.get_by_label("身份证号码或统一社会信用代码").fill(applicant["id_no"])
    await page.get_by_role("button", name="发送验证码").click()
    await page.get_by_role("status").wait_for()  # "验证码已发送…": the same for any input
    code = await texted_code(wechat_sandbox, applicant["phone"])
    await page.get_by_label("短信验证码").fill(code)
    await page.get_by_role("button", name="绑定", exact=True).click()
    await page.get_by_role("heading", name=case["case_no"]).wait_for()
    assert "立案受理" in await page.content()
    assert "案件状态" in await page.content()

    second = {
        "event_id": f"b-{case['case_no']}-2",
        "case_no": case["case_no"],
        "node": "property_frozen",
        "occurred_at": "2024-04-02T10:15:00+08:00",
        "data": {"property": "银行存款"},
    }
    assert (
        await court.request(client, "POST", "/api/court/v1/events", {"events": [second]})
    ).status_code == 200
    await page.reload()
    timeline = page.locator("ol.timeline li")
    assert await timeline.count() == 2
    assert "冻结" in await timeline.first.inner_text()
    assert "2024年4月2日 10:15" in await timeline.first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "party-timeline.png"), full_page=True)

    await page.goto(f"{party_server}/m/")
    assert case["case_no"] in await page.content()
    await context.close()
