"""Rate limits of the public endpoints, in Redis so every web process shares them (contract §2).

Fixed windows: ``public_rate_limit_per_minute`` requests per client address per minute, and
``public_rate_limit_global_per_second`` for the whole deployment. The client is its IPv4
address or its IPv6 /64 (``service.http.client_bucket``), as the trusted proxies report it
(``MICROCOURT_TRUSTED_PROXIES``, read by the app's proxy-headers middleware).

Both windows are counted by one Lua script: one round trip and one reply per request (it was a
pipeline of INCR + EXPIRE twice: the same round trip, but four commands to pack and four
replies to parse in the web process; docs/performance.md). The script is sent by its SHA1 and
loaded on a NOSCRIPT answer (after a Redis restart or flush).
"""

from __future__ import annotations

import hashlib
import math

from redis.exceptions import NoScriptError
from starlette.requests import Request

from service import clock
from service.errors import ProblemError
from service.http import client_bucket

PREFIX = "microcourt:rl:public"

# KEYS: per-address minute window, global second window; ARGV: their TTLs in seconds.
# A window gets its TTL when it is created; the script is atomic, so no key lives without one.
COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local total = redis.call('INCR', KEYS[2])
if total == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return {count, total}
"""
COUNT_SHA = hashlib.sha1(COUNT_SCRIPT.encode()).hexdigest()  # noqa: S324 - Redis's script id


async def check(request: Request) -> None:
    """Count this request; raise 429 ``rate_limited`` with ``Retry-After`` when over a limit."""
    settings = request.app.state.settings
    redis = request.app.state.redis
    now = clock.now().timestamp()
    minute = int(now // 60)
    second = int(now)
    per_address = f"{PREFIX}:{client_bucket(request)}:{minute}"
    overall = f"{PREFIX}:*:{second}"
    try:
        count, total = await redis.evalsha(COUNT_SHA, 2, per_address, overall, 120, 5)
    except NoScriptError:
        count, total = await redis.eval(COUNT_SCRIPT, 2, per_address, overall, 120, 5)
    if int(total) > settings.public_rate_limit_global_per_second:
        raise _limited(1, "the service is busy; retry in a second")
    if int(count) > settings.public_rate_limit_per_minute:
        retry = max(1, math.ceil((minute + 1) * 60 - now))
        raise _limited(retry, "too many requests from this address; retry later")


def _limited(retry_after: int, detail: str) -> ProblemError:
    return ProblemError(429, "rate_limited", detail, headers={"Retry-After": str(retry_after)})
