"""Delivery jobs onto arq's queue, many per round trip.

arq's ``enqueue_job`` costs three round trips per job (``WATCH``, ``EXISTS``, ``MULTI/EXEC``)
and, when many run concurrently, one pooled connection each; for a 1000-event batch that was
most of the web process's time. :func:`enqueue_jobs` writes exactly what ``enqueue_job``
writes — the job, serialised by arq's own ``serialize_job``, under ``arq:job:<id>`` with
arq's default expiry, and its id in the queue's sorted set scored "now" — for a whole chunk
in one Lua script (serialised once per chunk, each id spliced in by the script, see
:func:`_template`),
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


_ENQUEUE_SPLICED = """
local added = 0
local head, tail, size, arguments = ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[10]
local i = 0
for id in string.gmatch(ARGV[9], '[^\\n]+') do
  local argument = string.sub(arguments, i * size + 1, (i + 1) * size)
  i = i + 1
  if redis.call('EXISTS', ARGV[2] .. id, ARGV[3] .. id) == 0 then
    redis.call('PSETEX', ARGV[2] .. id, ARGV[4], head .. argument .. tail)
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
        template = _template(arq, function, now, chunk)
        if template is not None:
            head, tail = template
            args += [head, tail, len(chunk[0][1])]
            args += ["\n".join(job_id for job_id, _ in chunk)]
            args += ["".join(argument for _, argument in chunk)]
            script = arq.register_script(_ENQUEUE_SPLICED)
        else:
            for job_id, argument in chunk:
                args += [job_id, _serialize(arq, function, now, argument)]
            script = arq.register_script(_ENQUEUE)
        added += int(await script(args=args))
    return added


def _serialize(arq: ArqRedis, function: str, now: int, argument: str) -> bytes:
    return serialize_job(function, (argument,), {}, None, now, serializer=arq.job_serializer)


def _template(
    arq: ArqRedis, function: str, now: int, chunk: Sequence[tuple[str, str]]
) -> tuple[bytes, bytes] | None:
    """``(head, tail)`` such that ``head + argument + tail`` is, byte for byte, what arq's
    ``serialize_job`` writes for each job of the chunk; None when the chunk does not fit.

    Serialising per job (and sending each payload) was most of the enqueue. The jobs of a
    chunk differ only in their argument (a notification id: same length, ASCII), which pickle
    writes verbatim behind a length that does not change, so the Lua script splices each
    argument into one serialised job. It fits only when every argument has the first one's
    length and is ASCII, the first occurs once in its payload, the splice of the last equals
    arq's own serialisation of it, and the job ids can be sent joined by newlines.
    """
    if not chunk:
        return None
    first = chunk[0][1]
    if not all(len(a) == len(first) and a.isascii() for _, a in chunk):
        return None
    if not all(job_id and "\n" not in job_id for job_id, _ in chunk):
        return None
    payload = _serialize(arq, function, now, first)
    marker = first.encode()
    if not marker or payload.count(marker) != 1:
        return None
    head, tail = payload.split(marker)
    last = chunk[-1][1]
    if head + last.encode() + tail != _serialize(arq, function, now, last):
        return None
    return head, tail


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
