"""The audit log, read and filtered by an admin (issue 17: every console action is there under
the staff member's name)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service.audit import service as audit
from service.console.web import ENV, page, refused, staff_or_login

PAGE_SIZE = 50


def details_text(details: dict[str, Any] | None) -> str:
    """An entry's details as 「key: value」 pairs, Chinese as it is (not \\u escapes)."""
    if not details:
        return "—"
    return "；".join(
        f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}"
        for k, v in details.items()
    )


ENV.filters["details"] = details_text
#: The actions' names in Chinese, beside their codes (the codes stay: the filter uses them).
ACTION_ZH = {
    "binding.created": "当事人绑定案件",
    "case.created": "案件登记",
    "case.updated": "案件更新",
    "disclosure.created": "纳入失信名单",
    "disclosure.corrected": "更正失信名单",
    "disclosure.withdrawn": "撤销（删除）失信名单",
    "disclosure.deletion_review": "列入删除审查",
    "disclosure.deletion_review_kept": "删除审查后保留",
    "disclosure.import_started": "开始批量导入",
    "disclosure.import_finished": "批量导入完成",
    "events.accepted": "接收节点事件",
    "events.recorded": "记录节点事件",
    "notification.served_manually": "登记其他方式送达",
    "objection.received": "收到异议",
    "objection.status_changed": "变更异议状态",
    "rights_list.acknowledged": "确认权利清单",
    "rights_list.changed": "修改权利清单",
    "rights_list.published": "发布权利清单",
    "screen.registered": "登记 LED 屏",
    "screen.updated": "更新 LED 屏（含更换令牌）",
    "staff.created": "新建账户",
    "staff.disabled": "停用账户",
    "staff.login_failed": "登录失败",
    "staff.login_refused_locked": "锁定期间尝试登录",
    "staff.password_reset": "重置密码",
    "staff.totp_reset": "重新绑定动态口令",
    "staff.signed_in": "登录",
    "staff.signed_out": "退出",
    "staff.unlocked": "解除锁定",
}


async def audit_log(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    if not staff.can("audit.read"):
        return refused(request, staff, "只有管理员可以查看审计日志。")
    q = request.query_params
    filters = {
        "actor": q.get("actor", "").strip()[:80],
        "action": q.get("action", "").strip()[:60],
        "target_id": q.get("target_id", "").strip()[:80],
    }
    before = q.get("before", "")
    rows, more = await audit.search(
        actor=filters["actor"] or None,
        action=filters["action"] or None,
        target_id=filters["target_id"] or None,
        before_id=int(before) if before.isdigit() and len(before) < 19 else None,
        limit=PAGE_SIZE,
    )
    return page(
        request, staff, "audit.html", rows=rows, more=more, filters=filters, action_zh=ACTION_ZH
    )


routes: list[BaseRoute] = [Route("/console/audit", audit_log, methods=["GET"])]
