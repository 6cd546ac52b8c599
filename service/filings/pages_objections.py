"""H5 pages for 终本 objections (contract §4.5): the check, the form (multipart, works without
JavaScript, files included) and the receipts with both deadlines and the status history."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service import clock
from service.cases.models import Case
from service.errors import ProblemError
from service.filings import attachments as files
from service.filings import objections, termination
from service.filings.access import applicant_case, channel_of
from service.filings.pages_common import check_csrf, form_user, not_found, page
from service.filings.plain import PLAIN_ZH, plain_evidence
from service.filings.schemas import ObjectionIn
from service.http import ApiRoute, Doc, validate
from service.parties import drafts
from service.parties.models import Party
from service.parties.sessions import PartyUser
from service.parties.signin import user_or_signin
from service.parties.views import local_time

FILE_ERRORS = {
    "attachment_too_large": "文件超过 10 MB",
    "attachment_type_unsupported": "只接受 PDF、JPG、PNG 文件（按文件内容判断，不看文件名）",
    "attachment_empty": "文件是空的",
    "attachment_limit": f"每件异议最多 {files.MAX_FILES} 个附件",
}
RESTORED = "已恢复您上次填写的内容，尚未提交，请核对后提交（附件需重新选择）。"
REFUSALS = {
    "not_terminated": "本案尚未终结本次执行程序，暂不能提出终本异议。",
    "objection_exists": "您已就本案的终本裁定提出过异议，不能重复提出。办理情况见下方回执；"
    "需要补充材料的，请在回执下方上传。",
}
FIELD_ZH = {
    "grounds": "异议事项",
    "request": "异议请求",
    "facts": "事实和理由",
    "contact_address": "送达地址",
    "phone": "联系电话",
}
# One H5 submission carries at most 30 MiB of files (it is parsed, and its files held, whole);
# more are added afterwards through the objection's own upload form.
UPLOAD_MIB_PER_SUBMISSION = 30
OBJECTION_LIMITS = UPLOAD_MIB_PER_SUBMISSION * 1024 * 1024 + 256 * 1024  # and the framing


async def _receipts(case: Case, applicant: Party) -> list[dict[str, Any]]:
    out = []
    now = clock.now()
    for o in await objections.of_applicant(case, applicant):
        changes = await objections.history(o)
        filing_overdue, decision_overdue = objections.overdue_flags(o, changes, now)
        attached = await objections.attachments_of(o)
        out.append(
            {
                "o": o,
                "status_zh": objections.STATUS_ZH.get(o.status, o.status),
                "received": local_time(o.received_at),
                "grounds": [termination.ITEM_ZH[g] for g in o.grounds if g in termination.ITEM_ZH],
                "phone": objections.phone_masked(o),
                "history": [
                    {
                        "status_zh": objections.STATUS_ZH.get(c.status, c.status),
                        "at": local_time(c.at),
                        "note": c.note,
                    }
                    for c in changes
                ],
                "attachments": attached,
                "can_attach": o.status not in objections.DECIDED
                and len(attached) < files.MAX_FILES,
                "filing_overdue": filing_overdue,
                "decision_overdue": decision_overdue,
                "correction": objections.correction_of(changes)
                if o.status == "correction_requested"
                else None,
                "review_notice": objections.review_notice(o.status),
            }
        )
    return out


async def _objection_page(
    request: Request,
    user: PartyUser,
    case_id: str,
    *,
    status: int = 200,
    error: str = "",
    values: dict[str, Any] | None = None,
    notice: str = "",
) -> Response:
    try:
        bound, applicant = await applicant_case(user, case_id)
    except ProblemError:
        return await not_found(request, user)
    try:
        check: objections.Check | None = await objections.termination_check(bound.case)
    except ProblemError:
        check = None
    items = [
        {
            "item": i.item,
            "zh": termination.ITEM_ZH[i.item],
            "met": i.met,
            "evidence": plain_evidence(i.evidence),
            "plain": PLAIN_ZH.get(i.item, ""),
            "basis": i.basis,
            "local_policy": i.local_policy,
        }
        for i in (check.items if check else [])
    ]
    # Only what the record shows unmet is pre-ticked; "cannot judge" is the objector's call.
    receipts = await _receipts(bound.case, applicant)
    chosen = (values or {}).get("grounds") or [i["item"] for i in items if i["met"] is False]
    return await page(
        request,
        user,
        "objection.html",
        status=status,
        case=bound.case,
        check=items,
        terminated=check is not None,
        receipts=receipts,
        can_object=not any(r["o"].status not in objections.REFILE_ALLOWED for r in receipts),
        filed=request.query_params.get("filed", ""),
        error=error,
        notice=notice,
        values=values or {},
        chosen=chosen,
        max_files=files.MAX_FILES,
        upload_mib=UPLOAD_MIB_PER_SUBMISSION,
    )


async def objection_page(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    draft = await drafts.take_draft(request)  # typed before the session expired
    values: dict[str, Any] | None = None
    if draft:
        grounds = draft.get("grounds") or []
        values = {k: v for k, v in draft.items() if k in FIELD_ZH and isinstance(v, str)}
        values["grounds"] = [grounds] if isinstance(grounds, str) else grounds
    return await _objection_page(
        request,
        user,
        request.path_params["case_id"],
        values=values,
        notice=RESTORED if draft else "",
    )


def _uploads(form: FormData, name: str) -> list[UploadFile]:
    return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]


async def _read_all(uploads: list[UploadFile]) -> list[files.Upload]:
    if len(uploads) > files.MAX_FILES:
        raise ProblemError(409, "attachment_limit", "too many files")
    return [await files.read_upload(u) for u in uploads]


def _file_error(problem: ProblemError) -> str:
    name = problem.detail.split(":", 1)[0] if ":" in problem.detail else ""
    reason = FILE_ERRORS.get(problem.code, problem.detail)
    which = f"「{name}」" if name else ""
    return f"附件{which}未被接受：{reason}。异议尚未提交，请更换文件后重新提交。"


def csrf_beside_body(request: Request) -> str:
    """The upload forms send their token in the query (the form's action) or a header, so it
    is checked, and the case's ownership too, before a byte of the multipart body is read: a
    forged cross-site upload is refused without parsing megabytes into temporary files."""
    return request.headers.get("x-csrf-token") or request.query_params.get("csrf", "")


async def objection_submit(request: Request) -> Response:
    case_id = request.path_params["case_id"]
    user = await form_user(
        request, f"/m/cases/{case_id}/objection", FIELD_ZH, display=termination.ITEM_ZH
    )
    if isinstance(user, Response):
        return user
    check_csrf(request, user, csrf_beside_body(request))
    try:
        bound, applicant = await applicant_case(user, case_id)
    except ProblemError:
        return await not_found(request, user)
    form = await request.form(max_files=files.MAX_FILES + 1, max_fields=30)
    values: dict[str, Any] = {
        "grounds": [str(g) for g in form.getlist("grounds")],
        **{k: str(form.get(k, "")) for k in ("request", "facts", "contact_address", "phone")},
    }
    try:
        data = validate(ObjectionIn, values)
    except ProblemError as problem:
        wrong = "、".join(
            dict.fromkeys(FIELD_ZH.get(e.field.split("[")[0], e.field) for e in problem.errors)
        )
        return await _objection_page(
            request, user, case_id, status=422, error=f"请检查：{wrong}。", values=values
        )
    try:
        uploads = await _read_all(_uploads(form, "files"))
    except ProblemError as problem:
        return await _objection_page(
            request, user, case_id, status=problem.status, error=_file_error(problem), values=values
        )
    try:
        objection = await objections.file_objection(
            bound.case, applicant, bound.party, data, channel=channel_of(request), actor=user.actor
        )
    except ProblemError as problem:
        if problem.code not in REFUSALS:
            raise
        error = REFUSALS[problem.code]
        return await _objection_page(request, user, case_id, status=409, error=error)
    if uploads:
        await files.store(request.app.state.settings.data_dir, objection, uploads)
    return RedirectResponse(
        f"/m/cases/{case_id}/objection?filed={objection.receipt_no}#o-{objection.id}",
        status_code=303,
    )


async def attachments_submit(request: Request) -> Response:
    user = await form_user(request)  # the objection is not named to a browser without a session
    if isinstance(user, Response):
        return user
    check_csrf(request, user, csrf_beside_body(request))
    try:
        objection, bound = await objections.for_party(user, request.path_params["objection_id"])
    except ProblemError:
        return await not_found(request, user)
    form = await request.form(max_files=files.MAX_FILES + 1, max_fields=10)
    case_id = str(bound.case.id)
    try:
        if objection.status in objections.DECIDED:
            raise ProblemError(409, "objection_closed", "decided")
        uploads = await _read_all(_uploads(form, "files"))
        if uploads:
            await files.store(request.app.state.settings.data_dir, objection, uploads)
    except ProblemError as problem:
        message = (
            "该异议已审结，不能再补充材料。"
            if problem.code == "objection_closed"
            else _file_error(problem).replace("异议尚未提交", "材料未补充")
        )
        return await _objection_page(request, user, case_id, status=problem.status, error=message)
    return RedirectResponse(f"/m/cases/{case_id}/objection#o-{objection.id}", status_code=303)


def _doc(summary: str) -> Doc:
    return Doc(summary, "party pages", content_type="text/html", auth="party")


routes = [
    ApiRoute(
        "/m/cases/{case_id}/objection",
        objection_page,
        methods=["GET"],
        doc=_doc("H5: 终本 check, objection form and receipts"),
    ),
    ApiRoute(
        "/m/cases/{case_id}/objection",
        objection_submit,
        methods=["POST"],
        doc=_doc("H5: file an objection (multipart form, files in 'files')"),
        max_body_size=OBJECTION_LIMITS,
    ),
    ApiRoute(
        "/m/objections/{objection_id}/attachments",
        attachments_submit,
        methods=["POST"],
        doc=_doc("H5: add attachments to an objection (multipart form)"),
        max_body_size=OBJECTION_LIMITS,
    ),
]
