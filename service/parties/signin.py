"""Signing parties in (contract §4.1): WeChat H5 OAuth for the Official Account pages and
``jscode2session`` for the Mini Program, plus sign-out.

The OAuth ``state`` is random, remembered in Redis for ten minutes *and* in a short-lived
HttpOnly cookie; the callback accepts it only when both agree and then forgets it, so a code
cannot be replayed and a sign-in link forwarded to another browser does not sign that
browser in (login CSRF).
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlsplit

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from config.settings import Settings
from service.errors import ProblemError
from service.http import ApiRoute, Doc, json_response, parse_json
from service.parties import sessions
from service.wechat import oauth

STATE_COOKIE = "mc_oauth_state"
STATE_TTL = 600


def safe_return_path(raw: str | None) -> str:
    """Only local H5 paths: an open redirect would hand a signed-in user to anyone."""
    if not raw or not raw.startswith("/m/") or raw.startswith("//") or "\\" in raw:
        return "/m/"
    parts = urlsplit(raw)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def start_oauth(request: Request, return_to: str) -> Response:
    """Redirect an unsigned browser to WeChat's consent page."""
    settings: Settings = request.app.state.settings
    state = secrets.token_urlsafe(24)
    await request.app.state.redis.set(
        f"party:oauth:{state}",
        json.dumps({"return_to": safe_return_path(return_to)}),
        ex=STATE_TTL,
    )
    consent = oauth.authorize_url(settings, f"{settings.public_base_url}/m/oauth/callback", state)
    response = RedirectResponse(consent, status_code=302)
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=STATE_TTL,
        httponly=True,
        samesite="lax",
        secure=not settings.is_local,
        path="/m/",
    )
    return response


async def user_or_signin(request: Request) -> sessions.PartyUser | Response:
    """The signed-in party user of a page, else the WeChat sign-in that comes back to it."""
    user = await sessions.current_user(request)
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return await start_oauth(request, path)
    return user


async def oauth_callback(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    code = request.query_params.get("code", "")
    state = request.query_params.get("state", "")
    cookie_state = request.cookies.get(STATE_COOKIE, "")
    same = secrets.compare_digest(state.encode(), cookie_state.encode())  # bytes: any text
    if not code or not state or not same:
        raise ProblemError(400, "oauth_state_invalid", "sign-in expired; open the page again")
    stored = await request.app.state.redis.getdel(f"party:oauth:{state}")
    if stored is None:
        raise ProblemError(400, "oauth_state_invalid", "sign-in expired; open the page again")
    openid = await oauth.exchange_oauth_code(request.app.state.wechat, code)
    token = await sessions.create_session(
        request.app.state.redis, oa_openid=openid, ttl=sessions.H5_TTL_SECONDS
    )
    response = RedirectResponse(json.loads(stored)["return_to"], status_code=303)
    sessions.set_session_cookie(response, token, secure=not settings.is_local)
    response.delete_cookie(STATE_COOKIE, path="/m/")
    return response


class MiniProgramLogin(BaseModel):
    code: str = Field(min_length=1, max_length=128, description="the code from wx.login()")


class SessionOut(BaseModel):
    token: str
    expires_in: int


async def miniprogram_session(request: Request) -> Response:
    data = await parse_json(request, MiniProgramLogin)
    openid = await oauth.exchange_miniprogram_code(request.app.state.wechat, data.code)
    token = await sessions.create_session(
        request.app.state.redis, mp_openid=openid, ttl=sessions.MP_TTL_SECONDS
    )
    return json_response(SessionOut(token=token, expires_in=sessions.MP_TTL_SECONDS).model_dump())


async def sign_out(request: Request) -> Response:
    """Ends the session (cookie or bearer). Answers 204 even when there was none."""
    token = sessions.session_token(request)
    if token:
        await sessions.end_session(request.app.state.redis, token)
    response = Response(status_code=204)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


routes = [
    ApiRoute(
        "/api/party/v1/session/miniprogram",
        miniprogram_session,
        methods=["POST"],
        doc=Doc(
            "Sign in from the Mini Program (wx.login code → bearer token)",
            "party",
            request=MiniProgramLogin,
            responses={200: SessionOut},
            errors={401: ["wechat_code_invalid"], 502: ["wechat_unavailable"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/session",
        sign_out,
        methods=["DELETE"],
        doc=Doc(
            "Sign out (ends the cookie or bearer session)",
            "party",
            responses={204: None},
            auth="party",
        ),
    ),
    ApiRoute(
        "/m/oauth/callback",
        oauth_callback,
        methods=["GET"],
        doc=Doc(
            "WeChat OAuth callback: checks state, exchanges the code, sets the session cookie",
            "party pages",
            query=[
                ("code", "string", True, "WeChat OAuth code"),
                ("state", "string", True, "the state this service issued"),
            ],
            responses={303: None},
            errors={
                400: ["oauth_state_invalid"],
                401: ["wechat_code_invalid"],
                502: ["wechat_unavailable"],
            },
        ),
    ),
]
