"""One-time binding codes sent by SMS to the phone the court recorded for a party (§9.1).

A code is 6 digits, valid 10 minutes, for the WeChat user who asked for it and the party it
was sent to; 5 wrong tries end it. Redis holds only its keyed hash (the vault's look-up key,
so a Redis dump does not give codes away) with its expiry on the service's clock. At most
``CODES_PER_PARTY_PER_DAY`` codes go to one party a day, whoever asks, so the codes cannot be
used to flood a phone, and guessing stays bounded: 5 codes × 5 tries a day against 10⁶.

The code itself is never logged: it exists in the SMS text and nowhere else in clear.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from redis.asyncio import Redis

from config.logging import get_logger
from service import clock, counters
from service.parties.sessions import PartyUser
from service.privacy import vault

CODE_SECONDS = 600
MAX_TRIES = 5
CODES_PER_PARTY_PER_DAY = 5
PURPOSE = "binding_code"

log = get_logger("microcourt.parties.codes")


class TextSender(Protocol):
    """Sends one SMS through the deployment's gateway (notifiers/sms.py provides it; the web
    process wires it as ``app.state.text_sender``). Raises on failure."""

    async def __call__(self, *, phone: str, text: str, ref: str) -> None: ...


@dataclass(frozen=True)
class CodeMessage:
    phone: str
    text: str
    ref: str


def _key(user: PartyUser, case_id: uuid.UUID) -> str:
    return f"party:bindcode:{user.user_key}:{case_id}"


def _hash(user: PartyUser, case_id: uuid.UUID, code: str) -> str:
    return vault().lookup_hash(f"{user.user_key}\x00{case_id}\x00{code}", PURPOSE)


def message_text(court: str, code: str) -> str:
    """Within one 70-character segment, signed with the court's name like every text."""
    return f"【{court}】您的案件绑定验证码为{code}，10分钟内有效。如非本人操作，请忽略。"


async def issue(
    redis: Redis, user: PartyUser, case_id: uuid.UUID, party_id: uuid.UUID
) -> str | None:
    """A new code for this user and party (replacing one they had for the case), or ``None``
    when the party has had its codes for the day."""
    day = clock.local_now().date().isoformat()
    taken = await counters.take(
        redis, f"party:bindcode-sent:{party_id}:{day}", CODES_PER_PARTY_PER_DAY, 2 * 86400
    )
    if not taken.allowed:
        return None
    code = f"{secrets.randbelow(10**6):06d}"
    expires = clock.now().timestamp() + CODE_SECONDS
    key = _key(user, case_id)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(key)
        pipe.hset(
            key,
            mapping={
                "party": str(party_id),
                "hash": _hash(user, case_id, code),
                "expires": str(expires),
                "tries": "0",
            },
        )
        pipe.expire(key, CODE_SECONDS + 60)
        await pipe.execute()
    return code


async def redeem(
    redis: Redis,
    user: PartyUser,
    case_id: uuid.UUID,
    party_ids: Sequence[uuid.UUID],
    code: str,
) -> uuid.UUID | None:
    """The party the code was sent to, when ``code`` is this user's live code for the case and
    that party is among ``party_ids``; a used, expired or fifth wrong code is gone."""
    key = _key(user, case_id)
    # redis-py types hash commands for both its clients (``Awaitable[T] | T``)
    stored = await cast(Awaitable[dict[bytes, bytes]], redis.hgetall(key))
    if not stored:
        return None
    values = {k.decode(): v.decode() for k, v in stored.items()}  # the client gives bytes
    if clock.now().timestamp() > float(values["expires"]):
        await redis.delete(key)
        return None
    # counted before the comparison, atomically
    tries = await cast(Awaitable[int], redis.hincrby(key, "tries", 1))
    if tries > MAX_TRIES:
        await redis.delete(key)
        return None
    party_id = uuid.UUID(values["party"])
    right = hmac.compare_digest(values["hash"], _hash(user, case_id, code.strip()))
    if right and party_id in party_ids:
        await redis.delete(key)  # single use
        return party_id
    if tries >= MAX_TRIES:
        await redis.delete(key)
    return None


async def send_quietly(sender: TextSender | None, message: CodeMessage | None) -> None:
    """Send the code after the answer went out; a failure is logged (without the phone or
    the code) and not retried — the user asks again."""
    if message is None:
        return
    if sender is None:
        log.warning("binding.code_not_sent", reason="sms_not_configured", ref=message.ref)
        return
    try:
        await sender(phone=message.phone, text=message.text, ref=message.ref)
    except Exception as exc:
        log.warning("binding.code_not_sent", reason=type(exc).__name__, ref=message.ref)
    else:
        log.info("binding.code_sent", ref=message.ref)
