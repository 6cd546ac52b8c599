"""The console's work pages (issue 17): 今日, 待人工送达, 失信公布, 异议, LED 屏, 审计日志.

State changes go through the same service functions as the court API, under the staff
member's name in the audit log; a role's forbidden action is absent from its page and
refused 403 when posted anyway.
"""

from __future__ import annotations

import asyncio
import io
import re
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode

import httpx
from openpyxl import load_workbook
from starlette.applications import Starlette

from notifiers.delivery import deliver_notification
from notifiers.models import ManualService, Notification
from sandbox.server import SandboxServer
from service import clock
from service.audit.models import AuditEntry
from service.filings.models import Objection, RightsList
from service.parties.models import Binding
from tests.console.support import csrf, signed_in
from tests.disclosure.helpers import listing_payload, unique_name
from tests.disclosure.test_import import _write_xlsx
from tests.factories import case_payload
from tests.filings.helpers import (
    court_call,
    make_case,
    notifications_for,
    party,
    party_pk,
    post_events,
    publish_rights_list,
)
from tests.filings.test_objections import COMPLETE, OBJECTION, PDF, RULING
from tests.support import CourtSigner


async def undeliverable_case(
    client: httpx.AsyncClient, court: CourtSigner
) -> tuple[dict[str, object], str, uuid.UUID]:
    """A filed case whose respondent has no WeChat and no phone: its notice is undeliverable."""
    payload = case_payload()
    respondent = unique_name("孙")
    payload["parties"][1]["name"] = respondent
    case = await make_case(client, court, parties=payload["parties"])
    await post_events(client, court, case, [("case_filed", "2024-03-01T09:00:00+08:00", {})])
    row = await Notification.get(
        case_id=case["case_id"], party__name=respondent, status="undeliverable"
    )
    return case, respondent, row.id


async def test_a_clerk_serves_an_undeliverable_notice_by_other_means(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case, respondent, nid = await undeliverable_case(client, court)
    async with signed_in(app, "clerk") as (c, name):
        dashboard = await c.get("/console/")
        assert 'href="/console/undeliverable"' in dashboard.text and "<svg" in dashboard.text
        # Other tests leave notices of their own: this case's, by its number.
        mine = {"case_no": str(case["case_no"])}
        page = await c.get("/console/undeliverable", params=mine)
        assert page.status_code == 200
        assert f"{name}（书记员）" in page.text
        body = page.text[page.text.index("<tbody>") :]
        row = body[body.index(str(case["case_no"])) :]
        row = row[: row.index("</tr>")]
        assert respondent in row and "立案" in row
        assert "未绑定微信且未登记手机号" in row  # the reason in Chinese, not a code
        assert f"/console/undeliverable/{nid}/served" in row

        exported = await c.get("/console/undeliverable.xlsx")
        assert exported.status_code == 200
        sheet = load_workbook(io.BytesIO(exported.content)).active
        assert sheet is not None
        rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
        assert rows[0][:2] == ["案号", "当事人"]
        assert [case["case_no"], respondent] in [r[:2] for r in rows]

        token = await csrf(c, "/console/undeliverable")
        form = {"csrf": token, "method": "post", "served_on": "2024-03-05", "note": "EMS 1234"}
        served = await c.post(f"/console/undeliverable/{nid}/served", data=form)
        assert served.status_code == 303, served.text
        after = await c.get("/console/undeliverable", params=mine)
        assert "该案号下没有待人工送达的通知" in after.text
        again = await c.post(f"/console/undeliverable/{nid}/served", data=form)
        assert again.status_code == 409 and "已登记" in again.text
    record = await ManualService.get(notification_id=nid)
    assert (record.method, str(record.served_on), record.note) == ("post", "2024-03-05", "EMS 1234")
    assert record.actor == f"staff:{name}"
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="notification.served_manually", target_id=str(nid)
    )


