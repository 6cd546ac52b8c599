"""Delivery jobs are arq's own jobs, one per batch of notification ids: queued with arq's
public ``enqueue_job``, a batch queued again is a no-op, rows to retry wait as deferred jobs;
a worker admits batches while their rows fit."""

from __future__ import annotations

import asyncio
import math
import uuid
from datetime import timedelta

from arq.jobs import Job, JobStatus
from starlette.applications import Starlette

from notifiers.deps import RowGate
from notifiers.outbox import DELIVER_TASK, enqueue, enqueue_retries
from notifiers.queue import job_id
from service import clock


async def _cleanup(arq: object, job_ids: list[str]) -> None:
    await arq.zrem(arq.default_queue_name, *job_ids)  # type: ignore[attr-defined]
    await arq.delete(*(f"arq:job:{i}" for i in job_ids))  # type: ignore[attr-defined]


async def test_a_batch_is_one_arq_job_and_queuing_it_again_changes_nothing(
    app: Starlette,
) -> None:
    arq = app.state.arq
    ids = [str(uuid.uuid4()) for _ in range(5)]
    batches = [ids[0:2], ids[2:4], ids[4:5]]
    jobs = [job_id(batch) for batch in batches]
    try:
        assert await enqueue(arq, ids, size=2) == 5
        # the same rows again, in any order: every batch's job exists, nothing is added
        assert await enqueue(arq, list(reversed(ids[:4])) + ids[4:], size=2) == 0
        assert await enqueue(arq, ids[:4], size=2) == 0
        # arq's own view of the first job: our function, the batch's ids as its argument
        job = Job(jobs[0], arq)
        assert await job.status() == JobStatus.queued
        info = await job.info()
        assert info is not None
        assert (info.function, info.args) == (DELIVER_TASK, (ids[0:2],))
        # a batch not seen before (one of the ids with another) is a new job
        assert await enqueue(arq, [ids[0], ids[4]], size=2) == 2
        jobs.append(job_id([ids[0], ids[4]]))
    finally:
        await _cleanup(arq, jobs)


async def test_rows_to_retry_wait_as_deferred_jobs_until_their_second(app: Starlette) -> None:
    arq = app.state.arq
    now = clock.now()
    a, b, c = (uuid.uuid4() for _ in range(3))
    at = now + timedelta(seconds=30)
    later = now + timedelta(hours=2)
    second = int(at.timestamp()) + 1
    retries = {a: at.replace(microsecond=100), b: at.replace(microsecond=900_000), c: later}
    jobs: list[str] = []
    try:
        assert await enqueue_retries(arq, retries, size=100) == 3
        # a and b are due in the same second: one job, deferred to that second's end
        first = job_id([f"{a}@{second}", f"{b}@{second}"], "retry")
        jobs = [first, job_id([f"{c}@{math.ceil(later.timestamp())}"], "retry")]
        assert await Job(first, arq).status() == JobStatus.deferred
        info = await Job(first, arq).info()
        assert info is not None
        assert sorted(info.args[0]) == sorted([str(a), str(b)])
        assert await Job(jobs[1], arq).status() == JobStatus.deferred
        score = await arq.zscore(arq.default_queue_name, first)
        assert score / 1000 > now.timestamp() + 20  # queued for then, not now
        # the same retries again are the same jobs
        assert await enqueue_retries(arq, retries, size=100) == 0
    finally:
        await _cleanup(arq, jobs)


async def test_batches_run_side_by_side_while_their_rows_fit_under_the_gate() -> None:
    """A worker claims at most ``ROWS_IN_FLIGHT`` rows at once (notifiers/deps.py): a batch
    that would pass the limit waits for one to end; a batch larger than the limit runs
    alone."""
    gate = RowGate(10)
    entered: list[str] = []
    release = {name: asyncio.Event() for name in ("a", "b", "c", "big")}

    async def batch(name: str, rows: int) -> None:
        async with gate.rows(rows):
            entered.append(name)
            await release[name].wait()

    async def settle() -> None:
        for _ in range(5):
            await asyncio.sleep(0)

    tasks = [asyncio.ensure_future(batch("a", 6)), asyncio.ensure_future(batch("b", 4))]
    await settle()
    tasks.append(asyncio.ensure_future(batch("c", 5)))
    await settle()
    assert entered == ["a", "b"] and gate.used == 10  # c waits
    release["a"].set()
    await settle()
    assert entered == ["a", "b", "c"] and gate.used == 9
    tasks.append(asyncio.ensure_future(batch("big", 50)))
    release["b"].set()
    release["c"].set()
    await settle()
    assert entered[-1] == "big" and gate.used == 50  # alone, once the others ended
    release["big"].set()
    await asyncio.gather(*tasks)
    assert gate.used == 0
