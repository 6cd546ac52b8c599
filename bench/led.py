"""LED feed: N screens polling with ETags at a fixed aggregate rate (contract §3.3).

    python -m bench.led [--screens 10000] [--rate 2000] [--seconds 20] [--connections 64]
                        [--workers 1] [--profile]

* Database ``bench_led`` (made afresh), Redis db 12, ``--workers`` web processes (``bench.apps``:
  the app and uvicorn options of ``microcourt serve --workers N`` plus ``GET /_bench/constant``;
  with N > 1 uvicorn's children share the port, and the profile samples all of them).
* ``--listings`` published listings and ``--screens`` pull screens registered through the court
  API (4 geometries, refresh every ``screens / rate`` seconds).
* Load: an open-loop generator on raw asyncio streams (keep-alive HTTP/1.1, ``--connections``
  connections, each owning screens ``i ≡ c (mod connections)``). Every screen polls on its own
  fixed schedule with ``If-None-Match`` = the last ETag it got; latency is measured from the
  *scheduled* send time, so a late request counts its wait (no coordinated omission).
  ``--warmup-cycles`` (default 2) poll cycles are not counted: in the first every screen gets
  its first 200 and its version is written (a cold start of every screen at once, whose lag is
  reported on its own), the second lets the backlog that leaves drain; the steady state is
  measured after them.
* Baseline: the same schedule against the constant JSON route of the same process.
* Withdrawal: during the load, one listing is withdrawn through the court API; the figure is
  the time from the withdraw call's answer to the moment the last screen received a new
  version (bounded below by the poll interval: a screen learns of it at its next poll).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench import common

BENCH = "led"
DATABASE = "bench_led"
GEOMETRIES = ((4, 32), (8, 48), (2, 16), (16, 64))


@dataclass
class Screen:
    screen_id: str
    token: str
    etag: str = ""
    changed_at: float = 0.0  # first new version after the withdrawal


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    late: int = 0
    errors: int = 0
    first_at: float = float("inf")  # scheduled time of the first measured request
    warmup_lag: float = 0.0  # the largest lag behind the schedule during the warm-up
    last_done: float = 0.0  # answer to the last one


def _listing(i: int, rng: random.Random) -> dict[str, object]:
    from bench.search import _resident_id
    from tests.disclosure.helpers import listing_fields

    return listing_fields(
        listing_id=f"LED-{i}",
        case_no=f"（2024）浙0203执{1000 + i}号",
        name="王" + "一二三四五六七八九十"[i % 10] + "明",
        id_no=_resident_id(rng),
        decided_at="2024-01-10",
    )


async def court_post(client: object, key: tuple[str, str], path: str, body: object) -> object:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    raw = json.dumps(body, ensure_ascii=False).encode()
    r = await client.post(path, content=raw, headers=common.signed(key, "POST", path, raw))
    assert r.status_code in (200, 201), (path, r.status_code, r.text)
    return r.json()


async def setup(
    base: str, key: tuple[str, str], n_screens: int, listings: int, refresh: int
) -> list[Screen]:
    import httpx

    rng = random.Random(8)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for i in range(listings):
            await court_post(client, key, "/api/court/v1/disclosures", _listing(i, rng))
        screens: list[Screen] = []
        sem = asyncio.Semaphore(8)

        async def register(i: int) -> None:
            rows, cols = GEOMETRIES[i % len(GEOMETRIES)]
            body = {
                "screen_id": f"led-{i:05d}",
                "rows": rows,
                "cols": cols,
                "mode": "pull",
                "refresh_seconds": refresh,
                "lease_seconds": max(30, 3 * refresh),
            }
            async with sem:
                out = await court_post(client, key, "/api/court/v1/screens", body)
            assert isinstance(out, dict)
            screens.append(Screen(out["screen_id"], out["token"]))

        await asyncio.gather(*(register(i) for i in range(n_screens)))
    screens.sort(key=lambda s: s.screen_id)
    return screens


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return status, headers, body


async def drive(
    port: int,
    screens: list[Screen],
    *,
    rate: float,
    seconds: float,
    connections: int,
    constant: bool,
    warmup: float,
    withdraw_at: float | None = None,
    withdrawn: dict[str, float] | None = None,
) -> Load:
    """Every screen polls every ``len(screens) / rate`` seconds, staggered evenly."""
    period = len(screens) / rate
    load = Load()
    t0 = time.perf_counter() + 0.5
    end = t0 + warmup + seconds

    def sent_at(done: float) -> bool:
        return withdrawn is not None and "sent" in withdrawn and done > withdrawn["sent"]

    async def one(c: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        mine = list(range(c, len(screens), connections))
        k = 0
        try:
            while True:
                i = mine[k % len(mine)]
                cycle = k // len(mine)
                k += 1
                at = t0 + cycle * period + i / rate
                if at >= end:
                    return
                delay = at - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                s = screens[i]
                if constant:
                    req = "GET /_bench/constant HTTP/1.1\r\nHost: b\r\n\r\n"
                else:
                    req = (
                        f"GET /api/led/v1/screens/{s.screen_id}/feed HTTP/1.1\r\nHost: b\r\n"
                        f"Authorization: Bearer {s.token}\r\n"
                        + (f"If-None-Match: {s.etag}\r\n" if s.etag else "")
                        + "\r\n"
                    )
                writer.write(req.encode())
                try:
                    status, headers, _ = await _read_response(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    load.errors += 1
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                done = time.perf_counter()
                if not constant and status == 200:
                    new = headers.get("etag", "")
                    if s.etag and new != s.etag and not s.changed_at and sent_at(done):
                        s.changed_at = done
                    s.etag = new
                if at < t0 + warmup:
                    load.warmup_lag = max(load.warmup_lag, done - at)
                if at >= t0 + warmup and (withdraw_at is None or at < withdraw_at):
                    load.latencies.append(done - at)
                    load.statuses[status] = load.statuses.get(status, 0) + 1
                    load.first_at = min(load.first_at, at)
                    load.last_done = max(load.last_done, done)
                    if delay < -0.05:
                        load.late += 1
        finally:
            writer.close()

    await asyncio.gather(*(one(c) for c in range(connections)))
    return load


async def run(args: argparse.Namespace) -> common.Report:
    await common.ensure_database(DATABASE, fresh=True)
    common.flush_redis(BENCH)
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    refresh = max(1, round(args.screens / args.rate))
    env = common.env_for(BENCH, DATABASE, MICROCOURT_LOG_LEVEL="INFO")
    common.migrate(env)
    key = common.court_key(env)
    import httpx

    with common.Procs(BENCH) as procs:
        argv = [sys.executable, "-m", "bench.apps", "--port", str(port)]
        pid = procs.start("web", [*argv, "--workers", str(args.workers)], env)
        await common.wait_http(base + "/healthz")
        started = time.perf_counter()
        screens = await setup(base, key, args.screens, args.listings, refresh)
        setup_s = time.perf_counter() - started
        print(f"{len(screens)} screens registered in {setup_s:.0f} s", flush=True)
        load0 = common.loadavg()
        with common.RssSampler({"web": pid}) as rss:
            period = len(screens) / args.rate
            base_load = await drive(
                port, screens, rate=args.rate, seconds=args.seconds,
                connections=args.connections, constant=True, warmup=1.0,
            )  # fmt: skip
            collapsed = common.LOGS / BENCH / "web.collapsed"
            warmup = args.warmup_cycles * period + 1.0

            async def profile_steady_state() -> subprocess.Popen[bytes]:
                await asyncio.sleep(0.5 + warmup)  # the drive's start delay, then the warm-up
                return common.pyspy_start(pid, args.seconds, collapsed)

            spy = asyncio.create_task(profile_steady_state()) if args.profile else None
            feed = await drive(
                port, screens, rate=args.rate, seconds=args.seconds,
                connections=args.connections, constant=False, warmup=warmup,
            )  # fmt: skip
            if spy is not None:
                (await spy).wait(timeout=60)
                print("\n".join(common.profile_summary(collapsed, 45)), flush=True)
            # The withdrawal, under the same load: every screen's pages change.
            withdrawn: dict[str, float] = {}

            async def withdraw_later() -> None:
                await asyncio.sleep(period + 2.0)
                async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                    path = "/api/court/v1/disclosures/LED-0/withdraw"
                    withdrawn["sent"] = time.perf_counter()
                    await court_post(client, key, path, {"reason": "performed"})
                withdrawn["answered"] = time.perf_counter()

            window = 3 * period + 4.0
            during, _ = await asyncio.gather(
                drive(
                    port, screens, rate=args.rate, seconds=window, connections=args.connections,
                    constant=False, warmup=0.0, withdraw_at=float("inf"), withdrawn=withdrawn,
                ),
                withdraw_later(),
            )  # fmt: skip
        load1 = common.loadavg()
    missed = [s for s in screens if not s.changed_at]
    to_last = max(s.changed_at for s in screens) - withdrawn["sent"] if not missed else float("nan")
    to_median = sorted(s.changed_at - withdrawn["sent"] for s in screens if s.changed_at)
    median = to_median[len(to_median) // 2] if to_median else float("nan")

    def stats(load: Load) -> tuple[float, float, float]:
        # Answered per second: when the service falls behind, the answers spread past the
        # schedule's end and this drops below the offered rate.
        rps = len(load.latencies) / max(args.seconds, load.last_done - load.first_at)
        return rps, common.pct(load.latencies, 50) * 1000, common.pct(load.latencies, 99) * 1000

    b_rps, b_p50, b_p99 = stats(base_load)
    f_rps, f_p50, f_p99 = stats(feed)
    n = len(screens)
    rows = [
        common.Row(
            f"LED feed: p99 (p50), {n:,} pull screens with ETags offering {args.rate:,} polls/s, "
            f"{args.workers} web process(es)",
            "p99 < 20 ms at 2,000 req/s",
            f"{f_p99:,.1f} ms ({f_p50:,.1f} ms), answered {f_rps:,.0f} req/s",
            f"constant JSON, same schedule: {b_p99:.1f} ms ({b_p50:.1f} ms) at {b_rps:,.0f} req/s",
            f"{f_p99 / b_p99:.1f}×" if b_p99 else "-",
            f_p99 < 20 and args.rate >= 2000 and f_rps >= 0.95 * args.rate,
        ),
        common.Row(
            f"LED: withdrawal → last of {n:,} screens on a new version (median), "
            f"poll every {period:.0f} s",
            "reported (no target; at least one poll interval)",
            f"{to_last:.1f} s ({median:.1f} s)"
            + (f", {len(missed)} screens never changed" if missed else ""),
            f"poll interval {period:.0f} s",
            f"{to_last / period:.2f}" if not missed else "-",
            None,
        ),
        common.Row(
            "LED: RSS of each web process",
            "< 250 MB",
            f"{rss.peak['web']:.0f} MB",
            met=rss.peak["web"] < 250,
        ),
    ]
    details = [
        f"{n:,} pull screens ({len(GEOMETRIES)} geometries) and {args.listings} published "
        f"listings, registered through the court API in {setup_s:.0f} s. Schedule: every "
        f"screen polls every {period:.1f} s ({args.rate:,}/s in all) over {args.connections} "
        f"keep-alive connections; {args.seconds} s measured after {args.warmup_cycles} warm-up "
        f"cycle(s), in which answers lagged the schedule by up to {feed.warmup_lag:.1f} s (the "
        "first cycle: every screen's first 200 and version write at once). Feed answers: "
        f"{dict(sorted(feed.statuses.items()))}, {feed.errors} errors, {feed.late} requests sent "
        f"over 50 ms late (baseline: {base_load.late}). Load average {load0:.2f} → {load1:.2f}. "
        f"During the withdrawal: {dict(sorted(during.statuses.items()))}, {during.errors} errors. "
        "Log level INFO. The load generator runs on the same 2 cores.",
    ]
    flags = (
        (f" --screens {n}" if n != 10_000 else "")
        + (f" --rate {args.rate}" if args.rate != 2_000 else "")
        + (f" --workers {args.workers}" if args.workers != 1 else "")
    )
    return common.Report(
        # the default run is led.json; other options are variants beside it (led-workers2.json …)
        BENCH + flags.replace(" --", "-").replace(" ", ""),
        "python -m bench.led" + flags,
        rows,
        details,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.led")
    parser.add_argument("--screens", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=2_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--listings", type=int, default=40)
    parser.add_argument("--warmup-cycles", type=int, default=2, help="poll cycles not counted")
    parser.add_argument("--workers", type=int, default=1, help="web processes (uvicorn workers)")
    parser.add_argument("--profile", action="store_true", help="py-spy the web process(es)")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    report.print()
    report.save()


if __name__ == "__main__":
    main()
