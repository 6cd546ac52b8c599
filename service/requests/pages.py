"""H5 page ``/m/cases/{id}/requests`` (contract §9.4): a listed respondent's 纠正 / 信用修复
form, an applicant's 财产线索 and 申请恢复执行 forms, and the receipts of every request of the
party's side with their state and history.

The forms are multipart and work without JavaScript; a refused file refuses the whole
submission (nothing is filed) and says why. Each form carries a hidden random ``form_key``:
sent twice, it files once and shows the first receipt. A form sent after the session
expired is answered as every /m/ form is (service/parties/drafts.py): a page that says so
and keeps the text typed, which the form shows again after sign-in (the files must be chosen
again).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from service import calendar, clock
from service.errors import ProblemError
from service.filings import attachments as files
from service.filings.access import channel_of
from service.filings.pages_common import (
    PARTY_TEMPLATES,
    check_csrf,
    form_user,
    not_found,
    party_context,
)
from service.filings.pages_objections import FILE_ERRORS, csrf_beside_body
from service.http import ApiRoute, Doc, validate
from service.parties import drafts, sessions
from service.parties.signin import user_or_signin
from service.parties.views import BoundCase, case_for_user, local_time
from service.requests import filing, service
from service.requests.endpoints import SCHEMAS, TEXT_FIELD
from service.requests.kinds import (
    CORRECTION_GROUNDS,
    KINDS,
    LEAD,
    LISTING,
    LISTING_KIND_ZH,
    RESUMPTION,
    Kind,
    kind_zh,
    review_notice,
)
from service.web.site import PRIVATE_HEADERS, render, templates

UPLOAD_LIMIT = 30 * 1024 * 1024 + 256 * 1024
FIELD_ZH = {
    "kind": "申请类型",
    "ground": "纠正事由",
    "grounds": "申请理由",
    "description": "线索内容",
    "reason": "申请理由",
}
ENV = templates(Path(__file__).parent / "templates", PARTY_TEMPLATES)


async def page(
    request: Request, user: sessions.PartyUser, name: str, status: int = 200, **extra: Any
) -> Response:
    context = {**await party_context(request, user), **extra}
    return render(ENV, name, context, status=status, headers=PRIVATE_HEADERS)


def _draft_kind(draft: dict[str, Any]) -> str:
    """Which form a restored draft came from, by the field only that form has."""
    for name, kind in (("grounds", "listing"), ("description", "lead"), ("reason", "resumption")):
        if draft.get(name):
            return kind
    return ""


async def _receipts(kind: Kind, bound: BoundCase) -> list[dict[str, Any]]:
    try:
        principal = await filing.principal_for(kind, bound)
    except ProblemError:
        return []
    out = []
    now = clock.now()
    for row in await service.of_party(kind, bound.case, principal):
        changes = await service.history(kind, row)
        due = getattr(row, "review_due", None)
        decided = next((c.at for c in changes if c.status in kind.closed), None)
        out.append(
            {
                "row": row,
                "kind_zh": kind_zh(kind, row),
                "ground_zh": CORRECTION_GROUNDS.get(getattr(row, "ground", None) or ""),
                "status_zh": kind.status_zh[row.status],
                "received": local_time(row.received_at),
                "text": getattr(row, TEXT_FIELD[kind.type]),
                "due": due,
                "overdue": calendar.missed(due, decided, now) if due else False,
                "history": [
                    {"status_zh": kind.status_zh[c.status], "at": local_time(c.at), "note": c.note}
                    for c in changes
                ],
                "attachments": (attached := await service.attachments_of(kind, row)),
                "can_attach": row.status not in kind.closed and len(attached) < files.MAX_FILES,
                "type": kind.type,
                "review_notice": review_notice(kind, row.status),
            }
        )
    return out


async def _page(
    request: Request,
    user: sessions.PartyUser,
    case_id: str,
    *,
    status: int = 200,
    error: str = "",
    failed: str = "",
    values: dict[str, str] | None = None,
    restored: bool = False,
) -> Response:
    try:
        bound = await case_for_user(user, case_id)
    except ProblemError:
        return await not_found(request, user)
    respondent = bound.view_role == "respondent" and bound.party.role in ("respondent", "agent")
    applicant = bound.view_role == "applicant" and bound.party.role in ("applicant", "agent")
    listed = False
    if respondent:
        try:
            listed = bool(
                await filing.published_listings(bound.case, await filing.respondent_of(bound))
            )
        except ProblemError:
            respondent = False
    return await page(
        request,
        user,
        "requests.html",
        status=status,
        restored=restored,
        case=bound.case,
        respondent=respondent,
        applicant=applicant,
        listed=listed,
        terminated=bound.case.status == "terminated",
        listing=await _receipts(LISTING, bound) if respondent else [],
        leads=await _receipts(LEAD, bound) if applicant else [],
        resumptions=await _receipts(RESUMPTION, bound) if applicant else [],
        filed=request.query_params.get("filed", ""),
        error=error,
        failed=failed,
        values=values or {},
        form_key=secrets.token_hex(16),
        grounds=CORRECTION_GROUNDS,
        listing_kinds=LISTING_KIND_ZH,
        max_files=files.MAX_FILES,
    )


async def requests_page(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    # typed before the session expired (service/parties/drafts.py); the request forms have
    # no field sent twice, so anything kept as a list is not theirs
    draft = {k: v for k, v in (await drafts.take_draft(request)).items() if isinstance(v, str)}
    kind = _draft_kind(draft)
    return await _page(
        request,
        user,
        request.path_params["case_id"],
        failed=kind,
        values=draft if kind else None,
        restored=bool(kind),
    )


def _file_error(problem: ProblemError) -> str:
    name = problem.detail.split(":", 1)[0] if ":" in problem.detail else ""
    which = f"「{name}」" if name else ""
    reason = FILE_ERRORS.get(problem.code, problem.detail)
    return f"附件{which}未被接受：{reason}。申请尚未提交，请更换文件后重新提交。"


async def submit(request: Request) -> Response:
    case_id = request.path_params["case_id"]
    kind = KINDS.get(request.path_params["type"])
    user = await form_user(
        request, f"/m/cases/{case_id}/requests", FIELD_ZH, {**LISTING_KIND_ZH, **CORRECTION_GROUNDS}
    )
    if isinstance(user, Response):
        return user  # the session expired: a page that says so, the text kept as a draft
    if kind is None:
        return await not_found(request, user)
    check_csrf(request, user, csrf_beside_body(request))
    try:
        bound, principal = await filing.side_case(kind, user, case_id)
    except ProblemError:
        return await not_found(request, user)
    form = await request.form(max_files=files.MAX_FILES + 1, max_fields=20)
    values = {k: str(form.get(k, "")) for k in SCHEMAS[kind.type].model_fields}
    if kind is not LISTING or values.get("kind") != "correction":
        values.pop("ground", None)
    values = {k: v for k, v in values.items() if v != ""}
    redo: dict[str, Any] = {"failed": kind.type, "values": values}
    try:
        data = validate(SCHEMAS[kind.type], values)
    except ProblemError as problem:
        wrong = "、".join(dict.fromkeys(FIELD_ZH.get(e.field, e.field) for e in problem.errors))
        return await _page(request, user, case_id, status=422, error=f"请检查：{wrong}。", **redo)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    try:
        if len(uploads) > files.MAX_FILES:
            raise ProblemError(409, "attachment_limit", "too many files")
        checked = [await files.read_upload(u) for u in uploads]
    except ProblemError as problem:
        return await _page(
            request, user, case_id, status=problem.status, error=_file_error(problem), **redo
        )
    key = str(form.get("form_key", ""))[:64] or secrets.token_hex(16)
    try:
        row, new = await filing.FILERS[kind.type](
            bound, principal, data, key, channel=channel_of(request), actor=user.actor
        )
    except ProblemError as problem:
        messages = {
            "no_published_listing": "本案没有正在公布的您的失信信息，无需提出此项申请。",
            "not_terminated": "本案尚未终结本次执行程序，暂不能申请恢复执行。",
        }
        if problem.code not in messages:
            raise
        return await _page(request, user, case_id, status=409, error=messages[problem.code], **redo)
    if new and checked:
        await filing.store(request.app.state.settings.data_dir, kind, row, checked)
    return RedirectResponse(
        f"/m/cases/{case_id}/requests?filed={row.receipt_no}#r-{row.id}", status_code=303
    )


async def add_files(request: Request) -> Response:
    """More files for an undecided request, from the form in its receipt."""
    user = await form_user(request)
    if isinstance(user, Response):
        return user  # the session expired: a page that says so (files are never kept)
    kind = KINDS.get(request.path_params["type"])
    if kind is None:
        return await not_found(request, user)
    check_csrf(request, user, csrf_beside_body(request))
    try:
        row, bound = await filing.for_party(kind, user, request.path_params["request_id"])
    except ProblemError:
        return await not_found(request, user)
    case_id = str(bound.case.id)
    form = await request.form(max_files=files.MAX_FILES + 1, max_fields=10)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    try:
        if len(uploads) > files.MAX_FILES:
            raise ProblemError(409, "attachment_limit", "too many files")
        checked = [await files.read_upload(u) for u in uploads]
        if checked:
            await filing.add_files(request.app.state.settings.data_dir, kind, row, checked)
    except ProblemError as problem:
        message = (
            "该申请已处理完毕，不能再补充材料。"
            if problem.code == "request_closed"
            else _file_error(problem).replace("申请尚未提交", "材料未补充")
        )
        return await _page(request, user, case_id, status=problem.status, error=message)
    return RedirectResponse(f"/m/cases/{case_id}/requests#r-{row.id}", status_code=303)


def _doc(summary: str) -> Doc:
    return Doc(summary, "party pages", content_type="text/html", auth="party")


static_route = Mount(
    "/requests/static",
    app=StaticFiles(directory=str(Path(__file__).parent / "static")),
    name="requests-static",
)

routes = [
    ApiRoute(
        "/m/cases/{case_id}/requests",
        requests_page,
        methods=["GET"],
        doc=_doc("H5: 纠正/信用修复, 财产线索 and 恢复执行 forms with every receipt"),
    ),
    ApiRoute(
        "/m/cases/{case_id}/requests/{type}",
        submit,
        methods=["POST"],
        doc=Doc(
            "H5: file a request (type listing | lead | resumption; multipart, 'files')",
            "party pages",
            content_type="text/html",
            auth="party",
            errors={401: ["session_expired"]},
            description="401: the session ended while the form was open; the page links back "
            "to the form, whose sign-in returns to it with the text kept.",
        ),
        max_body_size=UPLOAD_LIMIT,
    ),
    ApiRoute(
        "/m/requests/{type}/{request_id}/attachments",
        add_files,
        methods=["POST"],
        doc=_doc("H5: add files to an undecided request (multipart, 'files')"),
        max_body_size=UPLOAD_LIMIT,
    ),
]
