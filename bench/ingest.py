"""Ingest of signed court event batches through the real API into PostgreSQL (contract §1.3).

    python -m bench.ingest [--seconds 60] [--senders 4] [--web 1] [--batch 500]

* A fresh database ``bench_ingest`` and Redis db 9; 200 cases (applicant, organisation
  respondent, agent), every party bound to an OA openid, so each event plans 2–3 notification
  rows on the OA channel and the web process queues them on arq after answering (no worker
  runs: the queue only grows).
* ``--senders`` concurrent clients post signed batches of ``--batch`` events (a mix of four
  pushed nodes) for ``--seconds``; events/s counts accepted events.
* Baseline in the same run: a raw asyncpg ``COPY`` of the same rows (events and their
  notification rows, same batch size, one transaction per batch) into the same tables.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import time
import uuid
from pathlib import Path

import httpx

from bench import common

BENCH = "ingest"
DATABASE = "bench_ingest"


async def drive(
    base: str, key: tuple[str, str], cases: list[str], *, seconds: float, senders: int, batch: int
) -> tuple[int, list[float], int]:
    """(accepted events, batch latencies in s, non-200 answers)."""
    accepted = 0
    failures = 0
    latencies: list[float] = []
    counter = 0
    deadline = time.monotonic() + seconds
    path = "/api/court/v1/events"

    async def sender(client: httpx.AsyncClient) -> None:
        nonlocal accepted, failures, counter
        while time.monotonic() < deadline:
            start = counter
            counter += batch
            body = json.dumps(
                {"events": common.events(cases, "ing", start, batch)}, ensure_ascii=False
            ).encode()
            t0 = time.perf_counter()
            r = await client.post(
                path, content=body, headers=common.signed(key, "POST", path, body)
            )
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                failures += 1
                continue
            accepted += sum(1 for x in r.json()["results"] if x["status"] == "accepted")

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await asyncio.gather(*(sender(client) for _ in range(senders)))
    return accepted, latencies, failures


def cpu_seconds(web_pid: int) -> dict[str, float]:
    """CPU time so far (user + system) of the web process and its children (``--web 2``),
    PostgreSQL's processes and this load generator: where the cores go during the run."""
    tick = os.sysconf("SC_CLK_TCK")
    web = {web_pid, *common._children(web_pid)}
    out = {"web": 0.0, "postgres": 0.0, "load generator": time.process_time()}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError):
            stat = (proc / "stat").read_text()
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            used = (int(fields[11]) + int(fields[12])) / tick
            if comm == "postgres":
                out["postgres"] += used
            elif int(proc.name) in web:
                out["web"] += used
    return out


async def copy_baseline(batches: int, batch: int) -> tuple[float, int]:
    """Events/s of a raw asyncpg COPY of the same rows: per batch one transaction with a
    COPY of ``batch`` events and a COPY of their notification rows."""
    conn = await common.pg_connect(DATABASE)
    try:
        parties = await conn.fetch(
            'SELECT p.id, p.case_id, p.role FROM party p JOIN "case" c ON c.id = p.case_id'
        )
        by_case: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
        for p in parties:
            by_case.setdefault(p["case_id"], []).append((p["id"], p["role"]))
        case_ids = list(by_case)
        import datetime as dt

        now = dt.datetime.now(dt.UTC)
        variables = json.dumps(
            {
                "case_no": "（2024）浙0203执1号",
                "node_name": "执行款到账",
                "occurred_at": now.isoformat(),
                "summary": "x",
                "court": "c",
                "amount": "12000.00",
                "deadline": None,
                "receipt_no": None,
            },
            ensure_ascii=False,
        )
        data = json.dumps({"amount": "12000.00"})
        ev_cols = [
            "id",
            "court_key",
            "event_id",
            "content_hash",
            "node",
            "occurred_at",
            "data",
            "received_at",
            "case_id",
        ]
        n_cols = [
            "id",
            "channel",
            "status",
            "kind",
            "openid",
            "variables",
            "attempts",
            "next_attempt_at",
            "created_at",
            "updated_at",
            "case_id",
            "event_id",
            "party_id",
        ]
        await conn.set_type_codec(
            "jsonb",
            encoder=lambda v: b"\x01" + v.encode(),
            decoder=lambda v: v[1:].decode(),
            schema="pg_catalog",
            format="binary",
        )
        rows_n = 0
        started = time.perf_counter()
        for b in range(batches):
            ev_rows, n_rows = [], []
            for k in range(batch):
                case_id = case_ids[(b * batch + k) % len(case_ids)]
                eid = uuid.uuid4()
                ev_rows.append(
                    (
                        eid,
                        "copy",
                        f"copy-{b}-{k}",
                        "0" * 64,
                        "funds_received",
                        now,
                        data,
                        now,
                        case_id,
                    )
                )
                for party_id, role in by_case[case_id]:
                    if role == "respondent" and k % 4 == 0:
                        continue  # funds_received goes to applicant (+agent) only
                    n_rows.append(
                        (
                            uuid.uuid4(),
                            "wechat_oa",
                            "created",
                            "progress",
                            "o_copy",
                            variables,
                            0,
                            now,
                            now,
                            now,
                            case_id,
                            eid,
                            party_id,
                        )
                    )
            async with conn.transaction():
                await conn.copy_records_to_table("event", records=ev_rows, columns=ev_cols)
                await conn.copy_records_to_table("notification", records=n_rows, columns=n_cols)
            rows_n += len(n_rows)
        elapsed = time.perf_counter() - started
        return batches * batch / elapsed, rows_n
    finally:
        await conn.close()


