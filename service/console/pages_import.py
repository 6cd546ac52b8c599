"""失信公布 → 导入: upload an xlsx/csv of listings, watch its progress, read the per-row report
(the same importer as ``microcourt disclosures import``; role ``disclosure``)."""

from __future__ import annotations

import asyncio
from pathlib import PurePath

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from disclosure.importer import ImportFileError
from service.console import imports
from service.console.web import form_for, page, refused, staff_or_login

REFRESH_SECONDS = 2
#: Uploads go through the app's 2 MiB body limit (service/app.py): ~10 000 rows of xlsx.
SUFFIXES = (".xlsx", ".csv")


async def import_form(request: Request) -> Response:
    if request.method == "GET":
        staff = await staff_or_login(request)
        if isinstance(staff, Response):
            return staff
        if not staff.can("listing.import"):
            return refused(request, staff, "您的角色无权执行此操作。")
        return page(request, staff, "import.html")
    checked = await form_for(request, "listing.import")
    if isinstance(checked, Response):
        return checked
    staff, form = checked
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return refused(request, staff, "请选择要导入的文件。", status=422)
    suffix = PurePath(upload.filename).suffix.lower()
    if suffix not in SUFFIXES:
        return refused(request, staff, "只能导入 .xlsx 或 .csv 文件。", status=422)
    job_id = imports.new_job_id()
    path = imports.upload_path(request.app.state.settings.data_dir, job_id, suffix)
    await asyncio.to_thread(path.write_bytes, await upload.read())
    try:
        await imports.start(
            request.app.state.redis, job_id, path, upload.filename[:120], staff.actor
        )
    except (ImportFileError, ValueError, KeyError, OSError) as exc:
        await asyncio.to_thread(path.unlink, missing_ok=True)
        detail = str(exc) if isinstance(exc, ImportFileError) else "文件无法读取"
        return refused(request, staff, f"无法导入：{detail}", status=422)
    return RedirectResponse(f"/console/listings/import/{job_id}", status_code=303)


async def import_status(request: Request) -> Response:
    staff = await staff_or_login(request)
    if isinstance(staff, Response):
        return staff
    job = await imports.status(request.app.state.redis, request.path_params["job_id"])
    if job is None:
        return refused(request, staff, "没有这次导入（记录保留一天）。", status=404)
    return page(
        request,
        staff,
        "import_status.html",
        job=job,
        refresh=REFRESH_SECONDS,
        field_zh=FIELD_ZH,
        code_zh=CODE_ZH,
    )


#: The report's fields and codes in Chinese (the code stays, small, for the court's IT).
FIELD_ZH = {
    "row": "整行",
    "listing_id": "名单编号",
    "case_no": "案号",
    "court": "执行法院",
    "kind": "类型",
    "name": "姓名/名称",
    "id_no": "证件号码",
    "gender": "性别",
    "legal_rep": "法定代表人",
    "basis_doc_no": "执行依据文号",
    "basis_unit": "执行依据制作单位",
    "obligation": "生效法律文书确定的义务",
    "performance": "履行情况",
    "unperformed_amount": "未履行金额",
    "circumstance": "失信情形",
    "decided_at": "纳入决定日期",
    "filed_at": "立案日期",
    "publish_after": "公布日期",
    "period_years": "纳入期限",
}
CODE_ZH = {
    "missing_field": "必填",
    "invalid_field": "格式或取值无效",
    "case_no_invalid": "案号格式不正确",
    "id_no_invalid": "身份证号码无效",
    "credit_code_invalid": "统一社会信用代码无效",
    "kind_unknown": "类型须为自然人或单位",
    "gender_invalid": "性别无效",
    "circumstance_invalid": "失信情形须为第一条第（一）至（六）项",
    "date_invalid": "日期须为 YYYY-MM-DD",
    "money_invalid": "金额格式不正确",
    "period_required": "第一条第（二）至（六）项情形须有纳入期限（二至五年）",
    "period_not_allowed": "第一条第（一）项情形不设纳入期限",
    "period_invalid": "纳入期限须为二至五年",
    "minor_not_listable": "未成年人不得纳入失信被执行人名单（第四条）",
    "filed_at_invalid": "立案日期不得晚于纳入决定日期",
    "publish_after_invalid": "公布日期不得早于纳入决定日期",
    "listing_closed": "该名单已撤销或到期，不能更正",
}


routes: list[BaseRoute] = [
    Route("/console/listings/import", import_form, methods=["GET", "POST"]),
    Route("/console/listings/import/{job_id}", import_status, methods=["GET"]),
]
