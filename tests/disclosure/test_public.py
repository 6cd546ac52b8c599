"""Public API and pages (contract §2): exact search, masking, board, headers, rate limits."""

from __future__ import annotations

import math
import re
from datetime import timedelta

import httpx
from starlette.applications import Starlette
from starlette.routing import Route

from disclosure.models import Listing
from sandbox.server import SandboxServer
from service import clock
from tests.disclosure.helpers import listing_payload, organization_payload, unique_name
from tests.factories import resident_id
from tests.service.party_support import sign_in_h5
from tests.support import CourtSigner

COURT = "/api/court/v1/disclosures"
SEARCH = "/api/public/v1/disclosures"


async def _publish(
    client: httpx.AsyncClient, court: CourtSigner, payload: dict[str, object]
) -> str:
    response = await court.request(client, "POST", COURT, payload)
    assert response.status_code == 201, response.text
    return str(response.json()["public_id"])


async def test_search_is_exact_and_masked(
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    name = unique_name()
    ids = [resident_id("19800101"), resident_id("19751231")]
    for id_no in ids:  # two namesakes
        await _publish(client, court, listing_payload(name=name, id_no=id_no))

    both = await public.get(SEARCH, params={"name": name})
    assert both.status_code == 200
    assert len(both.json()["items"]) == 2

    await sign_in_h5(public, wechat_sandbox)  # an identity number needs a signed-in user (§9.2)
    one = await public.get(SEARCH, params={"name": name, "id_no": ids[1]})
    items = one.json()["items"]
    assert [i["id_no_masked"] for i in items] == [ids[1][:10] + "****" + ids[1][14:]]
    assert ids[1] not in one.text
    assert set(items[0]) == {
        "public_id", "kind", "name", "id_no_masked", "gender", "court", "case_no",
        "basis_doc_no", "obligation", "performance", "unperformed_amount",
        "circumstance_text", "published_at", "legal_rep", "basis_unit", "filed_at", "age",
    }  # fmt: skip
    # no prefix or partial matches, no "any name"
    assert (await public.get(SEARCH, params={"name": name[:-1]})).json()["items"] == []
    missing = await public.get(SEARCH)
    assert missing.status_code == 422
    assert missing.json()["errors"][0] == {
        "field": "name",
        "code": "missing_field",
        "detail": missing.json()["errors"][0]["detail"],
    }
    # "Z" is neither a resident-ID check character nor in the credit-code alphabet, so the
    # number is invalid as both (a "Y" could make a valid credit code one time in 31).
    bad = await public.get(SEARCH, params={"name": name, "id_no": ids[0][:-1] + "Z"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["code"] == "id_no_invalid"


async def test_board_pages_and_organisations(
    client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    org = organization_payload()
    public_id = await _publish(client, court, org)
    board = await public.get("/api/public/v1/disclosures/board", params={"page": 1})
    assert board.status_code == 200
    body = board.json()
    assert body["page"] == 1
    assert len(body["items"]) <= 20
    newest = body["items"][0]
    assert newest["public_id"] == public_id
    assert newest["legal_rep"] == "李四"
    assert newest["gender"] is None
    too_far = await public.get("/api/public/v1/disclosures/board", params={"page": 51})
    assert too_far.status_code == 422


async def test_61st_search_in_a_minute_is_429_with_retry_after(public: httpx.AsyncClient) -> None:
    # Start at the beginning of a fixed window so all 61 requests fall into it.
    now = clock.now().timestamp()
    clock.advance(timedelta(seconds=math.ceil(now / 60) * 60 - now + 0.001))
    params = {"name": unique_name()}
    for _ in range(60):
        ok = await public.get(SEARCH, params=params)
        assert ok.status_code == 200
    limited = await public.get(SEARCH, params=params)
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert limited.headers["Cache-Control"] == "no-store"
    # the pages share the limit
    page = await public.get("/disclosures")
    assert page.status_code == 429
    assert "Retry-After" in page.headers


def _public_routes(app: Starlette) -> list[Route]:
    return [
        r
        for r in app.routes
        if isinstance(r, Route)
        and not r.path.startswith(
            ("/api/court/", "/api/led/", "/api/party/", "/m/", "/led/", "/console")
        )
        and r.path not in {"/healthz", "/readyz", "/metrics", "/openapi.json"}
    ]


async def test_every_public_response_with_personal_data_is_noindex_and_no_store(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner, public: httpx.AsyncClient
) -> None:
    person = listing_payload()
    org = organization_payload()
    gone = listing_payload()
    person_id = await _publish(client, court, person)
    await _publish(client, court, org)
    gone_id = await _publish(client, court, gone)
    withdraw = f"{COURT}/{gone['listing_id']}/withdraw"
    assert (
        await court.request(client, "POST", withdraw, {"reason": "performed"})
    ).status_code == 200
    markers = [
        person["name"],
        org["name"],
        str(person["id_no"])[:10] + "****",
        str(org["id_no"])[:10] + "****",
    ]

    # Every way into every public route: with data, without, unknown ids, gone ids, bad input.
    path_values = {"public_id": [person_id, gone_id, "unknown-id"]}
    queries = [
        {},
        {"name": person["name"]},
        {"name": org["name"], "id_no": org["id_no"]},
        {"page": "1"},
        {"page": "x"},
    ]
    forms = [{"name": person["name"]}, {"name": org["name"], "id_no": org["id_no"]}, {}]
    walked: list[tuple[str, str, int, bool]] = []
    for route in _public_routes(app):
        # a fresh rate-limit window per route: the walk makes more requests than a minute allows
        clock.advance(timedelta(seconds=60))
        names = re.findall(r"{(\w+)}", route.path)
        paths = [route.path]
        for name in names:
            paths = [p.replace("{" + name + "}", v) for p in paths for v in path_values[name]]
        for method in sorted((route.methods or set()) - {"HEAD"}):
            for path in paths:
                if method == "GET":
                    responses = [await public.get(path, params=q) for q in queries]
                else:
                    responses = [await public.post(path, data=f) for f in forms]
                for response in responses:
                    personal = any(m in response.text for m in markers)
                    walked.append((method, path, response.status_code, personal))
                    if personal:
                        assert response.headers.get("cache-control") == "no-store", path
                        assert "noindex" in response.headers.get("x-robots-tag", ""), path
                    assert gone["name"] not in response.text, (method, path)
    # the walk did reach personal data on every kind of public output
    carrying = {
        (m, re.sub(r"^/disclosures/.+", "/disclosures/{id}", p)) for m, p, _, pd in walked if pd
    }
    assert carrying >= {
        ("GET", SEARCH),
        ("GET", "/api/public/v1/disclosures/board"),
        ("GET", "/disclosures"),
        ("POST", "/disclosures"),
        ("GET", "/disclosures/{id}"),
    }
    # (the other public lists answer 404 for a 失信 listing's id: tests/disclosure/test_records.py)
    assert {s for _, p, s, _ in walked if p == f"/disclosures/{gone_id}"} == {410}
    assert {s for _, p, s, _ in walked if "unknown-id" in p} == {404}


async def test_html_pages(
    client: httpx.AsyncClient,
    court: CourtSigner,
    public: httpx.AsyncClient,
    wechat_sandbox: SandboxServer,
) -> None:
    payload = listing_payload()
    public_id = await _publish(client, court, payload)
    detail = await public.get(f"/disclosures/{public_id}")
    assert detail.status_code == 200
    assert detail.headers["content-type"].startswith("text/html")
    html = detail.text
    assert '<html lang="zh-CN">' in html
    assert '<meta name="robots" content="noindex' in html
    assert payload["name"] in html
    assert str(payload["id_no"]) not in html
    assert str(payload["id_no"])[:10] + "****" + str(payload["id_no"])[14:] in html
    # searching by number needs a WeChat sign-in (§9.2); then the form posts, and the full
    # number is not echoed back
    unsigned = await public.post(
        "/disclosures", data={"name": payload["name"], "id_no": payload["id_no"]}
    )
    assert unsigned.status_code == 401 and "请先登录" in unsigned.text
    assert f"/disclosures/{public_id}" not in unsigned.text
    await sign_in_h5(public, wechat_sandbox)
    result = await public.post(
        "/disclosures", data={"name": payload["name"], "id_no": payload["id_no"]}
    )
    assert result.status_code == 200
    assert f"/disclosures/{public_id}" in result.text
    assert str(payload["id_no"]) not in result.text
    empty = await public.post("/disclosures", data={"name": "", "id_no": ""})
    assert empty.status_code == 422
    assert 'aria-invalid="true"' in empty.text
    css = await public.get("/static/site.css")
    assert css.status_code == 200


async def test_openapi_documents_every_disclosure_route(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    assert "422" in paths["/api/court/v1/disclosures"]["post"]["responses"]
    assert (
        "minor_not_listable"
        in paths["/api/court/v1/disclosures"]["post"]["responses"]["422"]["description"]
    )
    assert "429" in paths["/api/public/v1/disclosures"]["get"]["responses"]
    assert set(paths["/disclosures"]) == {"get", "post"}
    assert "410" in paths["/disclosures/{public_id}"]["get"]["responses"]
    assert "get" in paths["/api/court/v1/disclosures/{listing_id}"]
    assert "post" in paths["/api/court/v1/disclosures/{listing_id}/withdraw"]
    assert await Listing.all().count() >= 0
