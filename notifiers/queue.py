"""Delivery jobs onto arq's queue, many per round trip.

arq's ``enqueue_job`` costs three round trips per job (``WATCH``, ``EXISTS``, ``MULTI/EXEC``)
and, when many run concurrently, one pooled connection each; for a 1000-event batch that was
most of the web process's time. :func:`enqueue_jobs` writes exactly what ``enqueue_job``
writes — the job, serialised by arq's own ``serialize_job``, under ``arq:job:<id>`` with
arq's default expiry, and its id in the queue's sorted set scored "now" — for a whole chunk
in one Lua script (serialised once per chunk and spliced per job, see :func:`_payloads`),
under the same rule: an id whose job or result key exists is skipped, so
a second enqueue of a queued id is a no-op. The script runs atomically, which is what
``WATCH`` gave arq.

:func:`blocked` tells which job ids cannot be queued again although nothing will run them
(a killed worker's job "in progress", a result arq kept), for the sweep's recovery jobs.
"""

from __future__ import annotations

from collections.abc import Sequence

from arq.connections import ArqRedis
from arq.constants import (
    expires_extra_ms,
    in_progress_key_prefix,
    job_key_prefix,
    result_key_prefix,
)
from arq.jobs import serialize_job
from arq.utils import timestamp_ms

CHUNK = 500

_ENQUEUE = """
local added = 0
for i = 6, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('EXISTS', ARGV[2] .. id, ARGV[3] .. id) == 0 then
    redis.call('PSETEX', ARGV[2] .. id, ARGV[4], ARGV[i + 1])
    redis.call('ZADD', ARGV[1], ARGV[5], id)
    added = added + 1
  end
end
return added
"""


async def enqueue_jobs(arq: ArqRedis, function: str, jobs: Sequence[tuple[str, str]]) -> int:
    """Queue ``function(argument)`` under each ``(job_id, argument)``; returns how many were
    added (ids already queued, running or keeping a result are skipped). Raises on Redis
    errors; callers decide whether that matters."""
    script = arq.register_script(_ENQUEUE)
    added = 0
    for start in range(0, len(jobs), CHUNK):
        now = timestamp_ms()
        args: list[str | bytes | int] = [
            arq.default_queue_name,
            job_key_prefix,
            result_key_prefix,
            expires_extra_ms,
            now,
        ]
        chunk = jobs[start : start + CHUNK]
        payloads = _payloads(arq, function, now, [argument for _, argument in chunk])
        for (job_id, _), payload in zip(chunk, payloads, strict=True):
            args += [job_id, payload]
        added += int(await script(args=args))
    return added


def _payloads(arq: ArqRedis, function: str, now: int, arguments: Sequence[str]) -> list[bytes]:
    """``serialize_job(function, (argument,), {}, None, now)`` for each argument, byte for byte.

    Serialising per job was most of the enqueue. The jobs of a chunk differ only in their
    argument (a notification id: same length, ASCII), which pickle writes verbatim behind a
    length that does not change; so the first job is serialised and the others are spliced
    into it at the argument's place. The splice is checked against a real serialisation of
    the last job, and any argument that does not fit (other length, non-ASCII, found more
    than once in the template, another serializer writing it otherwise) is serialised by arq.
    """

    def serialize(argument: str) -> bytes:
        return serialize_job(function, (argument,), {}, None, now, serializer=arq.job_serializer)

    if not arguments:
        return []
    first = arguments[0]
    template = serialize(first)
    marker = first.encode()
    if not first.isascii() or template.count(marker) != 1:
        return [template, *(serialize(a) for a in arguments[1:])]
    head, tail = template.split(marker)

    def splice(argument: str) -> bytes:
        if len(argument) == len(first) and argument.isascii():
            return head + argument.encode() + tail
        return serialize(argument)

    last = arguments[-1]
    if len(arguments) > 1 and splice(last) != serialize(last):
        return [template, *(serialize(a) for a in arguments[1:])]
    return [template, *(splice(a) for a in arguments[1:])]


async def blocked(arq: ArqRedis, job_ids: Sequence[str]) -> set[str]:
    """The ids among ``job_ids`` that cannot be queued again and will not run by themselves:
    started and not finished (arq's in-progress key; a killed worker leaves it until arq's
    timeout), or ended without a row update and keeping a result (arq keeps one for the
    worker's ``keep_result`` even for our functions when it fails a job itself, e.g. a job
    whose key vanished in a Redis restart is "expired")."""
    found: set[str] = set()
    for start in range(0, len(job_ids), CHUNK):
        chunk = job_ids[start : start + CHUNK]
        pipe = arq.pipeline(transaction=False)
        for job_id in chunk:
            pipe.exists(in_progress_key_prefix + job_id, result_key_prefix + job_id)
        counts = await pipe.execute()
        found.update(job_id for job_id, n in zip(chunk, counts, strict=True) if n)
    return found
