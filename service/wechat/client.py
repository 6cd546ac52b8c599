"""This process's WeChat: one HTTP client for every call, and the two apps on it.

Built once per process (web and worker, ``notifiers.tasks.build_deps``) around the shared
client (:class:`service.outbound.Outbound`); the notifiers send through
:attr:`WeChat.oa` and :attr:`WeChat.mp`, the parties' sign-in (:mod:`service.wechat.oauth`)
and JS-SDK (:mod:`service.wechat.jssdk`) use the same client.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from config.settings import Settings
from service.outbound import Outbound
from service.wechat.api import RateLimiter, WeChatApi


@dataclass(frozen=True)
class WeChat:
    settings: Settings
    http: Outbound
    oa: WeChatApi | None  # None: the Official Account is not configured
    mp: WeChatApi | None  # None: the Mini Program is not configured

    @classmethod
    def build(
        cls, settings: Settings, http: Outbound, redis: Redis, *, oa: bool, mp: bool
    ) -> WeChat:
        """``oa``/``mp``: whether this deployment sends through that app."""
        limiter = RateLimiter(redis, settings.wechat_rate_limit_per_second)
        timeout = float(settings.wechat_timeout_seconds)

        def api(app: str, appid: str, secret: str) -> WeChatApi:
            return WeChatApi(
                app,
                appid,
                secret,
                http=http,
                redis=redis,
                base_url=settings.wechat_api_base,
                timeout=timeout,
                limiter=limiter,
            )

        return cls(
            settings,
            http,
            api("oa", settings.wechat_oa_appid, settings.wechat_oa_secret) if oa else None,
            api("mp", settings.wechat_mp_appid, settings.wechat_mp_secret) if mp else None,
        )
