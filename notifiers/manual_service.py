"""Notifications no channel could deliver, and their service by other means (contract §9.7,
issue 17 "待人工送达").

Serving court documents is the court's legal duty, so every ``undeliverable`` notification
stays in the open list until staff record how it was served (method, date, note); the record
and its audit entry commit together and nothing else removes a row from the list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from notifiers.models import ManualService, Notification
from service import clock
from service.audit import service as audit
from service.errors import ProblemError
from service.events.nodes import NODES

METHODS = {
    "direct": "直接送达",
    "post": "邮寄送达",
    "retained": "留置送达",
    "entrusted": "委托送达",
    "announcement": "公告送达",
    "phone": "电话告知",
}
CHANNEL_ZH = {"wechat_oa": "微信公众号", "wechat_mp": "微信小程序", "sms": "短信", "none": "无渠道"}
STATUS_ZH = {
    "created": "待发送",
    "sending": "发送中",
    "sent": "已发送",
    "delivered": "已送达",
    "failed_temporary": "暂时失败",
    "failed_permanent": "发送失败",
    "undeliverable": "无法送达",
    "suppressed": "已屏蔽",
}
ERROR_ZH = {
    "40003": "微信用户标识无效",
    "43004": "当事人未关注公众号",
    "43101": "当事人拒收订阅消息",
    "47003": "消息模板参数不符合要求",
    "45168": "消息内容含敏感词",
    "user_block": "当事人已屏蔽消息",
    "opted_out": "当事人选择不接收此类消息",
}
NO_CHANNEL = "当事人未绑定微信且未登记手机号，无可用送达渠道"


@dataclass(frozen=True)
class Undeliverable:
    notification_id: uuid.UUID
    case_id: uuid.UUID
    case_no: str
    party_name: str
    party_role: str
    node: str
    node_name: str
    reason: str
    created_at: datetime


def error_text(code: str | None) -> str:
    if not code:
        return "原因不明"
    return ERROR_ZH.get(code, f"送达失败（代码 {code}）")


def reason_text(previous: dict[str, Any] | None) -> str:
    """Why nothing could deliver: no channel at all, or the last channel's failure."""
    if previous is None:
        return NO_CHANNEL
    channel = CHANNEL_ZH.get(previous["channel"], previous["channel"])
    return f"{channel}未送达：{error_text(previous['last_error_code'])}；无其他可用渠道"


def status_reason(
    status: str, last_error_code: str | None, previous: dict[str, Any] | None
) -> str | None:
    """Why a notification did not (yet) reach its recipient, in Chinese; None when it did or
    is still on its way without a failure."""
    if status == "undeliverable":
        return reason_text(previous)
    if status in ("failed_permanent", "failed_temporary", "suppressed"):
        return error_text(last_error_code)
    return None


async def previous_rows(ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The rows the given ones fell back from, with their channel and last error."""
    if not ids:
        return {}
    rows = await Notification.filter(id__in=ids).values("id", "channel", "last_error_code")
    return {r["id"]: r for r in rows}


def _open_query(case_no: str | None = None) -> Any:
    query = Notification.filter(status="undeliverable", manual_service__id__isnull=True)
    return query.filter(case__case_no=case_no) if case_no else query


async def count_open(case_no: str | None = None) -> int:
    count: int = await _open_query(case_no).count()
    return count


async def open_items(
    limit: int, offset: int = 0, case_no: str | None = None
) -> list[Undeliverable]:
    """The open list, oldest first (the longest waiting duty on top); one case's when
    ``case_no`` (normalised) is given."""
    rows = (
        await _open_query(case_no)
        .order_by("created_at", "id")
        .offset(offset)
        .limit(limit)
        .values(
            "id",
            "previous_id",
            "created_at",
            "case_id",
            "case__case_no",
            "party__name",
            "party__role",
            "event__node",
        )
    )
    previous = await previous_rows([r["previous_id"] for r in rows if r["previous_id"]])
    items = []
    for r in rows:
        node = NODES.get(r["event__node"])
        items.append(
            Undeliverable(
                notification_id=r["id"],
                case_id=r["case_id"],
                case_no=r["case__case_no"],
                party_name=r["party__name"],
                party_role=r["party__role"],
                node=r["event__node"],
                node_name=node.name_zh if node else r["event__node"],
                reason=reason_text(previous.get(r["previous_id"])),
                created_at=r["created_at"],
            )
        )
    return items


@dataclass(frozen=True)
class CaseNotification:
    notification_id: uuid.UUID
    party_id: uuid.UUID
    node_name: str
    channel: str
    status: str
    reason: str | None
    created_at: datetime
    served_manually: bool


async def case_notifications(case_id: uuid.UUID, limit: int = 1000) -> list[CaseNotification]:
    """Every notification of a case, newest first, with the reason in Chinese."""
    rows = (
        await Notification.filter(case_id=case_id)
        .order_by("-created_at", "-id")
        .limit(limit)
        .values(
            "id",
            "party_id",
            "previous_id",
            "event__node",
            "channel",
            "status",
            "last_error_code",
            "created_at",
            "manual_service__id",
        )
    )
    previous = await previous_rows([r["previous_id"] for r in rows if r["previous_id"]])
    out = []
    for r in rows:
        node = NODES.get(r["event__node"])
        out.append(
            CaseNotification(
                notification_id=r["id"],
                party_id=r["party_id"],
                node_name=node.name_zh if node else r["event__node"],
                channel=r["channel"],
                status=r["status"],
                reason=status_reason(
                    r["status"], r["last_error_code"], previous.get(r["previous_id"])
                ),
                created_at=r["created_at"],
                served_manually=r["manual_service__id"] is not None,
            )
        )
    return out


async def mark_served(
    notification_id: str, method: str, served_on: date, note: str | None, actor: str
) -> ManualService:
    """Record service by other means; 404 for an unknown or not undeliverable notification,
    409 when it was already recorded (the first record stands)."""
    if method not in METHODS:
        raise ProblemError(422, "method_unknown", "method must be one of " + ", ".join(METHODS))
    if served_on > clock.local_now().date():
        raise ProblemError(422, "served_on_in_future", "the date of service is in the future")
    try:
        nid = uuid.UUID(notification_id)
    except ValueError:
        raise ProblemError(404, "notification_unknown", "no such notification") from None
    async with in_transaction() as conn:
        row = (
            await Notification.filter(id=nid, status="undeliverable")
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if row is None:
            raise ProblemError(404, "notification_unknown", "no undeliverable notification")
        if await ManualService.filter(notification_id=nid).using_db(conn).exists():
            raise ProblemError(409, "already_served", "service was already recorded")
        record = await ManualService.create(
            notification_id=nid,
            method=method,
            served_on=served_on,
            note=note or None,
            actor=actor,
            recorded_at=clock.now(),
            using_db=conn,
        )
        await audit.record(
            actor,
            "notification.served_manually",
            "notification",
            str(nid),
            {"method": method, "served_on": served_on.isoformat()},
            using=conn,
        )
    return record


async def delivery_summary(days: int = 30) -> list[tuple[str, str, int]]:
    """``(channel, status, count)`` of the notifications created in the last ``days`` days."""
    since = clock.now() - timedelta(days=days)
    rows = (
        await Notification.filter(created_at__gte=since)
        .annotate(n=Count("id"))
        .group_by("channel", "status")
        .values("channel", "status", "n")
    )
    return sorted((r["channel"], r["status"], int(r["n"])) for r in rows)
