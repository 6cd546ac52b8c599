"""The SQLite engine for tortoise: every transaction takes the write lock when it begins.

tortoise's own SQLite client opens transactions with a plain (deferred) ``BEGIN``: the first
read takes a snapshot, and the first write then upgrades to the write lock. When another
process (a second web worker, the arq worker) committed in between, SQLite cannot upgrade
that snapshot and answers ``database is locked`` at once — the busy timeout does not apply —
so a withdrawal beside 200 polling screens became a 503. ``BEGIN IMMEDIATE`` takes the write
lock up front and, when another writer holds it, waits for it under the busy timeout, so a
write waits instead of failing. Readers outside transactions are unaffected (WAL: they never
block and are never blocked).

Named in the tortoise configuration as the engine (``service.db.tortoise_config``); tortoise
loads ``client_class`` from it, its public way to plug in a backend.
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.connection import get_connections
from tortoise.exceptions import OperationalError


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # Still locked after the busy timeout: an outage the app answers with 503.
            raise OperationalError(exc) from exc


class ImmediateTransactionContext(SqliteTransactionContext):
    """tortoise's context, except that a ``BEGIN`` that fails gives the process's connection
    back (tortoise's own keeps its lock held and the transaction's connection current, so
    every later query of the process would wait forever)."""

    async def __aenter__(self) -> TransactionalDBClient:
        await self._trxlock.acquire()
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            try:
                await self.connection.begin()
            except BaseException:
                get_connections().reset(self.token)
                raise
        except BaseException:
            self._trxlock.release()
            raise
        connection: TransactionalDBClient = self.connection
        return connection


class ImmediateSqliteClient(SqliteClient):
    def _in_transaction(self) -> TransactionContext:
        return ImmediateTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
