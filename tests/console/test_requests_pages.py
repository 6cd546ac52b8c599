"""申请与线索 pages (contract §9.4, §9.7): listing requests decided by the 失信公布 role, leads
and resumption by the clerk; attachments shown under a CSP that runs nothing."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from disclosure.models import Listing
from sandbox.server import SandboxServer
from service.audit.models import AuditEntry
from service.requests.models import PropertyLead
from tests.console.support import csrf, signed_in
from tests.filings.helpers import make_case, notifications_for, party
from tests.requests.helpers import APPLICANT, PDF, RESPONDENT, listed_case, listing_requests_path
from tests.support import CourtSigner


async def test_art12_the_disclosure_role_grants_a_correction_and_the_clerk_cannot(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """失信规定 Art. 11(一), Art. 12: the list shows the 15-day review deadline, the detail the
    attachment (inline, nothing runs); a grant by the 失信公布 role withdraws the listing and is
    audited under the staff member's name; a clerk sees no form and a post is refused."""
    case, listing = await listed_case(client, court)
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        filed = await respondent.post(
            listing_requests_path(case),
            json={"kind": "correction", "ground": "wrongly_listed", "grounds": "已提供担保"},
        )
        assert filed.status_code == 201, filed.text
        attached = await respondent.post(
            f"/api/party/v1/listing-requests/{filed.json()['request_id']}/attachments",
            files={"file": ("担保书.pdf", PDF, "application/pdf")},
        )
        assert attached.status_code == 201, attached.text
    receipt = attached.json()
    rid, attachment_id = receipt["request_id"], receipt["attachments"][0]["attachment_id"]
    detail_path = f"/console/requests/listing/{rid}"

    async with signed_in(app, "clerk") as (c, _):
        listed = await c.get("/console/requests?type=listing")
        assert receipt["receipt_no"] in listed.text and receipt["review_due"] in listed.text
        detail = await c.get(detail_path)
        assert "不应将其纳入失信被执行人名单" in detail.text
        assert 'name="status"' not in detail.text
        token = await csrf(c, detail_path)
        refused = await c.post(f"{detail_path}/status", data={"csrf": token, "status": "granted"})
        assert refused.status_code == 403

    async with signed_in(app, "disclosure") as (c, name):
        detail = await c.get(detail_path)
        link = f"{detail_path}/attachments/{attachment_id}"
        assert link in detail.text and "担保书.pdf" in detail.text
        shown = await c.get(link)
        assert shown.status_code == 200 and shown.content == PDF
        assert shown.headers["content-disposition"].startswith("inline")
        assert "default-src 'none'" in shown.headers["content-security-policy"]
        token = await csrf(c, detail_path)
        silent = await c.post(f"{detail_path}/status", data={"csrf": token, "status": "refused"})
        assert silent.status_code == 422 and "驳回须写明理由" in silent.text
        granted = await c.post(
            f"{detail_path}/status",
            data={"csrf": token, "status": "granted", "note": "经审查不应纳入"},
        )
        assert granted.status_code == 303
    row = await Listing.get(listing_id=listing["listing_id"])
    assert (row.status, row.withdraw_reason) == ("withdrawn", "wrongly_listed")
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="request.listing.status_changed", target_id=rid
    )
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="disclosure.withdrawn", target_id=listing["listing_id"]
    )
    told = await notifications_for(case, RESPONDENT, "listing_request_status_changed")
    assert told[-1].variables["summary"] == "失信纠正申请：已同意"


async def test_the_clerk_marks_a_property_lead_and_the_applicant_is_told(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await make_case(client, court)
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/property-leads",
            json={"description": "被执行人在某银行有存款"},
        )
        assert filed.status_code == 201, filed.text
    lid = filed.json()["request_id"]
    path = f"/console/requests/lead/{lid}"
    async with signed_in(app, "clerk") as (c, _):
        listed = await c.get("/console/requests?type=lead&status=received")
        assert filed.json()["receipt_no"] in listed.text
        for status, note in (("checking", ""), ("not_found", "该账户余额为零")):
            token = await csrf(c, path)
            moved = await c.post(
                f"{path}/status", data={"csrf": token, "status": status, "note": note}
            )
            assert moved.status_code == 303, moved.text
        detail = await c.get(path)
        assert "经核查未发现财产" in detail.text and "该账户余额为零" in detail.text
    assert (await PropertyLead.get(id=lid)).status == "not_found"
    told = await notifications_for(case, APPLICANT, "request_status_changed")
    assert [m.variables["summary"] for m in told][-1] == "财产线索：经核查未发现财产"
