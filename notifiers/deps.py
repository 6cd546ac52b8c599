"""What delivery needs (:class:`Deps`), what one attempt came to (:class:`Result`), and the
retry backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from arq.connections import ArqRedis
from redis.asyncio import Redis

from config.settings import Settings
from notifiers.channels import Channels
from notifiers.wechat.api import RateLimiter, WeChatApi


@dataclass
class Deps:
    """What delivery needs; built once per worker (and once per web process for receipts)."""

    settings: Settings
    channels: Channels
    http: httpx.AsyncClient
    redis: Redis
    arq: ArqRedis | None
    oa: WeChatApi | None
    mp: WeChatApi | None
    # appid → (quota pause until, monotonic time read): notifiers.sending._paused_until
    pauses: dict[str, tuple[datetime | None, float]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        settings: Settings,
        channels: Channels,
        http: httpx.AsyncClient,
        redis: Redis,
        arq: ArqRedis | None,
    ) -> Deps:
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
            channels,
            http,
            redis,
            arq,
            api("oa", settings.wechat_oa_appid, settings.wechat_oa_secret) if channels.oa else None,
            api("mp", settings.wechat_mp_appid, settings.wechat_mp_secret) if channels.mp else None,
        )


@dataclass(frozen=True)
class Result:
    outcome: str  # sent | retry | deferred | permanent | alert
    code: str | None = None
    msgid: int | None = None
    retry_at: datetime | None = None
    detail: str | None = None


def backoff(settings: Settings, attempt: int) -> timedelta:
    base = settings.notification_retry_base_seconds * 2 ** max(0, attempt - 1)
    seconds = min(base, 1800)
    return timedelta(seconds=seconds * (1 + random.random() * 0.2))
