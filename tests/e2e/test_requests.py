"""Requests of listed persons and applicants end to end (contract §9.4), in a 390 px browser:
a listed respondent asks for early deletion with a PDF; the court grants it; on two web
processes the listing's page answers 410, search is empty and a pull screen's next feed lacks
it; the respondent's WeChat receives both messages. A refusal carries the 复议 route. An
applicant files a lead and a resumption request; the court marks both; ``resumed`` closes it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page
from starlette.applications import Starlette

from disclosure.models import Listing
from notifiers.delivery import deliver_notification
from sandbox.server import SandboxServer
from service.parties.models import Binding
from service.requests.models import ListingRequest, PropertyLead, ResumptionRequest
from tests.disclosure.led_support import PullScreen, register, shows
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.filings_support import bind_in_browser
from tests.e2e.test_console import new_account, sign_in, staff_page
from tests.filings.helpers import (
    court_call,
    make_case,
    notifications_for,
    party,
    party_pk,
    post_events,
)
from tests.filings.test_objections import RULING
from tests.requests.helpers import APPLICANT, PDF, RESPONDENT, listed_case
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def _inbox(
    app: Starlette, sandbox: SandboxServer, case: dict[str, Any], index: int
) -> list[dict[str, Any]]:
    """Deliver the party's request messages and read what their WeChat received."""
    node = "listing_request_status_changed" if index == RESPONDENT else "request_status_changed"
    for n in await notifications_for(case, index, node):
        await deliver_notification(str(n.id), app.state.delivery_deps)
    binding = await Binding.get(party_id=await party_pk(case, index))
    async with httpx.AsyncClient() as admin:
        inbox = await admin.get(
            f"{sandbox.url}/_sandbox/messages", params={"touser": binding.oa_openid}
        )
    page = f"/m/cases/{case['case_id']}/requests"  # the browser's WeChat user is shared
    return [m for m in inbox.json() if (m.get("url") or "").endswith(page)]


async def _open_requests(page: Page, link: str) -> None:
    await page.get_by_role("link", name=link).click()
    await page.get_by_role("heading", name="申请与线索").wait_for()


