"""``create_app()``: the whole web service, built from the route lists each package exports.

Read top to bottom, this file shows every URL the service answers and everything that runs
around a request. Handlers stay thin; the work is in each package's service module.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import asyncpg
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from tortoise.exceptions import (
    DBConnectionError,
    DoesNotExist,
    IntegrityError,
    MultipleObjectsReturned,
    OperationalError,
)
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from config.logging import configure_logging, get_logger
from config.settings import Settings, load_settings
from disclosure import corrections as disclosure_corrections
from disclosure import deletion as disclosure_deletion
from disclosure import endpoints as disclosures
from disclosure import public as disclosures_public
from disclosure import records as disclosure_records
from disclosure import records_endpoints as public_records
from disclosure import records_public as public_records_pages
from disclosure.led import endpoints as led
from disclosure.led import push as led_push
from notifiers import endpoints as notifications
from notifiers import party_messages as notifier_party_messages
from notifiers import tasks as notifier_tasks
from notifiers import wechat_callback
from service import calendar as court_calendar
from service import clock, db, ops
from service.aftercare import endpoints as termination_searches
from service.aftercare import leads as aftercare_leads
from service.cases import endpoints as cases
from service.console import pages as console
from service.console import (
    pages_accounts,
    pages_aftercare,
    pages_audit,
    pages_cases,
    pages_deletion,
    pages_disclosure,
    pages_import,
    pages_requests,
    pages_rights,
    pages_rights_list,
    pages_work,
)
from service.errors import PROBLEM_JSON, ProblemError
from service.events import endpoints as events
from service.events import followers as event_followers
from service.filings import endpoints_objections as objections_api
from service.filings import endpoints_rights as rights_api
from service.filings import pages_common as filings_pages
from service.filings import pages_objections as objection_pages
from service.filings import pages_rights as rights_pages
from service.filings import rights as filings_rights
from service.http import JSON
from service.middleware import (
    BodyLimitMiddleware,
    CrossSiteMiddleware,
    RequestContextMiddleware,
    SecurityHeadersMiddleware,
)
from service.openapi import build_openapi
from service.parties import endpoints as party_api
from service.parties import messages as party_messages
from service.parties import pages as party_pages
from service.parties import signin as party_signin
from service.parties.sessions import COOKIE as PARTY_SESSION_COOKIE
from service.privacy import init_vault
from service.redis import connect, resolve_redis_url
from service.requests import decisions as request_decisions
from service.requests import endpoints as requests_api
from service.requests import listings as request_listings
from service.requests import pages as request_pages
from service.requests import service as request_service
from service.web import landing, site

VERSION = "0.1.0"
MAX_BODY_BYTES = 2 * 1024 * 1024  # upload routes declare more (ApiRoute's max_body_size)

log = get_logger("microcourt.app")


def all_routes() -> list[BaseRoute]:
    return [
        *ops.routes,
        *cases.routes,
        *events.routes,
        *notifications.routes,
        *wechat_callback.routes,
        *disclosures.routes,
        *public_records.routes,
        *public_records_pages.routes,  # before /disclosures/{public_id}
        *disclosures_public.routes,
        *led.routes,
        *site.routes,
        *landing.routes,
        *party_signin.routes,
        *party_api.routes,
        *party_pages.routes,
        *rights_api.routes,
        *objections_api.routes,
        *termination_searches.routes,
        *rights_pages.routes,
        *objection_pages.routes,
        *requests_api.routes,
        *request_pages.routes,
        filings_pages.static_route,
        request_pages.static_route,
        *console.routes,
        *pages_work.routes,
        *pages_requests.routes,
        *pages_cases.routes,
        *pages_rights.routes,
        *pages_rights_list.routes,
        *pages_import.routes,
        *pages_disclosure.routes,
        *pages_deletion.routes,
        *pages_audit.routes,
        *pages_accounts.routes,
        *pages_aftercare.routes,
    ]


def problem_response(problem: ProblemError) -> Response:
    return JSON(
        problem.as_dict(),
        status_code=problem.status,
        headers=dict(problem.headers),
        media_type=PROBLEM_JSON,
    )


async def on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc)


_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    400: "bad_request",
}


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404 and landing.wants_html(request):
        return landing.not_found_page(request)  # a person's browser: a page, in Chinese
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    detail = "request body exceeds the size limit" if exc.status_code == 413 else ""
    return problem_response(ProblemError(exc.status_code, code, detail, headers=exc.headers or {}))


# A database error means "unavailable, retry" only when the server could not be reached or
# refused work for a while (class 08 connection, 57 operator intervention, 53 resources, 40
# rollback); a syntax error, a missing row or a constraint violation is a bug and stays a 500.
_PG_TRANSIENT: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
    asyncpg.exceptions.TransactionRollbackError,
    asyncpg.exceptions.InterfaceError,
    # a pooled connection left mid-protocol by a lost server ("cannot switch to state …")
    asyncpg.exceptions.InternalClientError,
)
_SQLITE_TRANSIENT = ("database is locked", "database table is locked", "disk i/o error")


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` (or what it wraps) is a dependency outage, not a defect."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DoesNotExist | IntegrityError | MultipleObjectsReturned):
            return False
        if isinstance(current, RedisConnectionError | RedisTimeoutError | DBConnectionError):
            return True
        if isinstance(current, (ConnectionError, TimeoutError, *_PG_TRANSIENT)):
            return True
        if isinstance(current, sqlite3.OperationalError):
            return str(current).lower().startswith(_SQLITE_TRANSIENT)
        nested = current.args[0] if current.args else None
        current = current.__cause__ or (nested if isinstance(nested, BaseException) else None)
    return False


async def on_unavailable(request: Request, exc: Exception) -> Response:
    if not is_unavailable(exc):
        return await on_crash(request, exc)
    # The database or Redis went away mid-request: nothing was committed, retrying is safe.
    log.warning("dependency.unavailable", error=type(exc).__name__)
    return problem_response(
        ProblemError(
            503,
            "service_unavailable",
            "a dependency is unavailable; retry shortly",
            headers={"Retry-After": "5"},
        )
    )


async def on_crash(request: Request, exc: Exception) -> Response:
    log.exception("http.unhandled", error=type(exc).__name__)
    return problem_response(ProblemError(500, "internal_error", "an internal error occurred"))


def public_origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        configure_logging(settings.log_level, settings.log_format)
        init_vault(settings.data_key, settings.data_keys_old)
        court_calendar.start(settings.calendar_file, clock.local_now().date())
        redis_url = resolve_redis_url(settings)
        app.state.redis = connect(redis_url)
        app.state.redis_url = redis_url
        await db.open_database(settings)
        await filings_rights.seed_default()  # idempotent: the default rights list
        await notifier_tasks.start_web(app.state, settings, redis_url)
        led_push.bind(app.state.arq)  # screens hear of disclosure changes at once
        party_messages.bind(notifier_party_messages.sent_to_party)  # the case page's list
        # a case's closure deletes or reviews its 失信 listings (contract §9.3)
        event_followers.follow(disclosure_deletion.WATCHED_NODES, disclosure_deletion.follow_cases)
        # a resumption or closure withdraws 终本案件 / 限制消费 records (contract §9.6)
        event_followers.follow(disclosure_records.WATCHED_NODES, disclosure_records.follow_cases)
        # a resumed case closes its resumption requests; listing requests reach the listings
        event_followers.follow(request_decisions.WATCHED_NODES, request_decisions.follow_resumed)
        request_listings.provide(disclosure_corrections.PORT)
        # property leads filed by applicants count for 失信 Art. 10(4) and the 终本 schedule
        aftercare_leads.register(request_service.lead_times)
        log.info(
            "app.started",
            database=settings.database_dialect,
            embedded_redis=settings.embedded_redis,
        )
        try:
            yield
        finally:
            led_push.bind(None)
            party_messages.bind(None)
            await notifier_tasks.stop_web(app.state)
            await app.state.redis.aclose()
            await db.close_database()

    routes = all_routes()
    app = Starlette(
        routes=routes,
        middleware=[
            # The client's address as the trusted proxies report it (rate limits, records).
            Middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies)),
            Middleware(RequestContextMiddleware),
            Middleware(SecurityHeadersMiddleware),
            Middleware(BodyLimitMiddleware, limit=MAX_BODY_BYTES, routes=routes),
            Middleware(
                CrossSiteMiddleware,
                cookie=PARTY_SESSION_COOKIE,
                trusted_origin=public_origin(settings.public_base_url),
            ),
        ],
        exception_handlers={
            ProblemError: on_problem,
            HTTPException: on_http_error,
            DBConnectionError: on_unavailable,
            OperationalError: on_unavailable,
            RedisConnectionError: on_unavailable,
            RedisTimeoutError: on_unavailable,
            ConnectionError: on_unavailable,
            TimeoutError: on_unavailable,
            asyncpg.exceptions.PostgresError: on_unavailable,
            asyncpg.exceptions.InterfaceError: on_unavailable,
            asyncpg.exceptions.InternalClientError: on_unavailable,
            Exception: on_crash,
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.openapi = build_openapi(list(app.routes), VERSION)
    return app
