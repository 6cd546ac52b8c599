"""arq task shells for notifications, and the set-up the web app and the worker share.

``deliver_notification`` delivers a batch of notification ids; its job id is derived from
the batch (notifiers/queue.py), so a second enqueue of a queued batch is a no-op, and
``keep_result=0`` lets the same batch be queued again as soon as a run ends. Rows that must
be tried again are queued as new, deferred jobs; the database's ``next_attempt_at`` stays the
truth, and the sweep re-enqueues anything Redis lost.
"""

from __future__ import annotations

import uuid
from typing import Any

from arq import create_pool
from arq.connections import ArqRedis
from redis.asyncio import Redis

from config.settings import Settings
from notifiers import outbox, outlet, sms
from notifiers.channels import Channels
from notifiers.delivery import Deps, deliver_batch
from notifiers.deps import SEND_CONCURRENCY
from notifiers.outlet import Outlet
from notifiers.templates import load_templates
from service.outbound import Outbound
from service.redis import arq_settings


def build_deps(settings: Settings, redis: Redis, arq: ArqRedis | None) -> Deps:
    """Templates are loaded and checked here: a mapping that cannot work stops start-up."""
    channels = Channels.from_settings(settings, load_templates(settings))
    return Deps.build(settings, channels, Outbound(connections=SEND_CONCURRENCY), redis, arq)


async def start_web(state: Any, settings: Settings, redis_url: str) -> None:
    """Web process: the channels for ingest, an arq pool for enqueue, deps for receipts,
    WeChat for the parties' sign-in."""
    arq = await create_pool(arq_settings(redis_url))
    state.arq = arq
    state.delivery_deps = build_deps(settings, arq, arq)
    state.notification_channels = state.delivery_deps.channels
    state.wechat = state.delivery_deps.wechat  # sign-in and JS-SDK: the same client and apps
    # binding codes (service/parties/codes.py) go out through the same SMS gateway
    state.text_sender = (
        sms.GatewaySender(
            state.delivery_deps.http,
            settings.sms_gateway_url,
            settings.sms_gateway_secret,
            float(settings.wechat_timeout_seconds),
        )
        if settings.sms_gateway_url
        else None
    )
    outlet.bind_process(lambda: Outlet(state.notification_channels, state.arq))


async def stop_web(state: Any) -> None:
    outlet.bind_process(None)
    await state.delivery_deps.http.aclose()
    await state.arq.aclose()


async def worker_startup(ctx: dict[str, Any]) -> None:
    deps = build_deps(ctx["settings"], ctx["redis"], ctx["redis"])
    ctx["delivery"] = deps
    outlet.bind_process(lambda: Outlet(deps.channels, deps.arq))


async def worker_shutdown(ctx: dict[str, Any]) -> None:
    outlet.bind_process(None)
    deps: Deps | None = ctx.get("delivery")
    if deps is not None:
        await deps.http.aclose()


async def deliver(ctx: dict[str, Any], notification_ids: list[str]) -> None:
    """One batch (notifiers/delivery.py); rows to try again are queued as deferred jobs."""
    deps: Deps = ctx["delivery"]
    nids = []
    for raw in notification_ids:
        try:
            nids.append(uuid.UUID(str(raw)))
        except ValueError:
            continue
    retries = await deliver_batch(nids, deps)
    await outbox.enqueue_retries(deps.arq, retries, ctx["settings"].notification_batch_size)


async def sweep(ctx: dict[str, Any]) -> None:
    settings = ctx["settings"]
    await outbox.sweep(
        ctx["redis"],
        lease_seconds=settings.notification_lease_seconds,
        size=settings.notification_batch_size,
    )


def sweep_seconds(settings: Settings) -> set[int]:
    """Cron seconds for the sweep: every ``notification_sweep_seconds`` within a minute."""
    step = settings.notification_sweep_seconds
    return {0} if step >= 60 else set(range(0, 60, step))
