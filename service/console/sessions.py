"""Console sessions and sign-in lock-out, kept in Redis (contract §9.7).

A session is a random token in an HttpOnly, SameSite=Strict cookie; its SHA-256 names a Redis
key holding the account id and the session's CSRF token, with a 30-minute TTL renewed by every
request (idle timeout). Each account's set of session keys lets disabling it end them all at
once; the account is also read on every request, so a disabled account is refused even if a
key survived.

Lock-out: the 6th failed sign-in within 15 minutes for a username locks it for 15 minutes
(counted for unknown usernames too, so the answer says nothing about which exist).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis

COOKIE = "mc_console"
LOGIN_COOKIE = "mc_console_login"  # double-submit CSRF token of the sign-in form
IDLE_SECONDS = 30 * 60
FAILURE_WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60
MAX_FAILURES = 5  # the 6th failure locks


@dataclass(frozen=True)
class StaffSession:
    key: str
    account_id: int
    csrf: str


def _key(token: str) -> str:
    return "console:session:" + hashlib.sha256(token.encode()).hexdigest()


def _account_set(account_id: int) -> str:
    return f"console:account-sessions:{account_id}"


async def create(redis: Redis, account_id: int) -> str:
    token = secrets.token_urlsafe(32)
    key = _key(token)
    payload = json.dumps({"account_id": account_id, "csrf": secrets.token_urlsafe(24)})
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(key, payload, ex=IDLE_SECONDS)
        pipe.sadd(_account_set(account_id), key)
        pipe.expire(_account_set(account_id), 24 * 3600)
        await pipe.execute()
    return token


async def load(redis: Redis, token: str | None) -> StaffSession | None:
    """The session behind ``token``, its idle timer restarted; None if absent or expired."""
    if not token or len(token) > 128:
        return None
    key = _key(token)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.get(key)
        pipe.expire(key, IDLE_SECONDS)
        raw, _ = await pipe.execute()
    if raw is None:
        return None
    data = json.loads(raw)
    return StaffSession(key, int(data["account_id"]), str(data["csrf"]))


async def end(redis: Redis, session: StaffSession) -> None:
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(session.key)
        pipe.srem(_account_set(session.account_id), session.key)
        await pipe.execute()


async def end_all(redis: Redis, account_id: int) -> int:
    """End every session of an account (it was disabled); returns how many there were."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.smembers(_account_set(account_id))
        pipe.delete(_account_set(account_id))
        keys, _ = await pipe.execute()
    if keys:
        await redis.delete(*keys)
    return len(keys)


def csrf_ok(expected: str, submitted: object) -> bool:
    return isinstance(submitted, str) and hmac.compare_digest(expected.encode(), submitted.encode())


def _failures(court_code: str, username: str) -> str:
    return f"console:login-failures:{court_code}:{username.lower()}"


def _lock(court_code: str, username: str) -> str:
    return f"console:login-lock:{court_code}:{username.lower()}"


async def is_locked(redis: Redis, court_code: str, username: str) -> bool:
    return bool(await redis.exists(_lock(court_code, username)))


async def record_failure(redis: Redis, court_code: str, username: str) -> bool:
    """Count a failed sign-in; True when this failure locked the username."""
    key = _failures(court_code, username)
    async with redis.pipeline(transaction=True) as pipe:
        # the window starts at the first failure: SET NX gives the key its TTL, INCR keeps it
        pipe.set(key, 0, ex=FAILURE_WINDOW_SECONDS, nx=True)
        pipe.incr(key)
        _, count = await pipe.execute()
    if int(count) > MAX_FAILURES:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.set(_lock(court_code, username), "1", ex=LOCK_SECONDS)
            pipe.delete(key)
            await pipe.execute()
        return True
    return False


async def clear_failures(redis: Redis, court_code: str, username: str) -> None:
    await redis.delete(_failures(court_code, username))


async def totp_code_unused(redis: Redis, account_id: int, code: str) -> bool:
    """A TOTP code signs in once (RFC 6238 §5.2): a seen code is refused for 3 minutes."""
    return bool(await redis.set(f"console:totp-used:{account_id}:{code}", "1", nx=True, ex=180))


async def unlock(redis: Redis, court_code: str, username: str) -> bool:
    """Lift a lock-out (and forget the failures); True when the username was locked."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(_lock(court_code, username))
        pipe.delete(_failures(court_code, username))
        locked, _ = await pipe.execute()
    return bool(locked)
