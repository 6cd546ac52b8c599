"""Screen endpoints: the court's registry (contract §1.7, scope ``screens``), the screens' own
feed and ack (§3.1, bearer token) and the HTML player."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from disclosure.led import poll, push, screens
from disclosure.led.document import Answered, feed_document, feed_text, lease_expires_at
from disclosure.led.feed import Built
from disclosure.led.schemas import (
    AckIn,
    FeedOut,
    RegisteredOut,
    ScreenIn,
    ScreenListOut,
    ScreenOut,
)
from disclosure.state import current_state
from service import clock
from service.auth.dependencies import require_court
from service.errors import ProblemError
from service.http import (
    SCREEN_CODES,
    ApiRoute,
    Doc,
    json_response,
    no_content,
    parse_json,
    query_limit,
)
from service.paging import decode_cursor, encode_cursor
from service.web import site

SCOPE = "screens"
HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = site.templates(HERE / "templates")
# The player runs only our own script and stylesheet; nothing inline, nothing third-party.
PLAYER_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------
# Court: registry
# --------------------------------------------------------------------------------------


async def register_screen(request: Request) -> Response:
    client = await require_court(request, SCOPE)
    try:
        data = await parse_json(request, ScreenIn)
    except ProblemError as problem:
        if problem.status == 422 and len(problem.errors) == 1:
            only = problem.errors[0]
            raise ProblemError(422, only.code, only.detail, errors=problem.errors) from None
        raise
    allow = request.app.state.settings.led_push_allow_networks
    await push.require_allowed_push_url(data.push_url, allow)
    result = await screens.register(data, client.actor)
    if result.screen.mode == "push":
        await push.disclosure_changed()  # the new or changed screen gets its feed now
    body = RegisteredOut(
        screen_id=result.screen.screen_id,
        token=result.token,
        created=result.created,
        version=result.screen.version,
    )
    return json_response(body.model_dump(), status=201 if result.created else 200)


def screen_out(status: screens.Status) -> ScreenOut:
    s = status.screen
    return ScreenOut(
        screen_id=s.screen_id,
        name=s.name,
        location=s.location,
        rows=s.rows,
        cols=s.cols,
        mode=s.mode,
        push_url=s.push_url,
        refresh_seconds=s.refresh_seconds,
        lease_seconds=s.lease_seconds,
        version=s.version,
        acked_version=s.acked_version,
        acked_at=_iso(s.acked_at),
        last_seen_at=_iso(status.last_seen_at),
        required_version=status.required_version,
        compliant=status.compliant,
    )


def seen_buffer(request: Request) -> poll.SeenBuffer:
    """This app's batch of screen contacts (made on first use; one per app and Redis client)."""
    state = request.app.state
    buffer: poll.SeenBuffer | None = getattr(state, "led_seen", None)
    if buffer is None:
        buffer = state.led_seen = poll.SeenBuffer(state.redis)
    return buffer


async def list_screens(request: Request) -> Response:
    await require_court(request, SCOPE)
    await seen_buffer(request).flush()  # this process's latest contacts, not a second late
    limit = query_limit(request)
    cursor = request.query_params.get("cursor")
    rows = await screens.page(limit + 1, decode_cursor(cursor)[0] if cursor else None)
    state = await current_state()
    found = await screens.statuses(request.app.state.redis, rows[:limit], state.withdrawal_floor)
    more = len(rows) > limit
    body = ScreenListOut(
        disclosure_version=state.version,
        withdrawal_floor=state.withdrawal_floor,
        noncompliant=sum(1 for s in found if not s.compliant),
        screens=[screen_out(s) for s in found],
        next_cursor=encode_cursor(rows[limit - 1].screen_id) if more else None,
    )
    return json_response(body.model_dump())


# --------------------------------------------------------------------------------------
# Screens: feed, feed.txt, ack
# --------------------------------------------------------------------------------------


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _etag_matches(request: Request, version: int) -> bool:
    raw = request.headers.get("if-none-match")
    if not raw:
        return False
    wanted = f'"{version}"'
    return any(tag.strip().removeprefix("W/") in (wanted, "*") for tag in raw.split(","))


async def _serve(request: Request) -> tuple[Answered, Built, dict[str, str], bool, datetime]:
    polled = await poll.poll(
        request.path_params["screen_id"], _bearer(request), seen_buffer(request)
    )
    screen, built = polled.screen, polled.built
    now = clock.now()
    headers = {
        **site.PRIVATE_HEADERS,
        "ETag": f'"{screen.version}"',
        "X-Lease-Expires-At": lease_expires_at(screen, now).isoformat(),
    }
    return screen, built, headers, _etag_matches(request, screen.version), now


async def get_feed(request: Request) -> Response:
    screen, built, headers, not_modified, now = await _serve(request)
    if not_modified:
        return Response(status_code=304, headers=headers)
    return json_response(feed_document(screen, built, now), headers=headers)


