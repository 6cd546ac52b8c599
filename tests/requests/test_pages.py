"""The H5 requests page: receipts for everything, nothing filed twice, nothing lost to an
expired session, files refused with the reason in Chinese."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.requests.models import ListingRequest, PropertyLead
from tests.filings.helpers import court_call, make_case, party
from tests.requests.helpers import APPLICANT, PDF, RESPONDENT, listed_case
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner

CSRF = re.compile(r'action="/m/cases/[^/]+/requests/lead\?csrf=([^"]+)"')
KEY = re.compile(r'name="form_key" value="([0-9a-f]+)"')


async def test_a_lead_form_sent_twice_files_once_and_shows_one_receipt(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await make_case(client, court)
    base = f"/m/cases/{case['case_id']}/requests"
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        form = await applicant.get(base)
        assert form.status_code == 200
        assert "提供财产线索" in form.text and "申请恢复执行" not in form.text  # not 终本
        csrf, key = CSRF.search(form.text).group(1), KEY.search(form.text).group(1)  # type: ignore[union-attr]
        fields = {"description": "被执行人有一辆小型轿车", "form_key": key}
        upload = {"files": ("行驶证.pdf", PDF, "application/pdf")}
        first = await applicant.post(f"{base}/lead?csrf={csrf}", data=fields, files=upload)
        second = await applicant.post(f"{base}/lead?csrf={csrf}", data=fields, files=upload)
        assert first.status_code == second.status_code == 303
        assert first.headers["location"] == second.headers["location"]
        assert await PropertyLead.filter(case_id=case["case_id"]).count() == 1
        page = await applicant.get(first.headers["location"])
        lead = await PropertyLead.get(case_id=case["case_id"])
        assert page.text.count(lead.receipt_no) == 2  # the notice and the one receipt
        assert "行驶证.pdf" in page.text

        refused = await applicant.post(
            f"{base}/lead?csrf={csrf}",
            data={"description": "另一条线索", "form_key": "k2"},
            files={"files": ("图片.png", b"GIF89a....", "image/png")},
        )
        assert refused.status_code == 415
        assert "只接受 PDF、JPG、PNG 文件" in refused.text and "申请尚未提交" in refused.text
        assert "另一条线索" in refused.text  # what was typed is kept
        assert await PropertyLead.filter(case_id=case["case_id"]).count() == 1


async def test_an_expired_session_sends_the_form_through_sign_in_and_back_to_the_draft(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """The POST of a signed-out browser files nothing and answers a page that says so (not a
    redirect: the CSP's form-action blocks one that ends at WeChat), with a link whose sign-in
    returns to the form with the text typed (service/parties/drafts.py; files chosen again)."""
    case, _ = await listed_case(client, court)
    base = f"/m/cases/{case['case_id']}/requests"
    typed = {"kind": "early_deletion", "grounds": "已全部履行"}
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as browser:
        openid = await sign_in_h5(browser, wechat_sandbox)
        p = case["parties"][RESPONDENT]
        proof = {k: p[k] for k in ("name", "id_no", "access_code")}
        bound = await browser.post(
            "/api/party/v1/bindings", json={"case_no": case["case_no"], **proof}
        )
        assert bound.status_code == 201, bound.text
        session = {c.name: c.value for c in browser.cookies.jar}
        for name in session:
            browser.cookies.delete(name)  # the session ends while the form is open
        posted = await browser.post(f"{base}/listing?csrf=x", data=typed)
        assert posted.status_code == 401 and "登录已过期" in posted.text
        assert "已全部履行" in posted.text and "提前删除失信信息申请" in posted.text
        link = re.search(r'href="(/m/cases/[^"]+\?draft=[^"]+)"', posted.text)
        assert link, posted.text
        assert await ListingRequest.filter(case_id=case["case_id"]).count() == 0
        # "重新登录并继续填写": WeChat sign-in (as the same user), then the form, filled in
        await sign_in_h5(browser, wechat_sandbox, openid, path=link.group(1))
        back = await browser.get(link.group(1))
        assert "您填写的文字已恢复" in back.text, back.text
        assert "已全部履行</textarea>" in back.text
        again = await browser.get(link.group(1))
        assert "您填写的文字已恢复" not in again.text  # a draft opens once


async def test_more_files_until_the_court_decides_and_only_from_the_requesters_side(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await make_case(client, court)
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/property-leads",
            json={"description": "被执行人持有某公司股权"},
        )
        lid = filed.json()["request_id"]
        api = f"/api/party/v1/property-leads/{lid}/attachments"
        added = await applicant.post(api, files={"file": ("股权登记.pdf", PDF, "application/pdf")})
        assert added.status_code == 201, added.text
        assert [a["filename"] for a in added.json()["attachments"]] == ["股权登记.pdf"]
        page = await applicant.get(f"/m/cases/{case['case_id']}/requests")
        assert f'action="/m/requests/lead/{lid}/attachments?csrf=' in page.text
        for status in ("checking", "not_found"):
            await court_call(
                client,
                court,
                "POST",
                f"/api/court/v1/property-leads/{lid}/status",
                {"status": status},
            )
        late = await applicant.post(api, files={"file": ("补充.pdf", PDF, "application/pdf")})
        assert late.status_code == 409 and late.json()["code"] == "request_closed"
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        other = await respondent.post(api, files={"file": ("x.pdf", PDF, "application/pdf")})
        assert other.status_code == 404 and other.json()["code"] == "request_not_found"
