"""Who may use the applicant filings: applicants and the agents who represent an applicant.

Everyone else bound to the case (respondents, their agents) gets the same 404 as for a case
they are not bound to (contract §4.3), so the filings do not reveal what exists.
"""

from __future__ import annotations

from starlette.requests import Request

from service.errors import ProblemError
from service.parties.models import Party
from service.parties.sessions import PartyUser
from service.parties.views import BoundCase, case_for_user


async def principal_of(bound: BoundCase, side: str) -> Party:
    """The party of ``side`` (``applicant`` or ``respondent``) this user acts for: themselves,
    or the one their agent represents; anyone else gets the 404 of an unknown case."""
    party = bound.party
    if party.role == side:
        return party
    if party.role == "agent" and bound.view_role == side and party.represents:
        principal = await Party.get_or_none(case_id=party.case_id, party_id=party.represents)
        if principal is not None and principal.active:
            return principal
    raise ProblemError(404, "case_not_found", "no such case")


async def applicant_of(bound: BoundCase) -> Party:
    """The applicant this user acts for (themselves, or the applicant their agent represents)."""
    return await principal_of(bound, "applicant")


async def applicant_case(user: PartyUser, case_id: str) -> tuple[BoundCase, Party]:
    bound = await case_for_user(user, case_id)
    return bound, await applicant_of(bound)


def channel_of(request: Request) -> str:
    """``MP`` for Mini Program calls (bearer token), ``H5`` for the browser session cookie."""
    return "MP" if request.headers.get("authorization", "").lower().startswith("bearer ") else "H5"


def user_agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[:300]
