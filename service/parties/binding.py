"""Binding a signed-in WeChat user to a party of a case (contract §4.2).

The user proves who they are with the case number, their name and their identity number;
the identity number is compared through the keyed hash, never decrypted. Every kind of
mismatch — unknown case, malformed number, wrong name, wrong number — answers the same 404,
so the endpoint cannot be used to learn which part was wrong or whether a case exists.
Failures are counted per WeChat user in Redis: after five in an hour the sixth attempt is
refused with 429 until the hour has passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from service import identifiers
from service.audit import service as audit
from service.cases import service as cases
from service.errors import ProblemError
from service.parties import service as parties
from service.parties.models import Party
from service.parties.sessions import PartyUser

MAX_FAILURES = 5
WINDOW_SECONDS = 3600
# When one person is several parties of a case, the binding takes the most relevant role.
ROLE_ORDER = {"applicant": 0, "respondent": 1, "agent": 2}


@dataclass(frozen=True)
class BindingResult:
    binding_id: str
    case_id: str
    role: str
    created: bool


def _failures_key(user: PartyUser) -> str:
    return f"party:bindfail:{user.user_key}"


async def _refuse_if_locked(redis: Redis, user: PartyUser) -> None:
    failures = int(await redis.get(_failures_key(user)) or 0)
    if failures >= MAX_FAILURES:
        ttl = await redis.ttl(_failures_key(user))
        raise ProblemError(
            429,
            "rate_limited",
            "too many failed attempts; try again later",
            headers={"Retry-After": str(max(int(ttl), 1))},
        )


async def _count_failure(redis: Redis, user: PartyUser) -> ProblemError:
    key = _failures_key(user)
    # The window starts at the first failure; INCR keeps the TTL (works on Redis 6 and 7).
    await redis.set(key, 0, ex=WINDOW_SECONDS, nx=True)
    await redis.incr(key)
    return ProblemError(
        404, "binding_not_found", "no party of that case matches this name and identity number"
    )


def _normalise_identity(id_no: str) -> str:
    """A resident ID or a credit code, whichever it is (the case says which kind a party is)."""
    try:
        return identifiers.validate_resident_id(id_no)
    except identifiers.IdentifierError:
        return identifiers.validate_credit_code(id_no)


async def bind_user(
    redis: Redis, user: PartyUser, case_no: str, name: str, id_no: str
) -> BindingResult:
    await _refuse_if_locked(redis, user)
    try:
        normalised_no = identifiers.normalize_case_number(case_no)
        normalised_id = _normalise_identity(id_no)
    except identifiers.IdentifierError:
        raise await _count_failure(redis, user) from None
    case = await cases.get_case_by_no(normalised_no)
    matches: list[Party] = (
        await cases.find_parties_by_identity(case.id, name, normalised_id) if case else []
    )
    if case is None or not matches:
        raise await _count_failure(redis, user)
    party = min(matches, key=lambda p: ROLE_ORDER.get(p.role, 9))
    binding, created = await parties.bind_once(
        party.id, case.id, oa_openid=user.oa_openid, mp_openid=user.mp_openid
    )
    if created:
        await audit.record(
            user.actor,
            "binding.created",
            "case",
            str(case.id),
            {"party_id": party.party_id, "binding_id": str(binding.id)},
        )
    return BindingResult(str(binding.id), str(case.id), party.role, created)
