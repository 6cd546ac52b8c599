"""The public search's plain-SQL path (disclosure.repository) against the tortoise query.

On PostgreSQL ``repository.search`` runs its own SQL on the asyncpg connection; on SQLite it runs
the tortoise query (``repository.search_listings``). Both must select the same rows, in the same
order, with the same (masked) fields.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from tortoise.transactions import in_transaction

from disclosure import repository, service
from disclosure.models import Listing
from disclosure.public import public_fields, public_item
from service import clock
from service.privacy import vault
from tests.disclosure.helpers import listing_payload, organization_payload, today, unique_name
from tests.disclosure.led_support import withdraw
from tests.factories import resident_id
from tests.support import CourtSigner

COURT = "/api/court/v1/disclosures"


async def _post(client: httpx.AsyncClient, court: CourtSigner, payload: dict[str, object]) -> str:
    response = await court.request(client, "POST", COURT, payload)
    assert response.status_code in (200, 201), response.text
    return str(response.json()["status"])


async def _models(name: str, id_no: str | None = None) -> list[Listing]:
    id_no_hash = vault().lookup_hash(id_no, service.ID_NO) if id_no else None
    return await repository.search_listings(name.strip(), id_no_hash, clock.now())


async def test_plain_sql_search_returns_what_the_tortoise_query_returns(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    name = unique_name()
    ids = [resident_id(f"19{70 + i}0101") for i in range(5)]
    # Five namesakes published one after the other (newest first), with and without amounts.
    for i, id_no in enumerate(ids):
        amount = None if i == 2 else f"{1000 + i}.50"
        await _post(
            client, court, listing_payload(name=name, id_no=id_no, unperformed_amount=amount)
        )
    # Not shown: a scheduled one (publish_after in the future), a withdrawn one, and one whose
    # period ends before the search (expired by time, before any cron).
    later = listing_payload(name=name, publish_after=(today() + timedelta(days=10)).isoformat())
    assert await _post(client, court, later) == "scheduled"
    gone = listing_payload(name=name)
    await _post(client, court, gone)
    await withdraw(client, court, gone["listing_id"])
    ending = listing_payload(
        name=name,
        circumstance=2,
        period_years=2,
        decided_at=(today() - timedelta(days=2 * 365 - 1)).isoformat(),
    )
    await _post(client, court, ending)
    org = organization_payload()
    await _post(client, court, org)
    clock.advance(timedelta(days=3))  # after the signed calls: their signatures carry the time

    for query in (
        (name, None),
        (name, ids[3]),
        (name, resident_id("19600101")),
        (org["name"], None),
        (org["name"], org["id_no"]),
    ):
        fast = await service.search(*query)
        models = await _models(*query)
        assert fast == [repository.from_listing(x) for x in models]
        assert [public_item(x) for x in fast] == [public_item(x) for x in models]
        for row in fast:  # the JSON answer's dicts are the schema's, key for key and in order
            assert list(public_fields(row).items()) == list(public_item(row).model_dump().items())
    everyone = await service.search(name)
    assert [r.id_no_masked for r in everyone] == [i[:10] + "****" + i[14:] for i in reversed(ids)]
    assert everyone[2].unperformed_amount is None
    assert [r.id_no_masked for r in await service.search(name, ids[3])] == [
        ids[3][:10] + "****" + ids[3][14:]
    ]
    [company] = await service.search(org["name"], org["id_no"])
    assert company.kind == "organization" and company.legal_rep == org["legal_rep"]
    assert org["id_no"] not in repr(company)  # masked only


async def test_search_inside_a_transaction_reads_on_the_transactions_connection(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = listing_payload()
    await _post(client, court, payload)
    outside = await service.search(str(payload["name"]))
    assert len(outside) == 1
    async with in_transaction():
        assert await service.search(str(payload["name"])) == outside
