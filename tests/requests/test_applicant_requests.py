"""财产线索 and 申请恢复执行 (contract §9.4; 终本规定 Art. 9)."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.aftercare import leads
from service.events import followers
from service.requests import decisions
from service.requests.models import ResumptionRequest
from tests.filings.helpers import court_call, make_case, notifications_for, party, post_events
from tests.filings.test_objections import RULING
from tests.requests.helpers import AGENT, APPLICANT, PDF, RESPONDENT
from tests.support import CourtSigner


async def test_a_property_lead_is_checked_and_the_applicant_is_told_each_change(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """received → checking → found | not_found, each change a message to the applicant and to
    the agent who filed it; moves outside the graph are 409."""
    case = await make_case(client, court)
    async with party(app, wechat_sandbox, case, AGENT) as agent:
        filed = await agent.post(
            f"/api/party/v1/cases/{case['case_id']}/property-leads",
            json={"description": "被执行人在宁波市海曙区某小区有一套住房"},
        )
        assert filed.status_code == 201, filed.text
        assert filed.json()["receipt_no"].startswith("XS-")
        attached = await agent.post(
            f"/api/party/v1/property-leads/{filed.json()['request_id']}/attachments",
            files={"file": ("房产信息.pdf", PDF, "application/pdf")},
        )
        assert attached.status_code == 201, attached.text
        assert [a["content_type"] for a in attached.json()["attachments"]] == ["application/pdf"]
    lid = filed.json()["request_id"]
    path = f"/api/court/v1/property-leads/{lid}/status"
    early = await court_call(client, court, "POST", path, {"status": "found"})
    assert early.status_code == 409 and early.json()["code"] == "status_transition_invalid"
    for status, note in (("checking", None), ("found", "已查封该房产")):
        moved = await court_call(client, court, "POST", path, {"status": status, "note": note})
        assert moved.status_code == 200, moved.text
    assert [h["status"] for h in moved.json()["history"]] == ["received", "checking", "found"]
    assert moved.json()["filed_by_name"] == "钱律师"

    for index in (APPLICANT, AGENT):
        told = await notifications_for(case, index, "request_status_changed")
        assert [m.variables["summary"] for m in told] == [
            "财产线索：已收到",
            "财产线索：核查中",
            "财产线索：核查属实，已发现财产",
        ]
    assert await notifications_for(case, RESPONDENT, "request_status_changed") == []
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        theirs = await respondent.get(f"/api/party/v1/cases/{case['case_id']}/requests")
        assert theirs.json()["property_leads"] == []  # never shown to the debtor
        timeline = await respondent.get(f"/m/cases/{case['case_id']}")
        assert timeline.status_code == 200 and "财产线索" not in timeline.text


async def test_art9_resumption_after_termination_is_closed_by_the_resumed_event(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """终本规定 Art. 9 「终结本次执行程序后，申请执行人发现被执行人有可供执行财产的，可以向执行
    法院申请恢复执行…执行法院核查属实的，应当恢复执行」: only after 终本 (409 before); the court
    accepts; a ``resumed`` event closes the request; the applicant is told each change."""
    case = await make_case(client, court)
    path = f"/api/party/v1/cases/{case['case_id']}/resumption-requests"
    body = {"reason": "发现被执行人名下新登记车辆一辆"}
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        before = await applicant.post(path, json=body)
        assert before.status_code == 409 and before.json()["code"] == "not_terminated"
        await post_events(client, court, case, [RULING])
        filed = await applicant.post(path, json=body)
        assert filed.status_code == 201, filed.text
        assert filed.json()["receipt_no"].startswith("HF-")
        rid = filed.json()["request_id"]
        accepted = await court_call(
            client,
            court,
            "POST",
            f"/api/court/v1/resumption-requests/{rid}/decision",
            {"decision": "accepted", "note": "经核查属实"},
        )
        assert accepted.status_code == 200, accepted.text
        await post_events(
            client,
            court,
            case,
            [("resumed", "2024-09-01T09:00:00+08:00", {"new_case_no": "（2024）浙0203执恢12号"})],
        )
        mine = (await applicant.get(f"/api/party/v1/cases/{case['case_id']}/requests")).json()
        (request,) = mine["resumption_requests"]
        assert request["status"] == "resumed"
        assert [h["status"] for h in request["history"]] == ["received", "accepted", "resumed"]
        page = await applicant.get(f"/m/cases/{case['case_id']}/requests")
        assert "已恢复执行" in page.text and request["receipt_no"] in page.text
        case_page = await applicant.get(f"/m/cases/{case['case_id']}")
        assert f"恢复执行申请 {request['receipt_no']}：已恢复执行" in case_page.text

    told = await notifications_for(case, APPLICANT, "request_status_changed")
    assert [m.variables["summary"] for m in told] == [
        "恢复执行申请：已收到，核查中",
        "恢复执行申请：核查属实，准予恢复执行",
        "恢复执行申请：已恢复执行",
    ]
    listed = await court_call(
        client, court, "GET", "/api/court/v1/resumption-requests?status=resumed&limit=500"
    )
    assert rid in {i["request_id"] for i in listed.json()["items"]}
    bad = await court_call(client, court, "GET", "/api/court/v1/resumption-requests?status=x")
    assert bad.status_code == 422


async def test_art9_the_worker_sweep_closes_a_resumption_the_follower_missed(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """A crash between the batch's commit and the follower call leaves the request open; the
    worker's sweep closes it (a ``resumed`` event received after the request), and leaves a
    request filed after the case's last ``resumed`` alone."""
    case = await make_case(client, court)
    await post_events(client, court, case, [RULING])
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/resumption-requests",
            json={"reason": "发现新的银行账户"},
        )
        assert filed.status_code == 201, filed.text
    rid = filed.json()["request_id"]
    followers.follow((), decisions.follow_resumed)  # the lost call: nobody follows `resumed`
    try:
        await post_events(
            client,
            court,
            case,
            [("resumed", "2024-09-01T09:00:00+08:00", {"new_case_no": "（2024）浙0203执恢9号"})],
        )
        assert (await ResumptionRequest.get(id=rid)).status == "received"
    finally:
        followers.follow(decisions.WATCHED_NODES, decisions.follow_resumed)
    assert await decisions.sweep_resumed() >= 1
    assert (await ResumptionRequest.get(id=rid)).status == "resumed"
    told = await notifications_for(case, APPLICANT, "request_status_changed")
    assert told[-1].variables["summary"] == "恢复执行申请：已恢复执行"

    second_ruling = ("terminated_current_procedure", "2025-03-01T09:00:00+08:00", {})
    await post_events(client, court, case, [second_ruling])
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        again = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/resumption-requests",
            json={"reason": "又发现一处房产"},
        )
        assert again.status_code == 201, again.text
    await decisions.sweep_resumed()
    assert (await ResumptionRequest.get(id=again.json()["request_id"])).status == "received"


async def test_art10_4_a_lead_given_counts_until_the_court_finds_nothing_by_it(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """失信规定 Art. 10(4): the deletion after two empty 终本 searches needs 「申请执行人或者其他人
    未提供有效财产线索」. A lead filed here counts (for the deletion review and the 终本
    schedule, through service.aftercare.leads) until the court has checked it and found
    nothing (``not_found``)."""
    case = await make_case(client, court)
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/property-leads",
            json={"description": "被执行人在某银行另有账户"},
        )
        assert filed.status_code == 201, filed.text
    given = await leads.lead_times([case["case_no"]])
    assert len(given[case["case_no"]]) == 1
    path = f"/api/court/v1/property-leads/{filed.json()['request_id']}/status"
    for status in ("checking", "not_found"):
        moved = await court_call(client, court, "POST", path, {"status": status, "note": "已核查"})
        assert moved.status_code == 200, moved.text
    assert not (await leads.lead_times([case["case_no"]])).get(case["case_no"])
