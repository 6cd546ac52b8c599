"""Operational endpoints: liveness, readiness, metrics and the OpenAPI document (contract §7)."""

from __future__ import annotations

import asyncio

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from service import db, metrics
from service.http import ApiRoute, Doc, json_response


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    redis: str


async def healthz(request: Request) -> Response:
    return json_response({"status": "ok"})


async def readyz(request: Request) -> Response:
    async def check(probe: object) -> str:
        try:
            await asyncio.wait_for(probe, timeout=2)  # type: ignore[arg-type]
            return "ok"
        except Exception as exc:
            return f"error: {type(exc).__name__}"

    database = await check(db.ping_database())
    redis = await check(request.app.state.redis.ping())
    ok = database == "ok" and redis == "ok"
    metrics.ready.set(1 if ok else 0)
    body = {"status": "ok" if ok else "unavailable", "database": database, "redis": redis}
    return json_response(body, status=200 if ok else 503)


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)


async def openapi_json(request: Request) -> Response:
    return json_response(request.app.state.openapi)


routes = [
    ApiRoute(
        "/healthz",
        healthz,
        methods=["GET"],
        doc=Doc("Process is up", "operations", responses={200: Health}),
    ),
    ApiRoute(
        "/readyz",
        readyz,
        methods=["GET"],
        doc=Doc(
            "Database and Redis are reachable",
            "operations",
            responses={200: Readiness, 503: Readiness},
        ),
    ),
    ApiRoute(
        "/metrics",
        metrics_endpoint,
        methods=["GET"],
        doc=Doc("Prometheus metrics (text format)", "operations", content_type="text/plain"),
    ),
    ApiRoute(
        "/openapi.json",
        openapi_json,
        methods=["GET"],
        doc=Doc("This OpenAPI 3.1 document", "operations"),
    ),
]
