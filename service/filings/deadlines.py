"""The one place objection deadlines are computed (contract §4.5; domain.md §2.6).

* **Filing (立案) — 3 days** from receipt: 《执行异议和复议规定》(2020) Art. 2 「三日内立案」.
* **Decision (审查) — 15 days** from receipt: 《民事诉讼法》(2023) Art. 236
  「自收到书面异议之日起十五日内审查」.

Both texts (verified, domain.md §2.6) say 日, not 工作日, so the periods are **calendar days**
(contrast 失信规定 Art. 10, which says 工作日 explicitly). Periods are counted in the court's
time zone (Asia/Shanghai) and the day of receipt is not counted (the general rule on periods of
《民事诉讼法》 — not itself quoted in domain.md), so a period ends at 24:00 on
``local date of receipt + N``; that date is what the API returns. Statutory holidays are not
applied (the rule that moves a period ending on a holiday to the next working day needs an
official holiday calendar this service does not have); the court sees the plain date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from service.clock import SHANGHAI

FILING_DAYS = 3
DECISION_DAYS = 15
CORRECTION_DAYS = 3  # 执行异议和复议规定 Art. 2 para 2: 「一次性告知异议人在三日内补足」


@dataclass(frozen=True)
class Deadlines:
    filing_due: date
    decision_due: date


def local_day(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


def period_end(start: datetime, days: int) -> date:
    """Last day of a period of ``days`` calendar days starting the day after ``start``."""
    return local_day(start) + timedelta(days=days)


def objection_deadlines(received_at: datetime) -> Deadlines:
    return Deadlines(period_end(received_at, FILING_DAYS), period_end(received_at, DECISION_DAYS))


def correction_due(requested_at: datetime) -> date:
    """Last day to supply what the court said is missing (3 days from its notice; the one
    call to switch when periods move to a holiday-aware calendar)."""
    return period_end(requested_at, CORRECTION_DAYS)


def overdue(due: date, done_at: datetime | None, now: datetime) -> bool:
    """Missed: done after the due day, or not done and the due day has passed."""
    if done_at is not None:
        return local_day(done_at) > due
    return local_day(now) > due
