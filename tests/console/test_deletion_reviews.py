"""失信公布 → 删除审查 in the console (失信规定 Art. 10, Art. 2 para 2; contract §9.3).

The list shows open reviews with their ground and 3-working-day due day, filtered and paged;
the detail offers the ``disclosure`` role the court API's two ways out (keep with a note,
withdraw with a reason valid for the listing), audited under the staff member's name; other
roles see neither and are refused 403 if they post.
"""

from __future__ import annotations

from typing import Any

import httpx
from starlette.applications import Starlette

from disclosure.models import Listing
from service import calendar, clock
from service.audit.models import AuditEntry
from tests.console.support import csrf, signed_in
from tests.disclosure.test_deletion import ago, listed
from tests.filings.helpers import make_case, post_events
from tests.support import CourtSigner


async def closed_with_a_period(client: httpx.AsyncClient, court: CourtSigner) -> dict[str, Any]:
    """A listing with a period whose case closed 执行完毕: Art. 10 para 2 sends it to review."""
    case = await make_case(client, court)
    payload = await listed(client, court, case, circumstance=2, period_years=2)
    await post_events(client, court, case, [("closed", ago(1), {"mode": "fully_performed"})])
    return payload


async def test_art10_reviews_are_listed_with_ground_and_due_day_and_filtered(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """Art. 10 para 1 「应当在三个工作日内删除」: each open review with its due day; the list
    filters by ground (closure / Art. 10(4)) and by overdue, and links to the review."""
    payload = await closed_with_a_period(client, court)
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert listing.deletion_review_due is not None
    async with signed_in(app, "viewer") as (c, _):
        page = await c.get("/console/deletion-reviews")
        assert page.status_code == 200
        assert f"/console/deletion-reviews/{payload['listing_id']}" in page.text
        assert listing.deletion_review_due.isoformat() in page.text
        assert "结案（执行完毕）" in page.text
        by_closure = await c.get("/console/deletion-reviews", params={"ground": "closed"})
        assert payload["listing_id"] in by_closure.text
        by_art10_4 = await c.get("/console/deletion-reviews", params={"ground": "art10_4"})
        assert payload["listing_id"] not in by_art10_4.text
        overdue = await c.get("/console/deletion-reviews", params={"overdue": "1"})
        late = calendar.missed(listing.deletion_review_due, None, clock.now())
        assert (payload["listing_id"] in overdue.text) is late
        detail = await c.get(f"/console/deletion-reviews/{payload['listing_id']}")
        assert detail.status_code == 200 and "第十条第二款" in detail.text
        assert "保留名单" not in detail.text and "/withdraw" not in detail.text  # a viewer
        dashboard = await c.get("/console/")
        assert 'id="count-deletions"' in dashboard.text


async def test_art2_para2_keep_or_withdraw_a_reviewed_listing_audited_by_name(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """Art. 10 para 2: a listing with a period is not deleted on Art. 10 para 1's grounds, so the
    withdraw page offers only the reasons that may delete it (early deletion, Art. 2 para 2);
    keeping needs a note; both are audited under the staff member's name."""
    kept = await closed_with_a_period(client, court)
    withdrawn = await closed_with_a_period(client, court)
    async with signed_in(app, "clerk") as (c, _):
        token = await csrf(c)
        refused = await c.post(
            f"/console/deletion-reviews/{kept['listing_id']}/keep",
            data={"csrf": token, "note": "x"},
        )
        assert refused.status_code == 403
    async with signed_in(app, "disclosure") as (c, name):
        detail_url = f"/console/deletion-reviews/{kept['listing_id']}"
        detail = await c.get(detail_url)
        assert "保留名单，结束审查" in detail.text
        token = await csrf(c, detail_url)
        no_note = await c.post(f"{detail_url}/keep", data={"csrf": token, "note": ""})
        assert no_note.status_code == 422 and "保留名单的理由" in no_note.text
        done = await c.post(
            f"{detail_url}/keep", data={"csrf": token, "note": "申请执行人不同意提前删除"}
        )
        assert done.status_code == 303
        after = await c.get(done.headers["location"])
        assert "审查已结束" in after.text and "审查后保留" in after.text
        again = await c.post(f"{detail_url}/keep", data={"csrf": token, "note": "再次"})
        assert again.status_code == 409 and "没有待处理的删除审查" in again.text
        assert kept["listing_id"] not in (await c.get("/console/deletion-reviews")).text

        url = f"/console/listings/{withdrawn['listing_id']}/withdraw"
        confirm = await c.get(url)
        assert 'value="early_deletion"' in confirm.text
        assert 'value="performed"' not in confirm.text  # Art. 10 para 2
        wrong = await c.post(url, data={"csrf": token, "reason": "performed", "confirm": "yes"})
        assert wrong.status_code == 422 and "第十条第二款" in wrong.text
        ok = await c.post(url, data={"csrf": token, "reason": "early_deletion", "confirm": "yes"})
        assert ok.status_code == 303
    assert (await Listing.get(listing_id=withdrawn["listing_id"])).status == "withdrawn"
    for action, target in (
        ("disclosure.deletion_review_kept", kept["listing_id"]),
        ("disclosure.withdrawn", withdrawn["listing_id"]),
    ):
        assert await AuditEntry.exists(actor=f"staff:{name}", action=action, target_id=target)
