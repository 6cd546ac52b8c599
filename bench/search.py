"""Public search over 1,000,000 published listings in PostgreSQL (contract §2).

    python -m bench.search [--rebuild] [--seconds 8] [--rounds 3] [--connections 8] [--profile]

* Database ``bench_search`` (127.0.0.1:5432, user postgres): 1,000,000 listings written with
  COPY straight into ``disclosure_listing`` (the columns the service writes, identity numbers
  encrypted and keyed-hashed with the bench's data key through ``service.privacy.Vault``).
  The database is kept between runs when it holds exactly that many listings; ``--rebuild``
  (or ``DROP DATABASE bench_search``) makes it again (about 3 minutes).
* ``--workers`` web processes, default 1 (``bench.apps``: the service's app with the same
  uvicorn options as ``microcourt serve --workers N``, plus ``GET /_bench/constant``), Redis
  db 8, the public rate limits raised out of the way.
* Load: wrk, closed loop, ``--connections`` keep-alive connections, queries drawn from 2,000
  existing listings. Rounds alternate baseline and search, so drift on this shared machine
  hits both alike; the ratio is taken per round.
* Then the same search with ``MICROCOURT_LOG_LEVEL=WARNING``: the cost of the access log.
* ``--profile``: py-spy samples the web process during the first round of each search kind and
  prints the inclusive share of busy samples per function.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import json
import random
import secrets
import statistics
import sys
import time
import urllib.parse
import uuid
from decimal import Decimal
from pathlib import Path

from bench import common
from service.identifiers import (
    compute_credit_code_check,
    compute_resident_id_check,
    mask_id_number,
)
from service.privacy import Vault

BENCH = "search"
DATABASE = "bench_search"
TOTAL = 1_000_000
PREFIX = "BENCH-"
ID_NO = "id_no"  # disclosure.service.ID_NO

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
    "肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅小红波斌宇浩"
    "凯鹏飞鑫晨宁博文雪琳玉兰欣怡子涵梓轩雨萱一诺浩然思远嘉怡俊杰宏伟晓东"
)
TRADES = ("贸易", "建材", "机械", "电子", "纺织", "物流", "餐饮", "科技", "置业", "服饰")
AREAS = ("330203", "330205", "330206", "330211", "330212", "330281", "330282", "330226")


def _resident_id(rng: random.Random) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 50))
    first17 = f"{rng.choice(AREAS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + compute_resident_id_check(first17)


def _credit_code(rng: random.Random) -> str:
    body = f"91330203MA{rng.randrange(10_000_000):07d}"
    return body + compute_credit_code_check(body)


def _row(i: int, rng: random.Random, vault: Vault, now: dt.datetime) -> tuple[object, ...]:
    person = rng.random() < 0.85
    if person:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        name = rng.choice(SURNAMES) + given
        id_no = _resident_id(rng)
        gender = "男" if int(id_no[16]) % 2 else "女"
        legal_rep = None
    else:
        name = f"宁波{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(TRADES)}有限公司"
        id_no = _credit_code(rng)
        gender = None
        legal_rep = rng.choice(SURNAMES) + rng.choice(GIVEN)
    decided = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 5))
    circumstance = rng.choice((1, 1, 1, 2, 3, 4))
    period = None if circumstance == 1 else rng.randrange(2, 6)
    publish_at = dt.datetime.combine(decided, dt.time(0), dt.UTC) - dt.timedelta(hours=8)
    expires_at = (
        None if period is None else now + dt.timedelta(days=rng.randrange(30, 365 * period))
    )
    amount = Decimal(rng.randrange(1000_00, 5_000_000_00)) / 100
    listing_id = f"{PREFIX}{i:07d}"
    return (
        uuid.uuid4(),
        secrets.token_urlsafe(12),
        listing_id,
        f"（{decided.year}）浙0203执{i % 90000 + 1000}号",
        "宁波市海曙区人民法院",
        "person" if person else "organization",
        name,
        vault.encrypt(id_no),
        vault.lookup_hash(id_no, ID_NO),
        mask_id_number(id_no),
        gender,
        legal_rep,
        f"（{decided.year - 1}）浙0203民初{i % 9000 + 100}号",
        "宁波市海曙区人民法院",
        f"偿还借款本金{amount}元及利息",
        "全部未履行",
        amount,
        circumstance,
        decided,
        None,
        period,
        publish_at,
        expires_at,
        "published",
        publish_at,
        vault.lookup_hash(listing_id, "disclosure_content"),
        1,
        now,
        now,
    )


COLUMNS = (  # noqa: SIM905
    "id public_id listing_id case_no court kind name id_no_enc id_no_hash id_no_masked gender "
    "legal_rep basis_doc_no basis_unit obligation performance unperformed_amount circumstance "
    "decided_at publish_after period_years publish_at expires_at status published_at "
    "content_hash version created_at updated_at"
).split()


def _vault() -> Vault:
    return Vault(base64.b64decode(common.DATA_KEY))


async def build(rebuild: bool) -> None:
    created = await common.ensure_database(DATABASE, fresh=rebuild)
    env = common.env_for(BENCH, DATABASE)
    del created
    common.migrate(env)  # always: new migrations in the tree apply to the kept database
    conn = await common.pg_connect(DATABASE)
    try:
        have = await conn.fetchval("SELECT count(*) FROM disclosure_listing")
        if have == TOTAL:
            print(f"bench_search: {have:,} listings present, kept", flush=True)
            return
        print(f"bench_search: generating {TOTAL:,} listings with COPY …", flush=True)
        await conn.execute("TRUNCATE disclosure_listing CASCADE")
        vault = _vault()
        rng = random.Random(20240601)
        now = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        chunk = 50_000
        for start in range(0, TOTAL, chunk):
            rows = [_row(i, rng, vault, now) for i in range(start, start + chunk)]
            await conn.copy_records_to_table("disclosure_listing", records=rows, columns=COLUMNS)
            print(f"  {start + chunk:>9,} rows  {time.perf_counter() - started:6.0f} s", flush=True)
        await conn.execute(
            "INSERT INTO disclosure_state (id, version, withdrawal_floor, updated_at) "
            "VALUES (1, 1, 0, now()) ON CONFLICT (id) DO NOTHING"
        )
        await conn.execute("VACUUM ANALYZE disclosure_listing")
    finally:
        await conn.close()


async def sample_queries(n: int = 2000) -> tuple[list[str], list[str]]:
    """Paths for name + identity number and for name only, from existing listings."""
    conn = await common.pg_connect(DATABASE)
    try:
        rows = await conn.fetch(
            "SELECT name, id_no_enc FROM disclosure_listing TABLESAMPLE SYSTEM (1) "
            "REPEATABLE (42) LIMIT $1",
            n,
        )
    finally:
        await conn.close()
    vault = _vault()
    with_id, name_only = [], []
    for r in rows:
        name = urllib.parse.quote(r["name"])
        id_no = vault.decrypt(r["id_no_enc"])
        with_id.append(f"/api/public/v1/disclosures?name={name}&id_no={id_no}")
        name_only.append(f"/api/public/v1/disclosures?name={name}")
    return with_id, name_only


async def matches_per_name() -> tuple[float, int]:
    conn = await common.pg_connect(DATABASE)
    try:
        row = await conn.fetchrow(
            "SELECT avg(c)::float AS avg, max(c) AS max FROM "
            "(SELECT count(*) AS c FROM disclosure_listing GROUP BY name) t"
        )
    finally:
        await conn.close()
    return float(row["avg"]), int(row["max"])


async def run(args: argparse.Namespace) -> common.Report:
    await build(args.rebuild)
    with_id, name_only = await sample_queries()
    avg_matches, max_matches = await matches_per_name()
    common.flush_redis(BENCH)
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    # A real answer's bytes become the constant baseline (same size as a search answer).
    import httpx

    constant_file = common.LOGS / BENCH / "constant.json"
    constant_file.parent.mkdir(parents=True, exist_ok=True)
    limits = {
        "MICROCOURT_PUBLIC_RATE_LIMIT_PER_MINUTE": "1000000",
        "MICROCOURT_PUBLIC_RATE_LIMIT_GLOBAL_PER_SECOND": "1000000",
    }
    sizes = {"name+id": 0, "name": 0}
    results: dict[str, dict[str, list[common.WrkResult]]] = {}
    peak_rss = 0.0
    profiled: set[str] = set()

    def collapsed(kind: str) -> Path:
        return common.LOGS / BENCH / f"web-{kind.replace('+', '-')}.collapsed"

    async def one_server(log_level: str, rounds: int, kinds: list[str]) -> None:
        nonlocal peak_rss
        env = common.env_for(
            BENCH,
            DATABASE,
            MICROCOURT_LOG_LEVEL=log_level,
            **limits,
            BENCH_CONSTANT_FILE=str(constant_file),
        )
        with common.Procs(BENCH) as procs:
            argv = [sys.executable, "-m", "bench.apps", "--port", str(port)]
            pid = procs.start("web", [*argv, "--workers", str(args.workers)], env)
            await common.wait_http(base + "/healthz")
            async with httpx.AsyncClient(base_url=base) as client:
                for p in with_id[:50]:  # warm up (and check the answers)
                    r = await client.get(p)
                    assert r.status_code == 200, r.text
                    sizes["name+id"] = max(sizes["name+id"], len(r.content))
                for p in name_only[:50]:
                    r = await client.get(p)
                    assert r.status_code == 200, r.text
                    sizes["name"] = max(sizes["name"], len(r.content))
            paths = {"constant": ["/_bench/constant"], "name+id": with_id, "name": name_only}
            with common.RssSampler({"web": pid}) as rss:
                for _ in range(rounds):
                    for kind in kinds:
                        spy = None
                        if args.profile and kind != "constant" and kind not in profiled:
                            profiled.add(kind)
                            spy = common.pyspy_start(pid, args.seconds, collapsed(kind))
                        res = common.wrk(
                            base, paths[kind], connections=args.connections, seconds=args.seconds
                        )
                        if spy is not None:
                            spy.wait(timeout=60)
                            print(f"  profile, {kind}:", flush=True)
                            summary = common.profile_summary(collapsed(kind), 40)
                            print("\n".join("    " + x for x in summary), flush=True)
                        results.setdefault(log_level, {}).setdefault(kind, []).append(res)
                        print(
                            f"  {log_level:7} {kind:9} {res.rps:7.0f} req/s  p50 "
                            f"{res.p50_ms:5.1f}  p99 {res.p99_ms:5.1f} ms  errors "
                            f"{res.errors}",
                            flush=True,
                        )
            peak_rss = max(peak_rss, rss.peak["web"])

    # The constant answer: the largest name-only answer of the sample.
    env0 = common.env_for(BENCH, DATABASE, **limits)
    with common.Procs(BENCH) as procs:
        procs.serve("web0", env0, port)
        await common.wait_http(base + "/healthz")
        async with httpx.AsyncClient(base_url=base) as client:
            biggest = b""
            for p in name_only[:200]:
                body = (await client.get(p)).content
                if len(body) > len(biggest):
                    biggest = body
        constant_file.write_bytes(biggest)
    load0 = common.loadavg()
    await one_server("INFO", args.rounds, ["constant", "name+id", "name"])
    await one_server("WARNING", max(1, args.rounds - 1), ["constant", "name"])
    info = results["INFO"]

    def ratios(kind: str, level: str = "INFO") -> list[float]:
        r = results[level]
        return [s.rps / c.rps for s, c in zip(r[kind], r["constant"], strict=False)]

    def med(values: list[float]) -> float:
        return statistics.median(values)

    rows: list[common.Row] = []
    for kind, label in (("name+id", "name + identity number"), ("name", "name only")):
        rps = [x.rps for x in info[kind]]
        p99 = max(x.p99_ms for x in info[kind])
        p50 = med([x.p50_ms for x in info[kind]])
        ratio = med(ratios(kind))
        rows.append(
            common.Row(
                f"Public search, {label}: p99 (p50) at saturation, {args.connections} conns",
                "p99 < 20 ms",
                f"{p99:.1f} ms ({p50:.1f} ms)",
                f"constant JSON: {max(x.p99_ms for x in info['constant']):.1f} ms",
                "-",
                p99 < 20,
            )
        )
        rows.append(
            common.Row(
                f"Public search, {label}: throughput, {args.workers} web process(es)",
                "≥ 60% of baseline",
                f"{med(rps):.0f} req/s",
                f"{med([x.rps for x in info['constant']]):.0f} req/s",
                f"{ratio:.0%}",
                ratio >= 0.6,
            )
        )
    rows.append(
        common.Row(
            "Public search: RSS of each web process under load",
            "< 250 MB",
            f"{peak_rss:.0f} MB",
            met=peak_rss < 250,
        )
    )
    warn = results["WARNING"]
    log_cost = med([w.rps for w in warn["name"]]) / med([x.rps for x in info["name"]]) - 1
    details = [
        f"Listings: {TOTAL:,} published (85% persons); {avg_matches:.1f} listings per name on "
        f"average, at most {max_matches}; answers up to {sizes['name']} bytes (name) and "
        f"{sizes['name+id']} bytes (name + id). Load average before the runs: {load0:.2f}.",
        "",
        "| log level | query | req/s per round | p50 ms | p99 ms | ratio to constant |",
        "|---|---|---|---|---|---|",
    ]
    for level, by_kind in results.items():
        for kind, runs in by_kind.items():
            ratio_s = (
                "-" if kind == "constant" else ", ".join(f"{x:.0%}" for x in ratios(kind, level))
            )
            details.append(
                f"| {level} | {kind} | {common.spread([x.rps for x in runs])} | "
                f"{med([x.p50_ms for x in runs]):.1f} | {max(x.p99_ms for x in runs):.1f} | "
                f"{ratio_s} |"
            )
    details += [
        "",
        f"Access log at INFO vs WARNING (name only): WARNING is {log_cost:+.0%} req/s.",
    ]
    return common.Report(
        BENCH if args.workers == 1 else f"{BENCH}-workers{args.workers}",  # beside search.json
        "python -m bench.search" + (f" --workers {args.workers}" if args.workers != 1 else ""),
        rows,
        details,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the 1M listings")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="web processes (uvicorn workers)")
    parser.add_argument("--profile", action="store_true", help="py-spy the web process")
    args = parser.parse_args()
    print(common.machine(), flush=True)
    report = asyncio.run(run(args))
    report.print()
    report.save()
    print(json.dumps({"saved": str(common.DOC)}))


if __name__ == "__main__":
    main()
