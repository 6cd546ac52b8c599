"""End to end: court event accepted by the API → template message at the WeChat sandbox,
at a steady offered event rate, with the sandbox's own round trip as the same-run baseline.

    python -m bench.e2e [--rate 500] [--seconds 30] [--workers 1] [--profile]

* Fresh database ``bench_e2e``, Redis db 11, the sandbox (``python -m
  sandbox.server --latency-ms 20 --no-receipts``), one ``microcourt serve`` and
  ``--workers`` ``microcourt worker`` processes; 200 cases whose three parties (applicant,
  agent, organisation respondent) are all bound to OA openids. The event mix of
  ``bench.common.NODES`` reaches 2 or 3 of them, 2.5 OA messages per event on average — the
  realistic fan-out (the ingest and delivery benches use the same cases), so 500 events/s
  asks the workers for ~1,250 messages/s.
* Open loop: every 100 ms a signed batch of ``rate / 10`` events is posted on schedule,
  whether or not earlier batches have been answered. A batch's events are *accepted* when its
  200 comes back (time.time() in this process).
* Each OA message carries ``client_msg_id`` = notification id; after the run the database
  maps notification → event, and the sandbox's message log gives each message's arrival
  (``received_at``, stamped with time.time() when the sandbox accepts it, after its 20 ms).
  Latency = arrival − accept, per message; also per event (its last message) and from the
  batch's scheduled time (adds the API's own answer time).
* After ``--seconds`` of load the bench waits up to ``--drain`` s for the remaining messages;
  messages still missing then are reported, and count as later than any delivered one.
* Baseline in the same run, after the service is stopped: the bench itself posts template
  messages straight to the sandbox on the same open-loop schedule at the same message rate;
  its latency is sandbox arrival − scheduled send time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench import common

BENCH = "e2e"
DATABASE = "bench_e2e"
TICK = 0.1  # seconds between batches
CASES = 200
PATH = "/api/court/v1/events"
OA_APPID, OA_SECRET = "wx5a4d0000sandbox", "sandbox-oa-secret"
BASELINE_DATA = {
    "thing1": {"value": "（2024）浙0203执1号"},
    "thing2": {"value": "执行款到账"},
    "time3": {"value": "2024年06月01日 09:30"},
    "thing4": {"value": "执行款12000.00元已到账"},
}


@dataclass
class Load:
    """What the open-loop sender saw: per event, its batch's scheduled and accepted times."""

    scheduled: dict[str, float] = field(default_factory=dict)
    accepted: dict[str, float] = field(default_factory=dict)
    answer_s: list[float] = field(default_factory=list)  # API answer time per batch
    failures: list[str] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0


async def open_loop(
    rate: float, seconds: float, send: Callable[[int, float], Coroutine[Any, Any, None]]
) -> int:
    """Call ``send(k, scheduled wall time)`` for tick k every TICK s for ``seconds``, each as
    its own task (open loop: a slow answer never delays the next send). Returns the ticks."""
    loop = asyncio.get_running_loop()
    ticks = max(1, round(seconds / TICK))
    t0_loop, t0_wall = loop.time() + 0.05, time.time() + 0.05
    tasks: list[asyncio.Task[None]] = []
    for k in range(ticks):
        delay = t0_loop + k * TICK - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(k, t0_wall + k * TICK)))
    await asyncio.gather(*tasks)
    return ticks


async def post_events(
    base: str, key: tuple[str, str], cases: list[str], prefix: str, rate: float, seconds: float
) -> Load:
    load = Load()
    per_tick = max(1, round(rate * TICK))
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def send(k: int, scheduled: float) -> None:
            events = common.events(cases, prefix, k * per_tick, per_tick)
            body = json.dumps({"events": events}, ensure_ascii=False).encode()
            try:
                r = await client.post(
                    PATH, content=body, headers=common.signed(key, "POST", PATH, body)
                )
            except httpx.HTTPError as exc:
                load.failures.append(f"batch {k}: {exc!r}")
                return
            now = time.time()
            load.answer_s.append(now - scheduled)
            if r.status_code != 200:
                load.failures.append(f"batch {k}: HTTP {r.status_code} {r.text[:200]}")
                return
            for result, event in zip(r.json()["results"], events, strict=True):
                if result["status"] == "accepted":
                    load.scheduled[event["event_id"]] = scheduled
                    load.accepted[event["event_id"]] = now
                else:
                    load.failures.append(f"{event['event_id']}: {result}")

        load.started = time.time()
        await open_loop(rate, seconds, send)
        load.ended = time.time()
    return load


