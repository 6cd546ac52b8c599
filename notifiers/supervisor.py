"""``microcourt worker``: the arq worker, kept alive across Redis restarts and outages.

The worker is arq's own ``Worker``; this module adds only what arq cannot do (arq issue
#498): its main loop dies on the first Redis command that fails after start-up. Here every
Redis command of the worker rides out a short outage (:func:`service.redis.ride_out`), and
:func:`run` closes a worker whose loop still ended with a Redis error and starts a fresh one
with backoff (its start-up sweep re-enqueues from the database). Any other error ends the
process non-zero, for the service manager. Details: docs/architecture.md, "Worker and Redis".
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import Any

import uvloop
from arq.worker import Worker
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.exceptions import WatchError

from config.logging import get_logger
from service.redis import ride_out

log = get_logger("microcourt.worker")

FIRST_DELAY = 0.5  # seconds before the first restart; doubles up to MAX_DELAY
MAX_DELAY = 30.0
STABLE_AFTER = 60.0  # a worker that ran this long resets the backoff
CLOSE_TIMEOUT = 10.0
_STARTED = "_microcourt_started"


def redis_lost(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) means Redis (or the database, at start-up) could
    not be reached — not for a missing file or a bug, which must stop the process."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current,
            RedisConnectionError | RedisTimeoutError | WatchError | ConnectionError | TimeoutError,
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


def _once(settings: dict[str, Any]) -> dict[str, Any]:
    """``on_shutdown`` runs exactly once per ``on_startup``, even when arq's own close fails
    before reaching it (Redis still down) and :func:`_close` has to call it."""
    startup = settings.get("on_startup")
    shutdown = settings.get("on_shutdown")

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx[_STARTED] = True  # set first: a half-done start-up is still shut down
        if startup is not None:
            await startup(ctx)

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        if ctx.pop(_STARTED, False) and shutdown is not None:
            await shutdown(ctx)

    return {**settings, "on_startup": on_startup, "on_shutdown": on_shutdown}


def build_worker(settings: dict[str, Any]) -> Worker:
    settings = _once(settings)
    settings["redis_settings"] = ride_out(settings["redis_settings"])
    settings["handle_signals"] = False  # supervise() handles them, for every incarnation
    return Worker(**settings)


async def _close(worker: Worker) -> None:
    try:
        await asyncio.wait_for(worker.close(), CLOSE_TIMEOUT)
    except (Exception, asyncio.CancelledError) as exc:
        # Redis is still away: arq stopped half-way, before its on_shutdown and pool close.
        log.warning("worker.close_incomplete", error=type(exc).__name__)
        with contextlib.suppress(Exception):
            await worker.pool.aclose()
    await _drain(worker)
    if worker.on_shutdown is not None:
        await worker.on_shutdown(worker.ctx)  # a no-op when arq's close already ran it


async def _drain(worker: Worker) -> None:
    """Jobs still running must end before on_shutdown closes the database under them; an
    interrupted delivery stays ``sending`` until its lease runs out, then the sweep recovers
    it (notifiers/delivery.py)."""
    tasks = [*worker.tasks.values(), *worker.job_tasks.values()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT)
    for task in tasks:
        if task.done() and not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it as never retrieved


async def supervise(make_settings: Callable[[], dict[str, Any]], stop: asyncio.Event) -> None:
    """Run arq workers until ``stop`` is set; restart one that lost Redis, re-raise anything
    else."""
    loop = asyncio.get_running_loop()
    delay = FIRST_DELAY
    while not stop.is_set():
        started = loop.time()
        error = await _run(build_worker(make_settings()), stop)
        if error is None or stop.is_set():
            return
        if not redis_lost(error):
            raise error
        if loop.time() - started > STABLE_AFTER:
            delay = FIRST_DELAY
        log.warning("worker.redis_lost", error=type(error).__name__, restart_in=delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, MAX_DELAY)


async def _run(worker: Worker, stop: asyncio.Event) -> BaseException | None:
    """Run one worker until it fails or ``stop`` is set, close it, and return its error."""
    runner = asyncio.ensure_future(worker.async_run())
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if not runner.done():
            worker.handle_sig(signal.SIGTERM)  # as arq on SIGTERM: cancel the jobs and the loop
            await asyncio.wait({runner})
        return None if runner.cancelled() else runner.exception()
    finally:
        stopper.cancel()
        await _close(worker)


def run(make_settings: Callable[[], dict[str, Any]]) -> None:
    """Blocking entry point of ``microcourt worker``: SIGTERM or SIGINT stop it."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await supervise(make_settings, stop)

    # uvloop, as the web process has through uvicorn: a worker spends much of its time in
    # socket reads and writes (PostgreSQL, Redis, WeChat), which uvloop does in C.
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main())
