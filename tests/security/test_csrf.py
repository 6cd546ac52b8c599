"""H5 forms refuse a POST without the session's CSRF token, or with another one, and change
nothing (service/parties/sessions.py ``check_csrf``)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.security.conftest import World
from tests.security.routes import Endpoint, html_endpoints

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


async def _token(client: httpx.AsyncClient, path: str = "/m/preferences") -> str:
    page = await client.get(path)
    match = _CSRF.search(page.text)
    assert match, page.text
    return match.group(1)


FORMS = [e for e in html_endpoints() if e.method == "POST" and e.auth == "party"]


@pytest.mark.parametrize("endpoint", FORMS, ids=lambda e: e.path)
@pytest.mark.parametrize("csrf", [None, "", "0" * 32, "令牌" * 16, "other-session"])
async def test_form_posts_without_the_right_token_are_refused(
    endpoint: Endpoint, csrf: str | None, world: World
) -> None:
    a = world.a
    form = {
        "case_no": a.case["case_no"],
        "name": a.case["parties"][0]["name"],
        "id_no": a.case["parties"][0]["id_no"],
        "quiet_start": "21:00",
        "quiet_end": "07:00",
        "version": "1",
        "content_sha256": "0" * 64,
        "request": "x",
        "facts": "x",
    }
    if csrf == "other-session":
        form["csrf"] = await _token(world.b.client)  # B's valid token, in A's session
    elif csrf is not None:
        form["csrf"] = csrf
    before = (await a.client.get("/api/party/v1/preferences")).json()
    response = await a.client.post(endpoint.url(a.values), data=form)
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "csrf_invalid"
    # Nothing changed: same preferences, still signed in (logout refused), no new objection.
    after = await a.client.get("/api/party/v1/preferences")
    assert after.status_code == 200 and after.json() == before


async def test_right_token_is_accepted(world: World) -> None:
    a = world.a
    token = await _token(a.client)
    response = await a.client.post(
        "/m/preferences",
        data={"csrf": token, "quiet_start": "21:30", "quiet_end": "07:30", "receive": []},
    )
    assert response.status_code == 200, response.text
    prefs = (await a.client.get("/api/party/v1/preferences")).json()
    assert prefs["quiet_hours"] == {"start": "21:30", "end": "07:30"}


async def test_session_cookie_is_httponly_and_samesite(world: World) -> None:
    cookies = [c for c in world.a.client.cookies.jar if c.name == "mc_session"]
    assert cookies
    assert cookies[0].has_nonstandard_attr("HttpOnly")
    assert str(cookies[0].get_nonstandard_attr("SameSite")).lower() == "lax"