async def sandbox_json(sandbox: str, path: str, **params: str) -> Any:
    async with httpx.AsyncClient(timeout=120) as c:
        r = await c.get(f"{sandbox}{path}", params=params)
        r.raise_for_status()
        return r.json()


async def arrivals(sandbox: str, **params: str) -> dict[str, list[float]]:
    """client_msg_id → the sandbox's arrival times (more than one would be a doubled send)."""
    out: dict[str, list[float]] = {}
    for m in await sandbox_json(sandbox, "/_sandbox/messages", app="oa", **params):
        if m["client_msg_id"]:
            when = dt.datetime.fromisoformat(m["received_at"]).timestamp()
            out.setdefault(m["client_msg_id"], []).append(when)
    return out


async def expected_messages(prefix: str) -> dict[str, str]:
    """notification id → event_id, for the OA notifications of this run's events."""
    conn = await common.pg_connect(DATABASE)
    try:
        rows = await conn.fetch(
            "SELECT n.id::text AS nid, e.event_id, n.channel FROM notification n "
            "JOIN event e ON e.id = n.event_id WHERE e.event_id LIKE $1",
            prefix + "-%",
        )
    finally:
        await conn.close()
    other = [r for r in rows if r["channel"] != "wechat_oa"]
    if other:
        raise RuntimeError(f"{len(other)} notifications not on wechat_oa: are all parties bound?")
    return {r["nid"]: r["event_id"] for r in rows}


async def drain(sandbox: str, before: int, expected: int, seconds: float) -> float:
    """Wait until the sandbox has accepted ``expected`` more calls or ``seconds`` passed;
    returns the wall time the wait ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = (await sandbox_json(sandbox, "/_sandbox/stats"))["accepted_calls"] - before
        if done >= expected:
            break
        await asyncio.sleep(0.5)
    return time.time()


async def wait_workers(names: list[str], seconds: float = 60) -> None:
    """Until every worker's log says ``worker.started`` (its database and Redis are open)."""
    deadline = time.monotonic() + seconds
    for name in names:
        log = common.LOGS / BENCH / f"{name}.log"
        while "worker.started" not in (log.read_text(errors="replace") if log.exists() else ""):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start within {seconds:.0f} s: see {log}")
            await asyncio.sleep(0.2)


