"""Push delivery (contract §3.2) and the worker's screen jobs.

* ``disclosure_changed()`` is called by the disclosure service after every commit that can
  change what screens show; it enqueues one ``led_fanout`` job (arq, Redis).
* ``led_fanout`` evaluates every push screen against the current disclosure version (one
  cached build per geometry) and enqueues ``led_push(screen_id, version)`` with the arq job id
  ``led-push:{screen_id}:{version}`` — one job per (screen, version).
* ``led_push`` drops itself when the screen has moved on to a newer version (so a newer
  version replaces an older one still waiting for its retry), POSTs the feed document signed
  with the screen's token, and records a 2xx as the acknowledgement. Failures retry with
  exponential backoff (1, 2, 4 … 30 s).
* ``led_sweep`` (cron, every 5 s) repeats the fan-out — catching changes made by processes
  that could not enqueue and listings that appear or end by time — re-sends a push screen's
  current version when its lease is half gone, and reports non-compliant screens (gauge and
  a warning log line once a screen has been non-compliant for ``ALERT_AFTER_S``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta
from ipaddress import ip_address
from typing import Any
from urllib.parse import SplitResult, urlsplit

from arq import Retry
from arq.connections import ArqRedis
from redis.asyncio import Redis

from config.logging import get_logger
from disclosure.led import screens
from disclosure.led.document import feed_document
from disclosure.led.models import Screen
from disclosure.led.screens import wait
from disclosure.state import current_state
from service import addresses, clock, metrics
from service.errors import FieldError, ProblemError
from service.outbound import AddressRefused, HttpError, Outbound

log = get_logger("microcourt.led.push")

FANOUT_TASK = "led_fanout"
PUSH_TASK = "led_push"
PUSH_TIMEOUT_S = 5.0
RETRY_CAP_S = 30
ALERT_AFTER_S = 15
_SINCE_KEY = "led:noncompliant_since"

_pool: ArqRedis | None = None


def bind(pool: ArqRedis | None) -> None:
    """Give this process the arq pool to enqueue with (web lifespan, worker start-up)."""
    global _pool
    _pool = pool


async def disclosure_changed() -> None:
    """After a commit that may change the screens: have the worker fan out now. Without a
    pool (CLI) or with Redis down, the worker's sweep picks the change up within 5 s."""
    if _pool is None:
        return
    try:
        await _pool.enqueue_job(FANOUT_TASK)
    except Exception as exc:  # the sweep is the fallback
        log.warning("led.fanout_enqueue_failed", error=type(exc).__name__)


