"""Server-rendered pages: one Jinja2 setup, the shared base layout and the static files.

Packages render their own templates on top of ``service/web/templates/base.html`` (mobile-first,
readable without JavaScript, large type, WCAG AA contrast, Chinese UI) and the stylesheet
``/static/site.css``. Autoescaping is on for every template.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from service.web import formats

HERE = Path(__file__).parent
BASE_TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Headers for every response that carries personal data (contract §2; research §4.5).
PRIVATE_HEADERS: Mapping[str, str] = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow, noarchive",
    "Referrer-Policy": "no-referrer",
}


def templates(*package_dirs: Path) -> Environment:
    """A Jinja2 environment that sees a package's templates and the shared base layout."""
    env = Environment(
        loader=FileSystemLoader([*(str(d) for d in package_dirs), str(BASE_TEMPLATES)]),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(formats.FILTERS)  # date_zh, datetime_zh, amount_zh: one format everywhere
    return env


def render(
    env: Environment,
    name: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=dict(headers or {}))


routes = [Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static")]
