"""权利清单: an admin drafts a new version of the rights list, previews it exactly as an
applicant will see it (the applicants' own page template, framed), and publishes it through the
same service function as the court API (``PUT /api/court/v1/rights-lists/{version}``).

The draft lives in Redis for a day, per staff member: nothing is public until published.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from service.console.web import (
    Staff,
    form_for,
    page,
    problem_text,
    refused,
    staff_or_login,
    text,
    validation_text,
)
from service.errors import ProblemError
from service.filings import content as rights_content
from service.filings import rights
from service.filings.pages_common import ENV as PARTY_ENV
from service.filings.schemas import RightsListIn
from service.web.site import PRIVATE_HEADERS, render

VERSION = re.compile(r"^[A-Za-z0-9._-]{1,12}$")
DRAFT_SECONDS = 24 * 3600
#: The preview frame may be framed by the console only.
FRAME_CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _draft_key(staff: Staff) -> str:
    return f"console:rights-draft:{staff.account.id}"


async def _draft(request: Request, staff: Staff) -> dict[str, Any] | None:
    raw = await request.app.state.redis.get(_draft_key(staff))
    return json.loads(raw) if raw else None


async def _admin(request: Request) -> Staff | Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    if not staff.can("rights.publish"):
        return refused(request, staff, "只有管理员可以编辑权利清单。")
    return staff


async def rights_lists(request: Request) -> Response:
    staff = await _admin(request)
    if isinstance(staff, Response):
        return staff
    versions = await rights.history()
    draft = await _draft(request, staff)
    if draft is None and versions:
        latest = versions[0][0]
        draft = {"version": "", "title": latest.title, "items": latest.items}
    return page(
        request,
        staff,
        "rights_lists.html",
        versions=versions,
        draft=draft,
        items_text="\n".join(str(i["text"]) for i in (draft or {}).get("items", [])),
    )


async def save_draft(request: Request) -> Response:
    checked = await form_for(request, "rights.publish")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    version = text(form, "version", 12)
    lines = [line.strip() for line in text(form, "items", 100_000).splitlines() if line.strip()]
    problems = [] if VERSION.match(version) else ["版本号：1–12 个字母、数字或 . _ -"]
    try:
        data = RightsListIn.model_validate(
            {
                "title": text(form, "title", 100),
                "items": [{"no": n, "text": t} for n, t in enumerate(lines, 1)],
            }
        )
    except ValidationError as exc:
        problems += validation_text(exc, {"title": "标题", "items": "条目"})
    if problems:
        return refused(request, staff, "草稿有误：" + "；".join(problems), status=422)
    draft = {"version": version, **data.model_dump()}
    await request.app.state.redis.set(
        _draft_key(staff), json.dumps(draft, ensure_ascii=False), ex=DRAFT_SECONDS
    )
    return RedirectResponse("/console/rights/preview", status_code=303)


async def preview(request: Request) -> Response:
    staff = await _admin(request)
    if isinstance(staff, Response):
        return staff
    draft = await _draft(request, staff)
    if draft is None:
        return RedirectResponse("/console/rights", status_code=303)
    return page(request, staff, "rights_preview.html", draft=draft)


async def preview_frame(request: Request) -> Response:
    """The draft in the applicants' own template, with an example case."""
    staff = await _admin(request)
    if isinstance(staff, Response):
        return staff
    draft = await _draft(request, staff)
    if draft is None:
        return refused(request, staff, "没有草稿。", status=404)
    items = [rights_content.RightsItem(int(i["no"]), str(i["text"])) for i in draft["items"]]
    listing = SimpleNamespace(
        version=draft["version"],
        title=draft["title"],
        note=None,
        content_sha256=rights_content.content_sha256(draft["version"], draft["title"], items),
    )
    context = {
        "court_name": request.app.state.settings.court_name,
        "signed_in": True,
        "csrf": "",
        "case": SimpleNamespace(id="preview", case_no="（2024）浙0203执0000号（示例）"),
        "lst": listing,
        "items": items,
        "ack": None,
        "acknowledged_at": "",
        "error": "",
    }
    headers = {**PRIVATE_HEADERS, "Content-Security-Policy": FRAME_CSP}
    return render(PARTY_ENV, "rights.html", context, headers=headers)


async def publish(request: Request) -> Response:
    checked = await form_for(request, "rights.publish")
    if isinstance(checked, Response):
        return checked
    staff, _ = checked
    draft = await _draft(request, staff)
    if draft is None:
        return refused(request, staff, "没有草稿可发布。", status=409)
    items = [rights_content.RightsItem(int(i["no"]), str(i["text"])) for i in draft["items"]]
    try:
        await rights.publish(draft["version"], draft["title"], items, staff.actor)
    except ProblemError as exc:
        messages = {
            "rights_list_acknowledged": "该版本已有当事人确认，内容不能再改；请换一个版本号发布。"
        }
        return refused(request, staff, problem_text(exc, messages), exc.status)
    await request.app.state.redis.delete(_draft_key(staff))
    return RedirectResponse("/console/rights?published=" + draft["version"], status_code=303)


routes: list[BaseRoute] = [
    Route("/console/rights", rights_lists, methods=["GET"]),
    Route("/console/rights/draft", save_draft, methods=["POST"]),
    Route("/console/rights/preview", preview, methods=["GET"]),
    Route("/console/rights/preview/frame", preview_frame, methods=["GET"]),
    Route("/console/rights/publish", publish, methods=["POST"]),
]
