"""The public search's plain-SQL path (disclosure.lookup) against the tortoise query.

On PostgreSQL ``lookup.search`` runs its own SQL on the asyncpg pool; on SQLite (and inside a
transaction) it runs ``disclosure.service.search``. Both must select the same rows, in the same
order, with the same (masked) fields.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from tortoise.transactions import in_transaction

from disclosure import lookup, service
from disclosure.public import public_fields, public_item
from service import clock, db
from tests.disclosure.helpers import listing_payload, organization_payload, today, unique_name
from tests.disclosure.led_support import withdraw
from tests.factories import resident_id
from tests.support import PG_URL, CourtSigner

COURT = "/api/court/v1/disclosures"


async def _post(client: httpx.AsyncClient, court: CourtSigner, payload: dict[str, object]) -> str:
    response = await court.request(client, "POST", COURT, payload)
    assert response.status_code in (200, 201), response.text
    return str(response.json()["status"])


async def _tortoise(name: str, id_no: str | None = None) -> list[lookup.PublicRow]:
    return [lookup.from_listing(x) for x in await service.search(name, id_no)]


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
        fast = await lookup.search(*query)
        assert fast == await _tortoise(*query)
        assert [public_item(x) for x in fast] == [
            public_item(x) for x in await service.search(*query)
        ]
        for row in fast:  # the JSON answer's dicts are the schema's, key for key and in order
            assert list(public_fields(row).items()) == list(public_item(row).model_dump().items())
    everyone = await lookup.search(name)
    assert [r.id_no_masked for r in everyone] == [i[:10] + "****" + i[14:] for i in reversed(ids)]
    assert everyone[2].unperformed_amount is None
    assert [r.id_no_masked for r in await lookup.search(name, ids[3])] == [
        ids[3][:10] + "****" + ids[3][14:]
    ]
    [company] = await lookup.search(org["name"], org["id_no"])
    assert company.kind == "organization" and company.legal_rep == org["legal_rep"]
    assert org["id_no"] not in repr(company)  # masked only


async def test_the_plain_sql_path_runs_on_postgresql_outside_transactions_only() -> None:
    if PG_URL:
        assert await db.asyncpg_pool() is not None
    else:
        assert await db.asyncpg_pool() is None
    async with in_transaction():
        assert await db.asyncpg_pool() is None
