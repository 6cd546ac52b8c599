"""终本 objections (contract §1.8, §4.5): the check, filing, attachments, the court's handling."""

from __future__ import annotations

import re
from typing import Any

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.audit.models import AuditEntry
from service.filings.models import Objection, ObjectionAttachment
from tests.filings.helpers import court_call, make_case, notifications_for, party, post_events
from tests.support import CourtSigner

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64

COMPLETE = [
    ("case_filed", "2024-03-01T09:00:00+08:00", {}),
    ("execution_notice_served", "2024-03-04T09:00:00+08:00", {}),
    ("online_search_started", "2024-03-05T09:00:00+08:00", {}),
    ("online_search_result", "2024-03-06T09:00:00+08:00", {"found": False}),
    ("consumption_restricted", "2024-03-10T09:00:00+08:00", {}),
    ("field_search_started", "2024-03-20T09:00:00+08:00", {}),
    ("field_search_completed", "2024-03-25T09:00:00+08:00", {"summary": "未发现财产"}),
    ("online_search_started", "2024-05-05T09:00:00+08:00", {}),
    ("online_search_result", "2024-05-06T09:00:00+08:00", {"found": False}),
    (
        "termination_interview",
        "2024-06-05T09:00:00+08:00",
        {
            "scheduled_at": "2024-06-05T10:00:00+08:00",
            "held_at": "2024-06-05T10:05:00+08:00",
            "channel": "微信",
        },
    ),
]
RULING = ("terminated_current_procedure", "2024-06-20T09:00:00+08:00", {"ruling_no": "之一"})
OBJECTION = {
    "grounds": ["online_search_twice", "interview_before_termination"],
    "request": "撤销终本裁定，恢复执行",
    "facts": "法院仅进行一次网络查控，且未约谈申请执行人。",
    "contact_address": "宁波市海曙区某路1号",
    "phone": "13812345678",
}


async def terminated_case(
    client: httpx.AsyncClient, court: CourtSigner, events: list[tuple[str, str, dict[str, Any]]]
) -> dict[str, Any]:
    case = await make_case(client, court)
    await post_events(client, court, case, [*events, RULING])
    return case


