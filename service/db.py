"""The database: one tortoise app whose models come from every package.

Each package owns its tables in its own ``models`` module; this file only lists them. Schema
changes go through aerich migrations kept per dialect (``service/migrations/sqlite`` and
``service/migrations/postgres``) because aerich writes dialect-specific SQL; both are
generated from the same models by ``python dev.py makemigrations NAME`` (docs/operations.md).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import asyncpg
from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import IntegrityError

from config.settings import PREFIX, Settings, private_dir, private_file, require_embedded

# Every package's models module. Adding a package with tables means adding it here.
MODEL_MODULES: list[str] = [
    "service.audit.models",
    "service.auth.models",
    "service.cases.models",
    "service.events.models",
    "service.parties.models",
    "notifiers.models",
    "disclosure.models",
    "disclosure.led.models",
    "service.filings.models",
    "service.requests.models",
    "service.console.models",
]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Our SQLite engine (named, not imported: aiosqlite is only in the 'embedded' extra) and how
# long its writes wait for another process's write transaction (PRAGMA busy_timeout).
SQLITE_ENGINE = "service.sqlite_client"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def tortoise_config(settings: Settings, *, with_aerich: bool = False) -> dict[str, Any]:
    url = settings.effective_database_url
    if settings.database_dialect == "sqlite":
        require_embedded(
            "aiosqlite",
            f"SQLite ({PREFIX}DATABASE_URL unset or sqlite://)",
            f"set {PREFIX}DATABASE_URL to a PostgreSQL URL",
        )
    if settings.embedded_database:
        private_dir(settings.data_dir)
    modules = [*MODEL_MODULES, "aerich.models"] if with_aerich else list(MODEL_MODULES)
    database = expand_db_url(url)
    if settings.database_dialect == "postgres":
        if database["engine"] == "tortoise.backends.asyncpg":
            database["credentials"]["reset"] = keep_session
    else:
        if settings.embedded_database:
            # Ours alone; SQLite gives the -wal and -shm files the database file's mode.
            private_file(Path(database["credentials"]["file_path"]))
        # Writes wait for the write lock instead of failing (service/sqlite_client.py); WAL
        # (tortoise's default, kept explicit) lets readers run beside the one writer.
        database["engine"] = SQLITE_ENGINE
        database["credentials"].setdefault("journal_mode", "WAL")
        database["credentials"].setdefault("busy_timeout", SQLITE_BUSY_TIMEOUT_MS)
    return {
        "connections": {"default": database},
        "apps": {"models": {"models": modules, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def keep_session(connection: object) -> None:
    """asyncpg pool ``reset=``: release a connection without a round trip to the server.

    By default asyncpg sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET
    ALL;`` on every release back to the pool: one more round trip per query on every endpoint
    (6–11% of the CPU of the web process and of a worker in the profiles, docs/performance.md).
    None of that state is ever left behind here: nothing LISTENs, takes session-level advisory
    locks, DECLAREs cursors WITH HOLD or runs a session ``SET`` (only tortoise's own queries and
    transactions, whose locks and ``SET LOCAL`` end with the transaction). asyncpg still runs its
    local part of the reset before calling this (listener callbacks dropped; an unfinished
    transaction rolled back), so a connection never returns to the pool inside a transaction.
    Anything that starts keeping session state must go back to the default reset (drop this).
    """


def migrations_location(settings: Settings) -> Path:
    return MIGRATIONS_DIR / settings.database_dialect


async def open_database(settings: Settings) -> None:
    # The global fallback makes the connections visible to every task of the process: uvicorn
    # runs the lifespan in one task and each request in another.
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_database() -> None:
    await Tortoise.close_connections()


def connection() -> BaseDBAsyncClient:
    client: BaseDBAsyncClient = connections.get("default")
    return client


Dialect = Literal["postgres", "sqlite"]


def dialect(conn: BaseDBAsyncClient | None = None) -> Dialect:
    """The SQL dialect behind ``conn`` (default: the default connection).

    The one place that asks: repository modules choose their SQL with it; handlers and
    services never do."""
    client = conn if conn is not None else connection()
    return "postgres" if client.capabilities.dialect == "postgres" else "sqlite"


@asynccontextmanager
async def postgres_connection(
    conn: BaseDBAsyncClient | None = None,
) -> AsyncIterator[asyncpg.Connection]:
    """PostgreSQL only: the asyncpg connection behind ``conn`` (the transaction's own inside a
    transaction, else one from the pool), through tortoise's public ``acquire_connection``.

    For the hot single statements a repository runs as plain SQL: asyncpg keeps each statement
    prepared per connection, so the server parses and plans it once."""
    client = conn if conn is not None else connection()
    if dialect(client) != "postgres":
        raise RuntimeError("postgres_connection() on a SQLite connection")
    async with client.acquire_connection() as raw:
        yield raw


async def copy_rows(
    conn: BaseDBAsyncClient, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """PostgreSQL only: ``COPY table (columns) FROM`` the tuples in ``rows``, on ``conn``'s own
    connection (inside the caller's transaction, so the rows commit or roll back with it).

    For the bulk inserts of the hot paths: tortoise's ``bulk_create`` builds a model object per
    row and sends an ``executemany``; here rows are plain tuples and asyncpg's binary ``COPY``
    encodes them (docs/performance.md, Ingest). A unique or foreign-key violation raises
    tortoise's :class:`IntegrityError`, as ``bulk_create`` would, so callers handle a
    concurrent insert the same way on both dialects; the transaction is then aborted and the
    caller's ``in_transaction`` rolls it back.
    """
    if not rows:
        return
    async with postgres_connection(conn) as raw:
        try:
            await raw.copy_records_to_table(table, records=rows, columns=list(columns))
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise IntegrityError(exc) from exc


def json_text(value: object) -> str:
    """A ``jsonb`` value as asyncpg takes it (text; PostgreSQL normalises it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def ping_database() -> None:
    await connection().execute_query("SELECT 1")


async def migrate(settings: Settings) -> list[str]:
    """Apply every pending migration; returns the names applied."""
    from aerich import Command

    location = migrations_location(settings)
    command = Command(
        tortoise_config=tortoise_config(settings, with_aerich=True),
        app="models",
        location=str(location),
    )
    async with command as cmd:
        await cmd.init()
        return await cmd.upgrade(run_in_transaction=True)