async def get_feed_text(request: Request) -> Response:
    _, built, headers, not_modified, _ = await _serve(request)
    if not_modified:
        return Response(status_code=304, headers=headers)
    return PlainTextResponse(feed_text(built), headers=headers)


async def post_ack(request: Request) -> Response:
    screen = await screens.authenticate(request.path_params["screen_id"], _bearer(request))
    data = await parse_json(request, AckIn)
    seen_buffer(request).mark(screen.screen_id)
    await screens.ack(screen, data.version)
    response = no_content()
    response.headers.update(site.PRIVATE_HEADERS)
    return response


# --------------------------------------------------------------------------------------
# The HTML player
# --------------------------------------------------------------------------------------


async def player(request: Request) -> Response:
    headers = {**site.PRIVATE_HEADERS, "Content-Security-Policy": PLAYER_CSP}
    token = request.query_params.get("token")
    # An unknown screen or a wrong token is the same 401; the player (a panel in a public
    # place, set up by a technician) shows it in Chinese on the panel, not as JSON.
    try:
        screen = await screens.authenticate(request.path_params["screen_id"], token)
    except ProblemError as problem:
        if problem.code != "screen_token_invalid":
            raise
        return site.render(TEMPLATES, "player_refused.html", {}, status=401, headers=headers)
    context = {"screen": screen}
    return site.render(TEMPLATES, "player.html", context, headers=headers)


async def player_asset(request: Request) -> Response:
    name = request.path_params["asset"]
    if name not in ("player.js", "player.css"):
        raise ProblemError(404, "not_found", "no such file")
    return FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})


routes = [
    ApiRoute(
        "/api/court/v1/screens",
        register_screen,
        methods=["POST"],
        doc=Doc(
            summary="Register or update an LED screen; the token is shown once",
            tag="court",
            request=ScreenIn,
            responses={201: RegisteredOut, 200: RegisteredOut},
            errors={
                422: ["missing_field", *SCREEN_CODES],
            },
            auth="court",
            scope=SCOPE,
            description=(
                "Upsert by screen_id. A new screen gets a token (returned once, stored only "
                "hashed and encrypted); re-registering keeps it (token null) unless "
                "rotate_token is true. Geometry changes raise the screen's version."
            ),
        ),
    ),
    ApiRoute(
        "/api/court/v1/screens",
        list_screens,
        methods=["GET"],
        doc=Doc(
            summary="Screens with their acknowledged version, last contact and compliance",
            tag="court",
            responses={200: ScreenListOut},
            errors={422: ["invalid_field"]},
            auth="court",
            scope=SCOPE,
            query=(
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ),
            description=(
                "compliant: the screen acknowledged (ack, or a 2xx to a push) a version of "
                "its own at or after the latest withdrawal floor; a screen never given a feed "
                "is compliant."
            ),
        ),
    ),
    ApiRoute(
        "/api/led/v1/screens/{screen_id}/feed",
        get_feed,
        methods=["GET"],
        doc=Doc(
            summary="The screen's pages (ETag/If-None-Match; every answer renews the lease)",
            tag="led",
            responses={200: FeedOut, 304: None},
            auth="screen",
            description=(
                'ETag is "<version>"; with If-None-Match and nothing new the answer is 304. '
                "Every answer, 304 included, carries X-Lease-Expires-At and updates "
                "last_seen_at. Cache-Control: no-store; X-Robots-Tag: noindex."
            ),
        ),
    ),
    ApiRoute(
        "/api/led/v1/screens/{screen_id}/feed.txt",
        get_feed_text,
        methods=["GET"],
        doc=Doc(
            summary="The same pages as plain text, pages separated by a form-feed line",
            tag="led",
            responses={200: None, 304: None},
            auth="screen",
            content_type="text/plain",
        ),
    ),
    ApiRoute(
        "/api/led/v1/screens/{screen_id}/ack",
        post_ack,
        methods=["POST"],
        doc=Doc(
            summary="The screen shows this version",
            tag="led",
            request=AckIn,
            responses={204: None},
            errors={409: ["version_unknown"], 422: ["missing_field"]},
            auth="screen",
        ),
    ),
    ApiRoute(
        "/led/{screen_id}",
        player,
        methods=["GET"],
        doc=Doc(
            summary="Full-screen HTML player: rotates pages, polls, acks, blanks on lease end",
            tag="led",
            responses={200: None},
            query=(("token", "string", True, "the screen's token"),),
            content_type="text/html",
            errors={401: ["screen_token_invalid"]},  # the token is in the query, not a bearer
        ),
    ),
    ApiRoute(
        "/led/assets/{asset}",
        player_asset,
        methods=["GET"],
        doc=Doc(
            summary="The player's script and stylesheet",
            tag="led",
            responses={200: None},
            errors={404: ["not_found"]},
            content_type="text/plain",
        ),
    ),
]
