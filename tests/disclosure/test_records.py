"""The 终本案件 and 限制消费 lists (contract §9.6): search, board, masking, 410 after withdrawal,
noindex/no-store, rate limits, the court's API, and withdrawal that follows the case.

The rules behind each list (quoted in docs/disclosures.md, disclosure/lists.py):
终本规定 Art. 9 (恢复执行) — the 终本案件信息库 articles themselves were not found; 限制消费规定
Art. 6 (公告), Art. 3 (a unit's 法定代表人 bound too), Art. 9 (lifting on full performance).
"""

from __future__ import annotations

import math
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from sandbox.server import SandboxServer
from service import clock
from tests.disclosure.helpers import unique_name
from tests.factories import credit_code, resident_id
from tests.filings.helpers import court_call, make_case, post_events
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner

TERMINATED = "terminated-cases"
RESTRICTED = "consumption-restrictions"


def terminated_payload(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        "record_id": f"ZB-{uuid.uuid4().hex[:12]}",
        "case_no": case["case_no"],
        "court": "宁波市海曙区人民法院",
        "kind": "person",
        "name": unique_name("钱"),
        "id_no": resident_id(),
        "filed_at": "2024-03-01",
        "terminated_at": "2024-09-10",
        "target_amount": "150000.00",
        "unperformed_amount": "120000.00",
        **overrides,
    }


def restriction_payload(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        "record_id": f"XG-{uuid.uuid4().hex[:12]}",
        "case_no": case["case_no"],
        "court": "宁波市海曙区人民法院",
        "kind": "organization",
        "name": unique_name("宁波") + "贸易有限公司",
        "id_no": credit_code(),
        "legal_rep": "孙某某",
        "issued_at": "2024-04-02",
        **overrides,
    }


async def create(
    client: httpx.AsyncClient, court: CourtSigner, slug: str, payload: dict[str, Any]
) -> str:
    response = await court_call(client, court, "POST", f"/api/court/v1/{slug}", payload)
    assert response.status_code == 201, response.text
    return str(response.json()["public_id"])


def masked(id_no: str) -> str:
    return id_no[:10] + "****" + id_no[14:]


def private(response: httpx.Response) -> None:
    assert response.headers["cache-control"] == "no-store"
    assert "noindex" in response.headers["x-robots-tag"]


@pytest.mark.parametrize(
    ("slug", "make", "shown", "hidden"),
    [
        (
            TERMINATED,
            terminated_payload,
            {"terminated_at": "2024-09-10", "unperformed_amount": "120000.00"},
            ("gender", "legal_rep", "obligation"),
        ),
        (
            RESTRICTED,
            restriction_payload,
            {"issued_at": "2024-04-02", "legal_rep": "孙某某"},
            ("gender", "terminated_at", "unperformed_amount"),
        ),
    ],
)
async def test_search_board_and_detail_show_only_the_rules_fields_masked(
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    slug: str,
    make: Any,
    shown: dict[str, str],
    hidden: tuple[str, ...],
) -> None:
    """contract §9.6: the same masking (characters 1–10 and 15–18) and headers as §2; each list
    shows the fields its rule supports (docs/disclosures.md) and no other."""
    case = await make_case(client, court)
    payload = make(case)
    public_id = await create(client, court, slug, payload)
    again = await court_call(client, court, "POST", f"/api/court/v1/{slug}", payload)
    assert (again.status_code, again.json()["changed"]) == (200, False)

    found = await public.get(f"/api/public/v1/{slug}", params={"name": payload["name"]})
    assert found.status_code == 200
    private(found)
    [item] = found.json()["items"]
    assert item["public_id"] == public_id
    assert item["id_no_masked"] == masked(payload["id_no"])
    assert payload["id_no"] not in found.text
    assert {k: item[k] for k in shown} == shown
    assert all(item.get(k) is None for k in hidden)
    assert item["published_at"].endswith("+08:00")

    board = await public.get(f"/api/public/v1/{slug}/board")
    private(board)
    assert public_id in [x["public_id"] for x in board.json()["items"]]
    assert payload["id_no"] not in board.text

    page = await public.get(f"/disclosures/{slug}")
    private(page)
    assert payload["name"] in page.text and masked(payload["id_no"]) in page.text
    detail = await public.get(f"/disclosures/{slug}/{public_id}")
    private(detail)
    assert detail.status_code == 200
    assert '<meta name="robots" content="noindex' in detail.text
    assert masked(payload["id_no"]) in detail.text and payload["id_no"] not in detail.text
    posted = await public.post(f"/disclosures/{slug}", data={"name": payload["name"]})
    assert posted.status_code == 200 and f"/disclosures/{slug}/{public_id}" in posted.text
    private(posted)
    # the other lists do not answer for this record
    other = RESTRICTED if slug == TERMINATED else TERMINATED
    assert (await public.get(f"/disclosures/{other}/{public_id}")).status_code == 404
    assert (await public.get(f"/disclosures/{public_id}")).status_code == 404


