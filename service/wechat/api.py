"""WeChat API client on ``service.outbound.Outbound`` (wechatpy.md §2.5, "Option C").

* The access token comes from ``/cgi-bin/stable_token`` and is cached in Redis per app id,
  shared by every worker process. A cold cache is filled under a Redis lock, so N workers
  make one call.
* On 40001/40014/42001 the client refreshes **once** and retries once. The refresh runs
  under the same lock and first looks whether another worker already replaced the stale
  token; if ``stable_token`` in normal mode hands back the very token WeChat just refused,
  it forces a refresh (at most one per stale token, never more than one per 30 s). A second
  token error on the retry is not retried again: it raises with :attr:`Action.ALERT`, which
  delivery counts in ``microcourt_wechat_alerts_total``.
* Each process keeps the token it read for :data:`LOCAL_TOKEN_S` seconds, so a send does not
  ask Redis every time; Redis stays the truth. A token another worker replaced in the
  meantime is refused by WeChat (40001) and the refresh path above reads Redis's newer one
  without a new fetch. The local copy lives well inside the :data:`TOKEN_MARGIN_S` margin.
* Every call has a timeout; sends pass a per-app rate limiter first.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from redis.asyncio import Redis

from service import metrics
from service.outbound import HttpError, Outbound
from service.wechat.errors import Action, WeChatError

TOKEN_MARGIN_S = 300
FORCE_MIN_INTERVAL_S = 30
LOCAL_TOKEN_S = 5.0


class RateLimiter:
    """A fixed one-second window per app id in Redis: at most ``per_second`` sends in any
    clock second across all workers; callers over the limit wait for the next second.

    A process reserves ``chunk`` slots of the current second with one ``INCRBY`` and hands
    them out locally, so most sends make no Redis call for the limit. Slots are granted only
    while the window's count stays within ``per_second``, so the cross-worker cap holds; a
    reservation unused when its second ends is lost, which under a binding limit costs at
    most ``chunk - 1`` sends per process and second (``chunk`` is a twentieth of the limit,
    at most 20).
    """

    def __init__(self, redis: Redis, per_second: int, chunk: int | None = None) -> None:
        self.redis = redis
        self.per_second = per_second
        self.chunk = chunk or max(1, min(20, per_second // 20))
        self._held: dict[str, tuple[int, int]] = {}  # appid → (clock second, slots left)

    async def acquire(self, appid: str) -> None:
        while True:
            second = int(time.time())
            held_second, left = self._held.get(appid, (0, 0))
            if held_second == second and left > 0:
                self._held[appid] = (second, left - 1)
                return
            key = f"microcourt:wechat:{appid}:rate:{second}"
            pipe = self.redis.pipeline(transaction=False)
            pipe.incrby(key, self.chunk)
            pipe.expire(key, 2)
            count, _ = await pipe.execute()
            granted = min(self.chunk, self.per_second - (int(count) - self.chunk))
            if granted > 0:
                held_second, left = self._held.get(appid, (0, 0))
                extra = left if held_second == second else 0  # another caller's reservation
                self._held[appid] = (second, extra + granted - 1)
                return
            await asyncio.sleep(max(0.001, second + 1 - time.time()))


class WeChatApi:
    """One app (the OA or the MP): its token and the sends it makes."""

    def __init__(
        self,
        app: str,
        appid: str,
        secret: str,
        *,
        http: Outbound,
        redis: Redis,
        base_url: str,
        timeout: float,
        limiter: RateLimiter,
    ) -> None:
        self.app = app
        self.appid = appid
        self.secret = secret
        self.http = http
        self.redis = redis
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.limiter = limiter
        self._key = f"microcourt:wechat:{appid}:access_token"
        self._local: tuple[str, float] | None = None  # (token, monotonic time read)

    async def _call(
        self, method: str, path: str, *, params: dict[str, str] | None = None, json: Any = None
    ) -> dict[str, Any]:
        try:
            response = await self.http.request(
                method, self.base_url + path, params=params, json=json, timeout=self.timeout
            )
        except HttpError as exc:
            raise WeChatError(None, f"transport: {type(exc).__name__}") from None
        if response.status >= 400:
            raise WeChatError(None, f"HTTP {response.status}")
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            raise WeChatError(None, "answer is not JSON") from None
        code = int(body.get("errcode") or 0)
        if code != 0:
            raise WeChatError(code, str(body.get("errmsg", "")))
        return body

    async def _fetch(self, *, force: bool) -> str:
        body = await self._call(
            "POST",
            "/cgi-bin/stable_token",
            json={
                "grant_type": "client_credential",
                "appid": self.appid,
                "secret": self.secret,
                "force_refresh": force,
            },
        )
        token = str(body["access_token"])
        ttl = max(60, int(body.get("expires_in", 7200)) - TOKEN_MARGIN_S)
        await self.redis.set(self._key, token, ex=ttl)
        return token

    async def access_token(self, stale: str | None = None) -> str:
        """The shared token; with ``stale``, a token other than that one."""
        local = self._local
        if stale is None and local is not None and time.monotonic() - local[1] < LOCAL_TOKEN_S:
            return local[0]
        token = await self._shared_token(stale)
        self._local = (token, time.monotonic())
        return token

    async def _shared_token(self, stale: str | None) -> str:
        cached = await self.redis.get(self._key)
        if cached and cached.decode() != stale:
            return str(cached.decode())
        async with self.redis.lock(f"{self._key}:lock", timeout=20, blocking_timeout=20):
            cached = await self.redis.get(self._key)
            if cached and cached.decode() != stale:
                return str(cached.decode())
            reason = "invalid" if stale else "initial"
            metrics.wechat_token_refreshes.labels(app=self.app, reason=reason).inc()
            token = await self._fetch(force=False)
            if stale is not None and token == stale:
                forced_key = f"{self._key}:forced"
                if await self.redis.set(forced_key, "1", nx=True, ex=FORCE_MIN_INTERVAL_S):
                    token = await self._fetch(force=True)
            return token

    async def _authed(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        token = await self.access_token()
        await self.limiter.acquire(self.appid)
        try:
            return await self._call("POST", path, params={"access_token": token}, json=payload)
        except WeChatError as first:
            if first.action is not Action.REFRESH:
                raise
        token = await self.access_token(stale=token)
        try:
            return await self._call("POST", path, params={"access_token": token}, json=payload)
        except WeChatError as second:
            if second.action is Action.REFRESH:  # the caller counts the alert
                raise WeChatError(second.code, second.message, Action.ALERT) from None
            raise

    async def send_template(
        self,
        openid: str,
        template_id: str,
        data: dict[str, dict[str, str]],
        *,
        client_msg_id: str,
        url: str | None = None,
    ) -> int:
        """OA template message; ``client_msg_id`` makes WeChat drop a repeat (10 min)."""
        payload: dict[str, Any] = {
            "touser": openid,
            "template_id": template_id,
            "data": data,
            "client_msg_id": client_msg_id,
        }
        if url:
            payload["url"] = url
        body = await self._authed("/cgi-bin/message/template/send", payload)
        return int(body.get("msgid") or 0)

    async def send_subscribe(
        self, openid: str, template_id: str, data: dict[str, dict[str, str]], *, page: str | None
    ) -> int:
        """MP subscribe message (uses one of the user's accepted subscriptions)."""
        payload: dict[str, Any] = {"touser": openid, "template_id": template_id, "data": data}
        if page:
            payload["page"] = page
        body = await self._authed("/cgi-bin/message/subscribe/send", payload)
        return int(body.get("msgid") or 0)
