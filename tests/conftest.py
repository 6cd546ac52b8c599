"""Test fixtures: the real service on the backends chosen for this run.

By default a SQLite file and an embedded Redis server; with ``MICROCOURT_TEST_DATABASE_URL``
(PostgreSQL) and ``MICROCOURT_TEST_REDIS_URL`` the same tests run against real servers
(``.ci/run`` runs the suite both ways). The database is rebuilt from the migrations once per
session, so every run also proves the migrations.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from starlette.applications import Starlette

from config import logging as service_logging
from config.settings import Settings, load_settings
from sandbox.demo import DEMO_TEMPLATES, SANDBOX_ENV
from sandbox.server import SandboxServer, create_sandbox_app
from sandbox.wechat import WeChatSandboxState
from service import clock, db
from service.app import create_app
from service.auth.court import create_key
from service.redis import connect
from tests.factories import GENERATED
from tests.security.logcheck import LogCapture, leaks
from tests.support import PG_URL, REDIS_URL, CourtSigner, test_env


@pytest.fixture(scope="session", autouse=True)
def no_personal_data_in_logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LogCapture]:
    """Records every log line of the session; fails the session if one carries an identity
    number or phone from the factories (in-process lines and subprocesses' ``*.log`` files)."""
    capture = LogCapture()
    service_logging.EXTRA_HANDLERS.append(capture)
    try:
        yield capture
    finally:
        service_logging.EXTRA_HANDLERS.remove(capture)
        logging.getLogger().removeHandler(capture)
    found = leaks(GENERATED, capture.lines, [tmp_path_factory.getbasetemp()])
    assert not found, "personal data in logs:\n" + "\n".join(found[:20])


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("microcourt")


@pytest.fixture(scope="session")
def wechat_sandbox() -> Iterator[SandboxServer]:
    """The WeChat + SMS sandbox as a real server on loopback, shared by the session.

    Its state (``wechat_sandbox.app``'s WeChat state) is reachable through its admin API at
    ``/_sandbox/``; receipts are off here because the in-process app has no address.
    """
    state = WeChatSandboxState(auto_authorize=True)
    app = create_sandbox_app(state, SANDBOX_ENV["MICROCOURT_SMS_GATEWAY_SECRET"])
    with SandboxServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def settings(data_dir: Path, wechat_sandbox: SandboxServer) -> Settings:
    env = {
        **test_env(data_dir),
        **SANDBOX_ENV,
        "MICROCOURT_WECHAT_API_BASE": wechat_sandbox.url,
        "MICROCOURT_WECHAT_OPEN_BASE": wechat_sandbox.url,
        "MICROCOURT_SMS_GATEWAY_URL": f"{wechat_sandbox.url}/sms",
        "MICROCOURT_TEMPLATES_FILE": str(DEMO_TEMPLATES),
    }
    return load_settings(env)


async def _reset_postgres(url: str) -> None:
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


async def _reset_redis(url: str) -> None:
    """The test Redis database starts empty too: queued jobs of an earlier run name rows the
    schema reset removed, and a worker started by a test would first work through them."""
    client = connect(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    if PG_URL:
        await _reset_postgres(PG_URL)
    if REDIS_URL:
        await _reset_redis(REDIS_URL)
    await db.migrate(settings)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture(scope="session")
async def court(app: Starlette) -> CourtSigner:
    key = await create_key(
        "test-cms", ["cases", "events", "disclosures", "screens", "objections", "rights"]
    )
    return CourtSigner(key.key_id, key.secret)


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


def pytest_report_header(config: pytest.Config) -> str:
    backend = "PostgreSQL" if PG_URL else "SQLite"
    redis = "real Redis" if os.environ.get("MICROCOURT_TEST_REDIS_URL") else "embedded Redis"
    return f"microcourt backends: {backend} + {redis}"
