"""纠正 and 信用修复 (失信规定 Arts. 11–12, Art. 2 para 2; contract §9.4)."""

from __future__ import annotations

from datetime import date

import httpx
from starlette.applications import Starlette

from disclosure.models import Listing
from sandbox.server import SandboxServer
from service import calendar, clock
from service.audit.models import AuditEntry
from tests.filings.helpers import court_call, notifications_for, party
from tests.requests.helpers import (
    APPLICANT,
    PDF,
    RESPONDENT,
    listed_case,
    listing_requests_path,
)
from tests.support import CourtSigner

EARLY = {"kind": "early_deletion", "grounds": "已全部履行判决确定的义务，申请提前删除失信信息"}


async def test_art12_early_deletion_receipt_has_the_15_day_review_and_a_grant_withdraws_everywhere(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    """Art. 2 para 2 (early deletion after performing) and Art. 12 「执行法院应当自收到书面纠正
    申请之日起十五日内审查，理由成立的，应当在三个工作日内纠正」: the receipt names the last day
    of the 15 days (counted by service.calendar, 民诉法 Art. 85); a grant withdraws the listing
    in the same transaction — the public page answers 410 and search is empty at once."""
    case, listing = await listed_case(client, court)
    search = {"name": listing["name"]}
    assert len((await public.get("/api/public/v1/disclosures", params=search)).json()["items"]) == 1

    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        filed = await respondent.post(
            listing_requests_path(case), json=EARLY, headers={"Idempotency-Key": "form-1"}
        )
        assert filed.status_code == 201, filed.text
        receipt = filed.json()
        assert receipt["receipt_no"].startswith("JZ-")
        assert date.fromisoformat(receipt["review_due"]) == calendar.days_period_end(
            clock.now(), 15
        )
        attached = await respondent.post(
            f"/api/party/v1/listing-requests/{receipt['request_id']}/attachments",
            files={"file": ("履行凭证.pdf", PDF, "application/pdf")},
        )
        assert attached.status_code == 201, attached.text
        assert [a["content_type"] for a in attached.json()["attachments"]] == ["application/pdf"]
        again = await respondent.post(
            listing_requests_path(case), json=EARLY, headers={"Idempotency-Key": "form-1"}
        )
        assert again.status_code == 200 and again.json()["request_id"] == receipt["request_id"]

    rid = receipt["request_id"]
    listed = await court_call(
        client, court, "GET", "/api/court/v1/listing-requests?status=received&limit=500"
    )
    mine = next(i for i in listed.json()["items"] if i["request_id"] == rid)
    assert mine["listing_ids"] == [listing["listing_id"]]
    assert mine["review_overdue"] is False

    granted = await court_call(
        client,
        court,
        "POST",
        f"/api/court/v1/listing-requests/{rid}/decision",
        {"decision": "granted", "note": "已履行完毕，同意提前删除"},
    )
    assert granted.status_code == 200, granted.text
    assert granted.json()["status"] == "granted"

    row = await Listing.get(listing_id=listing["listing_id"])
    assert (row.status, row.withdraw_reason) == ("withdrawn", "early_deletion")
    page = await public.get(f"/disclosures/{listing['public_id']}")
    assert page.status_code == 410
    assert (await public.get("/api/public/v1/disclosures", params=search)).json()["items"] == []

    messages = await notifications_for(case, RESPONDENT, "listing_request_status_changed")
    assert [m.variables["summary"] for m in messages] == [
        "信用修复申请：已收到，审查中",
        "信用修复申请：已同意",
    ]
    actions = await AuditEntry.filter(target_id=rid).values_list("action", flat=True)
    assert set(actions) == {"request.listing.received", "request.listing.status_changed"}

    repeat = await court_call(
        client,
        court,
        "POST",
        f"/api/court/v1/listing-requests/{rid}/decision",
        {"decision": "granted", "note": "已履行完毕，同意提前删除"},
    )
    assert repeat.status_code == 200
    assert len(await notifications_for(case, RESPONDENT, "listing_request_status_changed")) == 2


async def test_art12_a_refusal_states_the_review_route_within_ten_days(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """Art. 12 「理由不成立的，决定驳回。…对驳回决定不服的，可以自决定书送达之日起十日内向上一级
    人民法院申请复议」: a refusal needs reasons, keeps the listing, and its answer, page and
    message carry the 复议 route."""
    case, listing = await listed_case(client, court)
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        body = {"kind": "correction", "ground": "wrongly_listed", "grounds": "本公司不应被纳入"}
        filed = await respondent.post(listing_requests_path(case), json=body)
        assert filed.status_code == 201, filed.text
        rid = filed.json()["request_id"]
        path = f"/api/court/v1/listing-requests/{rid}/decision"
        silent = await court_call(client, court, "POST", path, {"decision": "refused"})
        assert silent.status_code == 422 and silent.json()["errors"][0]["field"] == "note"
        refused = await court_call(
            client, court, "POST", path, {"decision": "refused", "note": "有履行能力而拒不履行"}
        )
        assert refused.status_code == 200, refused.text
        notice = refused.json()["review_notice"]
        assert "十日内向上一级人民法院申请复议" in notice and "第十二条" in notice
        mine = (await respondent.get(f"/api/party/v1/cases/{case['case_id']}/requests")).json()
        assert mine["listing_requests"][0]["review_notice"] == notice
        page = await respondent.get(f"/m/cases/{case['case_id']}/requests")
        assert "十日内向上一级人民法院申请复议" in page.text
        assert "有履行能力而拒不履行" in page.text

    assert (await Listing.get(listing_id=listing["listing_id"])).status == "published"
    late = await court_call(client, court, "POST", path, {"decision": "granted"})
    assert late.status_code == 409
    *_, last = await notifications_for(case, RESPONDENT, "listing_request_status_changed")
    assert last.variables["summary"] == "失信纠正申请被驳回，可于10日内申请复议"


async def test_art11_a_correction_names_its_item_and_only_a_listed_respondent_may_file(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """Art. 11: 「被纳入失信被执行人名单的…可以向执行法院申请纠正：（一）…（二）…（三）…」 — the
    request names one of the three items; the applicant's side cannot file it (404, as for a
    case it is not bound to), and a respondent with nothing published gets 409."""
    case, listing = await listed_case(client, court)
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        body = {"kind": "correction", "grounds": "金额有误"}
        missing = await respondent.post(listing_requests_path(case), json=body)
        assert missing.status_code == 422
        assert missing.json()["errors"][0]["field"] == "ground"
        filed = await respondent.post(
            listing_requests_path(case), json={**body, "ground": "inaccurate"}
        )
        assert filed.status_code == 201, filed.text
        exe = await respondent.post(
            f"/api/party/v1/listing-requests/{filed.json()['request_id']}/attachments",
            files={"file": ("凭证.pdf", b"MZ\x90\x00fake", "application/pdf")},
        )
        assert exe.status_code == 415
        assert exe.json()["code"] == "attachment_type_unsupported"
        mine = (await respondent.get(f"/api/party/v1/cases/{case['case_id']}/requests")).json()
        assert mine["listing_requests"][0]["attachments"] == []  # a refused file is not kept
    async with party(app, wechat_sandbox, case, APPLICANT) as applicant:
        other = await applicant.post(listing_requests_path(case), json=EARLY)
        assert other.status_code == 404

    await court_call(
        client,
        court,
        "POST",
        f"/api/court/v1/disclosures/{listing['listing_id']}/withdraw",
        {"reason": "performed"},
    )
    async with party(app, wechat_sandbox, case, RESPONDENT) as respondent:
        gone = await respondent.post(listing_requests_path(case), json=EARLY)
        assert gone.status_code == 409 and gone.json()["code"] == "no_published_listing"
