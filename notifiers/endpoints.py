"""``GET /api/court/v1/notifications?case_no=…&status=…`` (contract §1.5, scope ``events``).

Newest first (issue 17: what needs someone is usually recent), paged with ``limit`` (≤ 500)
and an opaque ``cursor`` (``next_cursor`` in the
answer, absent on the last page).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from tortoise.expressions import Q

from notifiers import manual_service
from notifiers.models import STATUSES, Notification
from service import identifiers
from service.auth.dependencies import require_court
from service.cases import service as cases
from service.errors import FieldError, invalid_fields
from service.events.nodes import NODES
from service.http import ApiRoute, Doc, json_response, query_limit
from service.paging import decode_time_cursor, encode_time_cursor


class NotificationOut(BaseModel):
    notification_id: str
    event_id: str
    case_no: str
    node: str
    node_name: str
    party_id: str
    party_name: str
    channel: str
    status: str
    attempts: int
    last_error_code: str | None
    reason: str | None = Field(
        description="why it was not delivered, in Chinese (null when nothing went wrong)"
    )
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None


class NotificationsOut(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None = None


async def list_notifications(request: Request) -> Response:
    await require_court(request, "events")
    q = request.query_params
    limit = query_limit(request)
    query = Notification.all()
    if case_no := q.get("case_no"):
        try:
            normalised = identifiers.normalize_case_number(case_no)
        except identifiers.IdentifierError as exc:
            raise invalid_fields([FieldError("case_no", "case_no_invalid", exc.detail)]) from None
        case = await cases.require_case_by_no(normalised)
        query = query.filter(case_id=case.id)
    if status := q.get("status"):
        if status not in STATUSES:
            detail = "one of " + ", ".join(STATUSES)
            raise invalid_fields([FieldError("status", "invalid_field", detail)])
        query = query.filter(status=status)
    if cursor := q.get("cursor"):
        at, nid = decode_time_cursor(cursor)
        query = query.filter(Q(created_at__lt=at) | Q(created_at=at, id__lt=nid))
    rows: list[dict[str, Any]] = (
        await query.order_by("-created_at", "-id")
        .limit(limit + 1)
        .values(
            "id",
            "previous_id",
            "event__event_id",
            "event__node",
            "case__case_no",
            "party__party_id",
            "party__name",
            "channel",
            "status",
            "attempts",
            "last_error_code",
            "created_at",
            "sent_at",
            "delivered_at",
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    previous = await manual_service.previous_rows(
        [r["previous_id"] for r in rows if r["previous_id"]]
    )
    items = [
        NotificationOut(
            notification_id=str(r["id"]),
            event_id=r["event__event_id"],
            case_no=r["case__case_no"],
            node=r["event__node"],
            node_name=node.name_zh if (node := NODES.get(r["event__node"])) else r["event__node"],
            party_id=r["party__party_id"],
            party_name=r["party__name"],
            channel=r["channel"],
            status=r["status"],
            attempts=r["attempts"],
            last_error_code=r["last_error_code"],
            reason=manual_service.status_reason(
                r["status"], r["last_error_code"], previous.get(r["previous_id"])
            ),
            created_at=r["created_at"],
            sent_at=r["sent_at"],
            delivered_at=r["delivered_at"],
        )
        for r in rows
    ]
    next_cursor = (
        encode_time_cursor(rows[-1]["created_at"], rows[-1]["id"]) if more and rows else None
    )
    body = NotificationsOut(items=items, next_cursor=next_cursor)
    out = body.model_dump(mode="json")
    if out["next_cursor"] is None:
        del out["next_cursor"]
    return json_response(out)


routes = [
    ApiRoute(
        "/api/court/v1/notifications",
        list_notifications,
        methods=["GET"],
        doc=Doc(
            summary="Notification status per party and channel, newest first",
            tag="court",
            responses={200: NotificationsOut},
            errors={
                422: ["invalid_field", "case_no_invalid", "case_unknown"],
            },
            auth="court",
            scope="events",
            query=[
                ("case_no", "string", False, "案号 (either bracket form)"),
                ("status", "string", False, "one status of contract §1.5"),
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ],
        ),
    ),
]
