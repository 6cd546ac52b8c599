"""Rights lists and acknowledgements (contract §1.8, §4.4), through the real API."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from datetime import timedelta
from urllib.parse import quote

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service import clock
from service.audit.models import AuditEntry
from service.filings.rights import send_due_rights_reminders
from tests.filings.helpers import (
    court_call,
    file_case,
    notifications_for,
    party,
    publish_rights_list,
)
from tests.support import CourtSigner

RIGHTS = "/api/court/v1/rights-lists"


def _version() -> str:
    return "t" + secrets.token_hex(4)


def _items(n: int = 3, tag: str = "") -> list[dict[str, object]]:
    return [{"no": i, "text": f"第{i}项权利{tag}"} for i in range(1, n + 1)]


async def test_the_default_list_is_seeded_marked_as_the_courts_to_edit_and_hash_is_recomputable(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    response = await court_call(client, court, "GET", f"{RIGHTS}/default")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["seeded"] is True
    assert "待本院审定" in body["title"] and "并非本院正式文本" in body["note"]
    assert [i["no"] for i in body["items"]] == list(range(1, 20))
    canonical = json.dumps(
        {"items": body["items"], "title": body["title"], "version": body["version"]},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    assert hashlib.sha256(canonical).hexdigest() == body["content_sha256"]


async def test_publishing_is_idempotent_and_a_published_version_is_kept_forever(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    version = _version()
    first = await court_call(
        client, court, "PUT", f"{RIGHTS}/{version}", {"title": "清单", "items": _items()}
    )
    assert first.status_code == 201, first.text
    again = await court_call(
        client, court, "PUT", f"{RIGHTS}/{version}", {"title": "清单", "items": _items()}
    )
    assert (
        again.status_code == 200
        and again.json()["content_sha256"] == first.json()["content_sha256"]
    )
    # Not acknowledged yet, still kept: later applicants may have been shown it already.
    edited = await court_call(
        client, court, "PUT", f"{RIGHTS}/{version}", {"title": "清单", "items": _items(4)}
    )
    assert edited.status_code == 409 and edited.json()["code"] == "rights_list_published"

    case = await file_case(client, court)  # filed after the publication: gets this version
    async with party(app, wechat_sandbox, case) as applicant:
        served = (await applicant.get(f"/api/party/v1/cases/{case['case_id']}/rights-list")).json()
        assert served["version"] == version
        ack = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/rights-list/acknowledgement",
            json={"version": version, "content_sha256": served["content_sha256"]},
        )
        assert ack.status_code == 201, ack.text

    frozen = await court_call(
        client, court, "PUT", f"{RIGHTS}/{version}", {"title": "清单", "items": _items(5)}
    )
    assert frozen.status_code == 409 and frozen.json()["code"] == "rights_list_acknowledged"
    same = await court_call(
        client, court, "PUT", f"{RIGHTS}/{version}", {"title": "清单", "items": _items()}
    )
    assert same.status_code == 200 and same.json()["acknowledgements"] == 1
    bad = await court_call(
        client,
        court,
        "PUT",
        f"{RIGHTS}/{version}",
        {"title": "x", "items": [{"no": 2, "text": "a"}]},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "items_numbering"
    assert await AuditEntry.filter(target_type="rights_list", target_id=version).count() == 1


async def test_applicant_acknowledges_once_agent_sees_it_and_respondent_cannot(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    await publish_rights_list(client, court)
    case = await file_case(client, court)
    url = f"/api/party/v1/cases/{case['case_id']}/rights-list"
    async with party(app, wechat_sandbox, case, 0) as applicant:
        served = (await applicant.get(url)).json()
        assert served["acknowledged_at"] is None and len(served["items"]) >= 1
        body = {"version": served["version"], "content_sha256": served["content_sha256"]}
        first = await applicant.post(
            f"{url}/acknowledgement", json=body, headers={"User-Agent": "UA-test"}
        )
        assert first.status_code == 201, first.text
        receipt = first.json()
        assert re.fullmatch(r"QL-\d{8}-[2-9A-Z]{8}", receipt["receipt_no"])
        assert receipt["version"] == served["version"]
        assert receipt["content_sha256"] == served["content_sha256"]
        second = await applicant.post(f"{url}/acknowledgement", json=body)
        assert second.status_code == 200 and second.json() == receipt
        stale = await applicant.post(
            f"{url}/acknowledgement", json={**body, "content_sha256": "0" * 64}
        )
        # already acknowledged with the current content: a stale hash is still a change
        assert stale.status_code == 409 and stale.json()["code"] == "rights_list_changed"
        assert stale.json()["content_sha256"] == served["content_sha256"]
        page = await applicant.get(f"/m/cases/{case['case_id']}/rights/receipt")
        assert receipt["receipt_no"] in page.text and served["content_sha256"] in page.text

    async with party(app, wechat_sandbox, case, 2) as agent:  # the applicant's lawyer
        seen = (await agent.get(url)).json()
        assert seen["receipt_no"] == receipt["receipt_no"]
        again = await agent.post(f"{url}/acknowledgement", json=body)
        assert again.status_code == 200 and again.json()["receipt_no"] == receipt["receipt_no"]

    async with party(app, wechat_sandbox, case, 1) as respondent:
        assert (await respondent.get(url)).status_code == 404
        refused = await respondent.post(f"{url}/acknowledgement", json=body)
        assert refused.status_code == 404 and refused.json()["code"] == "case_not_found"
        assert (await respondent.get(f"/m/cases/{case['case_id']}/rights")).status_code == 404

    listed = await court_call(
        client, court, "GET", "/api/court/v1/acknowledgements?case_no=" + quote(case["case_no"])
    )
    assert listed.status_code == 200, listed.text
    [entry] = listed.json()["items"]
    assert entry["status"] == "acknowledged" and entry["party_id"] == "P-1"
    assert entry["receipt_no"] == receipt["receipt_no"]
    assert entry["channel"] == "H5" and entry["user_agent"] == "UA-test"
    assert entry["client_address"] and entry["acting_party_id"] == "P-1"


async def test_a_case_keeps_its_version_and_new_cases_get_the_newest(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    await publish_rights_list(client, court)
    old_case = await file_case(client, court)
    async with party(app, wechat_sandbox, old_case) as applicant:
        url = f"/api/party/v1/cases/{old_case['case_id']}/rights-list"
        before = (await applicant.get(url)).json()
        version = _version()
        published = await court_call(
            client,
            court,
            "PUT",
            f"{RIGHTS}/{version}",
            {"title": "新清单", "items": _items(2, "新")},
        )
        assert published.status_code == 201
        assert (await applicant.get(url)).json()["version"] == before["version"]

    new_case = await file_case(client, court)
    async with party(app, wechat_sandbox, new_case) as applicant:
        url = f"/api/party/v1/cases/{new_case['case_id']}/rights-list"
        assert (await applicant.get(url)).json()["version"] == version
        stale = await applicant.post(
            f"{url}/acknowledgement",
            json={"version": before["version"], "content_sha256": before["content_sha256"]},
        )
        assert stale.status_code == 409 and stale.json()["code"] == "rights_list_changed"
        assert stale.json()["version"] == version


async def test_reminders_after_three_and_seven_days_only_until_acknowledged(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
) -> None:
    days = app.state.settings.rights_reminder_days
    assert days == (3, 7)
    await publish_rights_list(client, court)
    silent = await file_case(client, court)
    diligent = await file_case(client, court)
    async with party(app, wechat_sandbox, diligent) as applicant:
        url = f"/api/party/v1/cases/{diligent['case_id']}/rights-list"
        served = (await applicant.get(url)).json()
        body = {"version": served["version"], "content_sha256": served["content_sha256"]}
        assert (await applicant.post(f"{url}/acknowledgement", json=body)).status_code == 201

    for step in (timedelta(days=1), timedelta(days=2, minutes=5), timedelta(0), timedelta(days=4)):
        clock.advance(step)
        await send_due_rights_reminders(clock.now(), days)
        await send_due_rights_reminders(clock.now(), days)  # a second sweep adds none
    clock.advance(timedelta(days=20))
    await send_due_rights_reminders(clock.now(), days)

    reminders = await notifications_for(silent, 0, "rights_list_reminder")
    assert len(reminders) == 2
    assert len(await notifications_for(silent, 2, "rights_list_reminder")) == 2  # their agent
    assert await notifications_for(silent, 1, "rights_list_reminder") == []  # not the respondent
    assert await notifications_for(diligent, 0, "rights_list_reminder") == []

    overdue = await court_call(
        client, court, "GET", "/api/court/v1/acknowledgements?case_no=" + quote(silent["case_no"])
    )
    [entry] = overdue.json()["items"]
    assert entry["status"] == "overdue" and entry["reminders_sent"] == 2
    across = await court_call(
        client, court, "GET", "/api/court/v1/acknowledgements?status=overdue&limit=500"
    )
    assert silent["case_no"] in {i["case_no"] for i in across.json()["items"]}
    assert diligent["case_no"] not in {i["case_no"] for i in across.json()["items"]}
