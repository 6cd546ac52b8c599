"""Court API for 失信 listings (contract §1.6): validation, lifecycle, history, audit."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from disclosure import service, state
from disclosure.models import Listing
from service import clock
from service.audit.service import entries_for
from tests.disclosure.helpers import listing_payload, organization_payload, today
from tests.factories import resident_id
from tests.support import CourtSigner

PATH = "/api/court/v1/disclosures"


def _bad_check_character(id_no: str) -> str:
    return id_no[:-1] + ("0" if id_no[-1] != "0" else "1")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        # 17 on the decision date: born 10 days less than 18 years before it
        (
            {"id_no": "minor"},
            "id_no",
            "minor_not_listable",
        ),
        ({"circumstance": 2, "period_years": None}, "period_years", "period_required"),
        ({"id_no": "bad_check"}, "id_no", "id_no_invalid"),
    ],
    ids=["minor", "ground2-without-period", "bad-check-character"],
)
async def test_refused_listings_answer_422_with_their_code_and_store_nothing(
    client: httpx.AsyncClient,
    court: CourtSigner,
    overrides: dict[str, object],
    field: str,
    code: str,
) -> None:
    payload = listing_payload(**overrides)
    if overrides.get("id_no") == "minor":
        born = today() - timedelta(days=365 * 18 - 10)
        payload["id_no"] = resident_id(born.strftime("%Y%m%d"))
        payload["decided_at"] = today().isoformat()
    elif overrides.get("id_no") == "bad_check":
        payload["id_no"] = _bad_check_character(resident_id())
    response = await court.request(client, "POST", PATH, payload)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert {e["field"]: e["code"] for e in problem["errors"]} == {field: code}
    assert problem["code"] in {code, "invalid_field"}
    assert await Listing.filter(listing_id=payload["listing_id"]).count() == 0
    if code == "minor_not_listable":
        assert problem["code"] == "minor_not_listable"


async def test_period_rules(client: httpx.AsyncClient, court: CourtSigner) -> None:
    cases = [
        ({"circumstance": 1, "period_years": 2}, "period_not_allowed"),
        ({"circumstance": 3, "period_years": 6}, "period_invalid"),
        ({"circumstance": 7}, "circumstance_invalid"),
        ({"kind": "organization", "id_no": "91330203MA2H3K4L4A"}, "credit_code_invalid"),
        ({"case_no": "（2024）浙0203民初1号"}, "case_no_invalid"),
    ]
    for overrides, code in cases:
        response = await court.request(client, "POST", PATH, listing_payload(**overrides))
        assert response.status_code == 422
        assert code in {e["code"] for e in response.json()["errors"]}, (overrides, response.text)
    ok = await court.request(client, "POST", PATH, listing_payload(circumstance=4, period_years=5))
    assert ok.status_code == 201


async def test_upsert_is_idempotent_corrections_are_history_and_output_is_masked(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = listing_payload(case_no="(2024)浙0203执77001号")
    first = await court.request(client, "POST", PATH, payload)
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["status"] == "published"
    assert created["changed"] is True

    again = await court.request(client, "POST", PATH, payload)
    assert again.status_code == 200
    assert again.json() == {**created, "changed": False}

    corrected = await court.request(
        client, "POST", PATH, {**payload, "performance": "部分未履行", "unperformed_amount": "9.5"}
    )
    assert corrected.status_code == 200
    assert corrected.json()["version"] > created["version"]

    path = f"{PATH}/{payload['listing_id']}"
    detail = await court.request(client, "GET", path)
    assert detail.status_code == 200
    body = detail.json()
    assert body["case_no"] == "（2024）浙0203执77001号"
    assert body["id_no_masked"] == payload["id_no"][:10] + "****" + payload["id_no"][14:]
    assert payload["id_no"] not in detail.text
    assert body["unperformed_amount"] == "9.50"
    assert body["circumstance_text"] == "有履行能力而拒不履行生效法律文书确定义务"
    assert [h["action"] for h in body["history"]] == ["created", "corrected"]
    assert set(body["history"][1]["details"]["fields"]) == {"performance", "unperformed_amount"}
    assert body["disclosure_version"] >= body["version"]
    # correcting something already public raises the withdrawal floor (screens must catch up)
    assert body["withdrawal_floor"] >= body["version"]
    actions = [e.action for e in await entries_for("disclosure", payload["listing_id"])]
    assert actions == ["disclosure.created", "disclosure.corrected"]


async def test_withdraw_with_reason_then_closed(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = organization_payload()
    assert (await court.request(client, "POST", PATH, payload)).status_code == 201
    path = f"{PATH}/{payload['listing_id']}/withdraw"
    bad = await court.request(client, "POST", path, {"reason": "bored"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["code"] == "reason_unknown"
    done = await court.request(client, "POST", path, {"reason": "performed", "note": "已履行"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "withdrawn"
    assert body["withdraw_reason"] == "performed"
    assert body["withdrawal_floor"] == body["version"]
    assert body["history"][-1]["action"] == "withdrawn"
    # withdrawing again is harmless; changing a withdrawn listing is refused
    again = await court.request(client, "POST", path, {"reason": "performed"})
    assert again.status_code == 200
    assert again.json()["version"] == body["version"]
    change = await court.request(client, "POST", PATH, {**payload, "performance": "x"})
    assert change.status_code == 409
    assert change.json()["code"] == "listing_closed"
    unknown = await court.request(
        client, "POST", f"{PATH}/SX-NOPE-1/withdraw", {"reason": "performed"}
    )
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "listing_unknown"


async def test_grace_period_publishes_on_its_day(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    payload = listing_payload(publish_after=(today() + timedelta(days=30)).isoformat())
    response = await court.request(client, "POST", PATH, payload)
    assert response.json()["status"] == "scheduled"
    search = {"name": payload["name"]}
    assert (await public.get("/api/public/v1/disclosures", params=search)).json()["items"] == []
    clock.advance(timedelta(days=31))
    result = await service.run_lifecycle()
    listing = await Listing.get(listing_id=payload["listing_id"])
    assert str(listing.id) in result.published
    assert listing.status == "published"
    items = (await public.get("/api/public/v1/disclosures", params=search)).json()["items"]
    assert [i["public_id"] for i in items] == [listing.public_id]


async def test_listing_expires_at_the_end_of_its_period_and_disappears(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    payload = listing_payload(circumstance=5, period_years=2)
    assert (await court.request(client, "POST", PATH, payload)).status_code == 201
    listing = await Listing.get(listing_id=payload["listing_id"])
    search = {"name": payload["name"]}  # unique: the name alone finds it (no sign-in)
    assert len((await public.get("/api/public/v1/disclosures", params=search)).json()["items"]) == 1
    before = await state.current_state()

    clock.advance(timedelta(days=2 * 366))  # past decided_at + 2 years
    # gone at once, before the cron has run
    assert (await public.get("/api/public/v1/disclosures", params=search)).json()["items"] == []
    page = await public.get(f"/disclosures/{listing.public_id}")
    assert page.status_code == 410
    board = (await public.get("/api/public/v1/disclosures/board")).json()["items"]
    assert listing.public_id not in {i["public_id"] for i in board}

    result = await service.run_lifecycle()
    assert str(listing.id) in result.expired
    await listing.refresh_from_db()
    assert listing.status == "expired"
    after = await state.current_state()
    assert after.version > before.version
    assert after.withdrawal_floor >= listing.version
    moved_ts = int(clock.now().timestamp())  # the court's clock moved with ours
    detail = await court.request(
        client, "GET", f"{PATH}/{payload['listing_id']}", timestamp=moved_ts
    )
    assert [h["action"] for h in detail.json()["history"]] == ["created", "expired"]
    # the cron again finds nothing to do
    assert str(listing.id) not in (await service.run_lifecycle()).expired


async def test_worker_cron_runs_the_lifecycle(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    from notifiers.worker import disclosure_lifecycle, worker_settings

    assert any(job.name.endswith("disclosure_lifecycle") for job in worker_settings()["cron_jobs"])
    payload = listing_payload(circumstance=3, period_years=2)
    assert (await court.request(client, "POST", PATH, payload)).status_code == 201
    clock.advance(timedelta(days=2 * 366))
    await disclosure_lifecycle({})
    assert (await Listing.get(listing_id=payload["listing_id"])).status == "expired"