async def run(args: argparse.Namespace) -> common.Report:
    await common.ensure_database(DATABASE, fresh=True)
    common.flush_redis(BENCH)
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    env = common.env_for(
        BENCH,
        DATABASE,
        MICROCOURT_LOG_LEVEL=args.log_level,
        **common.wechat_env("http://127.0.0.1:9", base),
    )
    common.migrate(env)
    key = common.court_key(env)
    with common.Procs(BENCH) as procs:
        pid = procs.serve("web", env, port, workers=args.web)
        await common.wait_http(base + "/healthz")
        cases = await common.create_cases(base, key, 200, 1)
        common.bind_all(env)
        # warm-up: 5 batches
        await drive(base, key, cases, seconds=3, senders=1, batch=args.batch)
        load0 = common.loadavg()
        spy = (
            common.pyspy_start(pid, args.seconds, common.LOGS / BENCH / "web.collapsed")
            if args.profile
            else None
        )
        with common.RssSampler({"web": pid}) as rss:
            cpu0 = cpu_seconds(pid)
            started = time.perf_counter()
            accepted, latencies, failures = await drive(
                base, key, cases, seconds=args.seconds, senders=args.senders, batch=args.batch
            )
            elapsed = time.perf_counter() - started
            cpu1 = cpu_seconds(pid)
        load1 = common.loadavg()
        if spy is not None:
            spy.wait(timeout=60)
            print("\n".join(common.profile_summary(common.LOGS / BENCH / "web.collapsed", 45)))
    rate = accepted / elapsed
    conn = await common.pg_connect(DATABASE)
    notes = await conn.fetchval("SELECT count(*) FROM notification")
    events_total = await conn.fetchval("SELECT count(*) FROM event")
    await conn.close()
    per_event = notes / max(1, events_total)
    copy_batches = max(20, min(200, accepted // args.batch))
    copy_rate, _ = await copy_baseline(copy_batches, args.batch)
    ratio = rate / copy_rate
    rows = [
        common.Row(
            f"Ingest: accepted events/s, signed batches of {args.batch}, {args.senders} senders, "
            f"{args.web} web process(es), {args.seconds} s",
            "≥ 5,000 events/s",
            f"{rate:,.0f} events/s",
            f"asyncpg COPY: {copy_rate:,.0f} events/s",
            f"{ratio:.0%}",
            rate >= 5000,
        ),
        common.Row(
            "Ingest: RSS of the web process",
            "< 250 MB",
            f"{rss.peak['web']:.0f} MB",
            met=rss.peak["web"] < 250,
        ),
    ]
    details = [
        f"{accepted:,} events accepted in {elapsed:.1f} s ({failures} failed batches); "
        f"{per_event:.2f} notification rows per event; batch latency p50 "
        f"{common.pct(latencies, 50) * 1000:.0f} ms, "
        f"p99 {common.pct(latencies, 99) * 1000:.0f} ms. "
        f"COPY baseline: {copy_batches} batches of {args.batch} events with their notification "
        f"rows. Load average {load0:.2f} → {load1:.2f}. Log level {args.log_level}.",
        "CPU during the run (share of one core): "
        + ", ".join(f"{name} {(cpu1[name] - cpu0[name]) / elapsed:.0%}" for name in cpu0)
        + f" (the machine has {os.cpu_count()} cores).",
    ]
    if args.web == 1:
        return common.Report(BENCH, "python -m bench.ingest", rows, details)
    # its own result file, so the one-process row stays in the table next to it
    return common.Report(
        f"{BENCH}-web{args.web}", f"python -m bench.ingest --web {args.web}", rows, details
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--web", type=int, default=1, help="web processes")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--profile", action="store_true", help="py-spy the web process")
    args = parser.parse_args()
    common.run_bench(run, args)


if __name__ == "__main__":
    main()