async def test_a_viewer_sees_no_actions_and_posting_them_is_refused(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case, _, nid = await undeliverable_case(client, court)
    listing = listing_payload()
    assert (
        await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    ).status_code == 201
    async with signed_in(app, "viewer") as (c, _):
        page = await c.get("/console/undeliverable", params={"case_no": str(case["case_no"])})
        assert str(case["case_no"]) in page.text and "/served" not in page.text
        found = await c.get("/console/listings", params={"q": listing["listing_id"]})
        assert listing["name"] in found.text and "/withdraw" not in found.text
        assert "审计日志" not in found.text
        token = await csrf(c)
        served = await c.post(
            f"/console/undeliverable/{nid}/served",
            data={"csrf": token, "method": "post", "served_on": "2024-03-05"},
        )
        assert served.status_code == 403
        withdraw_url = f"/console/listings/{listing['listing_id']}/withdraw"
        assert (await c.get(withdraw_url)).status_code == 403
        posted = await c.post(
            withdraw_url, data={"csrf": token, "reason": "performed", "confirm": "yes"}
        )
        assert posted.status_code == 403
        assert (await c.get("/console/audit")).status_code == 403
    assert not await ManualService.exists(notification_id=nid)
    public = await client.get(f"/api/court/v1/disclosures/{listing['listing_id']}")
    assert public.status_code in (401, 403)  # unsigned; the listing's state is checked below
    got = await court.request(client, "GET", f"/api/court/v1/disclosures/{listing['listing_id']}")
    assert got.json()["status"] != "withdrawn"


async def test_withdrawing_a_listing_needs_a_reason_and_a_confirmation(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    listing = listing_payload()
    created = await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    public_id = created.json()["public_id"]
    assert (await client.get(f"/disclosures/{public_id}")).status_code == 200
    async with signed_in(app, "disclosure") as (c, name):
        found = await c.get("/console/listings", params={"q": listing["name"]})
        url = f"/console/listings/{listing['listing_id']}/withdraw"
        assert url in found.text
        confirm = await c.get(url)
        assert confirm.status_code == 200 and "确认撤销" in confirm.text
        token = await csrf(c, url)
        unconfirmed = await c.post(url, data={"csrf": token, "reason": "performed"})
        assert unconfirmed.status_code == 422
        assert (await client.get(f"/disclosures/{public_id}")).status_code == 200
        done = await c.post(
            url, data={"csrf": token, "reason": "performed", "note": "已履行", "confirm": "yes"}
        )
        assert done.status_code == 303
    assert (await client.get(f"/disclosures/{public_id}")).status_code == 410
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="disclosure.withdrawn", target_id=listing["listing_id"]
    )


async def test_a_clerk_files_an_objection_and_the_applicant_is_told(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await make_case(client, court)
    await post_events(client, court, case, [*COMPLETE, RULING])
    async with party(app, wechat_sandbox, case, 0) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/objections", json=OBJECTION
        )
        assert filed.status_code == 201, filed.text
        oid = filed.json()["objection_id"]
        uploaded = await applicant.post(
            f"/api/party/v1/objections/{oid}/attachments",
            files={"file": ("证据.pdf", PDF, "application/pdf")},
        )
        assert uploaded.status_code == 201, uploaded.text
    attachment_id = uploaded.json()["attachments"][0]["attachment_id"]
    async with signed_in(app, "clerk") as (c, name):
        listed = await c.get("/console/objections")
        assert filed.json()["receipt_no"] in listed.text
        detail = await c.get(f"/console/objections/{oid}")
        assert "已立案" in detail.text and "不予受理" in detail.text
        link = f"/console/objections/{oid}/attachments/{attachment_id}"
        assert link in detail.text and "证据.pdf" in detail.text
        shown = await c.get(link)
        assert shown.status_code == 200 and shown.content == PDF
        assert shown.headers["content-type"] == "application/pdf"
        assert shown.headers["content-disposition"].startswith("inline")
        assert "default-src 'none'" in shown.headers["content-security-policy"]
        token = await csrf(c, f"/console/objections/{oid}")
        moved = await c.post(
            f"/console/objections/{oid}/status",
            data={"csrf": token, "status": "filed", "note": "符合立案条件"},
        )
        assert moved.status_code == 303
        invalid = await c.post(
            f"/console/objections/{oid}/status", data={"csrf": token, "status": "received"}
        )
        assert invalid.status_code == 409 and "不能变更为所选状态" in invalid.text
    assert (await Objection.get(id=oid)).status == "filed"
    listed_api = await court_call(
        client, court, "GET", "/api/court/v1/objections?status=filed&limit=500"
    )
    mine = [i for i in listed_api.json()["items"] if i["objection_id"] == oid]
    assert mine and mine[0]["objector_name"] == "张三"  # the court API names the objector
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="objection.status_changed", target_id=oid
    )
    messages = await notifications_for(case, 0, "objection_status_changed")
    assert len(messages) == 1
    await deliver_notification(str(messages[0].id), app.state.delivery_deps)
    binding = await Binding.get(party_id=await party_pk(case, 0))
    async with httpx.AsyncClient() as admin:
        inbox = await admin.get(
            f"{wechat_sandbox.url}/_sandbox/messages", params={"touser": binding.oa_openid}
        )
    received = [m for m in inbox.json() if (m.get("url") or "").endswith("/objection")]
    assert len(received) == 1, inbox.text
    assert "已立案" in str(received[0])


