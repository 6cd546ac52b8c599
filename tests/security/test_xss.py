"""Script in names and free text is rendered inert on every page that shows it."""

from __future__ import annotations

import httpx
import pytest
from markupsafe import escape

from tests.security.conftest import MARKERS, XSS, XSS_ATTR, World


def assert_inert(page: httpx.Response, *expected: str) -> None:
    assert page.status_code == 200, page.text
    for marker in MARKERS:
        assert marker not in page.text
    # …and the text is still shown, escaped, so a clerk can see what was sent.
    assert any(str(escape(e)) in page.text for e in expected), page.text[:3000]


async def test_party_pages_escape_names_and_timeline_texts(world: World) -> None:
    a = world.a
    assert_inert(await a.client.get("/m/"), a.case["case_no"])
    page = await a.client.get(f"/m/cases/{a.case['case_id']}")
    assert_inert(page, XSS, XSS_ATTR)


async def test_objection_page_escapes_the_party_s_own_text(world: World) -> None:
    if not world.a.objection_id:
        pytest.fail("objections (issue 6) did not accept the world's objection")
    page = await world.a.client.get(f"/m/cases/{world.a.case['case_id']}/objection")
    assert_inert(page, XSS, XSS_ATTR)


async def test_public_pages_escape_listing_texts(world: World, visitor: httpx.AsyncClient) -> None:
    assert_inert(await visitor.get(f"/disclosures/{world.public_id}"), XSS, XSS_ATTR)
    assert_inert(await visitor.get("/disclosures"), XSS, world.listing["name"])
    found = await visitor.get("/disclosures", params={"name": world.listing["name"]})
    assert_inert(found, XSS)


async def test_search_echo_of_hostile_input_is_escaped(visitor: httpx.AsyncClient) -> None:
    page = await visitor.get("/disclosures", params={"name": XSS_ATTR})
    assert page.status_code < 500
    for marker in MARKERS:
        assert marker not in page.text
