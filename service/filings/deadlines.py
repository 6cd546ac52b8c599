"""Objection deadlines (contract §4.5; domain.md §2.6), counted by :mod:`service.calendar`.

* **Filing (立案) — 3 days** from receipt: 《执行异议和复议规定》(2020) Art. 2 「三日内立案」.
* **Decision (审查) — 15 days** from receipt: 《民事诉讼法》(2023) Art. 236
  「自收到书面异议之日起十五日内审查」.

Both say 日, not 工作日: calendar days, counted as 民诉法 Art. 85 says — the day of receipt
(Asia/Shanghai) is not counted 「期间开始的时和日，不计算在期间内」, and a last day that is a
rest day (weekend, State Council holiday, court closure) moves to the next working day
「期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期」. The date returned is
the last day; the deadline is missed only once that day is over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from service import calendar

FILING_DAYS = 3
DECISION_DAYS = 15
CORRECTION_DAYS = 3  # 执行异议和复议规定 Art. 2 para 2: 「一次性告知异议人在三日内补足」


@dataclass(frozen=True)
class Deadlines:
    filing_due: date
    decision_due: date


def objection_deadlines(received_at: datetime) -> Deadlines:
    return Deadlines(
        calendar.days_period_end(received_at, FILING_DAYS),
        calendar.days_period_end(received_at, DECISION_DAYS),
    )


def correction_due(requested_at: datetime) -> date:
    """Last day to supply what the court said is missing: 3 days from its notice, counted as
    民诉法 Art. 85 says."""
    return calendar.days_period_end(requested_at, CORRECTION_DAYS)


def overdue(due: date, done_at: datetime | None, now: datetime) -> bool:
    """Missed: done after the due day, or not done and the due day has passed."""
    return calendar.missed(due, done_at, now)
