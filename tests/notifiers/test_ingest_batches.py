"""Court batches on the set-based ingest path: repeats inside one batch and across batches,
and the one statement that moves every case of a batch to its latest node (run on both
backends: PostgreSQL takes the COPY and ``UPDATE … FROM unnest`` path, SQLite
``bulk_create`` and ``UPDATE … FROM (VALUES …)``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from notifiers.models import Notification
from service.cases import service as cases
from service.cases.models import Case
from service.events import nodes
from service.events.models import Event
from service.events.notifying import Accepted
from service.events.service import insert_events
from tests.notifiers.flow import events_for, make_case, notifications_of, post_events
from tests.support import CourtSigner

AT = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def _event(case: Case, event_id: str, node: str, minutes: int, **data: object) -> dict[str, object]:
    return {
        "event_id": event_id,
        "case_no": case.case_no,
        "node": node,
        "occurred_at": (AT + timedelta(minutes=minutes)).isoformat(),
        "data": data,
    }


async def test_an_event_id_twice_in_one_batch_is_stored_once(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case = await make_case(client, court, parties=3)
    first = _event(case, "twice-1", "funds_received", 0, amount="100.00")
    changed = _event(case, "twice-1", "funds_received", 0, amount="200.00")
    other = _event(case, "twice-2", "property_sealed", 5, property="房产")
    results = await post_events(client, court, [first, dict(first), changed, other])

    assert [r["status"] for r in results] == ["accepted", "duplicate", "rejected", "accepted"]
    assert results[2]["error"]["code"] == "event_conflict"
    stored = await Event.filter(case_id=case.id).order_by("event_id")
    assert [(e.event_id, e.data) for e in stored] == [
        ("twice-1", {"amount": "100.00"}),
        ("twice-2", {"property": "房产"}),
    ]
    rows = await notifications_of([case])
    # funds_received: applicant + agent; property_sealed: applicant, respondent, agent
    assert sorted(str(n.event_id) for n in rows).count(str(stored[0].id)) == 2
    assert len(rows) == 5
    assert len({(n.event_id, n.party_id, n.channel) for n in rows}) == 5


async def test_a_batch_mixing_repeats_and_new_events_plans_only_the_new_ones(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    case = await make_case(client, court, parties=3)
    batch = events_for(case, "mix", count=4)
    assert {r["status"] for r in await post_events(client, court, batch)} == {"accepted"}
    before = await notifications_of([case])

    new = events_for(case, "mix2", count=2)
    results = await post_events(client, court, [batch[1], new[0], batch[3], new[1]])

    assert [r["status"] for r in results] == ["duplicate", "accepted", "duplicate", "accepted"]
    assert await Event.filter(case_id=case.id).count() == 6
    after = await notifications_of([case])
    added = {n.event_id for n in after} - {n.event_id for n in before}
    new_ids = set(
        await Event.filter(event_id__in=["mix2-00", "mix2-01"]).values_list("id", flat=True)
    )
    assert added == new_ids
    assert all(n.attempts == 0 and n.status == "created" for n in after if n.event_id in added)


async def test_each_case_moves_to_the_latest_node_of_the_batch_and_never_back(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    one = await make_case(client, court, parties=2)
    two = await make_case(client, court, parties=2)
    batch = [
        _event(one, "late-1", "property_sealed", 30, property="车辆"),
        _event(one, "late-2", "suspended", 10, reason="和解"),  # older: not the latest
        _event(two, "late-3", "suspended", 20, reason="和解"),
        _event(two, "late-4", "archived", 40),  # pushed to nobody: not case progress
    ]
    assert {r["status"] for r in await post_events(client, court, batch)} == {"accepted"}

    one_now, two_now = await Case.get(id=one.id), await Case.get(id=two.id)
    assert (one_now.last_node, one_now.last_node_at) == (
        "property_sealed",
        AT + timedelta(minutes=30),
    )
    assert one_now.status == one.status  # property_sealed does not change the state
    assert (two_now.last_node, two_now.last_node_at) == ("suspended", AT + timedelta(minutes=20))
    assert two_now.status == "suspended"

    # a later batch reporting something older leaves the case where it is
    older = [_event(one, "late-5", "closed", 5, mode="withdrawn")]
    assert (await post_events(client, court, older))[0]["status"] == "accepted"
    again = await Case.get(id=one.id)
    assert (again.last_node, again.status) == ("property_sealed", one.status)


async def test_record_nodes_updates_many_cases_in_one_call(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    made = [await make_case(client, court, parties=2) for _ in range(3)]
    await cases.record_node(made[2].id, "property_sealed", AT + timedelta(hours=5), None)

    await cases.record_nodes(
        [
            cases.NodeUpdate(made[0].id, "suspended", AT + timedelta(hours=1), "suspended"),
            cases.NodeUpdate(made[1].id, "property_sealed", AT + timedelta(hours=2), None),
            cases.NodeUpdate(made[2].id, "closed", AT + timedelta(hours=3), "closed"),  # older
        ]
    )

    rows = {c.id: c for c in await Case.filter(id__in=[c.id for c in made])}
    assert (rows[made[0].id].last_node, rows[made[0].id].status) == ("suspended", "suspended")
    assert rows[made[0].id].last_node_at == AT + timedelta(hours=1)
    assert (rows[made[1].id].last_node, rows[made[1].id].status) == (
        "property_sealed",
        made[1].status,
    )
    assert (rows[made[2].id].last_node, rows[made[2].id].status) == (
        "property_sealed",
        made[2].status,
    )
    assert rows[made[2].id].last_node_at == AT + timedelta(hours=5)
    assert await Notification.filter(case_id__in=[c.id for c in made]).count() == 0


async def test_a_used_event_id_fails_the_insert_as_an_integrity_error_on_both_paths(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    """What a batch that loses the race for an event id sees (it is then redone and answers
    ``duplicate``): COPY on PostgreSQL and bulk_create on SQLite raise the same error, and
    nothing of the failed transaction stays."""
    case = await make_case(client, court, parties=2)
    event = _event(case, "race-1", "funds_received", 0, amount="1.00")
    assert (await post_events(client, court, [event]))[0]["status"] == "accepted"
    stored = await Event.get(event_id="race-1")
    spec = nodes.resolve("funds_received")
    assert spec is not None
    again = Accepted(uuid.uuid4(), case, spec, AT, {"amount": "1.00"})

    with pytest.raises(IntegrityError):
        async with in_transaction() as conn:
            await insert_events(conn, stored.court_key, [("race-1", "x")], [again], AT)

    assert await Event.filter(event_id="race-1").count() == 1
