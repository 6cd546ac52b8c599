"""Deletion follows the case (失信规定 Art. 10, Art. 2 para 2; contract §9.3).

Art. 10 para 1: 「具有下列情形之一的，人民法院应当在三个工作日内删除失信信息：（一）被执行人已履行
生效法律文书确定的义务或人民法院已执行完毕的；…（四）终结本次执行程序后，通过网络执行查控系统查询被执行人
财产两次以上，未发现有可供执行财产，且申请执行人或者其他人未提供有效财产线索的；…（六）人民法院依法裁定
不予执行的；（七）人民法院依法裁定终结执行的。」 Para 2: 「有纳入期限的，不适用前款规定。」

What the case's events show, per listing still live (decided before the event):

* a ``closed`` event with mode ``fully_performed`` / ``not_enforced`` / ``terminated`` (items
  一, 六, 七) — ``withdrawn`` (撤回申请) counts as ``terminated``: 民诉法 Art. 268(一) ends a
  withdrawn application by 裁定终结执行 (domain-round2.md §3; :func:`closure_mode`): a
  listing **without a period** (ground 1) is withdrawn at once through
  :func:`disclosure.service.withdraw_listing` (reason ``performed`` / ``ruling_not_enforced`` /
  ``execution_terminated``) — the same guarantees as a court's withdrawal: gone from the web
  and API on commit, the LED withdrawal floor raised. A listing **with a period** is not
  deleted on these grounds (para 2) but is marked ``deletion_review``: the court decides on
  early deletion under Art. 2 para 2 (``early_deletion``), within 3 working days.
* 终本 (``terminated_current_procedure``) followed by two or more ``post_termination_search``
  with ``found: false`` and no ``resumed`` (item 四): a listing without a period is marked
  ``deletion_review`` (due 3 working days after the second search) unless the record shows a
  property lead given after the ruling (a ``lead_verified`` event, or a lead from a source
  registered in :mod:`service.aftercare.leads`; rule in
  :func:`service.aftercare.schedule.art10_4_ready`). Not withdrawn automatically: whether a
  lead was 「有效」 is the court's call. A listing
  with a period is left alone (para 2).

The court closes a review by withdrawing the listing, or by keeping it
(:func:`keep_listing`); a review kept is not reopened by the same event, only by a later one.
Reviews still open after their due day are reported by :func:`alert_overdue` (metric and log).

Runs right after a court batch commits (``service.events.followers``) and, to make up for a
call lost to a crash, in the worker's hourly sweep (:func:`sweep`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.transactions import in_transaction

from config.logging import get_logger
from disclosure import rules, service
from disclosure.models import Listing
from service import calendar, clock, metrics
from service.aftercare import leads, schedule
from service.audit import service as audit
from service.errors import ProblemError
from service.events.facts import CaseFact, facts_of_cases
from service.events.nodes import CLOSE_MODE_ENDS_AS

log = get_logger("microcourt.disclosure.deletion")

CLOSED = "closed"
RULING = "terminated_current_procedure"
SEARCH = "post_termination_search"
RESUMED = "resumed"
WATCHED_NODES = frozenset({CLOSED, RULING, SEARCH, RESUMED, schedule.LEAD})
ART10_4 = "art10_4"
BATCH = 500

#: What each ground means, for the court's list.
GROUND_TEXT = {
    "closed:fully_performed": "结案（执行完毕）：有纳入期限，可依第二条第二款决定提前删除",
    "closed:not_enforced": "结案（不予执行）：有纳入期限，可依第二条第二款决定提前删除",
    "closed:terminated": "结案（终结执行）：有纳入期限，可依第二条第二款决定提前删除",
    ART10_4: "终本后两次以上网络查控未发现可供执行财产（第十条第一款第（四）项），"
    "请核实申请执行人或者其他人是否提供有效财产线索",
}


@dataclass(frozen=True)
class Ground:
    key: str  # "closed:<mode>" | "art10_4"
    at: datetime  # the event that grounds it
    reason: str | None  # the withdrawal reason when it deletes a listing without a period


@dataclass
class FollowResult:
    withdrawn: list[str] = field(default_factory=list)  # listing ids
    marked: list[str] = field(default_factory=list)


def ground_of(
    facts: Sequence[CaseFact], since: datetime, extra_leads: Iterable[datetime] = ()
) -> Ground | None:
    """The Art. 10 ground the case's events (oldest first) show for a listing decided at
    ``since``: a closure after it, or empty searches after it and after the latest ruling."""
    relevant = [f for f in facts if f.occurred_at >= since]
    closures = [
        f for f in relevant if f.node == CLOSED and closure_mode(f) in rules.CLOSURE_REASONS
    ]
    if closures:
        mode = closure_mode(closures[-1])
        return Ground(f"closed:{mode}", closures[-1].occurred_at, rules.CLOSURE_REASONS[mode])
    # The 终本 ruling may precede the listing; the searches that count must follow both.
    second_empty = schedule.art10_4_ready(facts, since, extra_leads)
    if second_empty is None:
        return None
    return Ground(ART10_4, second_empty, None)


def closure_mode(fact: CaseFact) -> str:
    """The closure mode in law: an application withdrawn (撤回申请) ends as 终结执行 (民诉法
    Art. 268(一) 「申请人撤销申请的」 → 裁定终结执行; ``nodes.CLOSE_MODE_ENDS_AS``), so it is
    deleted under 失信规定 Art. 10 para 1(七) 「人民法院依法裁定终结执行的」."""
    mode = str(fact.data.get("mode") or "")
    return CLOSE_MODE_ENDS_AS.get(mode, mode)


def review_due(ground_at: datetime) -> date:
    """「三个工作日内」 (Art. 10 para 1), counted by the court calendar from the event."""
    return calendar.working_days_end(ground_at, rules.DELETION_WORKING_DAYS)


async def follow_cases(case_nos: Collection[str]) -> FollowResult:
    """Act on what these cases' events say for their live listings (idempotent)."""
    result = FollowResult()
    ordered = sorted(set(case_nos))
    for start in range(0, len(ordered), BATCH):
        listings = await Listing.filter(
            case_no__in=ordered[start : start + BATCH], status__in=rules.LIVE
        )
        if not listings:
            continue
        by_case: dict[str, list[CaseFact]] = defaultdict(list)
        for fact in await facts_of_cases(sorted({x.case_no for x in listings}), WATCHED_NODES):
            by_case[fact.case_no].append(fact)
        extra = await leads.lead_times(sorted({x.case_no for x in listings}))
        for listing in listings:
            since = rules.day_start(listing.decided_at)
            ground = ground_of(by_case[listing.case_no], since, extra.get(listing.case_no, ()))
            if ground is not None:
                await _act(listing, ground, result)
    if result.withdrawn or result.marked:
        log.info(
            "disclosure.deletion_followed",
            withdrawn=len(result.withdrawn),
            marked=len(result.marked),
        )
    return result


