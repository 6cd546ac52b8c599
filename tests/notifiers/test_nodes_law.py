"""The node catalogue as the law and the corrected contract §1.4 read it: every national code,
what each party is told, and the messages' legally required content."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

import httpx
from starlette.applications import Starlette

from notifiers.delivery import Deps, deliver_notification
from notifiers.models import Notification
from sandbox.server import SandboxServer
from sandbox.wechat_fields import check_template_field
from service import clock
from service.cases.models import Case
from service.events import nodes
from service.events.models import Event
from service.parties.models import Binding
from service.parties.preferences import Preferences, save_preferences
from tests.filings.helpers import court_call, make_case, notifications_for, party, post_events
from tests.notifiers import flow
from tests.notifiers.conftest import Sandboxes
from tests.support import CourtSigner

EVENTS = "/api/court/v1/events"


async def _send(
    client: httpx.AsyncClient, court: CourtSigner, case: dict[str, Any], node: str, data: Any
) -> dict[str, Any]:
    body = {
        "events": [
            {
                "event_id": f"n-{uuid.uuid4().hex[:20]}",
                "case_no": case["case_no"],
                "node": node,
                "occurred_at": "2024-06-01T09:00:00+08:00",
                "data": data,
            }
        ]
    }
    response = await court_call(client, court, "POST", EVENTS, body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def test_every_national_code_203001001_to_203001040_maps_to_one_node() -> None:
    """Contract §1.4 (corrected): every code of domain.md §4.2 is accepted, in one table."""
    assert len(nodes.NATIONAL_CODES) == 40
    for code in nodes.NATIONAL_CODES:
        node = nodes.resolve_for_court(code)
        assert node is not None, code
    assert nodes.resolve("203001035").code == "termination_started"  # type: ignore[union-attr]
    assert nodes.resolve("203001023").code == "auction_started"  # type: ignore[union-attr]
    # The served 终本 ruling has no national code in the observed table.
    assert nodes.NODES["terminated_current_procedure"].national is None


async def test_all_forty_national_codes_are_accepted_by_the_court_api(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case = await make_case(client, court)
    data = {
        "203001018": {"objection_deadline": "2024-06-06"},
        "203001031": {"mode": "fully_performed"},
        "203001016": {"amount": "100.00"},
        "203001029": {"amount": "100.00"},
    }
    for code in nodes.NATIONAL_CODES:
        result = await _send(client, court, case, code, data.get(code, {}))
        assert result["status"] == "accepted", (code, result)


async def test_203001035_starts_the_termination_procedure_and_decides_nothing(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """domain.md §4.2: 203001035 is 「启动终本程序节点」 — not the served ruling: no mandatory
    message, the case is not 终结本次执行, and no objection (民诉法 Art. 236) can be filed."""
    case = await make_case(client, court)
    await post_events(client, court, case, [("203001035", "2024-06-01T09:00:00+08:00", {})])
    stored = await Event.get(case_id=case["case_id"])
    assert stored.node == "termination_started"
    assert not await Notification.filter(case_id=case["case_id"]).exists()
    assert (await Case.get(id=case["case_id"])).status == "in_progress"
    async with party(app, wechat_sandbox, case) as applicant:
        base = f"/api/party/v1/cases/{case['case_id']}"
        check = await applicant.get(f"{base}/termination-check")
        assert check.status_code == 409 and check.json()["code"] == "not_terminated"


async def test_203001023_and_024_are_the_second_and_third_auction_rounds(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """domain.md §4.2: 「启动二拍」 / 「启动三拍」 are auction_started with round 2 / 3."""
    case = await make_case(client, court)
    starts = {"starts_at": "2024-07-01T10:00:00+08:00", "url": "https://sf.taobao.com/x"}
    assert (await _send(client, court, case, "203001023", starts))["status"] == "accepted"
    assert (await _send(client, court, case, "203001024", starts))["status"] == "accepted"
    rounds = await Event.filter(case_id=case["case_id"]).order_by("received_at")
    assert [(e.node, e.data["round"]) for e in rounds] == [
        ("auction_started", 2),
        ("auction_started", 3),
    ]
    clash = await _send(client, court, case, "203001024", {**starts, "round": 1})
    assert clash["status"] == "rejected"
    assert clash["error"]["errors"][0]["field"] == "data.round"


async def test_latest_progress_is_per_role_so_a_field_search_never_tips_off_the_debtor(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """Contract §1.4: "a party's timeline and latest progress show only the nodes pushed to
    that party's role" — 启动传统查控 is the applicant's alone."""
    case = await make_case(client, court)
    await post_events(
        client,
        court,
        case,
        [
            ("property_frozen", "2024-06-01T09:00:00+08:00", {"property": "银行存款"}),
            ("field_search_started", "2024-06-02T09:00:00+08:00", {}),
        ],
    )
    async with party(app, wechat_sandbox, case, 1) as respondent:
        listed = (await respondent.get("/api/party/v1/cases")).json()["cases"]
        assert [(c["last_node"], c["last_node_name"]) for c in listed] == [
            ("property_frozen", "冻结")
        ]
        assert listed[0]["last_node_at"].startswith("2024-06-01")
        page = await respondent.get("/m/")
        assert "冻结" in page.text and "传统查控" not in page.text
        detail = (await respondent.get(f"/api/party/v1/cases/{case['case_id']}")).json()
        assert detail["last_node"] == "property_frozen"
        assert "field_search_started" not in {i["node"] for i in detail["timeline"]}
    async with party(app, wechat_sandbox, case, 0) as applicant:
        listed = (await applicant.get("/api/party/v1/cases")).json()["cases"]
        assert listed[0]["last_node"] == "field_search_started"
        assert "启动传统查控" in (await applicant.get("/m/")).text


async def test_appraisal_report_is_mandatory_and_states_the_five_day_objection_deadline(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """参考价规定 Arts. 22–24: objections within 5 days of receiving the report, late ones 不予
    受理 — the message carries the deadline in its own variable and ignores opt-out."""
    assert nodes.NODES["appraisal_report_served"].legally_significant
    case = await make_case(client, court)
    missing = await _send(client, court, case, "appraisal_report_served", {})
    assert missing["status"] == "rejected"
    assert missing["error"]["errors"][0]["field"] == "data.objection_deadline"
    await post_events(
        client,
        court,
        case,
        [
            (
                "appraisal_report_served",
                "2024-06-01T09:00:00+08:00",
                {"objection_deadline": "2024-06-06"},
            )
        ],
    )
    for index in (0, 1):
        (row,) = await notifications_for(case, index, "appraisal_report_served")
        assert row.kind == "appraisal"
        assert row.variables["objection_deadline"] == "2024-06-06"
        assert row.variables["starts_at"] is None and row.variables["interview_at"] is None
        assert "2024年6月6日前" in str(row.variables["summary"])


async def test_auction_start_and_interview_time_each_have_their_own_variable(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """终本规定 Art. 5 (约谈) and the auction notice: the time to attend, not the record time."""
    case = await make_case(client, court)
    await post_events(
        client,
        court,
        case,
        [
            (
                "auction_started",
                "2024-06-01T09:00:00+08:00",
                {"round": 1, "starts_at": "2024-07-01T10:00:00+08:00", "url": "https://a.b/c"},
            ),
            (
                "termination_interview",
                "2024-06-02T09:00:00+08:00",
                {"scheduled_at": "2024-06-05T10:00:00+08:00", "channel": "微信"},
            ),
        ],
    )
    (auction,) = await notifications_for(case, 0, "auction_started")
    assert auction.variables["starts_at"] == "2024-07-01T10:00:00+08:00"
    assert auction.variables["deadline"] is None and auction.variables["interview_at"] is None
    assert "7月1日10:00" in str(auction.variables["summary"])
    (interview,) = await notifications_for(case, 0, "termination_interview")
    assert interview.variables["interview_at"] == "2024-06-05T10:00:00+08:00"
    assert interview.variables["occurred_at"] != interview.variables["interview_at"]
    assert "6月5日10:00" in str(interview.variables["summary"])


async def test_the_termination_ruling_tells_the_respondent_the_debt_remains_enforceable(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """民诉法解释 Art. 517 / 终本规定 Art. 9: 终本 does not end the debt; the applicant may apply to
    resume at any time."""
    case = await make_case(client, court)
    await post_events(
        client,
        court,
        case,
        [("terminated_current_procedure", "2024-06-20T09:00:00+08:00", {"ruling_no": "之一"})],
    )
    (to_applicant,) = await notifications_for(case, 0, "terminated_current_procedure")
    (to_respondent,) = await notifications_for(case, 1, "terminated_current_procedure")
    assert "恢复执行" in str(to_applicant.variables["summary"])
    assert "债务仍须继续履行" in str(to_respondent.variables["summary"])


def test_closure_modes_follow_fa_fa_2014_26_and_a_withdrawal_ends_as_termination() -> None:
    """法发〔2014〕26号 Art. 14: 执行完毕, 终结本次执行程序, 终结执行, 销案, 不予执行, 驳回申请;
    民诉法 Art. 268(一): an application withdrawn ends as 终结执行."""
    closed = nodes.NODES["closed"]
    shown = {m: nodes.summary(closed, {"mode": m}) for m in nodes.CLOSE_MODES}
    for mode_zh in ("执行完毕", "终结本次执行程序", "终结执行", "销案", "不予执行", "驳回申请"):
        assert any(s.endswith(mode_zh) for s in shown.values()), mode_zh
    assert "终结执行" in shown["withdrawn"]
    assert nodes.CLOSE_MODE_ENDS_AS["withdrawn"] == "terminated"


async def test_an_appraisal_report_reaches_a_party_who_opted_out_with_its_deadline_as_the_time(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    """参考价规定 Art. 24: a late objection is 不予受理 — the message that starts the 5 days is
    mandatory, and its time field is the deadline, not the moment the court recorded it."""
    case = await flow.make_case(client, court, parties=2)
    bindings = await Binding.filter(case_id=case.id).prefetch_related("party")
    binding = next(b for b in bindings if b.party.role == "applicant")
    await save_preferences(
        f"oa:{binding.oa_openid}", Preferences(("appraisal_report_served",), time(3), time(3))
    )
    event = {
        "event_id": f"{case.case_no}-appraisal",
        "case_no": case.case_no,
        "node": "203001018",
        "occurred_at": clock.now().isoformat(),
        "data": {"objection_deadline": "2024-06-06"},
    }
    assert [r["status"] for r in await flow.post_events(client, court, [event])] == ["accepted"]
    (row,) = await Notification.filter(case_id=case.id, party_id=binding.party_id)
    await deliver_notification(str(row.id), notify)
    assert (await Notification.get(id=row.id)).status == "sent"
    async with httpx.AsyncClient() as admin:
        got = await admin.get(
            f"{sandboxes.wechat.url}/_sandbox/messages", params={"touser": binding.oa_openid}
        )
    (message,) = got.json()
    assert message["template_id"] == "OA_TPL_DEADLINE"
    assert message["data"]["time3"]["value"] == "2024年06月06日"
    for key, value in message["data"].items():
        assert check_template_field(key, value["value"]) is None, (key, value)
