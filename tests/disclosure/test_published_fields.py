"""失信规定 Art. 6 「记载和公布的失信被执行人名单信息应当包括」 — what the web page, the API and
the detail page show — and every date shown to a person in court time (Asia/Shanghai)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx

from disclosure.models import Listing
from service.identifiers import age_on
from tests.disclosure.helpers import listing_payload, organization_payload, publish
from tests.factories import resident_id
from tests.support import CourtSigner

COURT = "/api/court/v1/disclosures"
SEARCH = "/api/public/v1/disclosures"


async def test_filing_date_basis_unit_and_age_are_published_everywhere(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    """Art. 6(二) 「自然人的姓名、性别、年龄、身份证号码」; Art. 6(五) 「执行依据的制作单位和文号、
    执行案号、立案时间、执行法院」."""
    id_no = resident_id("19800101")
    payload = listing_payload(id_no=id_no, filed_at="2024-03-01", basis_unit="宁波市中级人民法院")
    public_id = await publish(client, court, payload)
    age = age_on(id_no, date.fromisoformat(str(payload["decided_at"])))

    (item,) = (await public.get(SEARCH, params={"name": payload["name"]})).json()["items"]
    assert (item["filed_at"], item["basis_unit"], item["age"]) == (
        "2024-03-01",
        "宁波市中级人民法院",
        age,
    )
    listed = await court.request(client, "GET", f"{COURT}/{payload['listing_id']}")
    assert listed.json()["filed_at"] == "2024-03-01" and listed.json()["age"] == age

    detail = (await public.get(f"/disclosures/{public_id}")).text
    for label, value in (("立案时间", "2024年3月1日"), ("做出执行依据单位", "宁波市中级人民法院")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in detail
    assert f"<dt>年龄</dt><dd>{age}</dd>" in detail
    board = (await public.get("/disclosures")).text
    assert f"<dt>年龄</dt><dd>{age}</dd>" in board and "<dt>立案时间</dt>" in board

    org = organization_payload()
    await publish(client, court, org)
    (org_item,) = (await public.get(SEARCH, params={"name": org["name"]})).json()["items"]
    assert org_item["age"] is None and org_item["filed_at"] is None

    late = await court.request(client, "POST", COURT, listing_payload(filed_at="2099-01-01"))
    assert late.status_code == 422
    assert late.json()["errors"][0]["code"] == "filed_at_invalid"


async def test_a_listing_public_from_midnight_beijing_is_dated_that_day(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    """Dates shown to a person are court dates: 00:30 on 1 June in Beijing is 16:30 UTC on
    31 May, and the page says 2024-06-01."""
    payload = listing_payload()
    public_id = await publish(client, court, payload)
    await Listing.filter(public_id=public_id).update(
        published_at=datetime(2024, 5, 31, 16, 30, tzinfo=UTC)
    )
    detail = (await public.get(f"/disclosures/{public_id}")).text
    assert "<dt>发布时间</dt><dd>2024年6月1日</dd>" in detail
    (item,) = (await public.get(SEARCH, params={"name": payload["name"]})).json()["items"]
    assert item["published_at"] == "2024-06-01T00:30:00+08:00"
