"""Notifications delivered per second by worker processes against the WeChat sandbox with
20 ms latency, and two baselines against the same sandbox in the same run.

    python -m bench.delivery [--notifications 8000] [--workers 1] [--latency-ms 20]

* Fresh database ``bench_delivery``, Redis db 10, the sandbox (``python -m
  sandbox.server --latency-ms 20 --no-receipts``) and one web process, which
  ingests events for 200 bound cases; their OA notifications wait on the arq queue.
* Then ``--workers`` ``microcourt worker`` processes start; delivered/s is counted from the
  sandbox's ``accepted_calls`` between 10% and 90% of the run (start-up excluded).
* Baselines at the worker's concurrency (50 sends in flight, ``notifiers.deps``): bare loops
  posting the same template message on each candidate HTTP client — httpx, httpx2, aiohttp,
  and ``service.outbound.Outbound`` (the product's, on aiohttp) — and wechatpy's synchronous
  client (``WeChatClient.message.send_template``) in a 50-thread pool.
* The sandbox's own ceiling: ``wrk`` (if installed) against its send endpoint, 50
  connections, in the same run.
* Worker CPU per notification: the worker processes' CPU time between the 10% and 90% marks
  over the notifications sent in between.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import aiohttp
import httpx
import httpx2

from bench import common
from notifiers.deps import SEND_CONCURRENCY
from service.outbound import Outbound

BENCH = "delivery"
DATABASE = "bench_delivery"
CONCURRENCY = SEND_CONCURRENCY  # sends in flight per worker process
OA_APPID, OA_SECRET = "wx5a4d0000sandbox", "sandbox-oa-secret"
DATA = {
    "thing1": {"value": "（2024）浙0203执1号"},
    "thing2": {"value": "执行款到账"},
    "time3": {"value": "2024年06月01日 09:30"},
    "thing4": {"value": "执行款12000.00元已到账"},
}


async def token(sandbox: str) -> str:
    async with httpx.AsyncClient() as c:
        r = await c.post(
            f"{sandbox}/cgi-bin/stable_token",
            json={"grant_type": "client_credential", "appid": OA_APPID, "secret": OA_SECRET},
        )
        return str(r.json()["access_token"])


async def stats(sandbox: str) -> int:
    async with httpx.AsyncClient(timeout=30) as c:
        return int((await c.get(f"{sandbox}/_sandbox/stats")).json()["accepted_calls"])


Post = Callable[[str, dict[str, str], dict[str, object]], Awaitable[int]]


async def _bare(sandbox: str, total: int, post: Post) -> float:
    """``total`` template sends by :data:`CONCURRENCY` coroutines; sends per second."""
    access = await token(sandbox)
    url = f"{sandbox}/cgi-bin/message/template/send"
    left = total

    async def one() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            body = {
                "touser": f"o_bare_{left}",
                "template_id": "OA_TPL_PROGRESS",
                "data": DATA,
                "client_msg_id": f"bare-{left}",
            }
            assert await post(url, {"access_token": access}, body) == 0

    await one_round_trip(post, url, access)  # connect outside the clock
    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(CONCURRENCY)))
    return total / (time.perf_counter() - started)


async def one_round_trip(post: Post, url: str, access: str) -> None:
    body = {"touser": "o_warm", "template_id": "OA_TPL_PROGRESS", "data": DATA}
    await post(url, {"access_token": access}, body)


async def bare_clients(sandbox: str, total: int) -> dict[str, float]:
    """Sends/s of a bare loop on each candidate client, one after the other."""
    rates: dict[str, float] = {}
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(limits=limits, timeout=30) as hx:

        async def post_httpx(url: str, params: dict[str, str], body: dict[str, object]) -> int:
            return int((await hx.post(url, params=params, json=body)).json()["errcode"])

        rates["httpx 0.28.1"] = await _bare(sandbox, total, post_httpx)
    limits2 = httpx2.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx2.AsyncClient(limits=limits2, timeout=30) as hx2:

        async def post_httpx2(url: str, params: dict[str, str], body: dict[str, object]) -> int:
            return int((await hx2.post(url, params=params, json=body)).json()["errcode"])

        rates["httpx2 2.16.2"] = await _bare(sandbox, total, post_httpx2)
    connector = aiohttp.TCPConnector(limit=0, limit_per_host=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def post_aiohttp(url: str, params: dict[str, str], body: dict[str, object]) -> int:
            async with session.post(url, params=params, json=body) as r:
                return int((await r.json())["errcode"])

        rates["aiohttp 3.14.5"] = await _bare(sandbox, total, post_aiohttp)
    async with Outbound(connections=CONCURRENCY) as outbound:

        async def post_outbound(url: str, params: dict[str, str], body: dict[str, object]) -> int:
            return int((await outbound.post(url, params=params, json=body)).json()["errcode"])

        rates["service.outbound (aiohttp)"] = await _bare(sandbox, total, post_outbound)
    return rates


def wrk_ceiling(sandbox: str, access: str, seconds: int = 8) -> float | None:
    """Requests/s ``wrk`` gets from the sandbox's send endpoint (None without wrk)."""
    if shutil.which("wrk") is None:
        return None
    body = json.dumps({"touser": "o_wrk", "template_id": "OA_TPL_PROGRESS", "data": DATA})
    script = (
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(body)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    url = f"{sandbox}/cgi-bin/message/template/send?access_token={access}"
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", "-s", f.name, url],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    os.unlink(f.name)
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def cpu_snapshot(workers: dict[str, int], sandbox: int) -> dict[str, float]:
    """CPU time used so far (in clock ticks) by the workers, the sandbox, all PostgreSQL and
    Redis server processes, and the whole machine (busy and total), from /proc."""
    groups = {"workers": 0.0, "sandbox": float(_ticks(sandbox)), "postgres": 0.0, "redis": 0.0}
    groups["workers"] = float(sum(_ticks(pid) for pid in workers.values()))
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if comm == "postgres":
            groups["postgres"] += _ticks(int(entry.name))
        elif comm.startswith("redis-server"):
            groups["redis"] += _ticks(int(entry.name))
    cpu = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    groups["idle"] = float(cpu[3] + cpu[4])
    groups["total"] = float(sum(cpu[:8]))
    groups["at"] = time.monotonic()
    return groups


def cpu_share_line(start: dict[str, float], end: dict[str, float]) -> str:
    """Where the machine's CPU went between the 10% and 90% marks, in cores."""
    hz = os.sysconf("SC_CLK_TCK")
    seconds = max(1e-9, end["at"] - start["at"])
    cores = os.cpu_count() or 1

    def used(name: str) -> float:
        return (end[name] - start[name]) / hz / seconds

    total = (end["total"] - start["total"]) / max(1.0, end["total"] - start["total"]) * cores
    busy = total - (end["idle"] - start["idle"]) / max(1.0, end["total"] - start["total"]) * cores
    known = sum(used(n) for n in ("workers", "sandbox", "postgres", "redis"))
    return (
        f"CPU between the 10% and 90% marks, in cores of {cores}: worker process(es) "
        f"{used('workers'):.2f}, sandbox {used('sandbox'):.2f}, PostgreSQL {used('postgres'):.2f}, "
        f"Redis {used('redis'):.2f}, everything else {max(0.0, busy - known):.2f}, "
        f"idle {cores - busy:.2f}."
    )


def wechatpy_pool(sandbox: str, access: str, total: int) -> float:
    from wechatpy import WeChatClient

    client = WeChatClient(OA_APPID, OA_SECRET, access_token=access)
    client.API_BASE_URL = sandbox + "/cgi-bin/"
    client._http.mount(
        "http://",
        __import__("requests").adapters.HTTPAdapter(
            pool_connections=CONCURRENCY, pool_maxsize=CONCURRENCY
        ),
    )

    def send(i: int) -> None:
        client.message.send_template(f"o_pool_{i}", "OA_TPL_PROGRESS", DATA)

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        started = time.perf_counter()
        list(pool.map(send, range(total)))
        return total / (time.perf_counter() - started)


async def run(args: argparse.Namespace) -> common.Report:
    stack = await common.WeChatStack.prepare(BENCH, DATABASE, args.log_level)
    env, key, base, sandbox = stack.env, stack.key, stack.base, stack.sandbox
    with common.Procs(BENCH) as procs:
        await stack.start(procs, args.latency_ms)
        cases = await common.create_cases(base, key, 200, 2)
        common.bind_all(env)
        # Events for 2 OA notifications each (funds_received / online_search_started: applicant
        # and agent), so the count of notifications is known.
        n_events = args.notifications // 2
        path = "/api/court/v1/events"
        async with httpx.AsyncClient(base_url=base, timeout=60) as c:
            for start in range(0, n_events, 500):
                evs = [
                    e
                    for e in common.events(cases, "dlv", start * 2, 1000)
                    if e["node"] in ("funds_received", "online_search_started")
                ][:500]
                body = json.dumps({"events": evs}, ensure_ascii=False).encode()
                r = await c.post(path, content=body, headers=common.signed(key, "POST", path, body))
                assert r.status_code == 200, r.text
        await asyncio.sleep(2)  # the web process's background enqueue
        procs.stop("web")
        conn = await common.pg_connect(DATABASE)
        total = await conn.fetchval("SELECT count(*) FROM notification WHERE status = 'created'")
        await conn.close()

        before = await stats(sandbox)
        worker_env = dict(env)
        if args.db_maxsize:  # experiment: the worker's asyncpg pool size (tortoise default 5)
            url = worker_env["MICROCOURT_DATABASE_URL"]
            worker_env["MICROCOURT_DATABASE_URL"] = f"{url}?maxsize={args.db_maxsize}"
        pids = {f"worker{i}": procs.worker(f"worker{i}", worker_env) for i in range(args.workers)}
        samples: list[tuple[float, int]] = []
        cpu_marks: list[dict[str, float]] = []
        sandbox_pid = procs.procs["sandbox"].pid
        deadline = time.monotonic() + args.timeout
        spy = None
        with common.RssSampler(pids) as rss:
            while time.monotonic() < deadline:
                done = await stats(sandbox) - before
                samples.append((time.monotonic(), done))
                if (not cpu_marks and done >= total * 0.1) or (
                    len(cpu_marks) == 1 and done >= total * 0.9
                ):
                    cpu_marks.append({**cpu_snapshot(pids, sandbox_pid), "done": float(done)})
                if args.profile and spy is None and done > total * 0.1:
                    spy = common.pyspy_start(
                        pids["worker0"], 6, common.LOGS / BENCH / "worker.collapsed"
                    )
                if done >= total:
                    break
                await asyncio.sleep(0.25)
        for name in list(pids):
            procs.stop(name)
        if spy is not None:
            spy.wait(timeout=30)
            print("\n".join(common.profile_summary(common.LOGS / BENCH / "worker.collapsed", 70)))

        def at(frac: float) -> tuple[float, int]:
            return next(s for s in samples if s[1] >= total * frac)

        (t1, d1), (t9, d9) = at(0.1), at(0.9) if samples[-1][1] >= total * 0.9 else samples[-1]
        rate = (d9 - d1) / max(1e-9, t9 - t1)
        delivered = samples[-1][1]
        # Baselines against the same sandbox.
        clients = await bare_clients(sandbox, min(total, 6000))
        bare = clients["service.outbound (aiohttp)"]
        access = await token(sandbox)
        pool = await asyncio.to_thread(wechatpy_pool, sandbox, access, min(total, 3000))
        ceiling = await asyncio.to_thread(wrk_ceiling, sandbox, access)
    cpu_ms = None
    if len(cpu_marks) == 2:
        sent = max(1.0, cpu_marks[1]["done"] - cpu_marks[0]["done"])
        ticks = cpu_marks[1]["workers"] - cpu_marks[0]["workers"]
        cpu_ms = ticks / os.sysconf("SC_CLK_TCK") / sent * 1000
    per_worker = rate / args.workers
    rows = [
        common.Row(
            f"Delivery: notifications/s, {args.workers} worker process(es), sandbox "
            f"{args.latency_ms} ms",
            "≥ 1,000/s per worker",
            f"{rate:,.0f}/s",
            f"bare Outbound loop ({CONCURRENCY} concurrent): {bare:,.0f}/s",
            f"{rate / bare:.0%}",
            per_worker >= 1000,
        ),
        common.Row(
            f"Delivery vs wechatpy sync client in a {CONCURRENCY}-thread pool (bare sends)",
            "≥ 1.0× (stretch 1.5×)",
            f"{rate:,.0f}/s",
            f"{pool:,.0f}/s",
            f"{rate / pool:.2f}×",
            rate / pool >= 1.0,
        ),
        common.Row(
            "Delivery: worker CPU per notification",
            "≤ 0.6 ms",
            "-" if cpu_ms is None else f"{cpu_ms:.2f} ms",
            met=None if cpu_ms is None else cpu_ms <= 0.6,
        ),
        common.Row(
            "Delivery: RSS of each worker process",
            "< 250 MB",
            f"{max(rss.peak.values()):.0f} MB",
            met=max(rss.peak.values()) < 250,
        ),
    ]
    if ceiling is not None:
        rows.append(
            common.Row(
                f"Delivery as a share of the sandbox's ceiling (wrk, {CONCURRENCY} connections)",
                "-",
                f"{rate:,.0f}/s",
                f"{ceiling:,.0f}/s",
                f"{rate / ceiling:.0%}",
            )
        )
    for name, client_rate in clients.items():
        rows.append(
            common.Row(
                f"HTTP client: bare send loop on {name} ({CONCURRENCY} concurrent)",
                "-",
                f"{client_rate:,.0f}/s",
                f"wechatpy threads {pool:,.0f}/s",
                f"{client_rate / pool:.2f}×",
            )
        )
    details = [
        f"{delivered:,} of {total:,} notifications sent; rate measured between 10% and 90% "
        f"of them. Worker log level {args.log_level}; wechat rate limit lifted "
        f"(MICROCOURT_WECHAT_RATE_LIMIT_PER_SECOND=100000).",
    ]
    if len(cpu_marks) == 2:
        details.append(cpu_share_line(*cpu_marks))
    return common.Report(
        "scaling" if args.workers > 1 else BENCH,
        f"python -m bench.delivery --workers {args.workers}",
        rows,
        details,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.delivery")
    parser.add_argument("--notifications", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--timeout", type=int, default=240)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db-maxsize", type=int, default=0, help="worker's asyncpg pool size")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    common.run_bench(run, args)


if __name__ == "__main__":
    main()
