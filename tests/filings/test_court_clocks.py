"""Times another system reports that must follow one of ours (issue 15, "Clocks between
systems"): a court clock a little behind ours, or whole seconds, is not an error."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from tests.filings.helpers import court_call, party
from tests.filings.test_objections import COMPLETE, OBJECTION, terminated_case
from tests.support import CourtSigner


async def test_status_at_within_the_timestamp_skew_before_receipt_is_ordered_after_it(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """contract §1.8 status changes: an ``at`` one second before the receipt (the case system
    sends whole seconds right after filing) is accepted and ordered right after the receipt;
    an ``at`` further back than the court timestamp skew (§1.1, 300 s) is still refused."""
    case = await terminated_case(client, court, COMPLETE[:5])
    async with party(app, wechat_sandbox, case, 0) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/objections", json=OBJECTION
        )
    assert filed.status_code == 201, filed.text
    received = datetime.fromisoformat(filed.json()["received_at"])
    status = f"/api/court/v1/objections/{filed.json()['objection_id']}/status"
    skew = timedelta(seconds=app.state.settings.court_timestamp_skew_seconds)

    too_early = (received - skew - timedelta(seconds=1)).isoformat()
    refused = await court_call(client, court, "POST", status, {"status": "filed", "at": too_early})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "at"

    second_before = (received - timedelta(seconds=1)).replace(microsecond=0).isoformat()
    body = {"status": "filed", "note": "已立案", "at": second_before}
    accepted = await court_call(client, court, "POST", status, body)
    assert accepted.status_code == 200, accepted.text
    history = accepted.json()["history"]
    assert [h["status"] for h in history] == ["received", "filed"]
    assert datetime.fromisoformat(history[1]["at"]) == received
    # the same report again is the same change: 200, nothing new
    again = await court_call(client, court, "POST", status, body)
    assert again.status_code == 200
    assert [h["status"] for h in again.json()["history"]] == ["received", "filed"]
    # a decision reported a little before the (ordered) filing is ordered after it too
    decided = await court_call(
        client,
        court,
        "POST",
        status,
        {"status": "dismissed", "at": (received - timedelta(seconds=2)).isoformat()},
    )
    assert decided.status_code == 200, decided.text
    assert [h["status"] for h in decided.json()["history"]] == ["received", "filed", "dismissed"]
    assert datetime.fromisoformat(decided.json()["history"][2]["at"]) == received
