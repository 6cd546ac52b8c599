"""Who may search the 失信 list by identity number, and how often (contract §9.2).

The board shows a listed person's name and ``3302031983****0001``; with the check character
only a few dozen birthdays fit, and a search by name + full number that answers only for the
right one gave the whole number back in a couple of dozen requests. So a search with ``id_no``
needs a signed-in WeChat user (H5 session or Mini Program bearer: service/parties/sessions.py),
and is counted — before the look-up, atomically (service/counters.py) — against:

* ``PER_USER_PER_DAY`` searches per user per court-local day, hits and misses alike;
* ``MISSES_PER_NAME_PER_DAY`` misses per name per day across everyone (a hit gives its slot
  back), after which that name answers 429 to identity-number searches until the next day.

A name search without ``id_no`` stays open (it is what the law publishes). Keys carry the
name only as a keyed hash.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.requests import Request

from service import clock, counters
from service.errors import ProblemError
from service.parties import sessions
from service.privacy import vault

PER_USER_PER_DAY = 10
MISSES_PER_NAME_PER_DAY = 5
WINDOW_SECONDS = 2 * 86400  # keys carry the day; the TTL only cleans up


@dataclass(frozen=True)
class Admission:
    """An identity-number search let through; :func:`settle` it with whether it found any."""

    redis: Redis
    name_key: str


def signin_required() -> ProblemError:
    return ProblemError(
        401,
        "signin_required",
        "searching by identity number needs a signed-in WeChat user; search by name alone "
        "needs none",
        headers={"WWW-Authenticate": 'Bearer realm="microcourt"'},
    )


async def admit(request: Request, name: str) -> Admission:
    """Count this identity-number search for its user and its name; 401 without a signed-in
    user, 429 over either limit."""
    user = await sessions.current_user(request)
    if user is None:
        raise signin_required()
    redis: Redis = request.app.state.redis
    day = clock.local_now().date().isoformat()
    await counters.take_or_refuse(
        redis,
        f"disclosure:idsearch:user:{user.user_key}:{day}",
        PER_USER_PER_DAY,
        WINDOW_SECONDS,
        "at most 10 identity-number searches a day; search by name alone is not limited so",
    )
    name_key = f"disclosure:idsearch:name:{vault().lookup_hash(name, 'listing_name')}:{day}"
    await counters.take_or_refuse(
        redis,
        name_key,
        MISSES_PER_NAME_PER_DAY,
        WINDOW_SECONDS,
        "too many identity-number searches for this name today; try again tomorrow",
    )
    return Admission(redis, name_key)


async def settle(admission: Admission, found: bool) -> None:
    """A hit is not a miss: it gives the name's slot back."""
    if found:
        await counters.give_back(admission.redis, admission.name_key)
