"""Court request signing (contract §1.1): replay, reordering, tampering, odd headers."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.factories import case_payload
from tests.support import CourtSigner

CASES = "/api/court/v1/cases"


async def test_the_same_signed_request_twice_is_nonce_replayed(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = court.headers("POST", CASES, body)
    first = await client.post(CASES, content=body, headers=headers)
    assert first.status_code == 201, first.text
    again = await client.post(CASES, content=body, headers=headers)
    assert again.status_code == 401
    assert again.json()["code"] == "nonce_replayed"


async def test_a_changed_body_is_signature_invalid(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = court.headers("POST", CASES, body)
    payload["amount"] = "999999.00"
    forged = json.dumps(payload, ensure_ascii=False).encode()
    response = await client.post(CASES, content=forged, headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "signature_invalid"
    # The refused nonce is not burnt: the genuine request still goes through once.
    assert (await client.post(CASES, content=body, headers=headers)).status_code == 201


@pytest.mark.parametrize(
    ("signed", "sent"),
    [
        (
            "/api/court/v1/notifications?limit=5&status=sent",
            "/api/court/v1/notifications?status=sent&limit=5",
        ),
        ("/api/court/v1/notifications?limit=5", "/api/court/v1/notifications?limit=6"),
        ("/api/court/v1/notifications", "/api/court/v1/notifications?limit=5"),
        ("/api/court/v1/notifications?limit=5", "/api/court/v1/notifications?limit=%35"),
    ],
)
async def test_reordered_or_changed_query_is_signature_invalid(
    client: httpx.AsyncClient, court: CourtSigner, signed: str, sent: str
) -> None:
    headers = court.headers("GET", signed, b"")
    response = await client.get(sent, headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "signature_invalid"


async def test_another_method_or_path_is_signature_invalid(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    headers = court.headers("GET", "/api/court/v1/screens", b"")
    response = await client.get("/api/court/v1/notifications", headers=headers)
    assert response.json()["code"] == "signature_invalid"


@pytest.mark.parametrize(
    ("timestamp", "code"),
    [
        ("²", "timestamp_skew"),
        ("1" * 5000, "timestamp_skew"),
        ("-1", "timestamp_skew"),
        ("1e9", "timestamp_skew"),
        (" 1", "timestamp_skew"),
    ],
)
async def test_odd_timestamps_are_401_not_500(
    client: httpx.AsyncClient, court: CourtSigner, timestamp: str, code: str
) -> None:
    headers: dict[str, str | bytes] = {**court.headers("GET", "/api/court/v1/screens", b"")}
    headers["X-Court-Timestamp"] = timestamp.encode("latin-1")  # as a raw header byte
    response = await client.get("/api/court/v1/screens", headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == code


async def test_signature_of_another_key_is_refused(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    other = CourtSigner(court.key_id, "not-the-secret")
    response = await other.request(client, "GET", "/api/court/v1/screens")
    assert response.json()["code"] == "signature_invalid"
    stranger = CourtSigner("ck_0000000000000000", court.secret)
    response = await stranger.request(client, "GET", "/api/court/v1/screens")
    assert response.json()["code"] == "key_unknown"


async def test_non_ascii_signature_or_oauth_state_is_refused_not_500(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    headers: dict[str, str | bytes] = {**court.headers("GET", "/api/court/v1/screens", b"")}
    headers["X-Court-Signature"] = "é".encode("latin-1") * 64
    response = await client.get("/api/court/v1/screens", headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "signature_invalid"
    client.cookies.set("mc_oauth_state", "x", domain="testserver.local", path="/m/")
    callback = await client.get("/m/oauth/callback", params={"code": "c", "state": "状态"})
    assert callback.status_code == 400 and callback.json()["code"] == "oauth_state_invalid"
