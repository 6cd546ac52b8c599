"""Whether a notification is due has one answer: the delivery read, the claim and the sweep's
two queries (due now; overdue by more than a lease) agree on every kind of row, on whichever
database this run uses (notifiers/repository.py, ``due``)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx

from notifiers import repository
from notifiers.models import Notification
from service import clock
from service.events.models import Event
from service.parties.models import Party
from tests.notifiers.flow import make_case
from tests.support import CourtSigner

LEASE = timedelta(seconds=60)
S = timedelta(seconds=1)

# (status, next_attempt_at - now, sending_until - now or None, due now, due a lease ago)
ROWS: list[tuple[str, timedelta, timedelta | None, bool, bool]] = [
    ("created", -S, None, True, False),
    ("created", 0 * S, None, True, False),  # due from its very instant
    ("created", timedelta(hours=1), None, False, False),
    ("created", -2 * LEASE, None, True, True),
    ("failed_temporary", -10 * S, None, True, False),
    ("failed_temporary", 10 * S, None, False, False),
    ("failed_temporary", -2 * LEASE, None, True, True),
    ("sending", -LEASE, 30 * S, False, False),  # leased
    ("sending", -LEASE, 0 * S, False, False),  # the lease ends now: not yet ran out
    ("sending", -LEASE, -S, True, False),  # expired lease
    ("sending", -3 * LEASE, -2 * LEASE, True, True),
    ("sending", -LEASE, None, False, False),  # no lease: never recovered by time
    ("sent", -2 * LEASE, None, False, False),
    ("delivered", -2 * LEASE, None, False, False),
    ("failed_permanent", -2 * LEASE, None, False, False),
    ("undeliverable", -2 * LEASE, None, False, False),
    ("suppressed", -2 * LEASE, None, False, False),
]


async def _rows(client: httpx.AsyncClient, court: CourtSigner, now: datetime) -> list[uuid.UUID]:
    case = await make_case(client, court, parties=1, oa=False)
    party = await Party.get(case_id=case.id)
    ids = []
    for status, wait, lease, _, _ in ROWS:
        event = await Event.create(
            id=uuid.uuid4(),
            court_key="test-due",
            event_id=uuid.uuid4().hex,
            content_hash="0" * 64,
            case_id=case.id,
            node="case_filed",
            occurred_at=now,
            received_at=now,
        )
        row = await Notification.create(
            id=uuid.uuid4(),
            event_id=event.id,
            case_id=case.id,
            party_id=party.id,
            channel="sms",
            status=status,
            next_attempt_at=now + wait,
            sending_until=None if lease is None else now + lease,
            created_at=now,
            updated_at=now,
        )
        ids.append(row.id)
    return ids


async def test_the_read_the_claim_and_the_sweep_agree_on_what_is_due(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    now = clock.now()
    ids = await _rows(client, court, now)
    expected_now = [due for *_, due, _ in ROWS]
    expected_before = [due for *_, due in ROWS]

    swept = set(await repository.due_ids(now, 1_000_000))
    overdue = {nid for nid, _ in await repository.overdue(now - LEASE, 1_000_000)}
    assert [str(i) in swept for i in ids] == expected_now
    assert [str(i) in overdue for i in ids] == expected_before

    # one read and one claim for the whole batch, as a delivery job does
    by_id = await repository.read_for_delivery(ids, now)
    reads = [by_id.get(i) for i in ids]
    assert [r is not None and r.due for r in reads] == expected_now

    won_ids = await repository.claim([r.row for r in reads if r is not None], now + LEASE, now)
    claimed = [i in won_ids for i in ids]
    assert claimed == expected_now
    # a second claim of the same rows as read finds none: each row's attempt number moved on
    assert (
        await repository.claim([r.row for r in reads if r is not None], now + LEASE, now) == set()
    )
    after = {n.id: n for n in await Notification.filter(id__in=ids)}
    for nid, read, won in zip(ids, reads, claimed, strict=True):
        assert read is not None
        row = after[nid]
        if won:
            assert (row.status, row.attempts, row.sending_until) == ("sending", 1, now + LEASE)
        else:
            assert (row.status, row.attempts) == (read.row.status, 0)
