"""The embedded default must not refuse writes (issue 14): on SQLite a transaction takes the
write lock when it begins (``BEGIN IMMEDIATE``, service/sqlite_client.py) and waits for it
under a busy timeout, so another process's commit can never make its write fail with
``database is locked`` (a withdrawal beside 200 polling LED screens answered 503)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from config.settings import Settings
from service.sqlite_client import ImmediateSqliteClient
from tests.support import PG_URL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite's locking")


@pytest.fixture
def other_process(app: Starlette, settings: Settings) -> Iterator[sqlite3.Connection]:
    """A connection of another process (a second web worker, the arq worker) to the same file.
    Its busy timeout is 0, so it reports a held lock instead of waiting for it."""
    path = settings.effective_database_url.removeprefix("sqlite://")
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER NOT NULL)")
    try:
        yield conn
    finally:
        conn.close()


async def test_a_write_after_another_process_committed_is_not_refused(
    other_process: sqlite3.Connection,
) -> None:
    async with in_transaction() as conn:
        await conn.execute_query("SELECT count(*) FROM lock_probe")
        # Another process tries to commit a write between our read and our write: it must
        # find the write lock taken (with a deferred BEGIN it commits, and our write below
        # then fails at once with "database is locked", whatever the busy timeout).
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other_process.execute("INSERT INTO lock_probe (n) VALUES (1)")
        await conn.execute_query("INSERT INTO lock_probe (n) VALUES (2)")
    # Our commit released the lock: the other process's write goes through now.
    other_process.execute("INSERT INTO lock_probe (n) VALUES (3)")
    rows = other_process.execute("SELECT n FROM lock_probe WHERE n > 1 ORDER BY n").fetchall()
    assert rows[-2:] == [(2,), (3,)]


async def test_the_database_runs_in_wal_mode_with_a_busy_timeout(app: Starlette) -> None:
    """WAL lets the polling readers run beside the one writer; the busy timeout makes a write
    wait for another process's write transaction instead of failing."""
    async with in_transaction() as conn:
        _, journal = await conn.execute_query("PRAGMA journal_mode")
        _, timeout = await conn.execute_query("PRAGMA busy_timeout")
    assert next(iter(journal[0])) == "wal"
    assert next(iter(timeout[0])) >= 10_000


async def test_a_begin_that_times_out_gives_the_connection_back(
    other_process: sqlite3.Connection, settings: Settings, tmp_path: Path
) -> None:
    """Still locked after the busy timeout: the transaction fails as an outage (503), and the
    process's connection is free for the next one (tortoise's own context kept it locked)."""
    path = settings.effective_database_url.removeprefix("sqlite://")
    client = ImmediateSqliteClient(file_path=path, connection_name="lock_probe", busy_timeout=0)
    try:
        other_process.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="locked"):
            async with client._in_transaction():
                pass
        other_process.execute("COMMIT")
        async with client._in_transaction() as conn:
            await conn.execute_query("INSERT INTO lock_probe (n) VALUES (4)")
        assert other_process.execute("SELECT count(*) FROM lock_probe WHERE n = 4").fetchone()[0]
    finally:
        await client.close()
