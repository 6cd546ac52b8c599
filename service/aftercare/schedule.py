"""The searches a court owes after 终本 (终本规定 Art. 9; contract §9.5). Pure: no I/O.

终本规定 Art. 9 para 2 ✅ (domain.md §2.7): 「终结本次执行程序后的五年内，执行法院应当每六个月
通过网络执行查控系统查询一次被执行人的财产，并将查询结果告知申请执行人。符合恢复执行条件的，
执行法院应当及时恢复执行。」

Read from a case's events (oldest first):

* The **ruling** is the latest ``terminated_current_procedure``; only what follows it counts.
* A ``resumed`` event, or a ``closed`` event in any mode but 终本 itself, after the ruling takes
  the case off the schedule: it is no longer a 终本 case (Art. 9 「应当及时恢复执行」).
* The duty lasts **five years** from the ruling (「五年内」): the last day is the day
  corresponding to the ruling's day five years on (:func:`service.calendar.years_period_end`);
  after it, the case leaves the schedule.
* Each ``post_termination_search`` is a search done. The **next search is due** six months
  (「每六个月」, calendar months) after the latest search, or after the ruling when none was
  reported yet, and never later than the last day of the five years; a search on or after that
  day ends the schedule.
* ``status``: ``scheduled`` until :data:`DUE_WINDOW_DAYS` days before the due day, ``due`` from
  then to the due day inclusive, ``overdue`` once the due day is over (court time). The window is
  our choice (a month to run the search before its six months end), not the rule's.
* Art. 10(4) of the 失信规定 (contract §9.3): 「终结本次执行程序后，通过网络执行查控系统查询被执行人
  财产两次以上，未发现有可供执行财产，且申请执行人或者其他人未提供有效财产线索的」 — counted by
  :func:`art10_4_ready` from the empty searches after the ruling and the leads seen after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from service import calendar
from service.events.facts import CaseFact

RULING: Final = "terminated_current_procedure"
SEARCH: Final = "post_termination_search"
RESUMED: Final = "resumed"
CLOSED: Final = "closed"
#: 财产线索核查结果 (203001009): the record shows a lead was given and checked.
LEAD: Final = "lead_verified"
WATCHED_NODES: Final = frozenset({RULING, SEARCH, RESUMED, CLOSED, LEAD})

INTERVAL_MONTHS: Final = 6  # 「每六个月」
DUTY_YEARS: Final = 5  # 「五年内」
DUE_WINDOW_DAYS: Final = 30
#: 失信规定 Art. 10(4) 「查询被执行人财产两次以上」.
EMPTY_SEARCHES_FOR_ART10_4: Final = 2
STATUSES: Final = ("scheduled", "due", "overdue")


@dataclass(frozen=True)
class Watch:
    """One 终本 case on the schedule."""

    case_no: str
    ruling_at: datetime
    ruling_no: str | None
    last_day: date  # the last day of the five years
    searches: int  # searches reported since the ruling
    empty_searches: int  # of which ``found: false``
    last_search_at: datetime | None
    last_found: bool | None
    next_due: date
    has_lead: bool

    def status(self, today: date) -> str:
        if today > self.next_due:
            return "overdue"
        if today >= self.next_due - timedelta(days=DUE_WINDOW_DAYS):
            return "due"
        return "scheduled"

    @property
    def art10_4(self) -> bool:
        return self.empty_searches >= EMPTY_SEARCHES_FOR_ART10_4 and not self.has_lead


def latest_ruling(facts: Sequence[CaseFact]) -> CaseFact | None:
    rulings = [f for f in facts if f.node == RULING]
    return rulings[-1] if rulings else None


def following(facts: Sequence[CaseFact], ruling: CaseFact) -> list[CaseFact]:
    """The events after the ruling; one reported for the same instant counts as after it (a
    case system sending whole seconds may report the ruling and a step in the same second)."""
    return [f for f in facts if f.node != RULING and f.occurred_at >= ruling.occurred_at]


def leaves_schedule(fact: CaseFact) -> bool:
    """A resumption, or a closure other than 终本 itself (the CMS may close a 终本 case as
    ``terminated_current_procedure``, which keeps it 终本)."""
    if fact.node == RESUMED:
        return True
    return fact.node == CLOSED and fact.data.get("mode") != RULING


def lead_after(
    facts: Sequence[CaseFact], since: datetime, extra_leads: Iterable[datetime] = ()
) -> bool:
    """Whether a property lead was given after ``since``: a ``lead_verified`` event, or a lead
    from another source (``extra_leads``: see :mod:`service.aftercare.leads`)."""
    return any(f.node == LEAD and f.occurred_at >= since for f in facts) or any(
        at >= since for at in extra_leads
    )


def watch_of(
    case_no: str,
    facts: Sequence[CaseFact],
    today: date,
    extra_leads: Iterable[datetime] = (),
) -> Watch | None:
    """The case's place on the schedule on ``today``, or None when it has none."""
    ruling = latest_ruling(facts)
    if ruling is None:
        return None
    after = following(facts, ruling)
    if any(leaves_schedule(f) for f in after):
        return None
    last_day = calendar.years_period_end(calendar.local_day(ruling.occurred_at), DUTY_YEARS)
    if today > last_day:
        return None  # 「五年内」: the duty has ended
    searches = [f for f in after if f.node == SEARCH]
    last = searches[-1] if searches else None
    base = calendar.local_day(last.occurred_at if last else ruling.occurred_at)
    if last is not None and base >= last_day:
        return None  # the last search of the five years is done
    next_due = min(calendar.add_months(base, INTERVAL_MONTHS), last_day)
    found = last.data.get("found") if last else None
    ruling_no = ruling.data.get("ruling_no")
    return Watch(
        case_no=case_no,
        ruling_at=ruling.occurred_at,
        ruling_no=str(ruling_no) if ruling_no else None,
        last_day=last_day,
        searches=len(searches),
        empty_searches=sum(1 for f in searches if f.data.get("found") is False),
        last_search_at=last.occurred_at if last else None,
        last_found=found if isinstance(found, bool) else None,
        next_due=next_due,
        has_lead=lead_after(facts, ruling.occurred_at, extra_leads),
    )


def art10_4_ready(
    facts: Sequence[CaseFact], since: datetime, extra_leads: Iterable[datetime] = ()
) -> datetime | None:
    """失信规定 Art. 10(4) for a listing decided at ``since``: the time of the second empty search
    after both the latest ruling and ``since``, when the case was not resumed and no lead was
    given after the ruling; else None."""
    ruling = latest_ruling(facts)
    if ruling is None:
        return None
    after = following(facts, ruling)
    if any(f.node == RESUMED for f in after):
        return None
    if lead_after(facts, ruling.occurred_at, extra_leads):
        return None  # 「且申请执行人或者其他人未提供有效财产线索」 is not shown
    empty = [
        f
        for f in after
        if f.node == SEARCH and f.data.get("found") is False and f.occurred_at >= since
    ]
    if len(empty) < EMPTY_SEARCHES_FOR_ART10_4:
        return None
    return empty[EMPTY_SEARCHES_FOR_ART10_4 - 1].occurred_at
