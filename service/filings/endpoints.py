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
