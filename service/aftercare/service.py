"""The 终本 search schedule from the events (终本规定 Art. 9; rules in
:mod:`service.aftercare.schedule`): the court's list, the overdue alert, the console's counts.

The schedule is derived, not stored: every answer reads the events of the cases that have a 终本
ruling, so a late or corrected event changes it at once and nothing can drift. Cost grows with
the number of 终本 cases (one read of their watched events, in batches of :data:`BATCH`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from config.logging import get_logger
from service import calendar, clock, metrics
from service.aftercare import leads
from service.aftercare.schedule import RULING, WATCHED_NODES, Watch, watch_of
from service.events.facts import CaseFact, cases_with_node, facts_of_cases

log = get_logger("microcourt.aftercare")

BATCH = 500


async def watches(now: datetime | None = None) -> list[Watch]:
    """Every case on the schedule, ordered by next due day, then case number."""
    today = calendar.local_day(now or clock.now())
    found: list[Watch] = []
    case_nos = await cases_with_node(RULING)
    for start in range(0, len(case_nos), BATCH):
        chunk = case_nos[start : start + BATCH]
        by_case: dict[str, list[CaseFact]] = defaultdict(list)
        for fact in await facts_of_cases(chunk, WATCHED_NODES):
            by_case[fact.case_no].append(fact)
        extra = await leads.lead_times(chunk)
        for case_no in chunk:
            watch = watch_of(case_no, by_case[case_no], today, extra.get(case_no, ()))
            if watch is not None:
                found.append(watch)
    found.sort(key=lambda w: (w.next_due, w.case_no))
    return found


async def page(
    status: str | None, limit: int, after: tuple[date, str] | None, now: datetime | None = None
) -> tuple[list[Watch], bool]:
    """One page of the schedule, optionally of one status, after the cursor's (due, case_no)."""
    today = calendar.local_day(now or clock.now())
    rows = [
        w
        for w in await watches(now)
        if (status is None or w.status(today) == status)
        and (after is None or (w.next_due, w.case_no) > after)
    ]
    return rows[:limit], len(rows) > limit


async def counts(now: datetime | None = None) -> dict[str, int]:
    today = calendar.local_day(now or clock.now())
    result = {"scheduled": 0, "due": 0, "overdue": 0}
    for watch in await watches(now):
        result[watch.status(today)] += 1
    return result


async def alert_overdue(now: datetime | None = None) -> list[str]:
    """Searches past their due day: the gauge, and one warning per case (the worker's hourly
    sweep). No personal data: the case number and the dates only."""
    now = now or clock.now()
    today = calendar.local_day(now)
    overdue = [w for w in await watches(now) if w.status(today) == "overdue"]
    metrics.termination_searches_overdue.set(len(overdue))
    for watch in overdue:
        log.warning(
            "aftercare.search_overdue",
            case_no=watch.case_no,
            due=watch.next_due.isoformat(),
            searches=watch.searches,
        )
    return [w.case_no for w in overdue]
