"""Rendering helpers shared by the filings' H5 pages (same layout and rules as the party
pages: private headers, CSRF-checked forms, sign-in when the session is missing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from config.settings import Settings
from service.parties import sessions
from service.web.site import PRIVATE_HEADERS, render, templates

PARTY_TEMPLATES = Path(__file__).parents[1] / "parties" / "templates"
ENV = templates(Path(__file__).parent / "templates", PARTY_TEMPLATES)


def page(
    request: Request, user: sessions.PartyUser, name: str, status: int = 200, **extra: Any
) -> Response:
    settings: Settings = request.app.state.settings
    context = {
        "court_name": settings.court_name,
        "signed_in": True,
        "csrf": sessions.csrf_token(settings.secret_key, user),
        **extra,
    }
    return render(ENV, name, context, status=status, headers=PRIVATE_HEADERS)


def not_found(request: Request, user: sessions.PartyUser) -> Response:
    return page(request, user, "not_found.html", status=404)


async def form_user(request: Request) -> sessions.PartyUser | Response:
    """The signed-in user of a form POST (CSRF checked by the caller with the parsed form)."""
    user = await sessions.current_user(request)
    if user is None:
        return RedirectResponse("/m/", status_code=303)
    return user


def check_csrf(request: Request, user: sessions.PartyUser, token: object) -> None:
    sessions.check_csrf(request.app.state.settings.secret_key, user, str(token or ""))


# The filings pages' stylesheet and print script.
static_route = Mount(
    "/filings/static",
    app=StaticFiles(directory=str(Path(__file__).parent / "static")),
    name="filings-static",
)
