"""Emulated WeChat credential endpoints: access tokens, web OAuth, MP login, jsapi ticket.

They follow WeChat's published behaviour where the service depends on it:

* ``stable_token``: in normal mode it returns the same token while that token is valid.
  With ``force_refresh`` it issues a new token and the old one answers 40001 at once.
  Its tokens are separate from ``/cgi-bin/token`` tokens. A legacy fetch keeps the
  previous legacy token alive for 5 more minutes, as WeChat does.
* OAuth ``code`` and MP ``js_code`` are single use: reuse → 40163, unknown or expired → 40029.
* ``/connect/oauth2/authorize`` stands in for the consent screen inside WeChat. It is an
  HTML form for people. Headless tests skip it with ``?openid=…``, with ``?auto=1``, or
  with ``auto_authorize=True`` in the state.
"""

from __future__ import annotations

import base64
import secrets
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from sandbox import pages
from sandbox.wechat_common import WxResponse, api_route, read_json, token_error, wx
from sandbox.wechat_state import AppKind, AuthCode, IssuedToken, WeChatSandboxState

__all__ = ["auth_routes"]

LEGACY_OVERLAP_S = 300
SCOPES = ("snsapi_base", "snsapi_userinfo")


def _credentials(
    state: WeChatSandboxState, appid: object, secret: object, only: AppKind | None = None
) -> AppKind | int:
    """The app for a valid appid/secret pair, or the errcode WeChat gives.

    ``only`` restricts the endpoint to one kind of app (web OAuth is OA-only, MP login MP-only).
    """
    app = state.app_for(appid) if isinstance(appid, str) else None
    if app is None or (only is not None and app != only):
        return 40013
    if secret != state.secret_for(app):
        return 40125
    return app


def _token_answer(value: str, expires_at: float, now: float) -> WxResponse:
    return WxResponse({"access_token": value, "expires_in": max(0, int(expires_at - now))})


async def stable_token(state: WeChatSandboxState, request: Request) -> Response:
    body = await read_json(request)
    if body is None:
        return wx(47001)
    if body.get("grant_type") != "client_credential":
        return wx(40002)
    app = _credentials(state, body.get("appid"), body.get("secret"))
    if isinstance(app, int):
        return wx(app)
    runtime, now = state.runtime, state.now()
    current = runtime.tokens.get(runtime.stable.get(app, ""))
    force = body.get("force_refresh") is True
    if current is not None and not current.revoked and current.expires_at > now and not force:
        return _token_answer(current.value, current.expires_at, now)
    if force:
        runtime.counts["token_refreshes"] += 1
        if current is not None:
            current.revoked = True
    value = state.issue_token(app, "SBX_STABLE")
    runtime.stable[app] = value
    return _token_answer(value, runtime.tokens[value].expires_at, now)


async def legacy_token(state: WeChatSandboxState, request: Request) -> Response:
    query = request.query_params
    if query.get("grant_type") != "client_credential":
        return wx(40002)
    app = _credentials(state, query.get("appid"), query.get("secret"))
    if isinstance(app, int):
        return wx(app)
    runtime, now = state.runtime, state.now()
    previous = runtime.tokens.get(runtime.legacy.get(app, ""))
    if previous is not None:
        previous.expires_at = min(previous.expires_at, now + LEGACY_OVERLAP_S)
    value = state.issue_token(app, "SBX_LEGACY")
    runtime.legacy[app] = value
    return _token_answer(value, runtime.tokens[value].expires_at, now)


def _take_code(state: WeChatSandboxState, code: str | None, app: AppKind) -> AuthCode | int:
    found = state.runtime.codes.get(code or "")
    if found is None or found.app != app or found.expires_at <= state.now():
        return 40029
    if found.used:
        return 40163
    found.used = True
    return found


async def oauth_access_token(state: WeChatSandboxState, request: Request) -> Response:
    query = request.query_params
    app = _credentials(state, query.get("appid"), query.get("secret"), "oa")
    if isinstance(app, int):
        return wx(app)
    if query.get("grant_type") != "authorization_code":
        return wx(40002)
    code = _take_code(state, query.get("code"), "oa")
    if isinstance(code, int):
        return wx(code)
    value = f"SBX_SNS_{secrets.token_urlsafe(32)}"
    expires = state.now() + 7200
    state.runtime.sns_tokens[value] = IssuedToken(
        value, "oa", expires, openid=code.openid, scope=code.scope
    )
    answer = {
        "access_token": value,
        "expires_in": 7200,
        "refresh_token": f"SBX_REFRESH_{secrets.token_urlsafe(32)}",
        "openid": code.openid,
        "scope": code.scope,
        "is_snapshotuser": 0,
    }
    unionid = state.user(code.openid).unionid
    return WxResponse(answer | ({"unionid": unionid} if unionid else {}))


async def userinfo(state: WeChatSandboxState, request: Request) -> Response:
    query = request.query_params
    issued = state.runtime.sns_tokens.get(query.get("access_token", ""))
    if issued is None:
        return wx(40001)
    if issued.expires_at <= state.now():
        return wx(42001)
    if issued.openid is None or query.get("openid") != issued.openid:
        return wx(40003)
    if issued.scope != "snsapi_userinfo":
        return wx(48001, "hint: scope is snsapi_base")
    user = state.user(issued.openid)
    answer = {
        "openid": user.openid,
        "nickname": user.nickname,
        "sex": 0,
        "province": "",
        "city": "",
        "country": "",
        "headimgurl": "",
        "privilege": [],
    }
    return WxResponse(answer | ({"unionid": user.unionid} if user.unionid else {}))


