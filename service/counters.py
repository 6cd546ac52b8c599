"""Attempt counters in Redis that are checked and counted in one step.

A limit read first and counted after the work is a check-then-act race: forty concurrent
wrong bindings each read "4 failures so far" and all went through. :func:`take` instead
counts the attempt *before* the work, atomically (one Lua script: INCR, and EXPIRE when the
window is new), and says whether it fits; :func:`give_back` returns the slot when the work
turned out not to count (a successful binding is not a failure, a search hit is not a miss).
So at most ``limit`` attempts are ever let through per window, whatever the concurrency.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import NoScriptError

from service.errors import ProblemError

# KEYS[1]: the window's counter; ARGV[1]: its TTL in seconds (set when the window starts).
# Returns {count after this attempt, seconds left in the window}.
TAKE_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}
"""
TAKE_SHA = hashlib.sha1(TAKE_SCRIPT.encode()).hexdigest()  # noqa: S324 - Redis's script id


@dataclass(frozen=True)
class Taken:
    count: int  # attempts in this window, this one included
    retry_after: int  # seconds until the window ends
    allowed: bool


async def take(redis: Redis, key: str, limit: int, window_seconds: int) -> Taken:
    """Count one attempt against ``key``; ``allowed`` when it is within ``limit``."""
    # redis-py types script and hash commands for both its clients (``Awaitable[T] | T``).
    try:
        reply = redis.evalsha(TAKE_SHA, 1, key, str(window_seconds))
        count, ttl = await cast(Awaitable[list[int]], reply)
    except NoScriptError:
        reply = redis.eval(TAKE_SCRIPT, 1, key, str(window_seconds))
        count, ttl = await cast(Awaitable[list[int]], reply)
    return Taken(int(count), max(int(ttl), 1), int(count) <= limit)


# A window that ended meanwhile is left alone (a DECR would recreate it without a TTL).
GIVE_BACK_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
"""


async def give_back(redis: Redis, key: str) -> None:
    """Un-count one attempt, taken with :func:`take`, that turned out not to count."""
    await cast(Awaitable[int], redis.eval(GIVE_BACK_SCRIPT, 1, key))


async def take_or_refuse(
    redis: Redis, key: str, limit: int, window_seconds: int, detail: str
) -> None:
    """:func:`take`, raising 429 ``rate_limited`` with ``Retry-After`` when over the limit."""
    taken = await take(redis, key, limit, window_seconds)
    if not taken.allowed:
        raise ProblemError(
            429, "rate_limited", detail, headers={"Retry-After": str(taken.retry_after)}
        )