async def test_the_admin_reads_and_filters_the_audit_log(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    async with signed_in(app, "clerk") as (_, clerk):
        pass
    async with signed_in(app, "admin") as (c, _):
        page = await c.get("/console/audit", params={"actor": f"staff:{clerk}"})
        assert page.status_code == 200
        assert "staff.signed_in" in page.text and f"staff:{clerk}" in page.text
        other = await c.get("/console/audit", params={"actor": f"staff:{clerk}", "action": "x."})
        assert "staff.signed_in" not in other.text


async def test_screens_page_refreshes_itself_and_shows_compliance(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    screen = {
        "screen_id": f"console-{uuid.uuid4().hex[:8]}",
        "location": "执行大厅",
        "rows": 8,
        "cols": 24,
        "mode": "pull",
    }
    registered = await court_call(client, court, "POST", "/api/court/v1/screens", screen)
    assert registered.status_code == 201, registered.text
    async with signed_in(app, "viewer") as (c, _):
        page = await c.get("/console/screens")
        assert page.status_code == 200
        assert '<meta http-equiv="refresh"' in page.text
        row = page.text[page.text.index(screen["screen_id"]) :]
        assert "执行大厅" in row[: row.index("</tr>")] and "已同步" in row[: row.index("</tr>")]


async def test_the_court_api_names_case_node_party_and_reason_of_each_notification(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case, respondent, nid = await undeliverable_case(client, court)
    query = urlencode({"case_no": case["case_no"]})
    response = await court_call(client, court, "GET", f"/api/court/v1/notifications?{query}")
    assert response.status_code == 200, response.text
    items = {i["notification_id"]: i for i in response.json()["items"]}
    item = items[str(nid)]
    assert item["case_no"] == case["case_no"]
    assert (item["node"], item["node_name"]) == ("case_filed", "立案受理")
    assert item["party_name"] == respondent
    assert item["reason"] == "当事人未绑定微信且未登记手机号，无可用送达渠道"
    created = [i["created_at"] for i in response.json()["items"]]
    assert created == sorted(created, reverse=True)  # newest first
    walked: list[str] = []
    cursor = ""
    while True:  # one a page: the cursor continues newest first, nothing twice
        page = await court_call(
            client, court, "GET", f"/api/court/v1/notifications?{query}&limit=1{cursor}"
        )
        walked += [i["notification_id"] for i in page.json()["items"]]
        if "next_cursor" not in page.json():
            break
        cursor = f"&cursor={page.json()['next_cursor']}"
    assert walked == [i["notification_id"] for i in response.json()["items"]]
    others = [i for i in items.values() if i["status"] in ("created", "sending", "sent")]
    assert all(i["reason"] is None for i in others)


async def test_find_a_case_by_number_or_party_name_and_see_why_a_notice_failed(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case, respondent, _ = await undeliverable_case(client, court)
    async with signed_in(app, "viewer") as (c, _):
        by_no = await c.get("/console/cases", params={"q": case["case_no"]})
        assert by_no.status_code == 303
        assert by_no.headers["location"] == f"/console/cases/{case['case_id']}"
        by_name = await c.get("/console/cases", params={"q": respondent})
        assert f"/console/cases/{case['case_id']}" in by_name.text
        detail = await c.get(f"/console/cases/{case['case_id']}")
        assert detail.status_code == 200
        section = detail.text[detail.text.index(respondent) :]
        assert "无渠道" in section and "无法送达" in section
        assert "无可用送达渠道" in section  # the reason in Chinese
        assert "立案受理" in detail.text
        assert (await c.get("/console/cases/not-a-case")).status_code == 404


async def test_disclosure_staff_register_a_screen_and_rotate_its_token_shown_once(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    screen_id = f"hall-{uuid.uuid4().hex[:8]}"
    feed = f"/api/led/v1/screens/{screen_id}/feed"
    async with signed_in(app, "viewer") as (c, _):
        page = await c.get("/console/screens")
        assert "/console/screens/register" not in page.text and "更换令牌" not in page.text
        assert (await c.get("/console/screens/register")).status_code == 403
        token = await csrf(c, "/console/screens")
        refused = await c.post(
            "/console/screens/register",
            data={"csrf": token, "screen_id": screen_id, "rows": "8", "cols": "24", "mode": "pull"},
        )
        assert refused.status_code == 403
    async with signed_in(app, "disclosure") as (c, name):
        assert 'href="/console/screens/register"' in (await c.get("/console/screens")).text
        form = {"screen_id": screen_id, "location": "诉讼服务中心", "rows": "8", "cols": "24"}
        token = await csrf(c, "/console/screens/register")
        bad = await c.post(
            "/console/screens/register", data={**form, "csrf": token, "mode": "sideways"}
        )
        assert bad.status_code == 422 and "登记信息有误" in bad.text
        made = await c.post(
            "/console/screens/register", data={**form, "csrf": token, "mode": "pull"}
        )
        assert made.status_code == 200 and "只显示这一次" in made.text
        first = re.search(r'id="screen-token">([^<]+)<', made.text)
        assert first
        ok = await client.get(feed, headers={"Authorization": f"Bearer {first.group(1)}"})
        assert ok.status_code == 200
        assert f"/console/screens/{screen_id}/token" in (await c.get("/console/screens")).text
        rotated = await c.post(f"/console/screens/{screen_id}/token", data={"csrf": token})
        second = re.search(r'id="screen-token">([^<]+)<', rotated.text)
        assert second and second.group(1) != first.group(1)
        old = await client.get(feed, headers={"Authorization": f"Bearer {first.group(1)}"})
        assert old.status_code == 401
        new = await client.get(feed, headers={"Authorization": f"Bearer {second.group(1)}"})
        assert new.status_code == 200
    assert await AuditEntry.exists(actor=f"staff:{name}", action="screen.registered")
    assert await AuditEntry.exists(actor=f"staff:{name}", action="screen.updated")


async def test_overdue_rights_list_acknowledgements_are_listed_and_exported(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """Reminders after 3 and 7 days (rights_reminder_days); after the last one an applicant
    who has not acknowledged is overdue (contract §1.8); only a published list is served."""
    await publish_rights_list(client, court)
    case, _, _ = await undeliverable_case(client, court)
    clock.advance(timedelta(days=8))
    async with signed_in(app, "viewer") as (c, _):
        listed = await c.get("/console/acknowledgements")
        for _ in range(100):  # oldest case first across the session's cases: page on
            assert listed.status_code == 200
            more = re.search(r'href="\?cursor=([^"]+)"', listed.text)
            if str(case["case_no"]) in listed.text or not more:
                break
            listed = await c.get("/console/acknowledgements", params={"cursor": unquote(more[1])})
        row = listed.text[listed.text.index(str(case["case_no"])) :]
        assert "逾期未确认" in row[: row.index("</tr>")]
        exported = await c.get(
            "/console/acknowledgements.xlsx", params={"case_no": case["case_no"]}
        )
        sheet = load_workbook(io.BytesIO(exported.content)).active
        assert sheet is not None
        rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
        assert [case["case_no"], "张三", "逾期未确认"] in [r[:3] for r in rows]
        detail = await c.get(f"/console/cases/{case['case_id']}")
        assert "张三：" in detail.text and "逾期未确认" in detail.text


async def test_an_admin_drafts_previews_and_publishes_a_rights_list_version(
    app: Starlette,
) -> None:
    version = f"c{uuid.uuid4().hex[:10]}"
    async with signed_in(app, "clerk") as (c, _):
        assert (await c.get("/console/rights")).status_code == 403
        token = await csrf(c)
        posted = await c.post("/console/rights/publish", data={"csrf": token})
        assert posted.status_code == 403
    async with signed_in(app, "admin") as (c, name):
        page = await c.get("/console/rights")
        assert page.status_code == 200 and "default" in page.text  # the history
        token = await csrf(c, "/console/rights")
        bad = await c.post(
            "/console/rights/draft",
            data={"csrf": token, "version": "no spaces", "title": "标题", "items": "一"},
        )
        assert bad.status_code == 422
        saved = await c.post(
            "/console/rights/draft",
            data={
                "csrf": token,
                "version": version,
                "title": "申请执行人权利清单（本院版）",
                "items": "有权申请查询被执行人财产\n\n有权申请采取强制措施\n",
            },
        )
        assert saved.status_code == 303 and saved.headers["location"] == "/console/rights/preview"
        preview = await c.get("/console/rights/preview")
        assert 'src="/console/rights/preview/frame"' in preview.text
        frame = await c.get("/console/rights/preview/frame")
        assert frame.status_code == 200
        assert "frame-ancestors 'self'" in frame.headers["content-security-policy"]
        assert "申请执行人权利清单（本院版）" in frame.text
        assert '<li value="2">有权申请采取强制措施</li>' in frame.text
        assert not await RightsList.exists(version=version)  # a draft is not published
        published = await c.post("/console/rights/publish", data={"csrf": token})
        assert published.status_code == 303
        assert version in (await c.get("/console/rights")).text
    row = await RightsList.get(version=version)
    assert [i["text"] for i in row.items] == ["有权申请查询被执行人财产", "有权申请采取强制措施"]
    assert await AuditEntry.exists(
        actor=f"staff:{name}", action="rights_list.published", target_id=version
    )


async def test_disclosure_staff_import_a_spreadsheet_and_read_the_per_row_report(
    app: Starlette, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    good = [listing_payload() for _ in range(3)]
    bad = listing_payload(name=None)
    path = tmp_path / "名单.xlsx"
    _write_xlsx(path, [good[0], bad, *good[1:]])
    async with signed_in(app, "viewer") as (c, _):
        page = await c.get("/console/listings")
        assert "/console/listings/import" not in page.text
        assert (await c.get("/console/listings/import")).status_code == 403
    async with signed_in(app, "disclosure") as (c, name):
        token = await csrf(c, "/console/listings/import")
        wrong = await c.post(
            "/console/listings/import",
            data={"csrf": token},
            files={"file": ("名单.txt", b"x", "text/plain")},
        )
        assert wrong.status_code == 422
        started = await c.post(
            "/console/listings/import",
            data={"csrf": token},
            files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
        )
        assert started.status_code == 303, started.text
        job = started.headers["location"]
        status = await c.get(job)
        assert status.status_code == 200 and 'id="import-progress"' in status.text
        for _ in range(2000):  # the import runs in the background: wait for the report
            if "导入完成" in status.text:
                break
            await asyncio.sleep(0.05)
            status = await c.get(job)
            assert status.status_code == 200, status.text
        assert "共 4 行，新增 3" in status.text and "拒绝 1" in status.text
        report = status.text[status.text.index("被拒绝的行") :]
        assert "<td>3</td>" in report and "missing_field" in report  # line 3 of the file
        assert '<meta http-equiv="refresh"' not in status.text  # finished: stops refreshing
    for payload in good:
        assert await AuditEntry.exists(actor=f"staff:{name}", target_id=payload["listing_id"])