async def _read_answer(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return await reader.readexactly(length)


async def baseline(
    sandbox_port: int, rate: float, seconds: float, connections: int = 64
) -> list[float]:
    """Latencies (s) of template messages the bench posts straight to the sandbox at ``rate``
    messages/s, each on its own schedule (message i at t0 + i / rate, open loop), over
    ``connections`` keep-alive connections on raw asyncio streams (httpx's pool costs more
    CPU per request than the sandbox at these rates): arrival at the sandbox − schedule."""
    sandbox = f"http://127.0.0.1:{sandbox_port}"
    async with httpx.AsyncClient(timeout=30) as c:
        r = await c.post(
            f"{sandbox}/cgi-bin/stable_token",
            json={"grant_type": "client_credential", "appid": OA_APPID, "secret": OA_SECRET},
        )
        access = str(r.json()["access_token"])
    total = max(1, round(rate * seconds))
    t0_loop = asyncio.get_running_loop().time() + 0.2
    t0_wall = time.time() + 0.2
    errors: list[str] = []

    async def one(c: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", sandbox_port)
        loop = asyncio.get_running_loop()
        try:
            for i in range(c, total, connections):
                delay = t0_loop + i / rate - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                body = json.dumps(
                    {
                        "touser": "o_e2e_baseline",
                        "template_id": "OA_TPL_PROGRESS",
                        "data": BASELINE_DATA,
                        "client_msg_id": f"base-{i}",
                    },
                    ensure_ascii=False,
                ).encode()
                writer.write(
                    f"POST /cgi-bin/message/template/send?access_token={access} HTTP/1.1\r\n"
                    f"Host: sandbox\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                answer = await _read_answer(reader)
                if json.loads(answer).get("errcode") != 0:
                    errors.append(answer.decode(errors="replace"))
        finally:
            writer.close()

    await asyncio.gather(*(one(c) for c in range(min(connections, total))))
    if errors:
        raise RuntimeError(f"baseline: {len(errors)} sends failed, first: {errors[0]}")
    arrived = await arrivals(sandbox, touser="o_e2e_baseline")
    return [arrived[f"base-{i}"][0] - (t0_wall + i / rate) for i in range(total)]


def ms(seconds: float, bound: float = 0.0) -> str:
    """A latency; inf (a message still missing) as the lower bound every missing one has."""
    return f"> {bound:,.0f} s" if seconds == float("inf") else f"{seconds * 1000:,.0f} ms"


async def run(args: argparse.Namespace) -> common.Report:
    stack = await common.WeChatStack.prepare(BENCH, DATABASE, args.log_level)
    env, key, base, sandbox = stack.env, stack.key, stack.base, stack.sandbox
    with common.Procs(BENCH) as procs:
        web = await stack.start(procs, args.latency_ms)
        cases = await common.create_cases(base, key, CASES, 4)
        common.bind_all(env)
        names = [f"worker{i}" for i in range(args.workers)]
        pids = {"web": web} | {name: procs.worker(name, env) for name in names}
        await wait_workers(names)
        # Warm-up: connections, token, caches; its messages are not measured.
        await post_events(base, key, cases, "warm", args.rate / 5, 2)
        await drain(sandbox, 0, len(await expected_messages("warm")), 20)

        before = (await sandbox_json(sandbox, "/_sandbox/stats"))["accepted_calls"]
        load0 = common.loadavg()
        spies: list[Any] = []
        with common.RssSampler(pids) as rss:
            profile_s = max(3, min(10, args.seconds // 2))
            load_task = asyncio.create_task(
                post_events(base, key, cases, "e2e", args.rate, args.seconds)
            )
            if args.profile:
                await asyncio.sleep(args.seconds / 3)
                spies = [
                    common.pyspy_start(pid, profile_s, common.LOGS / BENCH / f"{n}.collapsed")
                    for n, pid in (("web", web), ("worker0", pids["worker0"]))
                ]
            load = await load_task
            await asyncio.sleep(1)  # the web process's enqueue after its last answer
            expected = await expected_messages("e2e")
            drain_end = await drain(sandbox, before, len(expected), args.drain)
        load1 = common.loadavg()
        for name in names:
            procs.stop(name)
        procs.stop("web")
        arrived = await arrivals(sandbox)
        for spy in spies:
            spy.wait(timeout=60)
        rate_msgs = args.rate * len(expected) / max(1, len(load.accepted))
        base_lat = await baseline(stack.sandbox_port, rate_msgs, min(10, args.seconds))
    profiles = []
    if args.profile:
        for name in ("web", "worker0"):
            summary = common.profile_summary(common.LOGS / BENCH / f"{name}.collapsed", 40)
            profiles += [f"--- py-spy {name} ---", *summary]
        print("\n".join(profiles))
    return report(args, load, expected, arrived, drain_end, base_lat, rss.peak, (load0, load1))


def report(
    args: argparse.Namespace,
    load: Load,
    expected: dict[str, str],
    arrived: dict[str, list[float]],
    drain_end: float,
    base_lat: list[float],
    rss: dict[str, float],
    loads: tuple[float, float],
) -> common.Report:
    inf = float("inf")
    per_msg: list[float] = []
    from_schedule: list[float] = []
    per_event: dict[str, float] = {}
    doubled = missing = 0
    for nid, event_id in expected.items():
        times = arrived.get(nid)
        doubled += len(times or []) > 1
        missing += not times
        at = min(times) if times else inf
        per_msg.append(at - load.accepted[event_id])
        from_schedule.append(at - load.scheduled[event_id])
        per_event[event_id] = max(per_event.get(event_id, -inf), at - load.accepted[event_id])
    n_events = len(load.accepted)
    duration = load.ended - load.started
    event_rate = n_events / duration
    per_event_msgs = len(expected) / max(1, n_events)
    needed = event_rate * per_event_msgs
    delivered_in_load = sum(
        1 for nid in expected for t in arrived.get(nid, [])[:1] if t <= load.ended
    )
    firsts = [min(t) for nid in expected if (t := arrived.get(nid))]
    # Messages/s the sandbox received from the first to the last message: at least the
    # needed rate when the workers keep up, their capacity when they do not.
    delivered_rate = (len(firsts) - 1) / max(1e-9, max(firsts) - min(firsts)) if firsts else 0.0
    p50, p99, worst = (common.pct(per_msg, p) for p in (50, 99, 100))
    bound = drain_end - load.ended  # every missing message is at least this late
    done = [x for x in per_msg if x != inf]

    def lat(seconds: float) -> str:
        return ms(seconds, bound)

    b50, b99 = common.pct(base_lat, 50), common.pct(base_lat, 99)
    missing_note = (
        f"; {missing:,} still missing {drain_end - load.ended:.0f} s after the load "
        f"(counted as later than any delivered one)"
        if missing
        else ""
    )
    steady = event_rate >= 0.95 * args.rate and not load.failures
    config = (
        f"{args.rate:,.0f} events/s offered × {per_event_msgs:.2f} OA messages per event, "
        f"{args.workers} worker process(es), sandbox {args.latency_ms} ms"
    )
    rows = [
        common.Row(
            f"End to end: event accepted → message at the sandbox, p99 (p50), {config}",
            "p99 < 1 s",
            f"{lat(p99)} ({lat(p50)})",
            f"sandbox round trip, open loop at {needed:,.0f} msg/s: {lat(b99)} ({lat(b50)})",
            "-" if p99 == inf else f"{p99 / max(1e-9, b99):.1f}×",
            p99 < 1 and missing == 0 and steady,
        ),
        common.Row(
            f"End to end: rates held at {args.rate:,.0f} events/s offered, "
            f"{args.workers} worker(s)",
            f"{args.rate:,.0f} events/s steady",
            f"{event_rate:,.0f} events/s accepted; {delivered_rate:,.0f} msg/s delivered",
            f"needed {needed:,.0f} msg/s",
            f"{delivered_rate / max(1e-9, needed):.0%}",
            steady and delivered_rate >= 0.95 * needed,
        ),
        common.Row(
            f"End to end: RSS of the web and each worker process ({args.workers} worker(s))",
            "< 250 MB",
            f"web {rss['web']:.0f} MB, worker {max(v for k, v in rss.items() if k != 'web'):.0f}"
            " MB",
            met=max(rss.values()) < 250,
        ),
    ]
    details = [
        f"{args.seconds} s of load: {n_events:,} events accepted in {duration:.1f} s "
        f"({len(load.failures)} failures{': ' + load.failures[0] if load.failures else ''}), "
        f"{len(expected):,} OA messages expected, {len(expected) - missing:,} arrived "
        f"({delivered_in_load:,} during the load){missing_note}; {doubled} doubled. "
        f"Per message: p50 {lat(p50)}, p90 {lat(common.pct(per_msg, 90))}, p99 {lat(p99)}, "
        f"max {lat(worst)}"
        + (
            f" (of the {len(done):,} delivered: p50 {lat(common.pct(done, 50))}, max "
            f"{lat(max(done))})"
            if missing and done
            else ""
        )
        + ". Per event (its last message): p50 "
        f"{lat(common.pct(list(per_event.values()), 50))}, p99 "
        f"{lat(common.pct(list(per_event.values()), 99))}. From the batch's scheduled send "
        f"(adds the API answer): p99 {lat(common.pct(from_schedule, 99))}. API answer, "
        f"batches of {max(1, round(args.rate * TICK))} every {TICK * 1000:.0f} ms: p50 "
        f"{lat(common.pct(load.answer_s, 50))}, p99 {lat(common.pct(load.answer_s, 99))}. "
        f"Baseline: {len(base_lat):,} messages straight to the sandbox, p99 {lat(b99)}, "
        f"max {lat(max(base_lat))}. Load average {loads[0]:.2f} → {loads[1]:.2f}; log level "
        f"{args.log_level}; wechat rate limit lifted.",
    ]
    default = args.workers == 1 and args.rate == 500
    name = BENCH if default else f"{BENCH}-w{args.workers}-r{args.rate:g}"
    command = "python -m bench.e2e" + (
        "" if default else f" --rate {args.rate:g} --workers {args.workers}"
    )
    return common.Report(name, command, rows, details)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.e2e")
    parser.add_argument("--rate", type=float, default=500, help="events/s offered")
    parser.add_argument("--seconds", type=int, default=30, help="seconds of load")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--drain", type=int, default=45, help="max wait after the load, s")
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--profile", action="store_true", help="py-spy the web and worker0")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    if args.workers < 1 or args.rate <= 0:
        parser.error("--workers must be ≥ 1 and --rate > 0")
    # timeout/kill -TERM: unwind, so Procs stops the service and the sandbox
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench.e2e: stopped by SIGTERM"))
    common.run_bench(run, args)


if __name__ == "__main__":
    main()
