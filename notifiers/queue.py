"""Delivery jobs on arq's queue: one job per batch of notification ids, queued with arq's
public ``enqueue_job``.

A job's id is derived from what it delivers (:func:`job_id`): the same batch queued again
while its job is queued or running is a no-op (arq's own rule for a job id it knows). The
row is the truth and Redis only carries ids; a job that names rows someone else already sent
finds them not due and does nothing (notifiers/delivery.py).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence

from arq.connections import ArqRedis

# jobs queued at once (each ``enqueue_job`` is a short transaction on one pooled connection)
CONCURRENT_ENQUEUES = 16


def job_id(keys: Sequence[str], kind: str = "deliver") -> str:
    """``notify:<kind>:<digest of the keys, in any order>``."""
    digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:32]
    return f"notify:{kind}:{digest}"


async def enqueue_batches(
    arq: ArqRedis,
    function: str,
    items: Sequence[tuple[str, str]],
    size: int,
    *,
    kind: str = "deliver",
    defer_by: float | None = None,
) -> int:
    """Queue ``function(ids)`` for the ``(id, key)`` items, ``size`` ids per job, each job's id
    derived from its items' keys (:func:`job_id`); returns how many ids were queued (a batch
    whose job exists is skipped). Raises on Redis errors; callers decide whether that
    matters."""
    batches = [items[start : start + size] for start in range(0, len(items), size)]
    added = 0
    for first in range(0, len(batches), CONCURRENT_ENQUEUES):
        group = batches[first : first + CONCURRENT_ENQUEUES]
        jobs = await asyncio.gather(
            *(
                arq.enqueue_job(
                    function,
                    [nid for nid, _ in batch],
                    _job_id=job_id([key for _, key in batch], kind),
                    _defer_by=defer_by,
                )
                for batch in group
            )
        )
        added += sum(len(batch) for batch, job in zip(group, jobs, strict=True) if job is not None)
    return added
