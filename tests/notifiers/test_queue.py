"""Bulk enqueue writes jobs arq itself reads, and keeps arq's rule: a queued id is not queued
twice."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from arq import func
from arq.constants import in_progress_key_prefix, result_key_prefix
from arq.jobs import Job, JobStatus, deserialize_job, deserialize_job_raw, serialize_job
from starlette.applications import Starlette

from notifiers.batch_worker import BatchStartWorker
from notifiers.outbox import DELIVER_TASK
from notifiers.queue import _template, blocked, enqueue_jobs


async def test_bulk_enqueue_is_arqs_enqueue_for_many(app: Starlette) -> None:
    arq = app.state.arq
    ids = [str(uuid.uuid4()) for _ in range(3)]
    try:
        assert await enqueue_jobs(arq, DELIVER_TASK, [(i, i) for i in ids[:2]]) == 2
        # the same ids again are skipped; only the new one is added
        assert await enqueue_jobs(arq, DELIVER_TASK, [(i, i) for i in ids]) == 1
        # arq's own enqueue agrees that the id is taken
        assert await arq.enqueue_job(DELIVER_TASK, ids[0], _job_id=ids[0]) is None
        job = Job(ids[0], arq)
        assert await job.status() == JobStatus.queued
        info = await job.info()
        assert info is not None
        assert (info.function, info.args) == (DELIVER_TASK, (ids[0],))

        # started on a worker, or failed by arq itself and keeping a result: nothing will
        # run these ids, and they cannot be queued again until arq lets go of them
        await arq.set(in_progress_key_prefix + ids[1], b"1", px=60_000)
        await arq.set(result_key_prefix + ids[2], b"x", px=60_000)
        assert await blocked(arq, ids) == {ids[1], ids[2]}
    finally:
        await arq.zrem(arq.default_queue_name, *ids)
        await arq.delete(
            *(f"arq:job:{i}" for i in ids),
            in_progress_key_prefix + ids[1],
            result_key_prefix + ids[2],
        )


async def test_spliced_jobs_are_what_arq_serializes(app: Starlette) -> None:
    """A chunk of ids of one length is serialised once and each id spliced in by the Lua
    script; a chunk that does not fit is serialised job by job. Either way each stored job
    must be byte for byte what arq's ``serialize_job`` writes, and arq must read it back."""
    arq = app.state.arq
    spliced = [(i, i) for i in (str(uuid.uuid4()) for _ in range(4))]
    key = str(uuid.uuid4())
    mixed = [(f"{key}:a", "short"), (f"{key}:b", "ü" * 36), (f"{key}:c", key)]
    ids = [job_id for job_id, _ in spliced + mixed]
    try:
        assert _template(arq, DELIVER_TASK, 0, spliced) is not None
        assert _template(arq, DELIVER_TASK, 0, mixed) is None
        assert await enqueue_jobs(arq, DELIVER_TASK, spliced) == 4
        assert await enqueue_jobs(arq, DELIVER_TASK, mixed) == 3
        for job_id, argument in spliced + mixed:
            stored = await arq.get(f"arq:job:{job_id}")
            job = deserialize_job(stored, deserializer=arq.job_deserializer)
            assert (job.function, job.args, job.kwargs) == (DELIVER_TASK, (argument,), {})
            *_, enqueued = deserialize_job_raw(stored, deserializer=arq.job_deserializer)
            assert stored == serialize_job(
                DELIVER_TASK, (argument,), {}, None, enqueued, serializer=arq.job_serializer
            )
            info = await Job(job_id, arq).info()
            assert info is not None and info.args == (argument,)
        assert await arq.zcard(arq.default_queue_name) >= 7
    finally:
        await arq.zrem(arq.default_queue_name, *ids)
        await arq.delete(*(f"arq:job:{i}" for i in ids))


async def test_a_chunk_fits_the_template_only_when_every_splice_is_exact(app: Starlette) -> None:
    arq = app.state.arq
    same = [(c * 36, c * 36) for c in "abc"]
    assert _template(arq, DELIVER_TASK, 1, same) is not None
    assert _template(arq, DELIVER_TASK, 1, []) is None
    assert _template(arq, DELIVER_TASK, 1, [("f", "f"), ("x", "x")]) is None  # "f" is a key too
    assert _template(arq, DELIVER_TASK, 1, [("a\nb", "a" * 36)]) is None  # id with a newline


async def test_batch_start_runs_each_due_job_once(app: Starlette) -> None:
    """notifiers/batch_worker.py keeps arq's start rules while starting jobs in batches: a
    job already running elsewhere or deferred is skipped, and never more than max_jobs run."""
    arq = app.state.arq
    queue = f"test:batch:{uuid.uuid4()}"
    ran: list[str] = []
    running = 0
    most = 0

    async def record(ctx: dict[str, Any], value: str) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.02)
        ran.append(value)
        running -= 1

    worker = BatchStartWorker(
        functions=[func(record, name="record")],  # type: ignore[arg-type]
        redis_pool=arq,
        queue_name=queue,
        max_jobs=2,
        keep_result=0,
        handle_signals=False,
    )
    names = ["elsewhere", "b", "c", "d", "later"]
    ids = {name: f"{queue}:{name}" for name in names}
    try:
        for name in names:
            defer = {"_defer_by": 60} if name == "later" else {}
            await arq.enqueue_job("record", name, _job_id=ids[name], _queue_name=queue, **defer)
        await arq.set(in_progress_key_prefix + ids["elsewhere"], b"1", px=60_000)
        # max_jobs is 2: the third waits for a free slot; "elsewhere" and "later" never start
        await worker.start_jobs([ids[name].encode() for name in names])
        # started again while the last one runs: running and finished jobs are skipped
        await worker.start_jobs([ids[name].encode() for name in names])
        await asyncio.gather(*worker.tasks.values())
        assert sorted(ran) == ["b", "c", "d"]
        assert most == 2 and worker.job_counter == 0
    finally:
        await arq.delete(queue, *(f"arq:job:{i}" for i in ids.values()))
        await arq.delete(*(in_progress_key_prefix + i for i in ids.values()))
        await arq.delete(*(f"arq:retry:{i}" for i in ids.values()))