@pytest.mark.parametrize(
    ("slug", "make"), [(TERMINATED, terminated_payload), (RESTRICTED, restriction_payload)]
)
async def test_withdrawal_is_410_and_gone_from_search_and_board(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient, slug: str, make: Any
) -> None:
    """contract §9.6 / §1.6: from the moment the withdrawal returns, no public output shows the
    record; its page answers 410 (with the private headers); a withdrawn record is not
    republished by sending it again."""
    case = await make_case(client, court)
    payload = make(case)
    public_id = await create(client, court, slug, payload)
    bad = await court_call(
        client,
        court,
        "POST",
        f"/api/court/v1/{slug}/{payload['record_id']}/withdraw",
        {"reason": "expired"},
    )
    assert bad.status_code == 422, bad.text
    assert [e["code"] for e in bad.json()["errors"]] == ["reason_unknown"]
    done = await court_call(
        client,
        court,
        "POST",
        f"/api/court/v1/{slug}/{payload['record_id']}/withdraw",
        {"reason": "wrongly_listed", "note": "录入错误"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "withdrawn"

    found = await public.get(f"/api/public/v1/{slug}", params={"name": payload["name"]})
    assert found.json()["items"] == []
    board = await public.get(f"/api/public/v1/{slug}/board")
    assert public_id not in board.text and payload["name"] not in board.text
    gone = await public.get(f"/disclosures/{slug}/{public_id}")
    assert gone.status_code == 410
    private(gone)
    assert "撤下" in gone.text and payload["name"] not in gone.text
    again = await court_call(client, court, "POST", f"/api/court/v1/{slug}", payload)
    assert again.status_code == 409 and again.json()["code"] == "record_withdrawn"
    status = await court_call(client, court, "GET", f"/api/court/v1/{slug}/{payload['record_id']}")
    assert status.json()["withdraw_reason"] == "wrongly_listed"


async def test_a_resumed_case_leaves_the_terminated_list(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    """终本规定 Art. 9 「符合恢复执行条件的，执行法院应当及时恢复执行」: a ``resumed`` event makes
    the case no longer a 终本 case, and its 终本案件 record is withdrawn (410)."""
    case = await make_case(client, court)
    payload = terminated_payload(case, terminated_at=clock.local_now().date().isoformat())
    public_id = await create(client, court, TERMINATED, payload)
    at = clock.local_now().isoformat(timespec="seconds")
    await post_events(
        client, court, case, [("resumed", at, {"new_case_no": "（2025）浙0203执恢7号"})]
    )
    assert (await public.get(f"/disclosures/{TERMINATED}/{public_id}")).status_code == 410
    status = await court_call(
        client, court, "GET", f"/api/court/v1/{TERMINATED}/{payload['record_id']}"
    )
    assert status.json()["withdraw_reason"] == "resumed"


async def test_art9_full_performance_lifts_the_restriction(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    """限制消费规定 Art. 9 「被执行人履行完毕生效法律文书确定的义务的，人民法院应当…及时以通知
    或者公告解除限制消费令」: a ``closed`` event ``fully_performed`` withdraws the record; a
    closure as 终结执行 does not (lifting on other grounds is the court's decision)."""
    case = await make_case(client, court)
    today = clock.local_now().date().isoformat()
    kept = restriction_payload(case, issued_at=today)
    kept_id = await create(client, court, RESTRICTED, kept)
    at = clock.local_now().isoformat(timespec="seconds")
    await post_events(client, court, case, [("closed", at, {"mode": "terminated"})])
    assert (await public.get(f"/disclosures/{RESTRICTED}/{kept_id}")).status_code == 200
    await post_events(client, court, case, [("closed", at, {"mode": "fully_performed"})])
    assert (await public.get(f"/disclosures/{RESTRICTED}/{kept_id}")).status_code == 410
    status = await court_call(
        client, court, "GET", f"/api/court/v1/{RESTRICTED}/{kept['record_id']}"
    )
    assert status.json()["withdraw_reason"] == "performed"


async def test_identity_number_search_needs_sign_in_as_for_the_dishonest_list(
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    """contract §9.2 applies to every public list: ``id_no`` needs a signed-in WeChat user."""
    case = await make_case(client, court)
    payload = terminated_payload(case)
    await create(client, court, TERMINATED, payload)
    query = {"name": payload["name"], "id_no": payload["id_no"]}
    refused = await public.get(f"/api/public/v1/{TERMINATED}", params=query)
    assert refused.status_code == 401 and refused.json()["code"] == "signin_required"
    private(refused)
    await sign_in_h5(public, wechat_sandbox)
    found = await public.get(f"/api/public/v1/{TERMINATED}", params=query)
    assert found.status_code == 200 and len(found.json()["items"]) == 1
    assert payload["id_no"] not in found.text


async def test_the_lists_share_the_public_rate_limit(public: httpx.AsyncClient) -> None:
    """contract §2: public endpoints are rate limited per client address (429 + Retry-After)."""
    now = clock.now().timestamp()
    clock.advance(timedelta(seconds=math.ceil(now / 60) * 60 - now + 0.001))
    for _ in range(60):
        assert (await public.get(f"/api/public/v1/{RESTRICTED}/board")).status_code == 200
    limited = await public.get(f"/api/public/v1/{TERMINATED}", params={"name": "张三丰"})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    private(limited)
    assert (await public.get(f"/disclosures/{TERMINATED}")).status_code == 429


async def test_openapi_describes_every_list_operation_with_error_codes(
    client: httpx.AsyncClient,
) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    for slug in (TERMINATED, RESTRICTED):
        post = paths[f"/api/court/v1/{slug}"]["post"]["responses"]
        assert "record_withdrawn" in post["409"]["description"]
        assert "id_no_invalid" in post["422"]["description"]
        withdraw = paths[f"/api/court/v1/{slug}/{{record_id}}/withdraw"]["post"]["responses"]
        assert "record_unknown" in withdraw["404"]["description"]
        assert "reason_unknown" in withdraw["422"]["description"]
        assert (
            "record_unknown"
            in paths[f"/api/court/v1/{slug}/{{record_id}}"]["get"]["responses"]["404"][
                "description"
            ]
        )
        search = paths[f"/api/public/v1/{slug}"]["get"]["responses"]
        assert {"401", "422", "429"} <= set(search)
        assert (
            "rate_limited"
            in paths[f"/api/public/v1/{slug}/board"]["get"]["responses"]["429"]["description"]
        )
        assert set(paths[f"/disclosures/{slug}"]) == {"get", "post"}
        assert (
            "record_gone"
            in paths[f"/disclosures/{slug}/{{public_id}}"]["get"]["responses"]["410"]["description"]
        )
