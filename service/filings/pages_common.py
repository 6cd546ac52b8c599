"""Rendering helpers shared by the filings' H5 pages (same layout and rules as the party
pages: private headers, CSRF-checked forms, sign-in when the session is missing)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from config.settings import Settings
from service.parties import drafts, preferences, sessions
from service.web.site import PRIVATE_HEADERS, render, templates

PARTY_TEMPLATES = Path(__file__).parents[1] / "parties" / "templates"
MAX_FILES_WITHOUT_SESSION = 11  # the objection form's limit and one: parsed, then dropped
ENV = templates(Path(__file__).parent / "templates", PARTY_TEMPLATES)


async def party_context(request: Request, user: sessions.PartyUser) -> dict[str, Any]:
    """What every signed-in party page's shell needs (court, CSRF token, 长辈模式)."""
    settings: Settings = request.app.state.settings
    return {
        "court_name": settings.court_name,
        "signed_in": True,
        "csrf": sessions.csrf_token(settings.secret_key, user),
        "large_text": await preferences.large_text(user.user_key),
        "back": request.url.path,
    }


async def page(
    request: Request, user: sessions.PartyUser, name: str, status: int = 200, **extra: Any
) -> Response:
    context = {**await party_context(request, user), **extra}
    return render(ENV, name, context, status=status, headers=PRIVATE_HEADERS)


async def not_found(request: Request, user: sessions.PartyUser) -> Response:
    return await page(request, user, "not_found.html", status=404)


async def form_user(
    request: Request,
    back_to: str = "/m/",
    labels: Mapping[str, str] | None = None,
    display: Mapping[str, str] | None = None,
) -> sessions.PartyUser | Response:
    """The signed-in user of a form POST (CSRF checked by the caller with the parsed form);
    without a session, the page that says so and keeps the typed text fields
    (:func:`service.parties.drafts.expired`; files are not kept)."""
    user = await sessions.current_user(request)
    if user is not None:
        return user
    form = await request.form(max_files=MAX_FILES_WITHOUT_SESSION, max_fields=30)
    fields: dict[str, Any] = {}
    files_dropped = False
    for name in form:
        values = form.getlist(name)
        texts = [v for v in values if isinstance(v, str)]
        chosen = [v for v in values if isinstance(v, UploadFile) and v.filename]
        files_dropped = files_dropped or bool(chosen)
        if texts and name != "csrf":
            # a name sent more than once (a checkbox group) is kept as a list
            fields[name] = texts if len(values) > 1 else texts[0]
    await form.close()
    return await drafts.expired(
        request,
        back_to=back_to,
        fields=fields,
        labels=labels or {},
        files_dropped=files_dropped,
        display=display,
    )


def check_csrf(request: Request, user: sessions.PartyUser, token: object) -> None:
    sessions.check_csrf(request.app.state.settings.secret_key, user, str(token or ""))


# The filings pages' stylesheet and print script.
static_route = Mount(
    "/filings/static",
    app=StaticFiles(directory=str(Path(__file__).parent / "static")),
    name="filings-static",
)
