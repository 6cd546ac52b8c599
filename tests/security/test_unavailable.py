"""503 + Retry-After only for real outages; a defect that happens to raise a database
exception stays a 500 (service/app.py ``is_unavailable``)."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest
import redis.exceptions
from tortoise.exceptions import DBConnectionError, DoesNotExist, IntegrityError, OperationalError

from service.app import is_unavailable


@pytest.mark.parametrize(
    "exc",
    [
        DBConnectionError("refused"),
        ConnectionRefusedError(),
        TimeoutError(),
        redis.exceptions.ConnectionError("gone"),
        redis.exceptions.BusyLoadingError("loading"),
        asyncpg.exceptions.ConnectionDoesNotExistError("closed"),
        asyncpg.exceptions.CannotConnectNowError("starting up"),
        asyncpg.exceptions.AdminShutdownError("shutting down"),
        asyncpg.exceptions.SerializationError("retry"),
        OperationalError(sqlite3.OperationalError("database is locked")),
    ],
    ids=lambda e: type(e).__name__,
)
def test_outages_are_unavailable(exc: BaseException) -> None:
    assert is_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        DoesNotExist("no row"),
        IntegrityError("duplicate key"),
        OperationalError(asyncpg.exceptions.UndefinedColumnError("no column x")),
        OperationalError(asyncpg.exceptions.NumericValueOutOfRangeError("out of range")),
        OperationalError(sqlite3.OperationalError("no such column: x")),
        asyncpg.exceptions.UniqueViolationError("dup"),
        ValueError("bug"),
    ],
    ids=lambda e: f"{type(e).__name__}-{e}",
)
def test_defects_are_not_unavailable(exc: BaseException) -> None:
    assert not is_unavailable(exc)
