"""Operational endpoints and the generated OpenAPI document (contract §7)."""

from __future__ import annotations

from typing import Any

import httpx
from openapi_spec_validator import validate

from service.app import VERSION, all_routes
from service.auth.court import COURT_AUTH_ERRORS
from service.http import BODY_ERRORS, ApiRoute
from service.openapi import AUTH_ERRORS, build_openapi


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    assert ready.headers["x-request-id"]


async def test_metrics_are_prometheus_text(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert (
        'microcourt_http_requests_total{method="GET",route="/healthz",status="2xx"}'
        in response.text
    )


async def test_openapi_is_valid_3_1_and_documents_cases(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    validate(spec)  # raises on an invalid document
    assert spec["openapi"] == "3.1.0"
    operation = spec["paths"]["/api/court/v1/cases"]["post"]
    assert operation["security"] == [{"courtHmac": []}]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    case_schema = spec["components"]["schemas"][body.rsplit("/", 1)[1]]
    assert {"case_no", "court", "filed_at", "parties"} <= set(case_schema["required"])
    assert set(operation["responses"]) >= {"200", "201", "401", "403", "413", "422"}
    assert "role_unknown" in operation["responses"]["422"]["description"]
    problem = operation["responses"]["401"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"
    wrong_method = await client.get("/api/court/v1/cases")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"


def _operations() -> list[tuple[str, dict[str, Any]]]:
    spec = build_openapi(all_routes(), VERSION)
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    ]


def _codes(operation: dict[str, Any], status: int) -> set[str]:
    description = operation["responses"].get(str(status), {}).get("description", "")
    prefix = "Problem; code one of: "
    return set(description.removeprefix(prefix).split(", ")) if prefix in description else set()


def test_every_json_body_and_every_authenticated_route_documents_what_it_implies() -> None:
    for name, operation in _operations():
        if "requestBody" in operation:
            for status, codes in BODY_ERRORS.items():
                assert set(codes) <= _codes(operation, status), (name, status)
        if operation.get("security") == [{"courtHmac": []}]:
            for status, codes in COURT_AUTH_ERRORS.items():
                assert set(codes) <= _codes(operation, status), (name, status)
        if operation.get("security") == [{"screenBearer": []}]:
            assert _codes(operation, 401) == {"screen_token_invalid"}, name


def test_no_route_restates_the_errors_its_request_and_auth_imply() -> None:
    routes = [r for r in all_routes() if isinstance(r, ApiRoute) and r.doc is not None]
    assert routes
    for route in routes:
        doc = route.doc
        assert doc is not None
        implied = [
            BODY_ERRORS if doc.request is not None else {},
            AUTH_ERRORS.get(doc.auth or "", {}),
        ]
        for errors in implied:
            for status, codes in errors.items():
                repeated = set(codes) & set(doc.errors.get(status, ()))
                assert not repeated, (route.path, status, repeated)
