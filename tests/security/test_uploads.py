"""Uploads before CSRF (issue 14): the objection page parsed up to 101 MiB of multipart into
temporary files before checking the CSRF token and whose case it was. The upload forms now
carry their token in the query (or an ``X-CSRF-Token`` header), and both checks run before a
byte of the body is read (service/filings/pages_objections.py ``csrf_beside_body``)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.security.conftest import World

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
CHUNK = b"x" * (1024 * 1024)
BOUNDARY = "b0undary"


class CountingBody:
    """A 40 MiB multipart-looking body that counts how much of it the server pulled."""

    def __init__(self) -> None:
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
            'filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-'
        ).encode()
        for _ in range(40):
            self.sent += 1
            yield CHUNK


async def _token(client: httpx.AsyncClient) -> str:
    match = _CSRF.search((await client.get("/m/preferences")).text)
    assert match
    return match.group(1)


def _upload_paths(world: World) -> list[str]:
    return [
        f"/m/cases/{world.a.case['case_id']}/objection",
        f"/m/objections/{world.a.objection_id}/attachments",
    ]


@pytest.mark.parametrize("which", [0, 1], ids=["objection", "attachments"])
@pytest.mark.parametrize("token", ["none", "wrong", "in-body-only"])
async def test_a_forged_upload_is_refused_before_its_body_is_read(
    world: World, which: int, token: str
) -> None:
    client = world.a.client
    path = _upload_paths(world)[which]
    params = {"csrf": "0" * 32} if token == "wrong" else {}
    body = CountingBody()
    response = await client.post(
        path,
        params=params,
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "csrf_invalid"
    assert body.sent <= 1


@pytest.mark.parametrize("which", [0, 1], ids=["objection", "attachments"])
async def test_someone_elses_case_is_404_before_the_body_is_read(world: World, which: int) -> None:
    """B's own valid token, on A's case or objection."""
    other = world.b.client
    body = CountingBody()
    response = await other.post(
        _upload_paths(world)[which],
        params={"csrf": await _token(other)},
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 404
    assert body.sent <= 1


async def test_the_pages_put_the_token_in_the_upload_forms_action(world: World) -> None:
    page = await world.a.client.get(f"/m/cases/{world.a.case['case_id']}/objection")
    token = await _token(world.a.client)
    # A has filed its objection: the page shows it (with its upload form), not a second form.
    assert f'/attachments?csrf={token}"' in page.text
    assert 'name="request"' not in page.text


@pytest.mark.parametrize("which", [0, 1], ids=["objection", "attachments"])
async def test_one_submission_carries_at_most_30_mib(world: World, which: int) -> None:
    """The cap was 101 MiB (ten files of 10 MiB in one body, held in memory whole)."""
    client = world.a.client
    response = await client.post(
        _upload_paths(world)[which],
        params={"csrf": await _token(client)},
        content=b"",
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(31 * 1024 * 1024),
        },
    )
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"
