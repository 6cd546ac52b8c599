"""What a person reads and types (issue 18), without a browser: one date and amount format,
binding input made forgiving, the check character checked before a try, an expired session's
form kept as a draft, one objection per 终本 ruling, texts that end with a next step."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
from starlette.applications import Starlette

from notifiers.sms import sms_text
from sandbox.server import SandboxServer
from service.parties import bind_input
from service.parties.links import short_case_path
from service.web.formats import amount_zh, date_zh, datetime_zh
from tests.factories import credit_code, mistyped, resident_id
from tests.filings.helpers import party
from tests.filings.test_objections import COMPLETE, OBJECTION, terminated_case
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner


def test_one_date_and_amount_format_everywhere() -> None:
    assert date_zh(date(2026, 12, 9)) == "2026年12月9日"
    assert date_zh("2026-12-09") == "2026年12月9日"
    # A time is the court's (Asia/Shanghai) day: 20:00 UTC on the 8th is the 9th in Ningbo.
    assert date_zh(datetime(2026, 12, 8, 20, 0, tzinfo=UTC)) == "2026年12月9日"
    assert datetime_zh(datetime(2026, 12, 8, 20, 5, tzinfo=UTC)) == "2026年12月9日 04:05"
    assert datetime_zh("2024-04-02T10:15:00+08:00") == "2024年4月2日 10:15"
    assert amount_zh(Decimal("150000")) == "150,000.00 元"
    assert amount_zh("114000.00") == "114,000.00 元"
    assert amount_zh(36000) == "36,000.00 元"
    assert amount_zh(None) == "-"


@pytest.mark.parametrize(
    "typed",
    [
        "2024浙0203执3001",
        "（2024）浙0203执3001号",
        "(2024)浙0203执3001",
        " ( 2024 ) 浙0203执 3001 号 ",
        "〔2024〕浙0203执3001号",
        "（２０２４）浙０２０３执３００１号",
    ],
)
def test_a_case_number_is_read_however_it_is_typed(typed: str) -> None:
    assert bind_input.case_number(typed) == "（2024）浙0203执3001号"


def test_names_and_numbers_lose_only_what_cannot_matter() -> None:
    assert bind_input.name("张 三") == "张三"
    assert bind_input.name(" 宁波　某某 贸易有限公司 ") == "宁波某某贸易有限公司"
    assert bind_input.name("ABC  Trading Co") == "ABC Trading Co"
    assert bind_input.identity("3302 0319 8001 0100 1x") == "33020319800101001X"


def test_gb11643_and_gb32100_check_characters_are_checked_before_a_try() -> None:
    """GB 11643-1999 (居民身份证号码) and GB 32100-2015 (统一社会信用代码): a number whose
    check character does not match is certainly mistyped."""
    good_id, good_code = resident_id(), credit_code()
    case_no = "（2024）浙0203执3001号"
    assert bind_input.problems(case_no, good_id) == []
    assert bind_input.problems(case_no, good_code) == []
    wrong = mistyped(good_id)
    [problem] = bind_input.problems(case_no, wrong)
    assert problem.field == "id_no" and "校验码" in problem.message
    [short] = bind_input.problems(case_no, good_id[:16])
    assert "18 位" in short.message and "16 位" in short.message
    [bad_case] = bind_input.problems("（2024）浙0203民初1号", good_id)
    assert bad_case.field == "case_no"


async def test_a_wrong_check_character_costs_no_try(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await terminated_case(client, court, COMPLETE[:2])
    applicant = case["parties"][0]
    wrong = mistyped(applicant["id_no"])
    async with party(app, wechat_sandbox, None) as browser:
        token = await _csrf(browser, "/m/bind")
        for _ in range(7):
            refused = await browser.post(
                "/m/bind",
                data={"csrf": token, "case_no": case["case_no"], "name": "张三", "id_no": wrong},
            )
            assert refused.status_code == 422 and "校验码" in refused.text
            assert f'value="{wrong}"' in refused.text  # what was typed is kept
        bound = await browser.post(
            "/m/bind",
            data={
                "csrf": token,
                "case_no": case["case_no"].strip("（）号").replace("）", ""),
                "name": " ".join(applicant["name"]),
                "id_no": applicant["id_no"],
                "access_code": applicant["access_code"],
            },
        )
        assert bound.status_code == 303, bound.text  # not locked out, and forgiving


async def _csrf(browser: httpx.AsyncClient, path: str) -> str:
    page = await browser.get(path)
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert match, page.text
    return match.group(1)


async def test_an_expired_session_answers_a_page_and_keeps_the_form(
    app: Starlette, wechat_sandbox: SandboxServer
) -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as browser:
        await sign_in_h5(browser, wechat_sandbox, path="/m/bind")
        token = await _csrf(browser, "/m/bind")
        browser.cookies.delete("mc_session")  # the session is gone; the form is sent anyway
        id_no = resident_id()
        typed = {"csrf": token, "case_no": "2024浙0203执3001", "name": "张三", "id_no": id_no}
        expired = await browser.post("/m/bind", data=typed)
        assert expired.status_code == 401
        assert expired.headers["content-type"].startswith("text/html")
        assert "登录已过期" in expired.text and "2024浙0203执3001" in expired.text
        assert id_no not in expired.text  # kept, not printed
        assert expired.headers["cache-control"] == "no-store"
        draft = re.search(r'href="(/m/bind\?draft=[^"]+)"', expired.text)
        assert draft
        # Signed in again (as WeChat would), the form comes back filled in, once.
        await sign_in_h5(browser, wechat_sandbox, path=draft.group(1))
        back = await browser.get(draft.group(1))
        assert "已恢复您上次填写的内容" in back.text
        assert f'value="{id_no}"' in back.text and 'value="2024浙0203执3001"' in back.text
        again = await browser.get(draft.group(1))
        assert id_no not in again.text
    # Another browser with the link but not the draft cookie gets nothing.
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        await sign_in_h5(other, wechat_sandbox)
        assert id_no not in (await other.get(draft.group(1))).text


async def test_one_objection_per_ruling(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """民事诉讼法第二百三十六条: one written objection to the 终本 ruling; a decided one is
    reviewed by 复议, not objected to again."""
    case = await terminated_case(client, court, COMPLETE[:5])
    base = f"/api/party/v1/cases/{case['case_id']}"
    async with party(app, wechat_sandbox, case, 0) as applicant:
        assert (await applicant.post(f"{base}/objections", json=OBJECTION)).status_code == 201
        second = await applicant.post(f"{base}/objections", json=OBJECTION)
        assert second.status_code == 409 and second.json()["code"] == "objection_exists"


def test_a_text_ends_with_the_next_step_and_a_short_link() -> None:
    """For 终本 the text says an objection is possible and that the court rules within 15
    days of receiving it (民事诉讼法第二百三十六条)."""
    variables = {
        "case_no": "（2024）浙0203执3001号",
        "node_name": "终结本次执行程序（终本裁定送达）",
        "summary": "终本裁定已送达，可申请恢复执行",
        "occurred_at": "2026-12-09T09:00:00+08:00",
        "case_path": short_case_path("6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5"),
        "next_step": "如认为终本不符合规定，可向执行法院提出书面异议，法院收到后15日内审查裁定",
    }
    text = sms_text("宁波市海曙区人民法院", variables, "https://court.example.cn")
    assert text.startswith("【宁波市海曙区人民法院】")
    assert "书面异议" in text and "15日内" in text
    assert text.endswith("详情：https://court.example.cn/m/c/6f1c2d3e4b")
    assert len(text) <= 3 * 67


async def test_the_short_link_opens_the_partys_own_case_only(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    case = await terminated_case(client, court, COMPLETE[:2])
    path = short_case_path(case["case_id"])
    async with party(app, wechat_sandbox, case, 0) as applicant:
        opened = await applicant.get(path)
        assert opened.status_code == 303
        assert opened.headers["location"] == f"/m/cases/{case['case_id']}"
    async with party(app, wechat_sandbox, None) as stranger:
        refused = await stranger.get(path)
        assert refused.status_code == 404 and "未找到该案件" in refused.text


@pytest.mark.parametrize(
    ("path", "fields", "shown"),
    [
        ("/m/preferences", {"quiet_start": "21:30", "quiet_end": "07:00"}, "21:30"),
        ("/m/display", {"large_text": "1", "back": "/m/"}, ""),
        ("/m/logout", {}, ""),
    ],
)
async def test_every_party_form_without_a_session_says_so(
    app: Starlette, path: str, fields: dict[str, str], shown: str
) -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as browser:
        answer = await browser.post(path, data={"csrf": "stale", **fields})
    assert answer.headers["content-type"].startswith("text/html")
    if path == "/m/logout":  # signed out already: the signed-out page
        assert answer.status_code == 200
        return
    assert answer.status_code == 401 and "登录已过期" in answer.text
    assert shown in answer.text


async def test_a_multipart_form_without_a_session_keeps_its_text_not_its_files(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case = await terminated_case(client, court, COMPLETE[:2])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as browser:
        answer = await browser.post(
            f"/m/cases/{case['case_id']}/objection?csrf=stale",
            data={"grounds": "online_search_twice", "facts": "只查控了一次"},
            files={"files": ("证据.pdf", b"%PDF-1.4\n", "application/pdf")},
        )
        assert answer.status_code == 401
        assert "只查控了一次" in answer.text and "已进行至少两次网络查控" in answer.text
        assert "附件文件没有保存" in answer.text
        rights = await browser.post(f"/m/cases/{case['case_id']}/rights", data={"csrf": "x"})
        assert rights.status_code == 401 and "登录已过期" in rights.text
