"""``microcourt worker`` outlives Redis: a worker whose Redis stays away longer than its
commands wait is closed and started again, and then takes jobs as before; any other failure
ends it. In-process, on a redis-server of the test's own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from arq import create_pool, func
from arq.connections import RedisSettings

from notifiers import supervisor
from service import redis as redis_setup
from service.redis import arq_settings
from tests.own_redis import OwnRedis


async def _until(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def _enqueue(url: str, value: str) -> None:
    pool = await create_pool(arq_settings(url))
    try:
        await pool.enqueue_job("job", value)
    finally:
        await pool.aclose()


async def test_a_worker_that_loses_redis_for_long_is_restarted_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # commands give up after a fraction of a second, so the outage outlasts them
    def short(settings: RedisSettings) -> RedisSettings:
        return redis_setup.ride_out(settings, retries=2)

    monkeypatch.setattr(supervisor, "ride_out", short)
    redis = OwnRedis(tmp_path)
    redis.start()
    seen: list[str] = []
    starts: list[int] = []
    stops: list[int] = []

    async def job(ctx: dict[str, Any], value: str) -> None:
        seen.append(value)

    async def startup(ctx: dict[str, Any]) -> None:
        starts.append(1)

    async def shutdown(ctx: dict[str, Any]) -> None:
        stops.append(1)

    def make() -> dict[str, Any]:
        return {
            "functions": [func(job, name="job")],
            "on_startup": startup,
            "on_shutdown": shutdown,
            "redis_settings": arq_settings(redis.url),
            "poll_delay": 0.05,
        }

    stop = asyncio.Event()
    task = asyncio.create_task(supervisor.supervise(make, stop))
    try:
        await _until(lambda: len(starts) == 1)
        await _enqueue(redis.url, "before")
        await _until(lambda: seen == ["before"])
        redis.stop()
        await _until(lambda: len(stops) == 1)  # noticed, closed, shut down once
        await asyncio.sleep(1)
        assert not task.done() and len(starts) == 1  # waiting for Redis, not dead
        redis.start()
        await _until(lambda: len(starts) == 2)
        await _enqueue(redis.url, "after")
        await _until(lambda: seen == ["before", "after"])
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        redis.stop()
    assert (len(starts), len(stops)) == (2, 2)


async def test_a_worker_failing_for_another_reason_is_not_restarted(tmp_path: Path) -> None:
    redis = OwnRedis(tmp_path)
    redis.start()
    starts: list[int] = []

    async def startup(ctx: dict[str, Any]) -> None:
        starts.append(1)
        raise RuntimeError("the templates file cannot work")

    async def job(ctx: dict[str, Any]) -> None:
        raise AssertionError("never runs")

    def make() -> dict[str, Any]:
        return {
            "functions": [func(job, name="job")],
            "on_startup": startup,
            "redis_settings": arq_settings(redis.url),
        }

    try:
        with pytest.raises(RuntimeError, match="templates"):
            await asyncio.wait_for(supervisor.supervise(make, asyncio.Event()), 30)
    finally:
        redis.stop()
    assert starts == [1]
