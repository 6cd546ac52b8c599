"""WeChat sign-in (contract §4.1): the H5 OAuth consent URL and the two code exchanges.

The URL is wechatpy's ``WeChatOAuth``. The exchanges need no access token, so they do not go
through :class:`~service.wechat.api.WeChatApi`, but they use the process's one client: the H5
OAuth code exchange (``/sns/oauth2/access_token``) and the Mini Program login
(``/sns/jscode2session``). A bad or reused code is the user's problem (401), anything else
from WeChat is ours (502), and neither is retried: a code is single-use.
"""

from __future__ import annotations

from typing import Any

from wechatpy import WeChatOAuth

from config.logging import get_logger
from config.settings import Settings
from service.errors import ProblemError
from service.outbound import HttpError
from service.wechat.client import WeChat

log = get_logger("microcourt.parties.login")

TIMEOUT_S = 5.0

# WeChat codes that mean "this code is no good" rather than "WeChat or our config is broken".
_BAD_CODE = {40029, 40163, 40125}


def authorize_url(settings: Settings, redirect_uri: str, state: str) -> str:
    """The Official Account's consent page (``snsapi_base``: the openid only)."""
    oauth = WeChatOAuth(
        settings.wechat_oa_appid,
        settings.wechat_oa_secret,
        redirect_uri,
        scope="snsapi_base",
        state=state,
    )
    oauth.OAUTH_BASE_URL = f"{settings.wechat_open_base}/connect/"
    return str(oauth.authorize_url)


async def _openid(
    wechat: WeChat, path: str, credentials: tuple[str, str], code: dict[str, str]
) -> str:
    """One exchange: the app's ``(appid, secret)`` and the code → the user's openid."""
    appid, secret = credentials
    params = {"appid": appid, "secret": secret, **code, "grant_type": "authorization_code"}
    url = f"{wechat.settings.wechat_api_base}{path}"
    try:
        response = await wechat.http.get(url, params=params, timeout=TIMEOUT_S)
        data: dict[str, Any] = response.json()
    except (HttpError, ValueError) as exc:
        log.warning("wechat.login_unreachable", path=path, error=type(exc).__name__)
        raise ProblemError(
            502, "wechat_unavailable", "WeChat sign-in is unavailable; retry"
        ) from None
    errcode = int(data.get("errcode", 0) or 0)
    if errcode in _BAD_CODE:
        raise ProblemError(401, "wechat_code_invalid", "the WeChat sign-in code is invalid or used")
    if errcode or "openid" not in data:
        log.warning("wechat.login_failed", path=path, errcode=errcode)
        raise ProblemError(502, "wechat_unavailable", f"WeChat sign-in failed ({errcode})")
    return str(data["openid"])


async def exchange_oauth_code(wechat: WeChat, code: str) -> str:
    """H5: the OAuth ``code`` → the user's OA openid."""
    s = wechat.settings
    oa = (s.wechat_oa_appid, s.wechat_oa_secret)
    return await _openid(wechat, "/sns/oauth2/access_token", oa, {"code": code})


async def exchange_miniprogram_code(wechat: WeChat, js_code: str) -> str:
    """Mini Program: ``wx.login``'s code → the user's MP openid."""
    s = wechat.settings
    mp = (s.wechat_mp_appid, s.wechat_mp_secret)
    return await _openid(wechat, "/sns/jscode2session", mp, {"js_code": js_code})
