"""Binding a signed-in WeChat user to a party of a case (contract §4.2, §9.1).

The user proves who they are with the case number, their name and their identity number —
which a 失信 listing or a namesake may give away — **and** a second factor only the party
holds: a code sent by SMS to the phone the court recorded for them (service/parties/codes.py),
or the case's 查询码 (access code) printed on the court's notice. The identity number and the
access code are compared through keyed hashes, never decrypted. Every kind of mismatch —
unknown case, malformed number, wrong name, wrong number, missing or wrong second factor —
answers the same 404, so the endpoint cannot tell which part was wrong or whether a case
exists.

Attempts are counted per WeChat user *before* anything is looked up, atomically
(service/counters.py): the sixth attempt within an hour after five failures is 429 without a
look-up, however many arrive at once; a successful binding gives its slot back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redis.asyncio import Redis

from service import counters, identifiers
from service.audit import service as audit
from service.cases import service as cases
from service.cases.models import Case
from service.errors import ProblemError
from service.parties import bind_input, codes
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


@dataclass(frozen=True)
class Proof:
    """What the user sent to prove they are a party of a case."""

    case_no: str
    name: str
    id_no: str
    sms_code: str | None = None
    access_code: str | None = None


def _failures_key(user: PartyUser) -> str:
    return f"party:bindfail:{user.user_key}"


def not_found() -> ProblemError:
    return ProblemError(404, "binding_not_found", "no party of that case matches these details")


def _normalise_identity(id_no: str) -> str:
    """A resident ID or a credit code, whichever it is (the case says which kind a party is)."""
    try:
        return identifiers.validate_resident_id(id_no)
    except identifiers.IdentifierError:
        return identifiers.validate_credit_code(id_no)


async def matching_parties(case_no: str, name: str, id_no: str) -> tuple[Case, list[Party]] | None:
    """The case and its active parties with this name and identity number, most relevant role
    first; ``None`` when nothing matches (or the input is malformed). What a person types is
    normalised first (:mod:`service.parties.bind_input`): a case number without brackets or
    号, spaces in the number, the name or the identity number."""
    try:
        normalised_no = identifiers.normalize_case_number(bind_input.case_number(case_no))
        normalised_id = _normalise_identity(bind_input.identity(id_no))
    except identifiers.IdentifierError:
        return None
    case = await cases.get_case_by_no(normalised_no)
    if case is None:
        return None
    # The name as typed, spaces by Chinese characters aside (张 三 is 张三), both sides.
    typed = bind_input.name(name)
    matches = [
        p
        for p in await cases.parties_with_identity(case.id, normalised_id)
        if bind_input.name(p.name) == typed
    ]
    if not matches:
        return None
    return case, sorted(matches, key=lambda p: ROLE_ORDER.get(p.role, 9))


async def _proven_party(redis: Redis, user: PartyUser, proof: Proof) -> tuple[Case, Party] | None:
    found = await matching_parties(proof.case_no, proof.name, proof.id_no)
    if found is None:
        return None
    case, matches = found
    if proof.access_code:
        for party in matches:
            if cases.has_access_code(party, proof.access_code):
                return case, party
    if proof.sms_code:
        party_id = await codes.redeem(redis, user, case.id, [p.id for p in matches], proof.sms_code)
        for party in matches:
            if party.id == party_id:
                return case, party
    return None


async def bind_user(redis: Redis, user: PartyUser, proof: Proof) -> BindingResult:
    key = _failures_key(user)
    await counters.take_or_refuse(
        redis, key, MAX_FAILURES, WINDOW_SECONDS, "too many failed attempts; try again later"
    )
    proven = await _proven_party(redis, user, proof)
    if proven is None:
        raise not_found()
    await counters.give_back(redis, key)  # a success is not a failure
    case, party = proven
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


CODE_REQUESTS_PER_HOUR = 5


async def request_sms_code(redis: Redis, user: PartyUser, proof: Proof) -> codes.CodeMessage | None:
    """The text to send when the details match a party with a recorded phone, else ``None``.
    The caller answers the same either way (202) and sends after answering, so neither the
    answer nor its timing says whether anything matched. Requests are counted per user before
    the look-up, like binding attempts."""
    await counters.take_or_refuse(
        redis,
        f"party:bindcode-asked:{user.user_key}",
        CODE_REQUESTS_PER_HOUR,
        3600,
        "too many codes requested; try again later",
    )
    found = await matching_parties(proof.case_no, proof.name, proof.id_no)
    if found is None:
        return None
    case, matches = found
    for party in matches:
        phone = cases.party_phone(party)
        if phone is None or not phone.startswith("1"):  # a landline cannot receive a text
            continue
        code = await codes.issue(redis, user, case.id, party.id)
        if code is None:
            return None
        return codes.CodeMessage(
            phone, codes.message_text(case.court, code), f"bindcode-{uuid.uuid4()}"
        )
    return None
