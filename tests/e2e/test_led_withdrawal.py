"""The withdrawal guarantee end to end (contract §3.3), with real processes: two
``microcourt serve`` (the session's ``web_servers``), one ``microcourt worker``, 200 emulated
pull screens polling over HTTP and 20 push screens behind a real receiver server.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from sandbox.server import SandboxServer
from tests.disclosure.led_support import (
    PullScreen,
    PushReceiver,
    publish,
    register,
    screen_id,
    screen_rows,
    shows,
    withdraw,
)
from tests.e2e.conftest import ROOT, server_env
from tests.support import CourtSigner

pytestmark = pytest.mark.slow
PULLS = 200
PUSHES = 20
PUSH_SLO_S = 5.0  # contract §3.3; measured and printed here, held by bench.led (not asserted:
# a timed assertion flakes on a loaded CI machine, and the benchmark is where time is judged)
# How long to wait for a condition before calling it lost: generous, for a busy 2-core machine.
WAIT_S = 120


async def _register_push(
    client: httpx.AsyncClient, court: CourtSigner, state: PushReceiver, url: str, sid: str
) -> None:
    """Register push screen ``sid`` to the receiver at ``url`` and give the receiver its token."""
    _, token = await register(
        client,
        court,
        screen_id=sid,
        mode="push",
        push_url=f"{url}/screens/{sid}",
        refresh_seconds=5,
        lease_seconds=60,
    )
    state.tokens[sid] = token


@pytest.fixture(scope="module")
def worker(
    app: Starlette, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """A real ``microcourt worker`` on the session's database and Redis."""
    log = tmp_path_factory.mktemp("led-worker") / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "worker"],
        env=server_env(app, data_dir),
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while b"worker.started" not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


