"""The identity-number oracle and the binding that followed it (issue 14; contract §9.1, §9.2).

The attack, as reproduced against the service: the public board shows a listed person's name,
case number and ``3302031983****0001``; with the check character only a few dozen birthdays
fit; ``GET /api/public/v1/disclosures?name=…&id_no=…`` answered only for the right one, and
name + identity number + case number then bound the attacker to the case as the respondent.
Each test here is named after the defence it proves; all run against the real app, Redis and
database (both dialects), with SMS through the sandbox gateway.
"""

from __future__ import annotations

import asyncio
import datetime
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from service import clock
from service.identifiers import compute_resident_id_check
from service.parties import codes
from service.parties.models import Party
from service.parties.sessions import PartyUser
from tests.disclosure.helpers import listing_payload, unique_name
from tests.factories import case_payload, mobile, resident_id
from tests.security.conftest import transport_client
from tests.security.logcheck import LogCapture
from tests.service.party_support import sign_in_mp, texted_code
from tests.support import CourtSigner

SEARCH = "/api/public/v1/disclosures"
BIND = "/api/party/v1/bindings"
SMS_CODE = "/api/party/v1/bindings/sms-code"


async def _listed_respondent(
    client: httpx.AsyncClient, court: CourtSigner
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A case whose respondent is a person with a phone, and that person's published listing."""
    case = case_payload()
    respondent = {
        "party_id": "P-2",
        "role": "respondent",
        "kind": "person",
        "name": unique_name(),
        "id_no": resident_id("19830615"),
        "phone": mobile(),
        "access_code": "R" + case["parties"][0]["access_code"],
    }
    case["parties"][1] = respondent
    assert (await court.request(client, "POST", "/api/court/v1/cases", case)).status_code == 201
    listing = listing_payload(
        name=respondent["name"], id_no=respondent["id_no"], case_no=case["case_no"]
    )
    listed = await court.request(client, "POST", "/api/court/v1/disclosures", listing)
    assert listed.status_code == 201, listed.text
    return case, respondent


def _candidates(masked: str) -> list[str]:
    """Every identity number the mask allows: a valid date of the shown year and the shown
    check character (what the attacker computed from the board)."""
    year = int(masked[6:10])
    day = datetime.date(year, 1, 1)
    found = []
    while day.year == year:
        first17 = masked[:10] + day.strftime("%m%d") + masked[14:17]
        if compute_resident_id_check(first17) == masked[17]:
            found.append(first17 + masked[17])
        day += datetime.timedelta(days=1)
    return found


@asynccontextmanager
async def _mp_user(app: Starlette, sandbox: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    """A Mini Program user, signed in (bearer token), with an address of its own."""
    async with transport_client(app) as client:
        _, token = await sign_in_mp(client, sandbox)
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


async def test_oracle_walk_from_the_board_to_a_binding_fails(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """Board → candidates → search → bind: the search stops after 5 misses on the name (401
    before sign-in), and even the full, right number does not bind without a second factor."""
    case, respondent = await _listed_respondent(client, court)
    async with transport_client(app) as anonymous:
        board = (await anonymous.get(f"{SEARCH}/board")).json()["items"]
        [shown] = [i for i in board if i["name"] == respondent["name"]]
        candidates = _candidates(shown["id_no_masked"])
        assert respondent["id_no"] in candidates and len(candidates) > 10
        # the attacker tries the true number last: every answer before it is a miss
        walk = [c for c in candidates if c != respondent["id_no"]] + [respondent["id_no"]]
        unsigned = await anonymous.get(SEARCH, params={"name": shown["name"], "id_no": walk[0]})
        assert unsigned.status_code == 401 and unsigned.json()["code"] == "signin_required"

    async with _mp_user(app, wechat_sandbox) as attacker:
        answers = [
            await attacker.get(SEARCH, params={"name": shown["name"], "id_no": c}) for c in walk
        ]
        statuses = [a.status_code for a in answers]
        assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
        assert all(a.json()["items"] == [] for a in answers[:5])  # nothing confirmed
        assert all(a.json()["code"] == "rate_limited" for a in answers[5:])

        # Even knowing the full number (as this test does), name + ID + case number is not enough.
        proof = {"case_no": shown["case_no"], "name": shown["name"], "id_no": respondent["id_no"]}
        bare = await attacker.post(BIND, json=proof)
        assert bare.status_code == 404 and bare.json()["code"] == "binding_not_found"
        guessed = await attacker.post(BIND, json={**proof, "sms_code": "123456"})
        assert guessed.status_code == 404
        # asking for a code sends it to the respondent's recorded phone, not to the attacker
        asked = await attacker.post(SMS_CODE, json=proof)
        assert asked.status_code == 202
        assert respondent["phone"] not in asked.text
    bindings = await Party.get(case__case_no=case["case_no"], party_id="P-2").prefetch_related(
        "bindings"
    )
    assert list(bindings.bindings) == []


async def test_identity_number_search_needs_a_signed_in_user_and_at_most_ten_a_day(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """§9.2: ``id_no`` needs a WeChat sign-in (401 ``signin_required``), at most 10 a user a
    day; a search by name alone stays open."""
    listings = [listing_payload() for _ in range(11)]
    for listing in listings:
        created = await court.request(client, "POST", "/api/court/v1/disclosures", listing)
        assert created.status_code == 201, created.text
    async with transport_client(app) as anonymous:
        first = {"name": listings[0]["name"], "id_no": listings[0]["id_no"]}
        refused = await anonymous.get(SEARCH, params=first)
        assert refused.status_code == 401 and refused.json()["code"] == "signin_required"
        assert refused.headers["cache-control"] == "no-store"
        page = await anonymous.post("/disclosures", data=first)  # the HTML form: same rule
        assert page.status_code == 401 and listings[0]["name"] not in page.text.split("<form")[0]
        open_search = await anonymous.get(SEARCH, params={"name": listings[0]["name"]})
        assert len(open_search.json()["items"]) == 1

    async with _mp_user(app, wechat_sandbox) as user:
        hits = [
            await user.get(SEARCH, params={"name": x["name"], "id_no": x["id_no"]})
            for x in listings
        ]
        assert [len(h.json().get("items", [])) for h in hits[:10]] == [1] * 10
        assert hits[10].status_code == 429 and int(hits[10].headers["retry-after"]) > 0
        by_name = await user.get(SEARCH, params={"name": listings[10]["name"]})
        assert by_name.status_code == 200 and len(by_name.json()["items"]) == 1
        clock.advance(datetime.timedelta(days=1))  # a new court-local day
        again = await user.get(
            SEARCH, params={"name": listings[10]["name"], "id_no": listings[10]["id_no"]}
        )
        assert again.status_code == 200 and len(again.json()["items"]) == 1


async def test_five_misses_a_day_on_a_listed_name_close_it_to_identity_number_search(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """§9.2: at most 5 misses per name per day across everyone, then 429 for that name —
    many WeChat accounts do not buy more guesses. A hit is not a miss."""
    listing = listing_payload()
    other = listing_payload()
    for x in (listing, other):
        assert (await court.request(client, "POST", "/api/court/v1/disclosures", x)).status_code
    right = {"name": listing["name"], "id_no": listing["id_no"]}
    wrong = [resident_id("19800101") for _ in range(5)]
    async with AsyncExitStack() as stack:
        users = [await stack.enter_async_context(_mp_user(app, wechat_sandbox)) for _ in range(3)]
        assert (await users[0].get(SEARCH, params=right)).json()["items"]  # a hit: not counted
        answers = [
            await users[i % 3].get(SEARCH, params={"name": listing["name"], "id_no": w})
            for i, w in enumerate(wrong)
        ]
        assert [a.status_code for a in answers] == [200] * 5
        for user in users:  # the name is closed for everyone, the right number included
            closed = await user.get(SEARCH, params=right)
            assert closed.status_code == 429 and closed.json()["code"] == "rate_limited"
        elsewhere = await users[1].get(
            SEARCH, params={"name": other["name"], "id_no": other["id_no"]}
        )
        assert elsewhere.status_code == 200 and elsewhere.json()["items"]


async def test_binding_without_a_second_factor_is_404_even_with_the_right_name_and_id(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """§9.1: name + identity number no longer bind; a missing, wrong or someone else's second
    factor answers exactly like an unknown case. The access code is stored only hashed."""
    case = case_payload()
    assert (await court.request(client, "POST", "/api/court/v1/cases", case)).status_code == 201
    applicant, _, agent = case["parties"]
    proof = {"case_no": case["case_no"], "name": applicant["name"], "id_no": applicant["id_no"]}
    async with _mp_user(app, wechat_sandbox) as user:
        unknown = await user.post(BIND, json={**proof, "case_no": "（2024）浙0203执1号"})
        wrong_ones = [
            await user.post(BIND, json=proof),
            await user.post(BIND, json={**proof, "access_code": "WRONG123"}),
            await user.post(BIND, json={**proof, "access_code": agent["access_code"]}),
        ]
        for response in wrong_ones:
            assert response.status_code == 404
            assert response.json() == unknown.json()
        right = await user.post(BIND, json={**proof, "access_code": applicant["access_code"]})
        assert right.status_code == 201, right.text
        assert right.json()["role"] == "applicant"
    row = await Party.get(case__case_no=case["case_no"], party_id="P-1")
    stored = " ".join(str(v) for v in row.__dict__.values())
    assert applicant["access_code"] not in stored and row.access_code_hash


async def test_binding_code_goes_only_to_the_recorded_phone_and_the_answer_says_nothing(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    wechat_sandbox: SandboxServer,
    no_personal_data_in_logs: LogCapture,
) -> None:
    """§9.1: ``sms-code`` answers 202 with the same body whether or not anything matched; the
    6-digit code goes by SMS to the phone the court recorded, works once, for the user who
    asked, for 10 minutes — and never reaches a log."""
    case = case_payload()
    assert (await court.request(client, "POST", "/api/court/v1/cases", case)).status_code == 201
    applicant, _, agent = case["parties"]
    proof = {"case_no": case["case_no"], "name": applicant["name"], "id_no": applicant["id_no"]}
    logged_before = len(no_personal_data_in_logs.lines)
    async with _mp_user(app, wechat_sandbox) as owner, _mp_user(app, wechat_sandbox) as other:
        matched = await owner.post(SMS_CODE, json=proof)
        unmatched = [
            await other.post(SMS_CODE, json={**proof, "id_no": resident_id()}),
            await other.post(SMS_CODE, json={**proof, "case_no": "（2024）浙0203执1号"}),
            await other.post(SMS_CODE, json={**proof, "id_no": "not a number"}),
        ]
        assert matched.status_code == 202
        for response in unmatched:
            assert (response.status_code, response.content) == (202, matched.content)
        code = await texted_code(wechat_sandbox, applicant["phone"])
        async with httpx.AsyncClient(base_url=f"{wechat_sandbox.url}/sms") as gateway:
            inbox = (
                await gateway.get("/_sandbox/messages", params={"phone": applicant["phone"]})
            ).json()
        assert len(inbox) == 1 and inbox[0]["text"].startswith(f"【{case['court']}】")
        # not usable by another WeChat user, then once by its owner
        assert (await other.post(BIND, json={**proof, "sms_code": code})).status_code == 404
        bound = await owner.post(BIND, json={**proof, "sms_code": code})
        assert bound.status_code == 201, bound.text
        agent_proof = {"case_no": case["case_no"], "name": agent["name"], "id_no": agent["id_no"]}
        assert (await owner.post(BIND, json={**agent_proof, "sms_code": code})).status_code == 404

        # valid 10 minutes
        assert (await owner.post(SMS_CODE, json=agent_proof)).status_code == 202
        late = await texted_code(wechat_sandbox, agent["phone"])
        clock.advance(datetime.timedelta(minutes=10, seconds=1))
        assert (await owner.post(BIND, json={**agent_proof, "sms_code": late})).status_code == 404
    fresh_lines = no_personal_data_in_logs.lines[logged_before:]
    assert fresh_lines, "the code's sending is logged (by reference)"
    assert not [line for line in fresh_lines if code in line or late in line]


async def test_a_binding_code_dies_after_five_wrong_tries(app: Starlette) -> None:
    """§9.1: 5 tries per code — the sixth try, even with the right code, finds nothing."""
    redis = app.state.redis
    user = PartyUser("test", mp_openid="omp_tries_" + unique_name())
    case_id, party_id = uuid.uuid4(), uuid.uuid4()
    code = await codes.issue(redis, user, case_id, party_id)
    assert code is not None and re.fullmatch(r"\d{6}", code)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(codes.MAX_TRIES):
        assert await codes.redeem(redis, user, case_id, [party_id], wrong) is None
    assert await codes.redeem(redis, user, case_id, [party_id], code) is None


async def test_forty_concurrent_wrong_bindings_look_up_at_most_five(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, wechat_sandbox: SandboxServer
) -> None:
    """§9.1: the per-user limit is checked and counted atomically before any look-up: of 40
    wrong tries sent at once, 5 are looked up (404) and 35 refused (429); the right details
    after them are refused too."""
    case = case_payload()
    assert (await court.request(client, "POST", "/api/court/v1/cases", case)).status_code == 201
    applicant = case["parties"][0]
    proof = {"case_no": case["case_no"], "name": applicant["name"], "id_no": applicant["id_no"]}
    async with _mp_user(app, wechat_sandbox) as user:
        tries = [{**proof, "access_code": f"WRONG{i:03d}"} for i in range(40)]
        answers = await asyncio.gather(*(user.post(BIND, json=t) for t in tries))
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [404] * 5 + [429] * 35
        right = await user.post(BIND, json={**proof, "access_code": applicant["access_code"]})
        assert right.status_code == 429


@pytest.mark.parametrize("path", [BIND, SMS_CODE])
async def test_openapi_documents_the_second_factor_and_the_signed_in_search(
    client: httpx.AsyncClient, path: str
) -> None:
    spec = (await client.get("/openapi.json")).json()
    operation = spec["paths"][path]["post"]
    assert "429" in operation["responses"]
    if path == SMS_CODE:
        assert "202" in operation["responses"]
    search = spec["paths"][SEARCH]["get"]
    assert "401" in search["responses"]
    text = str(spec)
    for word in ("signin_required", "sms_code", "access_code"):
        assert word in text