async def jscode2session(state: WeChatSandboxState, request: Request) -> Response:
    query = request.query_params
    app = _credentials(state, query.get("appid"), query.get("secret"), "mp")
    if isinstance(app, int):
        return wx(app)
    if query.get("grant_type") != "authorization_code":
        return wx(40002)
    code = _take_code(state, query.get("js_code"), "mp")
    if isinstance(code, int):
        return wx(code)
    session_key = base64.b64encode(secrets.token_bytes(16)).decode()
    answer = {"openid": code.openid, "session_key": session_key}
    unionid = state.user(code.openid).unionid
    return WxResponse(answer | ({"unionid": unionid} if unionid else {}))


async def getticket(state: WeChatSandboxState, request: Request) -> Response:
    error = token_error(state, request, "oa")
    if error is not None:
        return error
    kind = request.query_params.get("type", "")
    if kind not in ("jsapi", "wx_card"):
        return wx(40097, "hint: type must be jsapi or wx_card")
    now = state.now()
    ticket = state.runtime.tickets.get(kind)
    if ticket is None or ticket.expires_at <= now:
        value = f"SBX_TICKET_{secrets.token_urlsafe(48)}"
        ticket = IssuedToken(value, "oa", now + state.token_ttl_s)
        state.runtime.tickets[kind] = ticket
    return wx(0, ticket=ticket.value, expires_in=max(0, int(ticket.expires_at - now)))


def _authorize_problem(state: WeChatSandboxState, request: Request) -> str | None:
    query = request.query_params
    if query.get("appid") != state.oa_appid:
        return "appid 参数错误（不是沙箱公众号的 appid）"
    target = urlsplit(query.get("redirect_uri", ""))
    if target.scheme not in ("http", "https") or not target.hostname:
        return "redirect_uri 参数错误（需要完整的 http/https 地址）"
    hosts = state.oauth_redirect_hosts
    if hosts is not None and target.hostname not in hosts:
        return f"redirect_uri 域名与后台配置不一致（10003）：{target.hostname}"
    if query.get("response_type") != "code":
        return "response_type 参数错误（应为 code）"
    if query.get("scope") not in SCOPES:
        return "scope 参数错误（10005）：应为 snsapi_base 或 snsapi_userinfo"
    return None


def _redirect(request: Request, **params: str) -> RedirectResponse:
    uri = request.query_params["redirect_uri"]
    separator = "&" if "?" in uri else "?"
    return RedirectResponse(uri + separator + urlencode(params), status_code=302)


def _consent_form(state: WeChatSandboxState, request: Request) -> HTMLResponse:
    query = request.query_params
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{pages.escape(query.get(name, ""))}">'
        for name in ("appid", "redirect_uri", "response_type", "scope", "state")
    )
    openids = [state.default_openid, *(o for o in state.users if o != state.default_openid)]
    choices = "".join(
        f'<label><input type="radio" name="openid" value="{pages.escape(o)}"'
        f"{' checked' if i == 0 else ''}> {pages.escape(state.user(o).nickname)}"
        f" <small>({pages.escape(o)})</small></label>"
        for i, o in enumerate(openids)
    )
    asks = "你的昵称、头像" if query.get("scope") == "snsapi_userinfo" else "你的公开身份（openid）"
    body = (
        f'<section class="card"><h2>「{pages.escape(state.oa_name)}」申请获得{asks}</h2>'
        '<p class="meta">这是沙箱：请选择以哪个微信用户的身份登录。</p>'
        f'<form method="get">{hidden}{choices}'
        '<label>或输入其他 openid：<input type="text" name="other_openid"></label>'
        '<button type="submit">允许</button>'
        '<button class="secondary" type="submit" name="new_user" value="1">'
        "以新的微信用户登录（尚未绑定任何案件）</button>"
        '<button class="secondary" type="submit" name="deny" value="1">拒绝</button>'
        "</form></section>"
    )
    return HTMLResponse(pages.page("微信授权 (sandbox)", "模拟微信内的网页授权页面", body))


async def authorize(state: WeChatSandboxState, request: Request) -> Response:
    problem = _authorize_problem(state, request)
    if problem is not None:
        body = f'<section class="card"><h2>{pages.escape(problem)}</h2></section>'
        return HTMLResponse(pages.page("微信授权 (sandbox)", "请求参数错误", body), 400)
    query = request.query_params
    if query.get("deny") == "1":
        return _redirect(request, state=query.get("state", ""))
    openid = query.get("other_openid") or query.get("openid")
    if query.get("new_user") == "1":  # a person never seen before: try binding from scratch
        openid = "oNEW" + secrets.token_hex(12)
        state.set_user({"openid": openid, "nickname": "新用户"})
    if openid or query.get("auto") == "1" or state.auto_authorize:
        code = state.mint_code("oa", openid or state.default_openid, query["scope"])
        return _redirect(request, code=code.code, state=query.get("state", ""))
    return _consent_form(state, request)


def auth_routes(state: WeChatSandboxState) -> list[Route]:
    """Routes of ``api.weixin.qq.com`` credentials and ``open.weixin.qq.com`` authorize."""
    return [
        api_route(state, "/cgi-bin/stable_token", "stable_token", stable_token, ["POST"]),
        api_route(state, "/cgi-bin/token", "token", legacy_token, ["GET"]),
        api_route(state, "/cgi-bin/ticket/getticket", "ticket", getticket, ["GET"]),
        api_route(
            state, "/sns/oauth2/access_token", "oauth_access_token", oauth_access_token, ["GET"]
        ),
        api_route(state, "/sns/userinfo", "userinfo", userinfo, ["GET"]),
        api_route(state, "/sns/jscode2session", "jscode2session", jscode2session, ["GET"]),
        api_route(state, "/connect/oauth2/authorize", "authorize", authorize, ["GET"]),
    ]
