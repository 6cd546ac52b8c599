"""LED screens over the ASGI app (contract §1.7, §3.1, §3.3): registry, feed, ack, compliance."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from disclosure.led import push, screens
from disclosure.led.models import Screen
from service import clock
from tests.disclosure.led_support import (
    DISCLOSURES,
    SCREENS,
    auth,
    publish,
    register,
    screen_id,
    screen_rows,
    shows,
    withdraw,
)
from tests.support import CourtSigner


def _feed(sid: str) -> str:
    return f"/api/led/v1/screens/{sid}/feed"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"screen_id": "has space"}, "screen_id_invalid"),
        ({"rows": 0}, "rows_invalid"),
        ({"cols": 129}, "cols_invalid"),
        ({"mode": "both"}, "mode_unknown"),
        ({"mode": "push", "push_url": "ftp://x/y"}, "push_url_invalid"),
        ({"mode": "push"}, "push_url_required"),
        ({"push_url": "https://screen.example/x"}, "push_url_not_allowed"),
        ({"refresh_seconds": 0}, "refresh_invalid"),
        ({"refresh_seconds": 5, "lease_seconds": 9}, "lease_invalid"),
        ({"rows": "four"}, "invalid_field"),
    ],
)
async def test_registration_is_validated(
    client: httpx.AsyncClient, court: CourtSigner, overrides: dict[str, Any], code: str
) -> None:
    body = {"screen_id": screen_id(), "rows": 4, "cols": 16, "mode": "pull", **overrides}
    response = await court.request(client, "POST", SCREENS, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code
    assert await Screen.filter(screen_id=body["screen_id"]).count() == 0


async def test_token_is_shown_once_stored_hashed_and_rotates(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, token = await register(client, court)
    row = await Screen.get(screen_id=sid)
    assert token not in (row.token_hash, row.token_enc)
    assert screens.token_of(row) == token

    again = await court.request(
        client, "POST", SCREENS, {"screen_id": sid, "rows": 4, "cols": 16, "mode": "pull"}
    )
    assert again.status_code == 200 and again.json()["token"] is None
    assert (await client.get(_feed(sid), headers=auth(token))).status_code == 200

    rotated = await court.request(
        client,
        "POST",
        SCREENS,
        {"screen_id": sid, "rows": 4, "cols": 16, "mode": "pull", "rotate_token": True},
    )
    new_token = rotated.json()["token"]
    assert new_token and new_token != token
    old = await client.get(_feed(sid), headers=auth(token))
    assert old.status_code == 401 and old.json()["code"] == "screen_token_invalid"
    assert (await client.get(_feed(sid), headers=auth(new_token))).status_code == 200
    unknown = await client.get(_feed("no-such-screen"), headers=auth(new_token))
    assert unknown.status_code == 401


async def test_feed_headers_etag_and_a_304_renews_the_lease(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    listing = await publish(client, court)
    sid, token = await register(client, court, lease_seconds=30)
    first = await client.get(_feed(sid), headers=auth(token))
    assert first.status_code == 200
    doc = first.json()
    assert first.headers["etag"] == f'"{doc["version"]}"'
    assert first.headers["cache-control"] == "no-store"
    assert "noindex" in first.headers["x-robots-tag"]
    assert shows(doc["pages"], listing["name"])
    assert listing["id_no"] not in first.text  # masked only
    for page in doc["pages"]:
        assert len(page["lines"]) <= 4
    lease_1 = datetime.fromisoformat(first.headers["x-lease-expires-at"])
    assert lease_1 == datetime.fromisoformat(doc["lease_expires_at"])

    clock.advance(timedelta(seconds=20))
    before = clock.now()
    again = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == "no-store"
    lease_2 = datetime.fromisoformat(again.headers["x-lease-expires-at"])
    assert before + timedelta(seconds=30) <= lease_2 <= clock.now() + timedelta(seconds=30)
    assert lease_2 - lease_1 >= timedelta(seconds=20)
    # …and the 304 counts as contact.
    row = (await screen_rows(client, court))[sid]
    assert before <= datetime.fromisoformat(row["last_seen_at"]) <= clock.now()


async def test_feed_txt_pages_are_separated_by_a_form_feed_line(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    for _ in range(3):
        await publish(client, court)
    sid, token = await register(client, court, rows=3, cols=12)
    doc = (await client.get(_feed(sid), headers=auth(token))).json()
    text = await client.get(_feed(sid) + ".txt", headers=auth(token))
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    pages = text.text.rstrip("\n").split("\n\f\n")
    assert [p.split("\n") for p in pages] == [page["lines"] for page in doc["pages"]]
    assert text.headers["etag"] == f'"{doc["version"]}"'
    cached = await client.get(
        _feed(sid) + ".txt", headers={**auth(token), "If-None-Match": text.headers["etag"]}
    )
    assert cached.status_code == 304


async def test_withdrawal_raises_the_version_and_compliance_follows_the_ack(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    listing = await publish(client, court)
    sid, token = await register(client, court)
    doc = (await client.get(_feed(sid), headers=auth(token))).json()
    ack = await client.post(
        f"/api/led/v1/screens/{sid}/ack", json={"version": doc["version"]}, headers=auth(token)
    )
    assert ack.status_code == 204
    assert (await screen_rows(client, court))[sid]["compliant"] is True

    await withdraw(client, court, listing["listing_id"])
    # Not yet seen the withdrawal: non-compliant, in both court views.
    row = (await screen_rows(client, court))[sid]
    assert row["compliant"] is False and row["acked_version"] == doc["version"]
    detail = await court.request(client, "GET", f"{DISCLOSURES}/{listing['listing_id']}")
    listed = {s["screen_id"]: s for s in detail.json()["screens"]}
    assert listed[sid]["compliant"] is False

    after = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": f'"{doc["version"]}"'}
    )
    assert after.status_code == 200
    new = after.json()
    assert new["version"] > doc["version"]
    assert not shows(new["pages"], listing["name"])
    row = (await screen_rows(client, court))[sid]
    assert row["compliant"] is False and row["required_version"] == new["version"]

    stale = await client.post(
        f"/api/led/v1/screens/{sid}/ack", json={"version": new["version"] + 1}, headers=auth(token)
    )
    assert stale.status_code == 409 and stale.json()["code"] == "version_unknown"
    await client.post(
        f"/api/led/v1/screens/{sid}/ack", json={"version": new["version"]}, headers=auth(token)
    )
    assert (await screen_rows(client, court))[sid]["compliant"] is True
    detail = await court.request(client, "GET", f"{DISCLOSURES}/{listing['listing_id']}")
    assert {s["screen_id"]: s for s in detail.json()["screens"]}[sid]["compliant"] is True


async def test_version_is_stable_without_changes_and_rises_on_geometry(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, token = await register(client, court)
    v1 = (await client.get(_feed(sid), headers=auth(token))).json()["version"]
    v2 = (await client.get(_feed(sid), headers=auth(token))).json()["version"]
    assert v1 == v2
    await court.request(
        client, "POST", SCREENS, {"screen_id": sid, "rows": 6, "cols": 20, "mode": "pull"}
    )
    doc = (await client.get(_feed(sid), headers=auth(token))).json()
    assert doc["version"] == v1 + 1 and (doc["rows"], doc["cols"]) == (6, 20)


async def test_a_correction_of_a_field_not_shown_keeps_screens_compliant(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    listing = await publish(client, court)
    sid, token = await register(client, court)
    doc = (await client.get(_feed(sid), headers=auth(token))).json()
    await client.post(
        f"/api/led/v1/screens/{sid}/ack", json={"version": doc["version"]}, headers=auth(token)
    )
    corrected = {**listing, "obligation": "偿还借款本金150000元"}
    response = await court.request(client, "POST", DISCLOSURES, corrected)
    assert response.status_code == 200 and response.json()["changed"] is True
    # The floor rose, but this screen's pages are the same: once it has been evaluated, the
    # version it already acknowledged is at or after the floor.
    again = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": f'"{doc["version"]}"'}
    )
    assert again.status_code == 304
    assert (await screen_rows(client, court))[sid]["compliant"] is True


async def test_last_seen_is_flushed_from_redis_to_the_table(
    app: Any, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, token = await register(client, court)
    await client.get(_feed(sid), headers=auth(token))
    assert (await Screen.get(screen_id=sid)).last_seen_at is None  # no DB write per poll
    assert (await screen_rows(client, court))[sid]["last_seen_at"] is not None
    assert await screens.flush_seen(app.state.redis) >= 1
    assert (await Screen.get(screen_id=sid)).last_seen_at is not None


async def test_push_signature_is_hmac_of_timestamp_and_body() -> None:
    import hashlib
    import hmac

    expected = hmac.new(b"tok", b"1700000000\n{}", hashlib.sha256).hexdigest()
    assert push.signature("tok", "1700000000", b"{}") == expected


async def test_openapi_documents_the_screen_routes(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert spec["paths"]["/api/led/v1/screens/{screen_id}/feed"]["get"]["security"] == [
        {"screenBearer": []}
    ]
    assert "post" in spec["paths"]["/api/court/v1/screens"]
    assert "get" in spec["paths"]["/api/court/v1/screens"]
    assert "/led/{screen_id}" in spec["paths"]
