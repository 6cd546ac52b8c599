"""Schemathesis against our own ``/openapi.json``: every public, party and court operation,
in process (the session's app on its own event loop), court requests signed with a court key,
party requests with a signed-in party's session.

Checks: no 5xx, every answer's status, content type and body as the document says. Bounded:
``MAX_EXAMPLES`` cases per operation keep the whole run well under a minute.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.core import NOT_SET
from schemathesis.generation.case import Case

from service.app import VERSION, all_routes
from service.openapi import build_openapi
from tests.security.conftest import World
from tests.support import CourtSigner

MAX_EXAMPLES = 12
SCHEMA = schemathesis.openapi.from_dict(build_openapi(all_routes(), VERSION))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
# The callback is signed by WeChat and answers text; it has its own fuzz (test_fuzz.py).
SKIP = {"/wechat/callback", "/m/logout", "/api/party/v1/session"}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def _request(case: Case, world: World, court: CourtSigner) -> dict[str, Any]:
    path = case.formatted_path
    query = urlencode(case.query or {}, doseq=True)
    path_and_query = f"{path}?{query}" if query else path
    headers = {k: str(v) for k, v in (case.headers or {}).items()}
    body = b""
    if case.body is not None and case.body is not NOT_SET:
        if case.media_type and "json" in case.media_type:
            body = json.dumps(case.body, ensure_ascii=False).encode()
            headers["Content-Type"] = case.media_type
        elif isinstance(case.body, bytes | str):
            body = case.body.encode() if isinstance(case.body, str) else case.body
    auth = (case.operation.definition.raw or {}).get("security")
    if auth and any("court" in k for entry in auth for k in entry):
        headers.update(court.headers(case.method, path_and_query, body))
        if body and case.media_type:
            headers["Content-Type"] = case.media_type
    return {"method": case.method, "url": path_and_query, "content": body, "headers": headers}


def _param(operation: Any) -> Any:
    return pytest.param(operation, id=f"{operation.method.upper()} {operation.path}")


@pytest.mark.parametrize(
    "operation",
    [_param(o) for o in OPERATIONS if o.path not in SKIP],
)
async def test_operation_conforms(
    operation: Any, world: World, court: CourtSigner, visitor: httpx.AsyncClient
) -> None:
    party = world.a.client
    failures: list[str] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        cases.append(data.draw(operation.as_strategy()))

    cases: list[Case] = []
    draw()
    for case in cases:
        request = _request(case, world, court)
        sender = party if operation.path.startswith(("/api/party/", "/m/")) else visitor
        response = await sender.request(**request)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:  # collect every failure of this operation
            failures.append(
                f"{request['method']} {request['url']} → {response.status_code}: "
                f"{str(failure)[:600]}"
            )
    assert not failures, "\n\n".join(failures[:5])


#: Bodies no generator writes: a nesting bomb (issue 14: a RecursionError, 500 and a reset
#: connection) and JSON-shaped text under other content types (a cross-site form's).
HOSTILE_BODIES = [
    ("application/json", b"[" * 5000 + b"]" * 5000),
    ("application/json", b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ("text/plain", b'{"version":1,"x":"=1"}'),
    ("application/x-www-form-urlencoded", b"version=1"),
]


@pytest.mark.parametrize(
    "operation",
    [
        _param(o)
        for o in OPERATIONS
        if o.path not in SKIP and "requestBody" in (o.definition.raw or {})
    ],
)
async def test_hostile_bodies_get_a_documented_4xx(
    operation: Any, world: World, court: CourtSigner, visitor: httpx.AsyncClient
) -> None:
    cases: list[Case] = []

    @settings(
        max_examples=1, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        cases.append(data.draw(operation.as_strategy()))

    draw()
    case = cases[0]
    party = world.a.client
    sender = party if operation.path.startswith(("/api/party/", "/m/")) else visitor
    for media_type, raw in HOSTILE_BODIES:
        request = _request(case, world, court)
        headers = {k: v for k, v in request["headers"].items() if k.lower() != "content-type"}
        auth = (case.operation.definition.raw or {}).get("security")
        if auth and any("court" in k for entry in auth for k in entry):
            headers.update(court.headers(case.method, request["url"], raw))
        headers["Content-Type"] = media_type
        response = await sender.request(case.method, request["url"], content=raw, headers=headers)
        assert 400 <= response.status_code < 500, response.text
        assert response.json()["code"], response.text
        case.validate_response(response, checks=CHECKS)
