"""Operational endpoints and the generated OpenAPI document (contract §7)."""

from __future__ import annotations

import httpx
from openapi_spec_validator import validate


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
