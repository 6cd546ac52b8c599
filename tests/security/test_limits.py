"""Uploads checked by content and size; body limits; rate limits on binding and search."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from tests.factories import case_payload
from tests.security.conftest import World, transport_client
from tests.service.party_support import sign_in_mp
from tests.support import CourtSigner

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _url(world: World) -> str:
    if not world.a.objection_id:
        pytest.fail("objections (issue 6) did not accept the world's objection")
    return f"/api/party/v1/objections/{world.a.objection_id}/attachments"


@pytest.mark.parametrize(
    ("name", "data", "declared"),
    [
        ("scan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("photo.jpg", b"GIF89a\x01\x00\x01\x00", "image/jpeg"),
        ("doc.png", b"MZ\x90\x00 this is an exe", "image/png"),
        ("note.pdf", b"  %PDF-1.4 but not at the start", "application/pdf"),
        ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/svg+xml"),
    ],
)
async def test_upload_type_is_checked_by_content_not_name(
    world: World, name: str, data: bytes, declared: str
) -> None:
    response = await world.a.client.post(_url(world), files={"file": (name, data, declared)})
    assert response.status_code == 415, response.text
    assert response.json()["code"] == "attachment_type_unsupported"


async def test_upload_of_the_right_kind_under_a_wrong_name_is_stored_as_what_it_is(
    world: World, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    response = await world.a.client.post(
        _url(world), files={"file": ("evidence.html", PNG, "text/html")}
    )
    assert response.status_code == 201, response.text


async def test_upload_over_10_mib_is_413(world: World) -> None:
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = await world.a.client.post(
        _url(world), files={"file": ("big.pdf", big, "application/pdf")}
    )
    assert response.status_code == 413, response.text
    assert response.json()["code"] in ("attachment_too_large", "body_too_large")


async def test_empty_upload_is_refused(world: World) -> None:
    response = await world.a.client.post(
        _url(world), files={"file": ("e.pdf", b"", "application/pdf")}
    )
    assert 400 <= response.status_code < 500 and response.json()["code"]


async def test_json_body_over_2_mib_is_413_even_without_content_length(
    client: httpx.AsyncClient,
) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(3):
            yield b" " * (1024 * 1024)

    response = await client.post(
        "/api/party/v1/session/miniprogram",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


async def test_declared_body_over_the_limit_is_a_problem_before_the_endpoint_runs(
    client: httpx.AsyncClient,
) -> None:
    # No session: an endpoint that ran would answer 401 without reading the body. (starlette's
    # own max_body_size answers this with a plain-text 413 and no X-Request-Id.)
    big = b"{}" + b" " * (2 * 1024 * 1024)
    response = await client.post("/api/party/v1/bindings", content=big)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "body_too_large"
    assert response.headers["x-request-id"] and response.headers["x-content-type-options"]


async def test_upload_routes_declare_their_larger_limit(client: httpx.AsyncClient) -> None:
    body = b" " * (3 * 1024 * 1024)  # over 2 MiB, under each upload route's limit
    for path in (
        "/api/party/v1/objections/x/attachments",
        "/m/cases/x/objection",
        "/m/objections/x/attachments",
    ):
        response = await client.post(path, content=body)
        assert response.status_code != 413, path
    assert (await client.post("/api/party/v1/bindings", content=body)).status_code == 413


async def test_absurd_content_length_is_413_not_500(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/court/v1/cases", content=b"{}", headers={"Content-Length": "9" * 5000}
    )
    assert response.status_code in (400, 413)


async def test_binding_is_limited_per_wechat_user_and_a_right_guess_after_does_not_help(
    app: Starlette, wechat_sandbox: SandboxServer, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    assert (await court.request(client, "POST", "/api/court/v1/cases", payload)).status_code == 201
    party = payload["parties"][0]
    async with transport_client(app) as guesser:
        _, token = await sign_in_mp(guesser, wechat_sandbox)
        auth = {"Authorization": f"Bearer {token}"}
        for _ in range(5):
            wrong = await guesser.post(
                "/api/party/v1/bindings",
                json={
                    "case_no": payload["case_no"],
                    "name": party["name"],
                    "id_no": "110101199003077777",
                },
                headers=auth,
            )
            assert wrong.status_code == 404
        right = await guesser.post(
            "/api/party/v1/bindings",
            json={
                "case_no": payload["case_no"],
                "name": party["name"],
                "id_no": party["id_no"],
                "access_code": party["access_code"],
            },
            headers=auth,
        )
        assert right.status_code == 429
        assert right.json()["code"] == "rate_limited" and int(right.headers["retry-after"]) > 0


async def test_public_search_is_limited_per_address(app: Starlette) -> None:
    limit = app.state.settings.public_rate_limit_per_minute
    async with transport_client(app) as scraper:
        codes = [
            (await scraper.get("/api/public/v1/disclosures", params={"name": "张某某"})).status_code
            for _ in range(limit + 1)
        ]
        page = await scraper.get("/disclosures")  # pages share the address's window
    assert codes[:limit] == [200] * limit and codes[-1] == 429
    assert page.status_code == 429 and page.headers["retry-after"]
