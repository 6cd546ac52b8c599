"""The two WeChat sign-in exchanges (contract §4.1), on httpx with timeouts.

These calls need no access token, so they do not go through the notification client: the H5
OAuth code exchange (``/sns/oauth2/access_token``) and the Mini Program login
(``/sns/jscode2session``). A bad or reused code is the user's problem (401), anything else
from WeChat is ours (502), and neither is retried: a code is single-use.
"""

from __future__ import annotations

from typing import Any

import httpx

from config.logging import get_logger
from config.settings import Settings
from service.errors import ProblemError

log = get_logger("microcourt.parties.login")

# WeChat codes that mean "this code is no good" rather than "WeChat or our config is broken".
_BAD_CODE = {40029, 40163, 40125}


async def _call(settings: Settings, path: str, params: dict[str, str]) -> dict[str, Any]:
    url = f"{settings.wechat_api_base}{path}"
    try:
        async with httpx.AsyncClient(timeout=httpx.Timeout(5.0)) as client:
            response = await client.get(url, params=params)
        data: dict[str, Any] = response.json()
    except (httpx.HTTPError, ValueError) as exc:
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
    return data


async def exchange_oauth_code(settings: Settings, code: str) -> str:
    """H5: the OAuth ``code`` → the user's OA openid."""
    data = await _call(
        settings,
        "/sns/oauth2/access_token",
        {
            "appid": settings.wechat_oa_appid,
            "secret": settings.wechat_oa_secret,
            "code": code,
            "grant_type": "authorization_code",
        },
    )
    return str(data["openid"])


async def exchange_miniprogram_code(settings: Settings, js_code: str) -> str:
    """Mini Program: ``wx.login``'s code → the user's MP openid."""
    data = await _call(
        settings,
        "/sns/jscode2session",
        {
            "appid": settings.wechat_mp_appid,
            "secret": settings.wechat_mp_secret,
            "js_code": js_code,
            "grant_type": "authorization_code",
        },
    )
    return str(data["openid"])
