"""Transitional: notifiers/outbox.py and notifiers/reachability.py still import these names
from here. ``copy_rows`` and ``json_text`` now live in :mod:`service.db`; this module goes
once the notifiers use ``service.db`` and their own repository."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from service.db import copy_rows, json_text

__all__ = ["copy_rows", "is_postgres", "json_text"]


def is_postgres(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "postgres"
