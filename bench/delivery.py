"""Notifications delivered per second by worker processes against the WeChat sandbox with
20 ms latency, and two baselines against the same sandbox in the same run.

    python -m bench.delivery [--notifications 8000] [--workers 1] [--latency-ms 20]

* Fresh database ``bench_delivery``, Redis db 10, the sandbox (``python -m
  sandbox.server --latency-ms 20 --no-receipts``) and one web process, which
  ingests events for 200 bound cases; their OA notifications wait on the arq queue.
* Then ``--workers`` ``microcourt worker`` processes start; delivered/s is counted from the
  sandbox's ``accepted_calls`` between 10% and 90% of the run (start-up excluded).
* Baselines at the worker's concurrency (arq ``max_jobs`` = 50): a bare ``httpx.AsyncClient``
  loop posting the same template message, and wechatpy's synchronous client
  (``WeChatClient.message.send_template``) in a 50-thread pool.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench import common

BENCH = "delivery"
DATABASE = "bench_delivery"
CONCURRENCY = 50  # arq max_jobs in notifiers/worker.py
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


async def bare_httpx(sandbox: str, total: int) -> float:
    access = await token(sandbox)
    url = f"{sandbox}/cgi-bin/message/template/send"
    left = total
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)

    async def one(client: httpx.AsyncClient) -> None:
        nonlocal left
        while left > 0:
            left -= 1
            body = {
                "touser": f"o_bare_{left}",
                "template_id": "OA_TPL_PROGRESS",
                "data": DATA,
                "client_msg_id": f"bare-{left}",
            }
            r = await client.post(url, params={"access_token": access}, json=body)
            assert r.json()["errcode"] == 0, r.text

    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one(client) for _ in range(CONCURRENCY)))
        return total / (time.perf_counter() - started)


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
                    cpu_marks.append(cpu_snapshot(pids, sandbox_pid))
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
        bare = await bare_httpx(sandbox, min(total, 6000))
        access = await token(sandbox)
        pool = await asyncio.to_thread(wechatpy_pool, sandbox, access, min(total, 3000))
    per_worker = rate / args.workers
    rows = [
        common.Row(
            f"Delivery: notifications/s, {args.workers} worker process(es), sandbox "
            f"{args.latency_ms} ms",
            "≥ 1,000/s per worker",
            f"{rate:,.0f}/s",
            f"bare httpx loop ({CONCURRENCY} concurrent): {bare:,.0f}/s",
            f"{rate / bare:.0%}",
            per_worker >= 1000,
        ),
        common.Row(
            "Delivery vs bare httpx loop",
            "≥ 50%",
            f"{rate / bare:.0%}",
            f"{bare:,.0f}/s",
            f"{rate / bare:.2f}",
            rate / bare >= 0.5,
        ),
        common.Row(
            f"Delivery vs wechatpy sync client in a {CONCURRENCY}-thread pool",
            "≥ 3×",
            f"{rate:,.0f}/s",
            f"{pool:,.0f}/s",
            f"{rate / pool:.1f}×",
            rate / pool >= 3,
        ),
        common.Row(
            "Delivery: RSS of each worker process",
            "< 250 MB",
            f"{max(rss.peak.values()):.0f} MB",
            met=max(rss.peak.values()) < 250,
        ),
    ]
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
