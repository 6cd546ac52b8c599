"""An applicant files a 终本 objection with a PDF in a real browser; others cannot; bad files
are refused; the court decides and the applicant's WeChat receives both messages (§4.5)."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser
from starlette.applications import Starlette

from notifiers.delivery import deliver_notification
from sandbox.server import SandboxServer
from service.filings.models import Objection, ObjectionAttachment
from service.parties.models import Binding
from service.web.formats import date_zh
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.filings_support import bind_in_browser
from tests.filings.helpers import (
    court_call,
    make_case,
    notifications_for,
    party,
    party_pk,
    post_events,
)
from tests.filings.test_objections import COMPLETE, EXE, PDF, RULING
from tests.support import CourtSigner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_file_an_objection_and_follow_the_courts_decision(
    app: Starlette,
    browser: Browser,
    party_server: str,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    case = await make_case(client, court)
    gaps = [
        e for e in COMPLETE if not e[1].startswith("2024-05") and e[0] != "termination_interview"
    ]
    await post_events(client, court, case, [*gaps, RULING])

    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = await context.new_page()
    await bind_in_browser(page, party_server, case)
    await page.get_by_role("link", name="终本条件核对与终本异议").click()
    await page.get_by_role("heading", name="终本条件核对").wait_for()
    unmet = page.locator(".check-item", has_text="未满足")
    assert await unmet.count() == 2
    await page.get_by_label("异议请求").fill("撤销终本裁定，恢复执行")
    await page.get_by_label("事实和理由").fill("仅进行一次网络查控，终本前未约谈申请执行人。")
    await page.get_by_label("送达地址").fill("宁波市海曙区某路1号")
    await page.get_by_label("联系电话").fill("13812345678")
    await page.locator("#files").set_input_files(
        files=[{"name": "证据.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    await page.get_by_role("button", name="提交异议").click()
    await page.get_by_text("异议已提交").wait_for()

    objection = await Objection.get(case_id=case["case_id"])
    receipt = page.locator(f"#o-{objection.id}")
    text = await receipt.inner_text()
    assert objection.receipt_no in text
    assert f"{date_zh(objection.filing_due)} 前" in text and "3 日内" in text
    assert f"{date_zh(objection.decision_due)} 前" in text and "15 日内" in text
    assert "证据.pdf" in text and "138****5678" in text
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "filings-objection-receipt.png"), full_page=True)

    more = receipt.locator("input[type=file]")
    await more.set_input_files(
        files=[{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    await receipt.get_by_role("button", name="上传材料").click()
    await page.get_by_text("只接受 PDF、JPG、PNG 文件").wait_for()
    big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    await page.locator(f"#o-{objection.id} input[type=file]").set_input_files(
        files=[{"name": "big.pdf", "mimeType": "application/pdf", "buffer": big}]
    )
    await page.locator(f"#o-{objection.id}").get_by_role("button", name="上传材料").click()
    await page.get_by_text("文件超过 10 MB").wait_for()
    assert [a.filename for a in await ObjectionAttachment.filter(objection_id=objection.id)] == [
        "证据.pdf"
    ]
    api = f"{party_server}/api/party/v1/objections/{objection.id}/attachments"
    renamed = await page.request.post(
        api, multipart={"file": {"name": "a.pdf", "mimeType": "application/pdf", "buffer": EXE}}
    )
    assert renamed.status == 415

    endpoint = f"/api/party/v1/cases/{case['case_id']}/objections"
    body = {
        "grounds": ["online_search_twice"],
        "request": "x",
        "facts": "y",
        "contact_address": "z",
        "phone": "13812345678",
    }
    # The respondent, then a signed-in user bound to nothing (own WeChat users: the browser
    # above is the sandbox's default user).
    for index in (1, None):
        async with party(app, wechat_sandbox, case if index else None, index or 0) as other:
            refused = await other.post(endpoint, json=body)
            assert refused.status_code == 404, refused.text
            assert (await other.get(f"/m/cases/{case['case_id']}/objection")).status_code == 404
    assert await Objection.filter(case_id=case["case_id"]).count() == 1

    status = f"/api/court/v1/objections/{objection.id}/status"
    filed = await court_call(
        client, court, "POST", status, {"status": "filed", "note": "已立案审查"}
    )
    assert filed.status_code == 200, filed.text
    dismissed = await court_call(
        client, court, "POST", status, {"status": "dismissed", "note": "异议理由不成立"}
    )
    assert dismissed.status_code == 200, dismissed.text

    messages = await notifications_for(case, 0, "objection_status_changed")
    assert len(messages) == 2
    for n in messages:
        await deliver_notification(str(n.id), app.state.delivery_deps)
    binding = await Binding.get(party_id=await party_pk(case, 0))
    async with httpx.AsyncClient() as admin:
        inbox = await admin.get(
            f"{wechat_sandbox.url}/_sandbox/messages", params={"touser": binding.oa_openid}
        )
    received = [m for m in inbox.json() if (m.get("url") or "").endswith("/objection")]
    assert len(received) == 2, inbox.text

    await page.reload()
    history = await page.locator(f"#o-{objection.id} ol.timeline").inner_text()
    assert "已立案" in history and "异议驳回" in history and "异议理由不成立" in history
    await page.screenshot(path=str(ARTIFACTS / "filings-objection-decided.png"), full_page=True)
    await context.close()
