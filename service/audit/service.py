"""Writing and reading the audit log."""

from __future__ import annotations

from typing import Any

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from service import clock
from service.audit.models import AuditEntry


async def record(
    actor: str,
    action: str,
    target_type: str,
    target_id: str,
    details: dict[str, Any] | None = None,
    *,
    using: BaseDBAsyncClient | None = None,
) -> None:
    """Append one entry; pass ``using`` to write it in the caller's transaction."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    await AuditEntry.create(
        at=clock.now(),
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        request_id=request_id,
        details=details or {},
        using_db=using,
    )


async def entries_for(target_type: str, target_id: str) -> list[AuditEntry]:
    return await AuditEntry.filter(target_type=target_type, target_id=target_id).order_by("id")


async def record_many(
    actor: str,
    action: str,
    target_type: str,
    targets: list[tuple[str, dict[str, Any]]],
    *,
    using: BaseDBAsyncClient | None = None,
) -> None:
    """Append one entry per ``(target_id, details)`` in one statement (bulk imports)."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    at = clock.now()
    await AuditEntry.bulk_create(
        [
            AuditEntry(
                at=at,
                actor=actor,
                action=action,
                target_type=target_type,
                target_id=target_id,
                request_id=request_id,
                details=details,
            )
            for target_id, details in targets
        ],
        using_db=using,
    )


async def search(
    *,
    actor: str | None = None,
    action: str | None = None,
    target_id: str | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> tuple[list[AuditEntry], bool]:
    """Entries newest first, filtered by exact actor, action prefix and target id; paged by
    id (``before_id`` = the last id of the previous page). Returns the page and whether more
    follow."""
    query = AuditEntry.all()
    if actor:
        query = query.filter(actor=actor)
    if action:
        query = query.filter(action__startswith=action)
    if target_id:
        query = query.filter(target_id=target_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    rows = await query.order_by("-id").limit(limit + 1)
    return rows[:limit], len(rows) > limit
