"""Bulk enqueue writes jobs arq itself reads, and keeps arq's rule: a queued id is not queued
twice."""

from __future__ import annotations

import uuid

from arq.constants import in_progress_key_prefix, result_key_prefix
from arq.jobs import Job, JobStatus
from starlette.applications import Starlette

from notifiers.outbox import DELIVER_TASK
from notifiers.queue import blocked, enqueue_jobs


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
