"""Party sessions: who the caller is, as a WeChat user (contract §4.1).

A session is a random token. Its SHA-256 names a Redis key holding the WeChat identity
(OA openid and/or MP openid), with a TTL; the browser gets the token in an HttpOnly,
SameSite=Lax cookie (Secure outside local runs), the Mini Program as a bearer token. Sessions
are server-side so sign-out ends them at once, and a fresh token is minted at every sign-in
(no session fixation).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import Response

from service.errors import ProblemError

COOKIE = "mc_session"
H5_TTL_SECONDS = 12 * 3600
MP_TTL_SECONDS = 7200


@dataclass(frozen=True)
class PartyUser:
    """The signed-in WeChat user. ``user_key`` identifies them for rate limits and preferences."""

    session_hash: str
    oa_openid: str | None = None
    mp_openid: str | None = None

    @property
    def user_key(self) -> str:
        return f"oa:{self.oa_openid}" if self.oa_openid else f"mp:{self.mp_openid}"

    @property
    def actor(self) -> str:
        digest = hashlib.sha256(self.user_key.encode()).hexdigest()[:16]
        return f"party:{digest}"


def _key(token: str) -> str:
    return "party:session:" + hashlib.sha256(token.encode()).hexdigest()


async def create_session(
    redis: Redis, *, oa_openid: str | None = None, mp_openid: str | None = None, ttl: int
) -> str:
    if not (oa_openid or mp_openid):
        raise ValueError("a session needs an openid")
    token = secrets.token_urlsafe(32)
    payload = json.dumps({"oa": oa_openid, "mp": mp_openid})
    await redis.set(_key(token), payload, ex=ttl)
    return token


async def end_session(redis: Redis, token: str) -> None:
    await redis.delete(_key(token))


def session_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.cookies.get(COOKIE) or None


async def current_user(request: Request) -> PartyUser | None:
    token = session_token(request)
    if not token or len(token) > 128:
        return None
    key = _key(token)
    raw = await request.app.state.redis.get(key)
    if raw is None:
        return None
    data = json.loads(raw)
    return PartyUser(key.rsplit(":", 1)[1], data.get("oa"), data.get("mp"))


async def require_party(request: Request) -> PartyUser:
    user = await current_user(request)
    if user is None:
        raise ProblemError(
            401,
            "session_required",
            "sign in with WeChat first",
            headers={"WWW-Authenticate": 'Bearer realm="microcourt"'},
        )
    return user


def set_session_cookie(response: Response, token: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=H5_TTL_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def csrf_token(secret_key: str, user: PartyUser) -> str:
    """Form token bound to the session: a forged cross-site form cannot know it."""
    message = f"csrf:{user.session_hash}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def check_csrf(secret_key: str, user: PartyUser, submitted: str | None) -> None:
    expected = csrf_token(secret_key, user).encode()
    if not submitted or not hmac.compare_digest(expected, submitted.encode()):  # bytes: any text
        raise ProblemError(403, "csrf_invalid", "the form expired; reload the page and try again")
