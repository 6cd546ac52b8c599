"""What an objector is told: the 终本 check as the record shows it, 补正 before filing is
decided, and 复议 after a refusal."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service import clock
from service.filings import objections
from service.filings.models import Objection
from service.web.formats import date_zh
from tests.filings.helpers import court_call, notifications_for, party
from tests.filings.test_objections import COMPLETE, OBJECTION, terminated_case
from tests.support import CourtSigner

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def _filed(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    sandbox: SandboxServer,
) -> tuple[dict[str, object], str]:
    case = await terminated_case(client, court, COMPLETE[:5])
    async with party(app, sandbox, case, 0) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/objections", json=OBJECTION
        )
        assert filed.status_code == 201, filed.text
    return case, str(filed.json()["objection_id"])


async def test_incomplete_materials_are_named_once_and_the_objector_has_three_days(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """执行异议和复议规定 Art. 2 para 2: 「执行异议申请材料不齐备的，人民法院应当一次性告知异议人
    在三日内补足，逾期未补足的，不予受理」."""
    case, oid = await _filed(app, client, court, wechat_sandbox)
    status = f"/api/court/v1/objections/{oid}/status"
    silent = await court_call(client, court, "POST", status, {"status": "correction_requested"})
    assert silent.status_code == 422 and silent.json()["errors"][0]["field"] == "note"

    asked = await court_call(
        client,
        court,
        "POST",
        status,
        {"status": "correction_requested", "note": "缺少身份证明"},
    )
    assert asked.status_code == 200, asked.text
    correction = asked.json()["correction"]
    assert correction["missing"] == "缺少身份证明"
    today = clock.local_now().date()
    assert date.fromisoformat(correction["due"]) == today + timedelta(days=3)

    (message,) = await notifications_for(case, 0, "objection_status_changed")
    assert "补正" in str(message.variables["summary"])
    assert message.variables["objection_deadline"] == correction["due"]

    async with party(app, wechat_sandbox, case, 0) as applicant:
        page = await applicant.get(f"/m/cases/{case['case_id']}/objection")
        assert "缺少身份证明" in page.text and date_zh(correction["due"]) in page.text
        upload = await applicant.post(
            f"/api/party/v1/objections/{oid}/attachments",
            files={"file": ("身份证明.pdf", PDF, "application/pdf")},
        )
        assert upload.status_code == 201

    again = await court_call(
        client, court, "POST", status, {"status": "correction_requested", "note": "再补"}
    )
    assert again.status_code == 409  # once only: 「一次性告知」
    filed = await court_call(client, court, "POST", status, {"status": "filed"})
    assert filed.status_code == 200
    assert [h["status"] for h in filed.json()["history"]] == [
        "received",
        "correction_requested",
        "filed",
    ]


async def test_a_dismissal_or_refusal_states_review_within_ten_days(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """民诉法 (2023) Art. 236: 「当事人、利害关系人对裁定不服的，可以自裁定送达之日起十日内向
    上一级人民法院申请复议」 (执行异议和复议规定 Art. 2 para 3 for 不予受理)."""
    for path in (["not_accepted"], ["filed", "dismissed"]):
        case, oid = await _filed(app, client, court, wechat_sandbox)
        status = f"/api/court/v1/objections/{oid}/status"
        for step in path:
            done = await court_call(client, court, "POST", status, {"status": step})
            assert done.status_code == 200, done.text
        assert "十日内向上一级人民法院申请复议" in done.json()["review_notice"]
        last = (await notifications_for(case, 0, "objection_status_changed"))[-1]
        assert "10日内申请复议" in str(last.variables["summary"])
        async with party(app, wechat_sandbox, case, 0) as applicant:
            page = await applicant.get(f"/m/cases/{case['case_id']}/objection")
            assert "十日内向上一级人民法院申请复议" in page.text
    _, oid = await _filed(app, client, court, wechat_sandbox)
    status = f"/api/court/v1/objections/{oid}/status"
    await court_call(client, court, "POST", status, {"status": "filed"})
    upheld = await court_call(client, court, "POST", status, {"status": "upheld"})
    assert upheld.json()["review_notice"] is None


async def test_unknown_items_are_null_and_not_pre_ticked_and_local_policy_stands_apart(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """终本规定 Art. 1(二): 限制消费令 has no national node code, so its absence is 「无法判断」,
    never 「未满足」, and the objection form does not tick it for the objector; 「两次网络查控」
    is local practice (a local court's 终本 checklist), shown apart from the national conditions."""
    events = [e for e in COMPLETE if e[0] != "consumption_restricted"]
    case = await terminated_case(client, court, events)
    async with party(app, wechat_sandbox, case, 0) as applicant:
        base = f"/api/party/v1/cases/{case['case_id']}"
        items = {
            i["item"]: i for i in (await applicant.get(f"{base}/termination-check")).json()["items"]
        }
        assert items["consumption_restricted"]["met"] is None
        assert items["consumption_restricted"]["basis"] == "终本规定第一条第（二）项"
        assert [k for k, v in items.items() if v["local_policy"]] == ["online_search_twice"]
        page = (await applicant.get(f"/m/cases/{case['case_id']}/objection")).text
        assert 'value="consumption_restricted" checked' not in page
        assert "地方执行规范（非全国性规定）" in page
        national, local = page.split("地方执行规范（非全国性规定）", 1)
        assert 'data-item="online_search_twice"' in local.split("<h2>")[0]
        assert 'data-item="online_search_twice"' not in national.split("全国性规定")[-1]


async def test_after_correction_the_review_period_still_runs_from_receipt_art236(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """民诉法 (2023) Art. 236 「人民法院应当自收到书面异议之日起十五日内审查」: the 15-day review
    runs from the objection's receipt and no text found restarts it after 补正 (执行异议规定 Art. 2
    para 2 says nothing on it; 登记立案规定 Art. 7 para 2 「决定是否立案的期间，自收到补正材料之日起
    计算」 and 民诉法解释 Art. 126 restart only the filing period of 起诉/自诉). So the code keeps
    ``decision_due`` as computed at receipt, and a 补正 request made in time counts as the court
    acting on filing in time (执行异议规定 Art. 2 para 1's 3 days): the filing is not late however
    long the objector takes to supply the materials (docs/filings.md, "补正 and the clocks")."""
    _, oid = await _filed(app, client, court, wechat_sandbox)
    objection = await Objection.get(id=oid)
    before = (objection.filing_due, objection.decision_due)
    status = f"/api/court/v1/objections/{oid}/status"
    asked = await court_call(
        client, court, "POST", status, {"status": "correction_requested", "note": "缺少身份证明"}
    )
    assert asked.status_code == 200, asked.text
    objection = await Objection.get(id=oid)
    assert (objection.filing_due, objection.decision_due) == before
    later = clock.now() + timedelta(days=60)
    filing_late, decision_late = objections.overdue_flags(
        objection, await objections.history(objection), later
    )
    assert filing_late is False  # the 补正 request was the court's act on filing, in time
    assert decision_late is True  # still 15 days from receipt, not restarted
