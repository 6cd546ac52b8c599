"""What a signed-in party may see: their bound cases, each with the timeline for their role.

Both the JSON API and the H5 pages read through here, so the rule "a case the caller is not
bound to does not exist" is written once: :func:`case_for_user` answers 404 for both.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from service.cases import service as cases
from service.cases.models import Case
from service.errors import ProblemError
from service.events import timeline as timelines
from service.events.nodes import resolve
from service.parties import service as parties
from service.parties.models import Party
from service.parties.sessions import PartyUser
from service.web import formats

ROLE_ZH = {"applicant": "申请执行人", "respondent": "被执行人", "agent": "代理人"}
STATUS_ZH = {
    "in_progress": "执行中",
    "suspended": "中止执行",
    "terminated": "终结本次执行",
    "closed": "已结案",
}


@dataclass(frozen=True)
class BoundCase:
    case: Case
    party: Party
    view_role: str  # the role whose messages this user gets (an agent's principal's role)


@dataclass(frozen=True)
class CaseProgress:
    bound: BoundCase
    latest: timelines.TimelineItem | None  # the newest node pushed to the caller's role


@dataclass(frozen=True)
class CaseDetail:
    bound: BoundCase
    handler_phone: str | None
    timeline: list[timelines.TimelineItem]


async def _view_role(party: Party) -> str:
    if party.role != "agent" or not party.represents:
        return party.role
    principal = await Party.get_or_none(case_id=party.case_id, party_id=party.represents)
    return principal.role if principal else party.role


async def bound_cases(user: PartyUser) -> list[BoundCase]:
    seen: dict[uuid.UUID, BoundCase] = {}
    for binding in await parties.bound_parties(user.oa_openid, user.mp_openid):
        party = binding.party
        if not party.active or binding.case.id in seen:
            continue
        seen[binding.case.id] = BoundCase(binding.case, party, await _view_role(party))
    # Not by the case's own latest node: its time alone would hint at steps not for this role.
    return sorted(seen.values(), key=lambda b: b.case.created_at, reverse=True)


async def cases_with_progress(user: PartyUser) -> list[CaseProgress]:
    """The caller's cases, each with the latest progress their role is told of, newest first."""
    found = [
        CaseProgress(b, await timelines.latest(b.case.id, b.view_role))
        for b in await bound_cases(user)
    ]
    return sorted(
        found,
        key=lambda p: p.latest.occurred_at if p.latest else p.bound.case.created_at,
        reverse=True,
    )


async def case_for_user(user: PartyUser, case_id: str) -> BoundCase:
    """The caller's bound case, or 404 exactly as for a case that does not exist."""
    try:
        wanted = uuid.UUID(case_id)
    except ValueError:
        raise ProblemError(404, "case_not_found", "no such case") from None
    for bound in await bound_cases(user):
        if bound.case.id == wanted:
            return bound
    raise ProblemError(404, "case_not_found", "no such case")


async def case_detail(user: PartyUser, case_id: str) -> CaseDetail:
    bound = await case_for_user(user, case_id)
    return CaseDetail(
        bound,
        cases.handler_phone(bound.case),
        await timelines.timeline(bound.case.id, bound.view_role),
    )


def case_summary(progress: CaseProgress) -> dict[str, object]:
    """A bound case as its party sees it. ``last_node`` is the latest node pushed to the
    party's role (contract §1.4: "latest progress" shows only those), never the case's own
    latest node, which may be an applicant-only or court-only step."""
    case = progress.bound.case
    latest = progress.latest
    return {
        "case_id": str(case.id),
        "case_no": case.case_no,
        "role": progress.bound.party.role,
        "court": case.court,
        "status": case.status,
        "last_node": latest.node if latest else None,
        "last_node_name": latest.name_zh if latest else None,
        "last_node_at": latest.occurred_at if latest else None,
    }


def latest_progress(timeline: list[timelines.TimelineItem]) -> timelines.TimelineItem | None:
    """The newest progress node of a role's timeline (newest first; internal steps skipped)."""
    for item in timeline:
        node = resolve(item.node)
        if node is not None and not node.internal:
            return item
    return None


def detail_json(detail: CaseDetail) -> dict[str, object]:
    case = detail.bound.case
    return {
        **case_summary(CaseProgress(detail.bound, latest_progress(detail.timeline))),
        "filed_at": case.filed_at,
        "cause": case.cause,
        "amount": case.amount,
        "handler": {"name": case.handler_name, "phone": detail.handler_phone}
        if case.handler_name
        else None,
        "timeline": [
            {
                "node": i.node,
                "name_zh": i.name_zh,
                "occurred_at": i.occurred_at,
                "summary": i.summary,
            }
            for i in detail.timeline
        ],
    }


def money(value: Decimal | None) -> str:
    return formats.amount_zh(value)


def local_time(value: datetime | date | None) -> str:
    return formats.datetime_zh(value)
