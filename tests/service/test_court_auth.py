"""Court API authentication (contract §1.1): each refusal has its own status and code."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from service.auth.court import create_key, revoke_key
from tests.factories import case_payload
from tests.support import CourtSigner

PATH = "/api/court/v1/cases"


def _body(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


async def test_signed_request_upserts_case(client: httpx.AsyncClient, court: CourtSigner) -> None:
    payload = case_payload()
    created = await court.request(client, "POST", PATH, payload)
    assert created.status_code == 201, created.text
    assert created.json()["case_no"] == payload["case_no"]
    again = await court.request(client, "POST", PATH, payload)
    assert again.status_code == 200
    assert again.json()["case_id"] == created.json()["case_id"]


@pytest.mark.parametrize(
    ("tamper", "status", "code"),
    [
        ("signature", 401, "signature_invalid"),
        ("stale", 401, "timestamp_skew"),
        ("future", 401, "timestamp_skew"),
        ("unknown_key", 401, "key_unknown"),
        ("no_headers", 401, "key_unknown"),
        ("body_changed", 401, "signature_invalid"),
        ("path_changed", 401, "signature_invalid"),
    ],
)
async def test_refusals(
    client: httpx.AsyncClient, court: CourtSigner, tamper: str, status: int, code: str
) -> None:
    payload = case_payload()
    body = _body(payload)
    headers = court.headers("POST", PATH, body)
    if tamper == "signature":
        headers["X-Court-Signature"] = "0" * 64
    elif tamper == "stale":
        headers = court.headers("POST", PATH, body, timestamp=int(time.time()) - 301)
    elif tamper == "future":
        headers = court.headers("POST", PATH, body, timestamp=int(time.time()) + 301)
    elif tamper == "unknown_key":
        headers = CourtSigner("ck_unknown", "whatever").headers("POST", PATH, body)
    elif tamper == "no_headers":
        headers = {"Content-Type": "application/json"}
    elif tamper == "body_changed":
        body = _body({**payload, "court": "别的法院"})
    elif tamper == "path_changed":
        headers = court.headers("POST", PATH + "?x=1", body)
    response = await client.post(PATH, content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == code
    # nothing was stored
    from service.cases.service import get_case_by_no

    assert await get_case_by_no(payload["case_no"]) is None


async def test_replayed_nonce(client: httpx.AsyncClient, court: CourtSigner) -> None:
    body = _body(case_payload())
    headers = court.headers("POST", PATH, body, nonce="replay-nonce-0001-" + str(time.time_ns()))
    first = await client.post(PATH, content=body, headers=headers)
    assert first.status_code == 201
    second = await client.post(PATH, content=body, headers=headers)
    assert second.status_code == 401
    assert second.json()["code"] == "nonce_replayed"


async def test_missing_scope(client: httpx.AsyncClient, app: object) -> None:
    key = await create_key("screens-only", ["screens"])
    signer = CourtSigner(key.key_id, key.secret)
    response = await signer.request(client, "POST", PATH, case_payload())
    assert response.status_code == 403
    assert response.json()["code"] == "scope_missing"


async def test_revoked_key_is_unknown(client: httpx.AsyncClient, app: object) -> None:
    key = await create_key("to-revoke", ["cases"])
    signer = CourtSigner(key.key_id, key.secret)
    assert (await signer.request(client, "POST", PATH, case_payload())).status_code == 201
    assert await revoke_key(key.key_id)
    response = await signer.request(client, "POST", PATH, case_payload())
    assert response.status_code == 401
    assert response.json()["code"] == "key_unknown"


async def test_secret_is_not_stored_in_clear(app: object) -> None:
    from service import db

    key = await create_key("secret-check", ["cases"])
    stored = await db.connection().execute_query_dict("SELECT key_id, secret_enc FROM court_key")
    row = next(r for r in stored if r["key_id"] == key.key_id)
    assert key.secret not in row["secret_enc"]
