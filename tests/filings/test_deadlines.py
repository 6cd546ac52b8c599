"""Objection deadlines (service.filings.deadlines), counted as 民诉法 Art. 85 counts periods."""

from __future__ import annotations

from dataclasses import astuple
from datetime import UTC, date, datetime, time, timedelta

import httpx
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service import calendar, clock
from service.filings.deadlines import objection_deadlines, overdue
from service.web.formats import date_zh
from tests.filings.helpers import court_call, party
from tests.filings.test_objections import COMPLETE, OBJECTION, terminated_case
from tests.support import CourtSigner


def test_art85_receipt_day_not_counted_review_due_on_sunday_moves_to_monday() -> None:
    """执行异议规定 Art. 2 「三日内立案」 and 民诉法 Art. 236 「十五日内审查」, counted per
    民诉法 Art. 85: 「期间开始的时和日，不计算在期间内」 and
    「期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期」.
    Received Saturday 2024-06-01 (23:30 Shanghai): filing due Tuesday 06-04;
    the review's 15th day is Sunday 06-16, so it is due Monday 06-17."""
    due = objection_deadlines(datetime(2024, 6, 1, 15, 30, tzinfo=UTC))
    assert due.filing_due == date(2024, 6, 4)
    assert due.decision_due == date(2024, 6, 17)
    # 16:30 UTC is already June 2nd in Shanghai.
    assert objection_deadlines(datetime(2024, 6, 1, 16, 30, tzinfo=UTC)).filing_due == date(
        2024, 6, 5
    )


def test_art85_review_due_sunday_2024_06_16_is_not_overdue_that_sunday() -> None:
    """民诉法 Art. 85: the court whose 15th day falls on Sunday 2024-06-16 has until the end of
    Monday 06-17; nobody may call it 「已超期」 on the Sunday or the Monday."""
    due = objection_deadlines(datetime(2024, 6, 1, 1, 0, tzinfo=UTC)).decision_due
    sunday_evening = datetime(2024, 6, 16, 15, 59, tzinfo=UTC)  # 23:59 local
    monday_evening = datetime(2024, 6, 17, 15, 59, tzinfo=UTC)
    tuesday = datetime(2024, 6, 17, 16, 0, tzinfo=UTC)  # 00:00 on the 18th local
    assert not overdue(due, None, sunday_evening)
    assert not overdue(due, None, monday_evening)
    assert overdue(due, None, tuesday)
    assert not overdue(due, monday_evening, tuesday + timedelta(days=30))
    assert overdue(due, tuesday, tuesday + timedelta(days=30))


def test_art85_last_day_in_the_national_day_holiday_moves_past_it() -> None:
    """民诉法 Art. 85 with the State Council's 2026 arrangement (国庆 10-01..10-07, 调休 working
    Saturday 10-10): received 09-16 → day 15 is 10-01 → due Thursday 10-08; received 09-24 →
    due 10-09; received 09-25 → day 15 is Saturday 10-10, a working day, so it stays 10-10.
    Rest days inside the period are not deducted."""

    def due(day: int) -> date:
        received = datetime(2026, 9, day, 10, 0, tzinfo=calendar.SHANGHAI)
        return objection_deadlines(received).decision_due

    assert due(16) == date(2026, 10, 8)
    assert due(24) == date(2026, 10, 9)
    assert due(25) == date(2026, 10, 10)


@given(st.datetimes(min_value=datetime(2004, 1, 1), max_value=datetime(2026, 12, 1)))
def test_art85_due_day_is_the_first_working_day_on_or_after_day_n(moment: datetime) -> None:
    """民诉法 Art. 85: the period never ends before day N after receipt, ends on a working day,
    and every day between day N and the due day is a rest day."""
    received = moment.replace(tzinfo=UTC)
    day0 = calendar.local_day(received)
    for due, n in zip(astuple(objection_deadlines(received)), (3, 15), strict=True):
        nth = day0 + timedelta(days=n)
        assert due >= nth
        assert calendar.is_working_day(due)
        assert all(calendar.is_rest_day(nth + timedelta(days=i)) for i in range((due - nth).days))


async def test_art85_objection_page_says_nothing_is_late_while_the_court_is_not(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """民诉法 Art. 85 on the objector's page: received on a Saturday, the 15th day is a Sunday,
    so the court has until the next working day; on that Sunday the page must not say
    「已超期」. Once the moved last day is over, it does."""
    local = clock.local_now()
    saturday = (local + timedelta(days=(5 - local.weekday()) % 7 or 7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    clock.advance(saturday - local)
    case = await terminated_case(client, court, COMPLETE[:5])
    async with party(app, wechat_sandbox, case, 0) as applicant:
        filed = await applicant.post(
            f"/api/party/v1/cases/{case['case_id']}/objections", json=OBJECTION
        )
        assert filed.status_code == 201, filed.text
    receipt = filed.json()
    fifteenth = saturday.date() + timedelta(days=15)
    assert calendar.is_rest_day(fifteenth)
    assert date.fromisoformat(receipt["decision_due"]) == calendar.next_working_day(fifteenth)
    status = f"/api/court/v1/objections/{receipt['objection_id']}/status"
    assert (await court_call(client, court, "POST", status, {"status": "filed"})).status_code == 200

    async def page_at(moment: datetime) -> str:
        clock.advance(moment - clock.local_now())
        async with party(app, wechat_sandbox, case, 0) as applicant:
            page = await applicant.get(f"/m/cases/{case['case_id']}/objection")
        assert page.status_code == 200
        return page.text

    evening = time(23, 30, tzinfo=calendar.SHANGHAI)
    on_sunday = await page_at(datetime.combine(fifteenth, evening))
    assert "已超期" not in on_sunday
    assert f"{date_zh(receipt['decision_due'])} 前（含当日" in on_sunday
    due = date.fromisoformat(receipt["decision_due"])
    assert "已超期" not in await page_at(datetime.combine(due, evening))
    assert "已超期" in await page_at(datetime.combine(due + timedelta(days=1), evening))