async def _act(listing: Listing, ground: Ground, result: FollowResult) -> None:
    if ground.reason is not None and listing.period_years is None:
        try:
            await service.withdraw_listing(
                listing.listing_id,
                ground.reason,
                f"结案自动删除（{ground.key}，{ground.at.isoformat()}）",
                service.SYSTEM,
            )
        except ProblemError:  # expired meanwhile: nothing left to delete
            return
        result.withdrawn.append(listing.listing_id)
        return
    if ground.key == ART10_4 and listing.period_years is not None:
        return  # 「有纳入期限的，不适用前款规定」
    if await _mark(listing, ground):
        result.marked.append(listing.listing_id)


async def _mark(listing: Listing, ground: Ground) -> bool:
    due = review_due(ground.at)
    async with in_transaction() as conn:
        row = await Listing.filter(id=listing.id).using_db(conn).select_for_update().first()
        if row is None or row.status not in rules.LIVE:
            return False
        if row.deletion_review_at is not None and row.deletion_review_at >= ground.at:
            return False  # this event (or a later one) was reviewed already
        await (
            Listing.filter(id=row.id)
            .using_db(conn)
            .update(
                deletion_review_ground=ground.key,
                deletion_review_at=ground.at,
                deletion_review_due=due,
                updated_at=clock.now(),
            )
        )
        details = {"ground": ground.key, "due": due.isoformat(), "event_at": ground.at.isoformat()}
        await service.record_history(conn, row, "deletion_review", service.SYSTEM, details)
        await audit.record(
            service.SYSTEM,
            "disclosure.deletion_review",
            "disclosure",
            row.listing_id,
            details,
            using=conn,
        )
    log.info("disclosure.deletion_review", listing_id=listing.listing_id, ground=ground.key)
    return True


async def keep_listing(listing_id: str, note: str | None, actor: str) -> Listing:
    """The court reviewed and keeps the listing: the review closes (history, audit)."""
    async with in_transaction() as conn:
        row = await Listing.filter(listing_id=listing_id).using_db(conn).select_for_update().first()
        if row is None:
            raise ProblemError(404, "listing_unknown", "no listing with this listing_id")
        if row.status not in rules.LIVE or row.deletion_review_due is None:
            raise ProblemError(
                409, "no_deletion_review", "this listing has no open deletion review"
            )
        await (
            Listing.filter(id=row.id)
            .using_db(conn)
            .update(deletion_review_due=None, updated_at=clock.now())
        )
        details = {"ground": row.deletion_review_ground, "note": note}
        await service.record_history(conn, row, "deletion_review_kept", actor, details)
        await audit.record(
            actor, "disclosure.deletion_review_kept", "disclosure", listing_id, details, using=conn
        )
        return await Listing.get(id=row.id, using_db=conn)


def is_overdue(listing: Listing, now: datetime) -> bool:
    due = listing.deletion_review_due
    return due is not None and calendar.missed(due, None, now)


async def alert_overdue(now: datetime | None = None) -> list[str]:
    """Open reviews past their due day: the gauge, and one warning per listing."""
    now = now or clock.now()
    overdue = await Listing.filter(
        status__in=rules.LIVE, deletion_review_due__lt=calendar.local_day(now)
    ).values_list("listing_id", "deletion_review_due", "deletion_review_ground")
    metrics.deletion_reviews_overdue.set(len(overdue))
    for listing_id, due, ground in overdue:
        log.warning(
            "disclosure.deletion_review_overdue",
            listing_id=listing_id,
            due=due.isoformat(),
            ground=ground,
        )
    return [listing_id for listing_id, _, _ in overdue]


async def sweep() -> FollowResult:
    """The worker's catch-up: follow every case with a live listing, then alert."""
    case_nos = (
        await Listing.filter(status__in=rules.LIVE).distinct().values_list("case_no", flat=True)
    )
    result = await follow_cases([str(c) for c in case_nos])
    await alert_overdue()
    return result
