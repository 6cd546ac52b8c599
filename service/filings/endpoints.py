"""Every filings route: JSON API and H5 pages (added to ``all_routes()`` in service/app.py)."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from service.filings import endpoints_objections, endpoints_rights, pages_objections, pages_rights

routes: list[BaseRoute] = [
    *endpoints_rights.routes,
    *endpoints_objections.routes,
    *pages_rights.routes,
    *pages_objections.routes,
    Mount(
        "/filings/static",
        app=StaticFiles(directory=str(Path(__file__).parent / "static")),
        name="filings-static",
    ),
]

# Per-path request-body limits for the upload routes (service/app.py UPLOAD_LIMITS).
UPLOAD_LIMITS: list[tuple[str, int]] = [
    (r"^/api/party/v1/objections/[^/]+/attachments$", 10 * 1024 * 1024 + 256 * 1024),
    (r"^/m/cases/[^/]+/objection$", pages_objections.OBJECTION_LIMITS),
    (r"^/m/objections/[^/]+/attachments$", pages_objections.OBJECTION_LIMITS),
]
