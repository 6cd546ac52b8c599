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
    return page(request, staff, "import_status.html", job=job, refresh=REFRESH_SECONDS)


routes: list[BaseRoute] = [
    Route("/console/listings/import", import_form, methods=["GET", "POST"]),
    Route("/console/listings/import/{job_id}", import_status, methods=["GET"]),
]
