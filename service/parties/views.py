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
from service.clock import SHANGHAI
from service.errors import ProblemError
from service.events import timeline as timelines
from service.events.nodes import resolve
from service.parties import service as parties
from service.parties.models import Party
from service.parties.sessions import PartyUser

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
    return sorted(
        seen.values(), key=lambda b: b.case.last_node_at or b.case.created_at, reverse=True
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


def case_summary(bound: BoundCase) -> dict[str, object]:
    case = bound.case
    node = resolve(case.last_node) if case.last_node else None
    return {
        "case_id": str(case.id),
        "case_no": case.case_no,
        "role": bound.party.role,
        "court": case.court,
        "status": case.status,
        "last_node": case.last_node,
        "last_node_name": node.name_zh if node else None,
        "last_node_at": case.last_node_at,
    }


def detail_json(detail: CaseDetail) -> dict[str, object]:
    case = detail.bound.case
    return {
        **case_summary(detail.bound),
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
    return "-" if value is None else f"{value:,.2f} 元"


def local_time(value: datetime | date | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.astimezone(SHANGHAI).strftime("%Y年%m月%d日 %H:%M")
    return value.strftime("%Y年%m月%d日")
