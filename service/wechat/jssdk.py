"""JS-SDK configuration for the H5 pages inside WeChat (``wx.config``).

The jsapi ticket is fetched with the Official Account's access token (the same shared,
locked token cache the notifiers use) and cached in Redis under a lock, so every web process
shares one ticket and WeChat sees one fetch per expiry. The signature itself is wechatpy's
``WeChatSigner`` (sha1 over the sorted ``key=value`` pairs joined by ``&``), and only pages of
this service's own public address are signed.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from redis.asyncio import Redis
from wechatpy.utils import WeChatSigner

from config.settings import Settings
from service.errors import ProblemError
from service.outbound import HttpError
from service.wechat.api import WeChatApi
from service.wechat.errors import WeChatError

TICKET_MARGIN_SECONDS = 300


@dataclass(frozen=True)
class JsSdkConfig:
    app_id: str
    timestamp: int
    nonce_str: str
    signature: str


def signature(ticket: str, nonce_str: str, timestamp: int, url: str) -> str:
    signer = WeChatSigner(delimiter=b"&")
    signer.add_data(
        f"noncestr={nonce_str}", f"jsapi_ticket={ticket}", f"timestamp={timestamp}", f"url={url}"
    )
    return str(signer.signature)


async def jsapi_ticket(api: WeChatApi, redis: Redis) -> str:
    key = f"microcourt:wechat:{api.appid}:jsapi_ticket"
    cached = await redis.get(key)
    if cached:
        return str(cached.decode())
    async with redis.lock(f"{key}:lock", timeout=20, blocking_timeout=20):
        cached = await redis.get(key)
        if cached:
            return str(cached.decode())
        token = await api.access_token()
        try:
            response = await api.http.get(
                f"{api.base_url}/cgi-bin/ticket/getticket",
                params={"access_token": token, "type": "jsapi"},
                timeout=api.timeout,
            )
            body = response.json()
        except (HttpError, ValueError):
            raise ProblemError(502, "wechat_unavailable", "WeChat is unavailable; retry") from None
        if int(body.get("errcode") or 0) != 0 or "ticket" not in body:
            raise ProblemError(502, "wechat_unavailable", f"ticket refused ({body.get('errcode')})")
        ttl = max(60, int(body.get("expires_in", 7200)) - TICKET_MARGIN_SECONDS)
        await redis.set(key, str(body["ticket"]), ex=ttl)
        return str(body["ticket"])


def check_page_url(settings: Settings, url: str) -> str:
    """The page URL without its fragment, and only pages of this service."""
    page = url.split("#", 1)[0]
    ours, theirs = urlsplit(settings.public_base_url), urlsplit(page)
    if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc) or not theirs.path.startswith(
        "/m/"
    ):
        raise ProblemError(422, "url_not_ours", "only this service's /m/ pages can be signed")
    return page


async def config_for(
    settings: Settings, api: WeChatApi | None, redis: Redis, url: str
) -> JsSdkConfig:
    if api is None:
        raise ProblemError(503, "wechat_not_configured", "the Official Account is not configured")
    page = check_page_url(settings, url)
    try:
        ticket = await jsapi_ticket(api, redis)
    except WeChatError:
        raise ProblemError(502, "wechat_unavailable", "WeChat is unavailable; retry") from None
    nonce, now = secrets.token_hex(8), int(time.time())
    return JsSdkConfig(api.appid, now, nonce, signature(ticket, nonce, now, page))
