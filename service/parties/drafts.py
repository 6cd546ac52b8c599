"""A form sent after the party's session expired (issue 18): say so, keep what was typed.

Without a session a POST cannot be accepted (no user, no CSRF token to check), and redirecting
it to the WeChat sign-in is blocked by the pages' CSP (``form-action 'self'``), so the browser
would silently do nothing. Instead :func:`expired` answers the POST itself with a page that
says the sign-in has expired, shows the text that was typed, and offers "sign in again and
continue": a plain link (a navigation, which the CSP allows) to the form's own page with
``?draft=…``; that page signs in through WeChat as any page does and comes back filled in.

The draft is kept in Redis for :data:`DRAFT_TTL` seconds, encrypted with the data key (it may
hold an identity number), and opens only in the browser that typed it: its key is also in an
HttpOnly cookie, and :func:`take_draft` reads a draft only when both agree. Files chosen in a
multipart form are not kept (the page says so). Any /m/ form can use this: call
:func:`expired` where the session is missing, and :func:`take_draft` in the GET handler.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from config.settings import Settings
from service import counters
from service.http import client_address
from service.privacy import vault
from service.web.site import PRIVATE_HEADERS, render, templates

DRAFT_COOKIE = "mc_draft"
DRAFT_TTL = 3600
MAX_FIELD_CHARS = 5000
MAX_FIELDS = 20
DRAFTS_PER_ADDRESS = 60  # an hour
ENV = templates(Path(__file__).parent / "templates")

FormValue = str | list[str]


def _key(token: str) -> str:
    return f"party:draft:{token}"


def _as_list(value: FormValue) -> list[str]:
    return [value] if isinstance(value, str) else value


def _clean(fields: Mapping[str, Any]) -> dict[str, FormValue]:
    kept: dict[str, FormValue] = {}
    for name, value in list(fields.items())[:MAX_FIELDS]:
        if isinstance(value, list):
            kept[name] = [str(v)[:MAX_FIELD_CHARS] for v in value[:MAX_FIELDS]]
        elif isinstance(value, str):
            kept[name] = value[:MAX_FIELD_CHARS]
    return kept


async def expired(
    request: Request,
    *,
    back_to: str,
    fields: Mapping[str, Any],
    labels: Mapping[str, str],
    hidden: Iterable[str] = (),
    files_dropped: bool = False,
    display: Mapping[str, str] | None = None,
) -> Response:
    """The 401 page for a form POST without a session, the typed ``fields`` kept as a draft.

    ``back_to`` is the form's own /m/ page; ``labels`` names the fields shown back to the
    person (in that order); ``hidden`` fields (an identity number) are kept in the draft
    but not printed on the page; ``display`` turns coded values (a checkbox's value) into
    the words the form showed."""
    words = display or {}
    settings: Settings = request.app.state.settings
    kept = _clean(fields)
    token = secrets.token_urlsafe(24)
    # Anyone can post without a session: drafts are counted per client address, so Redis
    # cannot be filled with them (past the limit the page still says what happened).
    stored = await counters.take(
        request.app.state.redis,
        f"party:drafts:{client_address(request)}",
        DRAFTS_PER_ADDRESS,
        DRAFT_TTL,
    )
    if stored.allowed:
        await request.app.state.redis.set(
            _key(token), vault().encrypt(json.dumps(kept, ensure_ascii=False)), ex=DRAFT_TTL
        )
    secret = set(hidden)
    shown = [
        {"label": label, "value": "、".join(words.get(x, x) for x in _as_list(v))}
        for name, label in labels.items()
        if name not in secret and (v := kept.get(name))
    ]
    response = render(
        ENV,
        "session_expired.html",
        {
            "court_name": settings.court_name,
            "signed_in": False,
            "csrf": "",
            "shown": shown,
            "kept_hidden": any(kept.get(n) for n in secret),
            "files_dropped": files_dropped,
            "continue_url": f"{back_to}?draft={token}" if stored.allowed else back_to,
            "kept": stored.allowed,
        },
        status=401,
        headers=PRIVATE_HEADERS,
    )
    response.set_cookie(
        DRAFT_COOKIE,
        token,
        max_age=DRAFT_TTL,
        httponly=True,
        samesite="lax",
        secure=not settings.is_local,
        path="/m/",
    )
    return response


async def take_draft(request: Request) -> dict[str, FormValue]:
    """The draft this browser left at ``?draft=…`` (see :func:`expired`), once; else ``{}``."""
    token = request.query_params.get("draft", "")
    cookie = request.cookies.get(DRAFT_COOKIE, "")
    if not token or not secrets.compare_digest(token.encode(), cookie.encode()):
        return {}
    stored = await request.app.state.redis.getdel(_key(token))
    if stored is None:
        return {}
    raw = stored.decode() if isinstance(stored, bytes) else str(stored)
    try:
        data = json.loads(vault().decrypt(raw))
    except ValueError:
        return {}
    return _clean(data) if isinstance(data, dict) else {}
