"""Request context: a request id on every request and response, an access log without query
strings (they can carry a name and identity number), and per-route metrics.

The access log line (``http.request``) is written for every error (status ≥ 400), every slow
request (≥ :data:`SLOW_SECONDS`) and one in :data:`SAMPLE_EVERY` of the rest (with
``sampled=SAMPLE_EVERY``); with the log level at DEBUG, for every request. Counts and latencies
of *all* requests are in the metrics. A line through structlog's processor chain cost a third of
the throughput of a public search and two thirds of a constant answer (docs/performance.md).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Sequence

import structlog
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.logging import get_logger
from service import metrics
from service.errors import PROBLEM_JSON, ProblemError
from service.http import ApiRoute

log = get_logger("microcourt.http")
_stdlib_log = logging.getLogger("microcourt.http")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

#: Successful requests at least this slow are always logged.
SLOW_SECONDS = 0.25
#: One in this many successful, fast requests is logged.
SAMPLE_EVERY = 100


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._fast_ok = 0

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
            if status >= 400 or elapsed >= SLOW_SECONDS:
                self._log(scope["method"], template, status, elapsed)
            else:
                self._fast_ok += 1
                if self._fast_ok >= SAMPLE_EVERY:
                    self._fast_ok = 0
                    self._log(scope["method"], template, status, elapsed, sampled=SAMPLE_EVERY)
                elif _stdlib_log.isEnabledFor(logging.DEBUG):
                    self._log(scope["method"], template, status, elapsed)
            structlog.contextvars.unbind_contextvars("request_id")

    @staticmethod
    def _log(method: str, route: str, status: int, elapsed: float, **extra: int) -> None:
        ms = round(elapsed * 1000, 1)
        log.info("http.request", method=method, route=route, status=status, ms=ms, **extra)


class BodyLimitMiddleware:
    """Refuses request bodies over the limit with a 413 problem (contract §0: 2 MiB).

    A declared Content-Length over the limit is refused before the app runs; a streamed body
    is counted as it is read and refused as soon as it passes the limit. A route that accepts
    uploads declares its larger limit, ``ApiRoute(..., max_body_size=…)``, found here by path
    among the app's routes (those of a ``Mount`` are not looked at).

    Not starlette's own ``max_body_size`` (on ``Starlette`` and ``Route``): a streamed body over
    it does reach our ``HTTPException`` handler as a 413, but a declared Content-Length over it
    is answered with a plain-text 413 that replaces whatever the app sends — after running the
    endpoint when it does not read the body (a 401, say), and from outside our middleware, so
    with no problem document, ``X-Request-Id`` or security headers.
    """

    def __init__(self, app: ASGIApp, limit: int, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.limit = limit
        self.overrides = [
            (route.path_regex, route.max_body_size)
            for route in routes
            if isinstance(route, ApiRoute) and route.max_body_size is not None
        ]

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
                # bytes.isdigit is ASCII-only; more digits than 18 is over any limit anyway
                if value.isdigit() and (len(value) > 18 or int(value) > limit):
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


#: Pages: scripts and styles only from this origin (no inline script, no eval), never framed.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: Everything else (JSON, problems, text, static files): nothing may run or be framed.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

_COMMON_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeadersMiddleware:
    """Security headers on every response (docs/security.md).

    HTML gets :data:`PAGE_CSP`, anything else :data:`API_CSP`; every response gets
    ``nosniff``, ``X-Frame-Options: DENY`` (for browsers without ``frame-ancestors``) and
    ``Referrer-Policy: no-referrer`` (public search URLs carry names and identity numbers).
    A header the endpoint set itself is kept.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                found = {name.lower(): value for name, value in headers}
                content_type = found.get(b"content-type", b"").lower()
                csp = PAGE_CSP if content_type.startswith(b"text/html") else API_CSP
                own_csp = found.get(b"content-security-policy", b"")
                if b"frame-ancestors 'self'" in own_csp:  # keep both framing rules in step
                    present.add(b"x-frame-options")
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                for name, value in (*_COMMON_HEADERS, (b"content-security-policy", csp.encode())):
                    if name not in present:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Unsafe methods: those a cross-site page must not make a signed-in party perform.
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class CrossSiteMiddleware:
    """Refuses a cookie-authenticated unsafe request sent by another site (403 ``cross_site``).

    The session cookie is ``SameSite=Lax``, which keeps it off cross-site POSTs in today's
    browsers, and JSON routes take only ``application/json`` (``service.http.read_json``);
    this is the third line, for browsers that send the cookie anyway: a request carrying the
    cookie (and no ``Authorization`` header, which another site cannot set) is refused when
    the browser says it came from elsewhere — ``Sec-Fetch-Site`` other than ``same-origin`` or
    ``none`` (typed by the user), or, from browsers without it, an ``Origin`` that is neither
    ``trusted_origin`` (the public base URL's) nor the request's own host. Requests with
    neither header (not from a browser) pass: they cannot carry a victim's cookie.
    """

    def __init__(self, app: ASGIApp, cookie: str, trusted_origin: str) -> None:
        self.app = app
        self.cookie = cookie.encode() + b"="
        self.trusted_origin = trusted_origin.rstrip("/").lower()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _UNSAFE and self._cross_site(scope):
            problem = ProblemError(
                403, "cross_site", "this request came from another site; use the court's pages"
            )
            response = JSONResponse(problem.as_dict(), status_code=403, media_type=PROBLEM_JSON)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _cross_site(self, scope: Scope) -> bool:
        headers: dict[bytes, bytes] = dict(scope["headers"])
        if b"authorization" in headers or self.cookie not in headers.get(b"cookie", b""):
            return False
        fetch_site = headers.get(b"sec-fetch-site")
        if fetch_site is not None:
            return fetch_site.lower() not in (b"same-origin", b"none")
        origin = headers.get(b"origin")
        if origin is None:
            return False
        sent = origin.decode("latin-1").rstrip("/").lower()
        own = headers.get(b"host", b"").decode("latin-1").lower()
        return sent != self.trusted_origin and sent.partition("://")[2] != own