def signature(token: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"\n" + body
    return hmac.new(token.encode(), message, hashlib.sha256).hexdigest()


def push_job_id(screen_id: str, version: int) -> str:
    return f"led-push:{screen_id}:{version}"


async def enqueue_push(pool: ArqRedis, screen: Screen) -> None:
    await pool.enqueue_job(
        PUSH_TASK,
        screen.screen_id,
        screen.version,
        _job_id=push_job_id(screen.screen_id, screen.version),
    )


def _due(screen: Screen) -> bool:
    """Whether a push screen needs its current version (again)."""
    if screen.version == 0:
        return False
    if screen.acked_version < screen.version or screen.acked_at is None:
        return True
    return clock.now() - screen.acked_at > timedelta(seconds=screen.lease_seconds / 2)


async def fanout(pool: ArqRedis) -> int:
    """Evaluate every push screen and enqueue the pushes due; returns how many."""
    queued = 0
    for screen in await screens.push_screens():
        screen, _ = await screens.current(screen)
        if _due(screen):
            await enqueue_push(pool, screen)
            queued += 1
    return queued


def _port(url: SplitResult) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


async def require_allowed_push_url(url: str | None, allow: tuple[addresses.IPNetwork, ...]) -> None:
    """Registration: a push URL must resolve to public addresses or to ``allow`` (contract
    §9.8), else 422 ``push_url_not_allowed``."""
    if url is None:
        return
    parts = urlsplit(url)
    try:
        await addresses.resolve(parts.hostname or "", _port(parts), allow)
    except addresses.AddressNotAllowed as exc:
        code, detail = "push_url_not_allowed", f"push_url: {exc}"
        raise ProblemError(
            422, code, detail, errors=[FieldError("push_url", code, detail)]
        ) from None


def _http(ctx: dict[str, Any]) -> Outbound:
    """The push client. Every address it connects to is checked at connect time, after name
    resolution (so a name that now resolves inward — DNS rebinding — is refused); it goes
    direct, never through an environment proxy (the check would see the proxy's address);
    redirects are not followed (contract §9.8)."""
    client = ctx.get("led_http")
    if client is None:
        allow = ctx["settings"].led_push_allow_networks
        client = Outbound(
            timeout=PUSH_TIMEOUT_S,
            address_check=lambda ip: addresses.address_allowed(ip_address(ip), allow),
            env_proxy=False,
        )
        ctx["led_http"] = client
    return client


async def push(ctx: dict[str, Any], screen_id: str, version: int) -> str:
    """One delivery attempt of ``version`` to a push screen; raises Retry on failure."""
    screen = await Screen.get_or_none(screen_id=screen_id)
    if screen is None or screen.mode != "push" or not screen.push_url:
        return "gone"
    screen, built = await screens.current(screen)
    if screen.version > version:
        # Superseded: make sure the newer version is on its way, then stop.
        await enqueue_push(ctx["redis"], screen)
        metrics.led_pushes.labels("superseded").inc()
        return "superseded"
    if not _due(screen):
        return "done"
    url = str(screen.push_url)
    body = json.dumps(feed_document(screen, built), ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Microcourt-Screen": screen.screen_id,
        "X-Microcourt-Timestamp": timestamp,
        "X-Microcourt-Signature": signature(screens.token_of(screen), timestamp, body),
    }
    try:
        # The answer's status is all we use: its body is never read (a screen that streams
        # a huge one costs nothing).
        response = await _http(ctx).post(url, content=body, headers=headers, read_body=False)
        ok = 200 <= response.status < 300
        error = "" if ok else f"http {response.status}"
    except AddressRefused:
        ok, error = False, "address_not_allowed"
    except HttpError as exc:
        ok, error = False, type(exc).__name__
    if ok:
        if screen.version > screen.acked_version:
            await screens.ack(screen, screen.version)
        else:  # a lease renewal of the version it already has
            now = clock.now()
            await Screen.filter(screen_id=screen_id).update(acked_at=now, last_seen_at=now)
        metrics.led_pushes.labels("acked").inc()
        log.info("led.pushed", screen_id=screen_id, version=screen.version)
        return "acked"
    tries = int(ctx.get("job_try", 1))
    delay = min(2 ** (tries - 1), RETRY_CAP_S)
    metrics.led_pushes.labels("failed").inc()
    log.warning(
        "led.push_failed", screen_id=screen_id, version=version, error=error, retry_in=delay
    )
    raise Retry(defer=delay)


async def report(redis: Redis) -> int:
    """Set the non-compliance gauge; log an alert per screen non-compliant for too long."""
    state = await current_state()
    now = clock.now().timestamp()
    bad = 0
    for status in await screens.statuses(
        redis, await screens.all_screens(), state.withdrawal_floor
    ):
        sid = status.screen.screen_id
        if status.compliant:
            await wait(redis.hdel(_SINCE_KEY, sid))
            continue
        bad += 1
        await wait(redis.hsetnx(_SINCE_KEY, sid, str(now)))
        raw = await wait(redis.hget(_SINCE_KEY, sid))
        since = float(raw) if raw is not None else now
        if now - since >= ALERT_AFTER_S:
            log.warning(
                "led.screen_noncompliant",
                screen_id=sid,
                mode=status.screen.mode,
                acked_version=status.screen.acked_version,
                required_version=status.required_version,
                withdrawal_floor=state.withdrawal_floor,
                seconds=round(now - since),
            )
    metrics.led_noncompliant_screens.set(bad)
    return bad


# arq task shells (registered in notifiers/worker.py)


async def fanout_task(ctx: dict[str, Any]) -> int:
    return await fanout(ctx["redis"])


async def push_task(ctx: dict[str, Any], screen_id: str, version: int) -> str:
    return await push(ctx, screen_id, version)


async def sweep_task(ctx: dict[str, Any]) -> int:
    await fanout(ctx["redis"])
    return await report(ctx["redis"])


async def flush_seen_task(ctx: dict[str, Any]) -> int:
    return await screens.flush_seen(ctx["redis"])


async def close(ctx: dict[str, Any]) -> None:
    client = ctx.pop("led_http", None)
    if client is not None:
        await client.aclose()