async def until(check: Callable[[], bool], timeout: float, what: str) -> float:
    """Wait (bounded) until ``check()``; returns the seconds it took."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)
    return time.monotonic() - start


async def test_withdrawal_reaches_200_pull_and_20_push_screens(
    client: httpx.AsyncClient,
    court: CourtSigner,
    web_servers: list[str],
    worker: None,
    receiver: tuple[PushReceiver, SandboxServer],
) -> None:
    state, server = receiver
    listing = await publish(client, court)
    name = listing["name"]

    pulls: list[tuple[str, str]] = [
        await register(client, court, refresh_seconds=1, lease_seconds=30) for _ in range(PULLS)
    ]
    pushes: list[str] = []
    for _ in range(PUSHES):
        sid = screen_id("push")
        await _register_push(client, court, state, server.url, sid)
        pushes.append(sid)

    limits = httpx.Limits(max_connections=50)
    http = [httpx.AsyncClient(base_url=b, timeout=30, limits=limits) for b in web_servers]
    screens = [
        PullScreen(sid, token, http[i % len(http)], interval=2.0)
        for i, (sid, token) in enumerate(pulls)
    ]
    stop = asyncio.Event()
    loops = [asyncio.create_task(s.run(stop)) for s in screens]
    try:

        def push_shows(sid: str) -> bool:
            got = state.latest(sid)
            return got is not None and shows(got.pages, name)

        await until(lambda: all(shows(s.pages, name) for s in screens), WAIT_S, "pull screens")
        await until(lambda: all(push_shows(sid) for sid in pushes), WAIT_S, "push screens")
        before = {s.screen_id: s.version for s in screens}
        push_before = {sid: state.latest(sid).version for sid in pushes}  # type: ignore[union-attr]

        await withdraw(client, court, listing["listing_id"])
        done = time.monotonic()

        def push_clean(sid: str) -> bool:
            got = state.latest(sid)
            return got is not None and not shows(got.pages, name)

        push_s = await until(
            lambda: all(push_clean(sid) for sid in pushes), WAIT_S, "push withdrawal"
        )
        push_last = max(
            min(r.at for r in state.received[sid] if not shows(r.pages, name)) for sid in pushes
        )

        def next_feed(s: PullScreen) -> bool:
            return any(started > done for started, _ in s.answers)

        try:
            pull_s = await until(
                lambda: all(next_feed(s) for s in screens), WAIT_S, "pull next feeds"
            )
        except AssertionError:
            stuck = [s for s in screens if not next_feed(s)]
            detail = [
                (s.screen_id, s.version, s.etag, s.not_modified, s.errors, s.failures[-1:])
                for s in stuck[:3]
            ]
            raise AssertionError(
                f"{len(stuck)} pull screens without a new feed: {detail}"
            ) from None
        stop.set()
        await asyncio.gather(*loops)
    finally:
        stop.set()
        for task in loops:
            task.cancel()
        for h in http:
            await h.aclose()

    # Every pull screen's first answer to a request sent after the withdrawal returned (a 200,
    # or a 304 when a request in flight during the withdrawal already brought the new
    # version) carries a higher version than the one it had, and that version lacks the entry.
    for s in screens:
        version = next(v for started, v in s.answers if started > done)
        assert version > before[s.screen_id], s.screen_id
        assert not shows(s.pages_of(version), name), s.screen_id
    for sid in pushes:
        clean = [r for r in state.received[sid] if not shows(r.pages, name)]
        assert clean[0].version > push_before[sid]
    assert state.bad_signatures == 0

    # …and once acknowledged, every one of them is compliant.
    ours = {s.screen_id for s in screens} | set(pushes)
    deadline = time.monotonic() + WAIT_S
    while True:
        rows = await screen_rows(client, court)
        bad = sorted(sid for sid in ours if not rows[sid]["compliant"])
        if not bad or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    assert not bad, bad[:5]

    latencies = sorted(x for s in screens for x in s.latencies)
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"\nLED: withdrawal→last push ack {push_last - done:.3f} s (all pushes seen after "
        f"{push_s:.3f} s); →all {PULLS} pull screens' next feed {pull_s:.3f} s; "
        f"feed latency over HTTP p50 {p50 * 1000:.1f} ms p99 {p99 * 1000:.1f} ms "
        f"({len(latencies)} polls, {sum(s.not_modified for s in screens)} × 304); "
        f"HTTP errors/timeouts {sum(s.errors for s in screens)}"
    )
    print(f"LED: push SLO {PUSH_SLO_S} s {'met' if push_last - done <= PUSH_SLO_S else 'MISSED'}")
    assert not [f for s in screens for f in s.failures]


async def test_a_push_screen_that_is_down_is_non_compliant_until_it_catches_up(
    client: httpx.AsyncClient, court: CourtSigner, worker: None
) -> None:
    state = PushReceiver()
    server = SandboxServer(state.app())
    await asyncio.to_thread(server.start)
    port = server.port
    sid = screen_id("push-down")
    await _register_push(client, court, state, server.url, sid)
    listing = await publish(client, court)
    name = listing["name"]
    try:
        await until(
            lambda: (got := state.latest(sid)) is not None and shows(got.pages, name),
            30,
            "the first push",
        )
        await asyncio.to_thread(server.stop)  # the screen goes off the network

        await withdraw(client, court, listing["listing_id"])
        deadline = time.monotonic() + 20
        while True:
            row = (await screen_rows(client, court))[sid]
            if row["version"] > row["acked_version"] or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        assert row["compliant"] is False
        await asyncio.sleep(2)  # a few failed attempts while it is down
        assert (await screen_rows(client, court))[sid]["compliant"] is False

        server = SandboxServer(state.app(), port=port)  # back, same address
        await asyncio.to_thread(server.start)
        caught = await until(
            lambda: (got := state.latest(sid)) is not None and not shows(got.pages, name),
            40,
            "the catch-up push",
        )
        print(f"\nLED: push screen caught up {caught:.1f} s after it came back")
        deadline = time.monotonic() + 10
        while not (await screen_rows(client, court))[sid]["compliant"]:
            assert time.monotonic() < deadline, "never compliant again"
            await asyncio.sleep(0.2)
    finally:
        await asyncio.to_thread(server.stop)
