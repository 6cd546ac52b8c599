"""Court API authentication: HMAC-SHA256 signed requests (contract §1.1).

``string_to_sign = METHOD \\n PATH_AND_QUERY \\n TIMESTAMP \\n NONCE \\n hex(sha256(body))``

Checks run cheapest-first and each failure has its own code, so an integrator can tell a clock
problem from a wrong secret. The nonce is recorded only after the signature verifies, so an
attacker without the secret cannot burn a legitimate client's nonces.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.requests import Request

from service import clock, metrics
from service.auth.models import CourtKey
from service.errors import ProblemError
from service.privacy import vault

SCOPES = ("cases", "events", "disclosures", "screens", "objections", "rights")
# The refusals every court endpoint can answer (for each route's OpenAPI errors).
COURT_AUTH_ERRORS: dict[int, list[str]] = {
    401: ["key_unknown", "signature_invalid", "timestamp_skew", "nonce_replayed"],
    403: ["scope_missing"],
}
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# ASCII digits only: str.isdigit() accepts "²", which int() refuses (a 500, not a 401).
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class CourtClient:
    """The authenticated caller of a court request."""

    key_id: str
    name: str
    scopes: frozenset[str]

    @property
    def actor(self) -> str:
        return f"court-key:{self.key_id}"


@dataclass(frozen=True)
class NewCourtKey:
    key_id: str
    secret: str
    scopes: tuple[str, ...]


def string_to_sign(
    method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes
) -> str:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path_and_query}\n{timestamp}\n{nonce}\n{digest}"


def sign(
    secret: str, method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes
) -> str:
    """The signature a court client sends (also used by our own tests, benches and tools)."""
    message = string_to_sign(method, path_and_query, timestamp, nonce, body).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


async def create_key(name: str, scopes: list[str]) -> NewCourtKey:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    if not scopes:
        raise ValueError("a key needs at least one scope")
    key_id = "ck_" + secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    ordered = tuple(s for s in SCOPES if s in scopes)
    await CourtKey.create(
        key_id=key_id,
        name=name,
        secret_enc=vault().encrypt(secret),
        scopes=",".join(ordered),
        created_at=clock.now(),
    )
    return NewCourtKey(key_id, secret, ordered)


async def revoke_key(key_id: str) -> bool:
    updated = await CourtKey.filter(key_id=key_id, revoked_at=None).update(revoked_at=clock.now())
    return updated > 0


def _refuse(status: int, code: str, detail: str) -> ProblemError:
    metrics.court_auth_failures.labels(code).inc()
    return ProblemError(status, code, detail)


def _path_and_query(request: Request) -> str:
    # Exactly as sent on the request line: raw_path is the undecoded path.
    raw = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    path = raw.decode("latin-1")
    return f"{path}?{query.decode('latin-1')}" if query else path


async def authenticate(
    request: Request, redis: Redis, scope: str, *, skew: int, nonce_ttl: int
) -> CourtClient:
    """Verify the request's signature and scope, or raise a 401/403 problem."""
    headers = request.headers
    key_id = headers.get("x-court-key", "")
    timestamp = headers.get("x-court-timestamp", "")
    nonce = headers.get("x-court-nonce", "")
    signature = headers.get("x-court-signature", "")

    if not key_id:
        raise _refuse(401, "key_unknown", "X-Court-Key header is missing")
    if not _TIMESTAMP.match(timestamp) or abs(clock.now().timestamp() - int(timestamp)) > skew:
        raise _refuse(401, "timestamp_skew", f"X-Court-Timestamp must be within {skew} s of now")
    if not _NONCE.match(nonce):
        raise _refuse(
            401, "signature_invalid", "X-Court-Nonce must be 16-64 chars of [A-Za-z0-9_-]"
        )

    key = await CourtKey.get_or_none(key_id=key_id)
    if key is None or key.revoked_at is not None:
        raise _refuse(401, "key_unknown", "no active key with this id")

    body = await request.body()
    expected = sign(
        vault().decrypt(key.secret_enc),
        request.method,
        _path_and_query(request),
        timestamp,
        nonce,
        body,
    )
    # bytes: compare_digest raises TypeError on non-ASCII str (a header byte ≥ 0x80)
    if not hmac.compare_digest(expected.encode(), signature.lower().encode()):
        raise _refuse(401, "signature_invalid", "signature does not match the request")

    first_use = await redis.set(f"court:nonce:{key_id}:{nonce}", b"1", nx=True, ex=nonce_ttl)
    if not first_use:
        raise _refuse(401, "nonce_replayed", "this nonce was already used")

    if scope not in key.scope_set:
        raise _refuse(403, "scope_missing", f"this key lacks the '{scope}' scope")
    return CourtClient(key.key_id, key.name, key.scope_set)