async def test_check_names_exactly_the_missing_steps_and_a_complete_case_meets_all(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    gaps = [
        e
        for e in COMPLETE
        if e[1] not in ("2024-05-05T09:00:00+08:00", "2024-05-06T09:00:00+08:00")
    ]
    gaps = [e for e in gaps if e[0] != "termination_interview"]
    partial = await terminated_case(client, court, gaps)
    complete = await terminated_case(client, court, COMPLETE)
    async with party(app, wechat_sandbox, partial) as applicant:
        check = await applicant.get(f"/api/party/v1/cases/{partial['case_id']}/termination-check")
        assert check.status_code == 200, check.text
        items = {i["item"]: i for i in check.json()["items"]}
        assert {k for k, v in items.items() if v["met"] is not True} == {
            "online_search_twice",
            "interview_before_termination",
        }
        assert items["online_search_twice"]["met"] is False
        assert "仅 1 次" in items["online_search_twice"]["evidence"]
        assert "2024-03-05" in items["online_search_twice"]["evidence"]
        assert "终本约谈" in items["interview_before_termination"]["evidence"]
        page = await applicant.get(f"/m/cases/{partial['case_id']}/objection")
        assert page.status_code == 200 and "未满足" in page.text
    async with party(app, wechat_sandbox, complete) as applicant:
        check = await applicant.get(f"/api/party/v1/cases/{complete['case_id']}/termination-check")
        assert all(i["met"] is True for i in check.json()["items"]), check.text
        assert len(check.json()["items"]) == 7


async def test_before_the_ruling_there_is_no_check_and_no_objection(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await make_case(client, court)
    await post_events(client, court, case, COMPLETE)
    async with party(app, wechat_sandbox, case) as applicant:
        base = f"/api/party/v1/cases/{case['case_id']}"
        check = await applicant.get(f"{base}/termination-check")
        assert check.status_code == 409 and check.json()["code"] == "not_terminated"
        filed = await applicant.post(f"{base}/objections", json=OBJECTION)
        assert filed.status_code == 409 and filed.json()["code"] == "not_terminated"
    assert not await Objection.exists(case_id=case["case_id"])


async def test_file_attach_and_the_court_decides_with_a_message_each_time(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await terminated_case(client, court, COMPLETE[:5])
    base = f"/api/party/v1/cases/{case['case_id']}"
    async with party(app, wechat_sandbox, case, 1) as respondent:
        refused = await respondent.post(f"{base}/objections", json=OBJECTION)
        assert refused.status_code == 404 and refused.json()["code"] == "case_not_found"
    async with party(app, wechat_sandbox, None) as stranger:
        assert (await stranger.post(f"{base}/objections", json=OBJECTION)).status_code == 404
    async with party(app, wechat_sandbox, case, 0) as applicant:
        bad = await applicant.post(
            f"{base}/objections", json={**OBJECTION, "grounds": ["x"], "phone": "12"}
        )
        assert bad.status_code == 422
        assert {e["field"] for e in bad.json()["errors"]} == {"grounds[0]", "phone"}

        filed = await applicant.post(f"{base}/objections", json=OBJECTION)
        assert filed.status_code == 201, filed.text
        receipt = filed.json()
        assert re.fullmatch(r"YY-\d{8}-[2-9A-Z]{8}", receipt["receipt_no"])
        oid = receipt["objection_id"]
        upload = f"/api/party/v1/objections/{oid}/attachments"

        ok = await applicant.post(upload, files={"file": ("证据.pdf", PDF, "application/pdf")})
        assert ok.status_code == 201, ok.text
        assert ok.json()["attachments"][0]["content_type"] == "application/pdf"
        renamed = await applicant.post(
            upload, files={"file": ("invoice.pdf", EXE, "application/pdf")}
        )
        assert (
            renamed.status_code == 415 and renamed.json()["code"] == "attachment_type_unsupported"
        )
        big = b"%PDF-" + b"0" * (11 * 1024 * 1024)
        too_big = await applicant.post(upload, files={"file": ("big.pdf", big, "application/pdf")})
        assert too_big.status_code == 413
        slightly = b"%PDF-" + b"0" * (10 * 1024 * 1024)
        over = await applicant.post(upload, files={"file": ("b.pdf", slightly, "application/pdf")})
        assert over.status_code == 413 and over.json()["code"] == "attachment_too_large"
        nine = [("file", (f"p{i}.png", PNG, "image/png")) for i in range(9)]
        assert (await applicant.post(upload, files=nine)).status_code == 201
        eleventh = await applicant.post(upload, files={"file": ("x.png", PNG, "image/png")})
        assert eleventh.status_code == 409 and eleventh.json()["code"] == "attachment_limit"
        stored = await ObjectionAttachment.filter(objection_id=oid)
        assert len(stored) == 10
        data_dir = app.state.settings.data_dir
        assert all((data_dir / "objection-files" / a.storage_id).exists() for a in stored)
        assert not any((data_dir / "objection-files").glob("*.pdf"))

        mine = await applicant.get(f"/api/party/v1/objections/{oid}")
        assert mine.status_code == 200
        assert mine.json()["phone"] == "138****5678"
        assert mine.json()["filing_due"] == receipt["filing_due"]
    async with party(app, wechat_sandbox, case, 1) as respondent:
        assert (await respondent.get(f"/api/party/v1/objections/{oid}")).status_code == 404
    stored_row = await Objection.get(id=oid)
    assert "13812345678" not in stored_row.phone_enc

    status = f"/api/court/v1/objections/{oid}/status"
    jump = await court_call(client, court, "POST", status, {"status": "dismissed"})
    assert jump.status_code == 409 and jump.json()["code"] == "status_transition_invalid"
    assert (
        await court_call(client, court, "POST", status, {"status": "filed", "note": "已立案"})
    ).status_code == 200
    listed = await court_call(
        client, court, "GET", "/api/court/v1/objections?status=filed&limit=500"
    )
    mine_listed = [i for i in listed.json()["items"] if i["objection_id"] == oid]
    assert mine_listed and mine_listed[0]["overdue"] is False
    decided = await court_call(
        client, court, "POST", status, {"status": "dismissed", "note": "理由不成立"}
    )
    assert decided.status_code == 200, decided.text
    assert [h["status"] for h in decided.json()["history"]] == ["received", "filed", "dismissed"]
    repeat = await court_call(
        client, court, "POST", status, {"status": "dismissed", "note": "理由不成立"}
    )
    assert repeat.status_code == 200

    messages = await notifications_for(case, 0, "objection_status_changed")
    assert len(messages) == 2
    actions = (
        await AuditEntry.filter(target_type="objection", target_id=oid)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert list(actions) == [
        "objection.received",
        "objection.status_changed",
        "objection.status_changed",
    ]
