"""Rate limits of the public endpoints, in Redis so every web process shares them (contract §2).

Fixed windows: ``public_rate_limit_per_minute`` requests per client address per minute, and
``public_rate_limit_global_per_second`` for the whole deployment. The client address is
``request.client.host``, which uvicorn sets from X-Forwarded-For only for trusted proxies
(``FORWARDED_ALLOW_IPS``).
"""

from __future__ import annotations

import math

from starlette.requests import Request

from service import clock
from service.errors import ProblemError
from service.http import client_address

PREFIX = "microcourt:rl:public"


async def check(request: Request) -> None:
    """Count this request; raise 429 ``rate_limited`` with ``Retry-After`` when over a limit."""
    settings = request.app.state.settings
    redis = request.app.state.redis
    now = clock.now().timestamp()
    minute = int(now // 60)
    second = int(now)
    per_address = f"{PREFIX}:{client_address(request)}:{minute}"
    overall = f"{PREFIX}:*:{second}"
    pipe = redis.pipeline(transaction=False)
    pipe.incr(per_address)
    pipe.expire(per_address, 120)
    pipe.incr(overall)
    pipe.expire(overall, 5)
    count, _, total, _ = await pipe.execute()
    if int(total) > settings.public_rate_limit_global_per_second:
        raise _limited(1, "the service is busy; retry in a second")
    if int(count) > settings.public_rate_limit_per_minute:
        retry = max(1, math.ceil((minute + 1) * 60 - now))
        raise _limited(retry, "too many requests from this address; retry later")


def _limited(retry_after: int, detail: str) -> ProblemError:
    return ProblemError(429, "rate_limited", detail, headers={"Retry-After": str(retry_after)})
