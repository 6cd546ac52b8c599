"""The rights list as served: a draft is never served, published versions are kept as they
were shown, and the draft's content covers the remedies domain-round2.md §4–§7 verified."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service.filings import content
from service.filings.models import RightsList
from tests.filings.helpers import court_call, file_case, party
from tests.support import CourtSigner


@pytest.fixture
async def nothing_published(app: Starlette) -> AsyncIterator[None]:
    """The state of a court that has published no list yet (the session database is shared,
    so the published versions are hidden as drafts for this test and restored after it)."""
    hidden = list(await RightsList.filter(seeded=False).values_list("version", flat=True))
    await RightsList.filter(version__in=hidden).update(seeded=True)
    try:
        yield
    finally:
        await RightsList.filter(version__in=hidden).update(seeded=False)


async def test_the_draft_is_never_served_nor_acknowledgeable_until_the_court_publishes(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
    nothing_published: None,
) -> None:
    """The seeded 「系统预置版本，待本院审定」 is not the court's text: serving it, or taking an
    acknowledgement of it, would tell applicants the court said what it has not."""
    draft = await RightsList.get(version=content.DEFAULT_VERSION)
    case = await file_case(client, court)
    url = f"/api/party/v1/cases/{case['case_id']}/rights-list"
    async with party(app, wechat_sandbox, case, 0) as applicant:
        served = await applicant.get(url)
        assert served.status_code == 404 and served.json()["code"] == "rights_list_not_published"
        ack = await applicant.post(
            f"{url}/acknowledgement",
            json={"version": draft.version, "content_sha256": draft.content_sha256},
        )
        assert ack.status_code == 409 and ack.json()["code"] == "rights_list_not_published"
        page = await applicant.get(f"/m/cases/{case['case_id']}/rights")
        assert "本院正在制定申请执行人权利清单" in page.text
        assert "待本院审定" not in page.text and "我已阅读并确认" not in page.text
        assert "rights-lists" not in page.text  # no court API instructions to a party


async def test_publishing_the_drafts_version_makes_it_the_courts_list(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
    nothing_published: None,
) -> None:
    """The court may adopt the draft as its own text by publishing that version."""
    draft = await RightsList.get(version=content.DEFAULT_VERSION)
    body = {"title": "申请执行人权利清单", "items": draft.items}
    try:
        published = await court_call(
            client, court, "PUT", f"/api/court/v1/rights-lists/{draft.version}", body
        )
        assert published.status_code == 200 and published.json()["seeded"] is False
        case = await file_case(client, court)
        async with party(app, wechat_sandbox, case, 0) as applicant:
            served = await applicant.get(f"/api/party/v1/cases/{case['case_id']}/rights-list")
            assert served.status_code == 200 and served.json()["version"] == draft.version
    finally:
        # Back to the draft for the other tests (the session's data is shared).
        await RightsList.filter(version=draft.version).update(
            seeded=True,
            title=draft.title,
            items=draft.items,
            content_sha256=draft.content_sha256,
            note=draft.note,
            published_at=draft.published_at,
        )


async def test_an_unacknowledged_version_is_kept_as_applicants_were_shown_it(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """What earlier applicants were shown is evidence of what they were told: never overwritten."""
    version = "k" + secrets.token_hex(4)  # a version nobody has acknowledged
    first = {"title": "清单", "items": [{"no": 1, "text": "内容"}]}
    path = f"/api/court/v1/rights-lists/{version}"
    assert (await court_call(client, court, "PUT", path, first)).status_code == 201
    before = await court_call(client, court, "GET", path)
    assert before.json()["acknowledgements"] == 0
    changed = await court_call(
        client,
        court,
        "PUT",
        f"/api/court/v1/rights-lists/{version}",
        {"title": "改过的清单", "items": [{"no": 1, "text": "别的内容"}]},
    )
    assert changed.status_code == 409 and changed.json()["code"] == "rights_list_published"
    after = await court_call(client, court, "GET", f"/api/court/v1/rights-lists/{version}")
    assert after.json()["content_sha256"] == before.json()["content_sha256"]


def test_the_draft_names_the_periods_and_routes_an_applicant_needs() -> None:
    """民诉法 Art. 238 / 民诉法解释 Arts. 302–304 (15 days to sue after an objection ruling);
    限制消费规定 Art. 4 (the applicant applies); 刑法 Art. 313 (拒执罪, 自诉); 民诉法 Art. 250
    (two years to apply)."""
    text = "\n".join(i.text for i in content.DEFAULT_ITEMS)
    for needed in (
        "十五日内向执行法院提起执行异议之诉",
        "第二百三十八条",
        "第三百零二条",
        "书面申请法院对其采取限制消费措施",
        "刑事自诉",
        "第三百一十三条",
        "申请执行的期间为二年",
        "第二百五十条",
    ):
        assert needed in text, needed


def test_the_private_prosecution_item_follows_art14_of_the_2024_refusal_interpretation() -> None:
    """法释〔2024〕13号 Art. 14: 「申请执行人有证据证明同时具有下列情形，人民法院认为符合刑事诉讼法
    第二百一十条第三项规定的，以自诉案件立案审理：（一）负有执行义务的人拒不执行判决、裁定，侵犯了
    申请执行人的人身、财产权利，应当依法追究刑事责任的；（二）申请执行人曾经提出控告，而公安机关
    或者人民检察院对负有执行义务的人不予追究刑事责任的。」 刑事诉讼法 Art. 210(三): 「被害人有
    证据证明对被告人侵犯自己人身、财产权利的行为应当依法追究刑事责任，而公安机关或者人民检察院
    不予追究被告人刑事责任的案件」. 法〔2018〕147号 item 1: the police not accepting the complaint,
    or not answering in writing within 60 days, also opens the private prosecution. The item
    names the person 「负有执行义务的人」 (not only the respondent: 担保人, 协助执行义务人 too,
    Art. 1) and both conditions, and cites all four texts."""
    (item,) = [i for i in content.DEFAULT_ITEMS if "刑事自诉" in i.text]
    for needed in (
        "负有执行义务的人拒不执行判决、裁定",
        "应当依法追究刑事责任",
        "曾经提出控告",
        "公安机关或者人民检察院不予追究刑事责任",
        "六十日内不予书面答复",
        "《刑法》第三百一十三条",
        "《刑事诉讼法》第二百一十条第（三）项",
        "法释〔2024〕13号）第十四条",
        "法〔2018〕147号）第一条",
    ):
        assert needed in item.text, needed
