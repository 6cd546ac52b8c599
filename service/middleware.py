"""Request context: a request id on every request and response, an access log without query
strings (they can carry a name and identity number), and per-route metrics."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Sequence

import structlog
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.logging import get_logger
from service import metrics
from service.errors import PROBLEM_JSON, ProblemError

log = get_logger("microcourt.http")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = route.path if isinstance(route, Route) else "unmatched"
            metrics.http_requests.labels(scope["method"], template, f"{status // 100}xx").inc()
            metrics.http_latency.labels(template).observe(elapsed)
            log.info(
                "http.request",
                method=scope["method"],
                route=template,
                status=status,
                ms=round(elapsed * 1000, 1),
            )
            structlog.contextvars.unbind_contextvars("request_id")


class BodyLimitMiddleware:
    """Refuses request bodies over the limit with a 413 problem (contract §0: 2 MiB).

    A declared Content-Length over the limit is refused before the app runs; a streamed body
    is counted as it is read and refused as soon as it passes the limit. Routes that accept
    uploads get a larger limit through ``overrides`` (path regex → bytes).
    """

    def __init__(self, app: ASGIApp, limit: int, overrides: Sequence[tuple[str, int]] = ()) -> None:
        self.app = app
        self.limit = limit
        self.overrides = [(re.compile(pattern), size) for pattern, size in overrides]

    def _limit_for(self, path: str) -> int:
        for pattern, size in self.overrides:
            if pattern.match(path):
                return size
        return self.limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        for name, value in scope["headers"]:
            if name == b"content-length":
                if value.isdigit() and int(value) > limit:
                    await _problem_413(limit)(scope, receive, send)
                    return
                break
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise ProblemError(413, "body_too_large", f"request body exceeds {limit} bytes")
            return message

        await self.app(scope, limited_receive, send)


def _problem_413(limit: int) -> Response:
    problem = ProblemError(413, "body_too_large", f"request body exceeds {limit} bytes")
    return JSONResponse(problem.as_dict(), status_code=413, media_type=PROBLEM_JSON)