async def test_art12_early_deletion_granted_is_gone_from_pages_search_and_screens(
    app: Starlette,
    browser: Browser,
    party_server: str,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    """失信规定 Art. 2 para 2 and Art. 12 (15-day review, correction on a sound request)."""
    case, listing = await listed_case(client, court)
    name = listing["name"]
    sid, token = await register(client, court, cols=32)
    screens = [
        PullScreen(sid, token, httpx.AsyncClient(base_url=base, timeout=10)) for base in web_servers
    ]
    await screens[0].poll_once()
    assert shows(screens[0].pages, name)

    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    try:
        await bind_in_browser(page, party_server, case, RESPONDENT)
        await _open_requests(page, "失信信息纠正与信用修复申请（含办理进度）")
        await page.get_by_label("提前删除失信信息申请（信用修复）").check()
        await page.get_by_label("申请理由").fill("判决确定的款项已于上周全部履行，申请提前删除。")
        await page.locator("#listing-files").set_input_files(
            files=[{"name": "履行凭证.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        await page.screenshot(path=str(ARTIFACTS / "requests-listing-form.png"), full_page=True)
        await page.get_by_role("button", name="提交申请").click()
        await page.get_by_text("已提交，回执编号").wait_for()

        row = await ListingRequest.get(case_id=case["case_id"])
        receipt = page.locator(f"#r-{row.id}")
        text = await receipt.inner_text()
        assert row.receipt_no in text and "履行凭证.pdf" in text
        assert f"{row.review_due.isoformat()} 前" in text and "15 日内" in text
        await page.screenshot(path=str(ARTIFACTS / "requests-listing-receipt.png"), full_page=True)

        granted = await court_call(
            client,
            court,
            "POST",
            f"/api/court/v1/listing-requests/{row.id}/decision",
            {"decision": "granted", "note": "已全部履行，同意提前删除"},
        )
        assert granted.status_code == 200, granted.text

        for base, screen in zip(web_servers, screens, strict=True):
            async with httpx.AsyncClient(base_url=base) as http:
                gone = await http.get(f"/disclosures/{listing['public_id']}")
                assert gone.status_code == 410
                found = await http.get("/api/public/v1/disclosures", params={"name": name})
                assert found.json()["items"] == []
            await screen.poll_once()
            assert screen.history and not shows(screen.pages, name)

        received = await _inbox(app, wechat_sandbox, case, RESPONDENT)
        assert len(received) == 2, received
        assert "已收到" in str(received[0]) and "已同意" in str(received[1])

        await page.reload()
        history = await page.locator(f"#r-{row.id} ol.timeline").inner_text()
        assert "已同意" in history and "同意提前删除" in history
        await page.screenshot(path=str(ARTIFACTS / "requests-listing-granted.png"), full_page=True)
    finally:
        for screen in screens:
            await screen.client.aclose()
        await context.close()


async def test_art12_a_refused_correction_shows_the_review_route(
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
) -> None:
    """失信规定 Art. 12: 「对驳回决定不服的，可以自决定书送达之日起十日内向上一级人民法院
    申请复议」."""
    case, _ = await listed_case(client, court)
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    try:
        await bind_in_browser(page, party_server, case, RESPONDENT)
        await _open_requests(page, "失信信息纠正与信用修复申请（含办理进度）")
        await page.get_by_label("失信信息纠正申请").check()
        await page.get_by_label("纠正事由（申请纠正时选择）").select_option("inaccurate")
        await page.get_by_label("申请理由").fill("公布的未履行金额有误。")
        # the session ends while the form is open: sign-in, then back to the form, text kept
        await context.clear_cookies()
        await page.get_by_role("button", name="提交申请").click()
        await page.get_by_role("heading", name="登录已过期").wait_for()
        await page.screenshot(path=str(ARTIFACTS / "requests-session-expired.png"), full_page=True)
        await page.get_by_role("link", name="重新登录并继续填写").click()
        await page.get_by_text("登录已过期，您填写的文字已恢复").wait_for()
        assert await page.get_by_label("申请理由").input_value() == "公布的未履行金额有误。"
        assert await page.get_by_label("失信信息纠正申请").is_checked()
        assert await ListingRequest.filter(case_id=case["case_id"]).count() == 0
        await page.screenshot(path=str(ARTIFACTS / "requests-draft-restored.png"), full_page=True)
        await page.get_by_label("纠正事由（申请纠正时选择）").select_option("inaccurate")
        await page.locator("#listing-files").set_input_files(
            files=[{"name": "说明.exe.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90"}]
        )
        await page.get_by_role("button", name="提交申请").click()
        await page.get_by_text("只接受 PDF、JPG、PNG 文件").wait_for()
        assert await ListingRequest.filter(case_id=case["case_id"]).count() == 0
        assert await page.get_by_label("申请理由").input_value() == "公布的未履行金额有误。"
        await page.locator("#listing-files").set_input_files([])
        await page.get_by_role("button", name="提交申请").click()
        await page.get_by_text("已提交，回执编号").wait_for()
        row = await ListingRequest.get(case_id=case["case_id"])
        refused = await court_call(
            client,
            court,
            "POST",
            f"/api/court/v1/listing-requests/{row.id}/decision",
            {"decision": "refused", "note": "经核对，公布金额与执行依据一致"},
        )
        assert refused.status_code == 200, refused.text
        await page.reload()
        text = await page.locator(f"#r-{row.id}").inner_text()
        assert "已驳回" in text and "十日内向上一级人民法院申请复议" in text
        await page.screenshot(path=str(ARTIFACTS / "requests-listing-refused.png"), full_page=True)
    finally:
        await context.close()


async def test_art9_an_applicant_files_a_lead_and_a_resumption_and_hears_of_each_change(
    app: Starlette,
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    """终本规定 Art. 9: after 终本 the applicant may ask for resumption; a ``resumed`` event
    closes the request. Leads: received → checking → found."""
    case = await make_case(client, court)
    await post_events(client, court, case, [RULING])
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    try:
        await bind_in_browser(page, party_server, case, APPLICANT)
        await _open_requests(page, "提供财产线索、申请恢复执行（含办理进度）")
        await page.get_by_label("线索内容").fill("被执行人在宁波市鄞州区有一处商铺。")
        await page.locator("#lead-files").set_input_files(
            files=[{"name": "商铺照片.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        await page.get_by_role("button", name="提交线索").click()
        await page.get_by_text("已提交，回执编号").wait_for()
        await page.get_by_label("申请理由（发现的财产情况）").fill("上述商铺可供执行。")
        await page.get_by_role("button", name="申请恢复执行").click()
        await page.get_by_text("已提交，回执编号").wait_for()
        lead = await PropertyLead.get(case_id=case["case_id"])
        resumption = await ResumptionRequest.get(case_id=case["case_id"])

        for status in ("checking", "found"):
            marked = await court_call(
                client,
                court,
                "POST",
                f"/api/court/v1/property-leads/{lead.id}/status",
                {"status": status, "note": "已查封该商铺" if status == "found" else None},
            )
            assert marked.status_code == 200, marked.text
        accepted = await court_call(
            client,
            court,
            "POST",
            f"/api/court/v1/resumption-requests/{resumption.id}/decision",
            {"decision": "accepted", "note": "核查属实"},
        )
        assert accepted.status_code == 200, accepted.text
        await post_events(
            client,
            court,
            case,
            [("resumed", "2024-09-01T09:00:00+08:00", {"new_case_no": "（2024）浙0203执恢7号"})],
        )
        assert (await ResumptionRequest.get(id=resumption.id)).status == "resumed"

        received = await _inbox(app, wechat_sandbox, case, APPLICANT)
        texts = [str(m) for m in received]
        assert len(texts) == 6, texts  # lead: 3; resumption: received, accepted, resumed
        assert any("核查属实，已发现财产" in t for t in texts)
        assert any("已恢复执行" in t for t in texts)

        await page.goto(f"{party_server}/m/cases/{case['case_id']}/requests")
        assert "已恢复执行" in await page.locator(f"#r-{resumption.id}").inner_text()
        assert "已查封该商铺" in await page.locator(f"#r-{lead.id}").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "requests-applicant.png"), full_page=True)
        await page.goto(f"{party_server}/m/cases/{case['case_id']}")
        states = await page.locator("#request-states li").all_inner_texts()
        assert states == [
            f"财产线索 {lead.receipt_no}：核查属实，已发现财产",
            f"恢复执行申请 {resumption.receipt_no}：已恢复执行",
        ]
        await page.screenshot(path=str(ARTIFACTS / "requests-case-page.png"), full_page=True)
    finally:
        await context.close()


async def test_art12_the_disclosure_officer_refuses_a_correction_in_the_console(
    app: Starlette,
    browser: Browser,
    web_servers: list[str],
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    """失信规定 Art. 12 in the staff console: the list oldest first with the 15-day deadline,
    the detail with its attachment, a refusal with its reasons and the 复议 route."""
    case, listing = await listed_case(client, court)
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        filed = await respondent.post(
            f"/api/party/v1/cases/{case['case_id']}/listing-requests",
            json={"kind": "correction", "ground": "wrongly_listed", "grounds": "我司已提供担保"},
        )
        assert filed.status_code == 201, filed.text
        attached = await respondent.post(
            f"/api/party/v1/listing-requests/{filed.json()['request_id']}/attachments",
            files={"file": ("担保书.pdf", PDF, "application/pdf")},
        )
        assert attached.status_code == 201, attached.text
    receipt = filed.json()
    name = await new_account("disclosure")
    context, page = await staff_page(browser)
    try:
        await sign_in(page, web_servers[0], name)
        await page.goto(f"{web_servers[0]}/console/requests?type=listing&status=received")
        row = page.locator("tr", has_text=receipt["receipt_no"])
        assert receipt["review_due"] in await row.inner_text()
        await page.screenshot(path=str(ARTIFACTS / "console-requests.png"), full_page=True)
        await row.get_by_role("link", name=receipt["receipt_no"]).click()
        await page.get_by_role("heading", name=receipt["receipt_no"]).wait_for()
        assert await page.get_by_role("link", name="担保书.pdf").count() == 1
        await page.get_by_label("处理结果").select_option("refused")
        await page.get_by_label("说明（驳回须写明理由）").fill("担保不足以覆盖执行标的")
        await page.screenshot(path=str(ARTIFACTS / "console-request-detail.png"), full_page=True)
        await page.get_by_role("button", name="确认").click()
        await page.get_by_text("已告知救济途径").wait_for()
        text = await page.locator("main").inner_text()
        assert "十日内向上一级人民法院申请复议" in text and "担保不足以覆盖执行标的" in text
        await page.screenshot(path=str(ARTIFACTS / "console-request-refused.png"), full_page=True)
    finally:
        await context.close()
    assert (await Listing.get(listing_id=listing["listing_id"])).status == "published"
    *_, last = await notifications_for(case, RESPONDENT, "listing_request_status_changed")
    assert last.variables["summary"] == "失信纠正申请被驳回，可于10日内申请复议"
