"""One delivery job delivers a batch, and each row of it keeps its own story: its lease, its
attempt numbers, its one-way status, its recovery, its fallback (notifiers/delivery.py)."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import httpx
from arq.jobs import Job, JobStatus

from notifiers import outbox, tasks
from notifiers.delivery import Deps, deliver_batch
from notifiers.models import DeliveryAttempt, Notification
from notifiers.queue import job_id
from service import clock
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import events_for, make_case, notifications_of, post_events
from tests.support import CourtSigner


async def _fault(boxes: Sandboxes, **fault: Any) -> None:
    async with httpx.AsyncClient() as admin:
        response = await admin.post(f"{boxes.wechat.url}/_sandbox/faults", json=fault)
        assert response.status_code == 201, response.text


async def _rows(client: httpx.AsyncClient, court: CourtSigner, tag: str) -> list[Notification]:
    """Six OA notifications: three events that reach both parties of a 2-party case."""
    case = await make_case(client, court, parties=2)
    both = [e for e in events_for(case, tag, 10) if e["node"] in ("case_filed", "closed")]
    await post_events(client, court, both + events_for(case, f"{tag}x", 10)[7:8])
    rows = await notifications_of([case])
    assert len(rows) >= 5 and {r.channel for r in rows} == {"wechat_oa"}
    return rows


async def test_a_batch_settles_each_row_by_its_own_outcome(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    rows = await _rows(client, court, "batch-mix")
    now = clock.now()
    taken, lost, rest = rows[0], rows[1], rows[2:]
    # another worker holds `taken` under a live lease; `lost` was claimed by a worker that
    # died (its lease ran out): the batch must leave the first alone and recover the second
    await Notification.filter(id=taken.id).update(
        status="sending", attempts=1, sending_until=now + timedelta(seconds=30)
    )
    await Notification.filter(id=lost.id).update(
        status="sending", attempts=1, sending_until=now - timedelta(seconds=1)
    )
    # the first WeChat call answers -1 (busy): that row, whichever it is, retries
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=-1, count=1)

    again = await deliver_batch([r.id for r in rows], notify)

    after = {n.id: n for n in await Notification.filter(id__in=[r.id for r in rows])}
    assert (after[taken.id].status, after[taken.id].attempts) == ("sending", 1)
    retried = [nid for nid in again]
    assert len(retried) == 1 and retried[0] != taken.id
    busy = after[retried[0]]
    assert (busy.status, busy.last_error_code) == ("failed_temporary", "-1")
    assert again[busy.id] == busy.next_attempt_at
    for nid in [lost.id, *(r.id for r in rest)]:
        if nid != busy.id:
            assert after[nid].status == "sent" and after[nid].wechat_msgid
    assert after[lost.id].attempts == 2
    outcomes = [
        (a.number, a.outcome)
        for a in await DeliveryAttempt.filter(notification_id=lost.id).order_by("number", "id")
    ]
    assert outcomes[0] == (1, "recovered") and outcomes[1][0] == 2
    # exactly one WeChat message per row sent
    sent = [n for n in after.values() if n.status == "sent"]
    messages = sandboxes.state.runtime.messages
    assert sorted(m.client_msg_id for m in messages) == sorted(str(n.id) for n in sent)

    # the same batch again: nothing is due, nothing is sent, nothing changes
    calls = sandboxes.state.runtime.calls["template"]
    assert await deliver_batch([r.id for r in rows], notify) == {}
    assert sandboxes.state.runtime.calls["template"] == calls
    assert {
        n.id: (n.status, n.attempts) for n in await Notification.filter(id__in=[r.id for r in rows])
    } == {n.id: (n.status, n.attempts) for n in after.values()}


async def test_the_job_queues_a_row_to_retry_as_a_deferred_job(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    rows = await _rows(client, court, "batch-job")
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=-1, count=1)
    ctx = {"delivery": notify, "settings": notify.settings}
    await tasks.deliver(ctx, [str(r.id) for r in rows] + ["not-a-uuid"])
    [busy] = await Notification.filter(id__in=[r.id for r in rows], status="failed_temporary")
    second = math.ceil(busy.next_attempt_at.timestamp())
    retry = Job(job_id([f"{busy.id}@{second}"], "retry"), notify.arq)  # type: ignore[arg-type]
    try:
        assert await retry.status() == JobStatus.deferred
        info = await retry.info()
        assert info is not None and info.args == ([str(busy.id)],)
    finally:
        assert notify.arq is not None
        await notify.arq.zrem(notify.arq.default_queue_name, retry.job_id)
        await notify.arq.delete(f"arq:job:{retry.job_id}")


async def test_the_sweep_queues_due_rows_and_recovers_a_dead_workers_rows_once(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    """A row claimed by a worker that died long ago (overdue by more than a lease) gets a
    recovery job whose id names its attempt number: a second sweep adds none for it."""
    arq = notify.arq
    assert arq is not None
    rows = await _rows(client, court, "batch-sweep")
    stale = rows[0]
    await Notification.filter(id=stale.id).update(
        status="sending", attempts=1, sending_until=clock.now() - timedelta(minutes=5)
    )
    mine = {str(r.id) for r in rows}

    async def delivery_jobs() -> list[Any]:
        return [j for j in await arq.queued_jobs() if j.function == outbox.DELIVER_TASK]

    async def jobs_with(nid: str) -> list[str]:
        return [str(j.job_id) for j in await delivery_jobs() if nid in j.args[0]]

    try:
        await outbox.sweep(arq, lease_seconds=60, size=100)
        recovering = [j for j in await jobs_with(str(stale.id)) if j.startswith("notify:recover")]
        assert len(recovering) == 1
        queued = {nid for j in await delivery_jobs() for nid in j.args[0] if nid in mine}
        assert queued == mine  # every due row of ours waits in some job
        await outbox.sweep(arq, lease_seconds=60, size=100)
        # No second recovery job for the same attempt. (Ordinary batches are cut from the
        # whole due set, which other rows of a shared database may join between two sweeps:
        # a batch cut differently is a new job, harmless, as only one claim can win a row.)
        again = [j for j in await jobs_with(str(stale.id)) if j.startswith("notify:recover")]
        assert again == recovering
    finally:
        found = [str(j.job_id) for j in await delivery_jobs() if set(j.args[0]) & mine]
        if found:
            await arq.zrem(arq.default_queue_name, *found)
            await arq.delete(*(f"arq:job:{j}" for j in found))
