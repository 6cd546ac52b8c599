"""Shared plumbing of the benchmarks (``python -m bench.<name>``).

Every benchmark starts what it needs on loopback (its own PostgreSQL database, its own Redis
database number, ``microcourt serve``/``worker`` and the WeChat sandbox as subprocesses),
measures a baseline in the same run, stops everything, prints a table and rewrites its rows in
``docs/performance.md``. Results are also kept in ``bench/results/<name>.json``; the summary
table in the document is rebuilt from every results file, so benches can run in any order.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "performance.md"
LOGS = ROOT / "var" / "bench"

PG_HOST = "127.0.0.1:5432"
PG_USER = "postgres"
# BENCH_REDIS_HOSTPORT: a Redis server of the benches' own, away from a test run's databases.
REDIS_HOSTPORT = os.environ.get("BENCH_REDIS_HOSTPORT", "127.0.0.1:6379")
# Bench-only secrets: the generated databases are throw-away test data.
SECRET_KEY = "bench-secret-key-not-for-production"
DATA_KEY = "YmVuY2gtZGF0YS1rZXktdGhpcnR5LXR3by1ieXRlcyE="  # 32 bytes, base64

# Redis database numbers, one per benchmark (tests use 0 and 15).
REDIS_DB = {"search": 8, "ingest": 9, "delivery": 10, "e2e": 11, "led": 12, "scaling": 13}

# The order of rows in the summary table.
ORDER = ("search", "ingest", "delivery", "e2e", "led", "scaling")


# --------------------------------------------------------------------------------------
# Machine and numbers
# --------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gb = 0.0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, "
        f"load average at start {load[0]:.2f}"
    )


def loadavg() -> float:
    return os.getloadavg()[0]


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def spread(values: Sequence[float]) -> str:
    """'mean ± stdev (min–max)' of repeated measurements: the noise of this machine."""
    if len(values) < 2:
        return f"{values[0]:.0f}" if values else "-"
    return (
        f"{statistics.mean(values):.0f} ± {statistics.stdev(values):.0f} "
        f"({min(values):.0f}–{max(values):.0f}, n={len(values)})"
    )


# --------------------------------------------------------------------------------------
# Resident memory, sampled from /proc
# --------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                out += [int(c) for c in (task / "children").read_text().split()]
    return out


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    """Peak RSS per named process (and, separately, its largest child: uvicorn's
    ``--workers`` children), sampled every ``interval`` seconds on a thread."""

    def __init__(self, pids: dict[str, int], interval: float = 0.25) -> None:
        self.pids = pids
        self.interval = interval
        self.peak: dict[str, float] = dict.fromkeys(pids, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                values = [rss_mb(pid)] + [rss_mb(c) for c in _children(pid)]
                self.peak[name] = max(self.peak[name], *values)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


# --------------------------------------------------------------------------------------
# PostgreSQL, Redis, environment
# --------------------------------------------------------------------------------------


def pg_url(database: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}/{database}"


async def pg_connect(database: str) -> Any:
    import asyncpg

    return await asyncpg.connect(f"postgresql://{PG_USER}@{PG_HOST}/{database}")


async def ensure_database(name: str, *, fresh: bool) -> bool:
    """Create ``name`` (dropping it first when ``fresh``). Returns True when it was created."""
    admin = await pg_connect("postgres")
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists and fresh:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
            return True
        return False
    finally:
        await admin.close()


def redis_url(bench: str) -> str:
    return f"redis://{REDIS_HOSTPORT}/{REDIS_DB[bench]}"


def flush_redis(bench: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url(bench))
    client.flushdb()
    client.close()


def env_for(bench: str, database: str, **extra: str) -> dict[str, str]:
    """The service's environment: only MICROCOURT_* variables this bench sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")}
    env.update(
        {
            "MICROCOURT_DATABASE_URL": pg_url(database),
            "MICROCOURT_REDIS_URL": redis_url(bench),
            "MICROCOURT_SECRET_KEY": SECRET_KEY,
            "MICROCOURT_DATA_KEY": DATA_KEY,
            "MICROCOURT_DATA_DIR": str(LOGS / bench / "data"),
            "MICROCOURT_LOG_FORMAT": "json",
            "MICROCOURT_QUIET_HOURS_START": "00:00",
            "MICROCOURT_QUIET_HOURS_END": "00:00",
        }
    )
    env.update(extra)
    return env


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "microcourt"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"microcourt {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def migrate(env: dict[str, str]) -> None:
    cli(env, "migrate")


def court_key(env: dict[str, str], name: str = "bench") -> tuple[str, str]:
    created = json.loads(
        cli(
            env,
            "court-key",
            "create",
            name,
            "--scopes",
            "cases,events,disclosures,screens",
            "--json",
        )
    )
    return created["key_id"], created["secret"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------------------
# Subprocesses
# --------------------------------------------------------------------------------------


@dataclass
class Procs:
    """Subprocesses of one bench run; all are stopped (SIGTERM, then SIGKILL) on exit."""

    bench: str
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, argv: Sequence[str], env: dict[str, str]) -> int:
        LOGS.joinpath(self.bench).mkdir(parents=True, exist_ok=True)
        log = (LOGS / self.bench / f"{name}.log").open("wb")
        proc = subprocess.Popen(list(argv), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc.pid

    def serve(self, name: str, env: dict[str, str], port: int, workers: int = 1) -> int:
        return self.start(
            name,
            [str(BIN / "microcourt"), "serve", "--port", str(port), "--workers", str(workers)],
            env,
        )

    def worker(self, name: str, env: dict[str, str]) -> int:
        return self.start(name, [str(BIN / "microcourt"), "worker"], env)

    def sandbox(self, env: dict[str, str], port: int, latency_ms: int, *extra: str) -> int:
        argv = [
            sys.executable,
            "-m",
            "sandbox.server",
            "--port",
            str(port),
            "--latency-ms",
            str(latency_ms),
            *extra,
        ]
        return self.start("sandbox", argv, env)

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def __enter__(self) -> Procs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_all()


async def wait_http(url: str, seconds: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code < 500:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")
            await asyncio.sleep(0.1)


# --------------------------------------------------------------------------------------
# Load generator: wrk (a C HTTP/1.1 keep-alive client) with a Lua script
# --------------------------------------------------------------------------------------

_WRK_LUA = r"""
local paths = {}
local n = 0
local i = 0
init = function(args)
  for line in io.lines(args[1]) do n = n + 1; paths[n] = line end
  i = math.random(n)
end
request = function()
  i = i % n + 1
  return wrk.format("GET", paths[i], HEADERS)
end
done = function(summary, latency, requests)
  io.write(string.format(
    "WRKJSON {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p90_us\": %d, "
    .. "\"p99_us\": %d, \"max_us\": %d, \"status_errors\": %d, \"socket_errors\": %d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
"""


def ensure_wrk() -> str:
    """wrk from Debian (``apt-get install -y wrk``); installed here when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: installing it with apt-get install -y wrk", flush=True)
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is needed: apt-get install -y wrk")
    return found


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int


def wrk(
    base: str,
    paths: Sequence[str],
    *,
    connections: int,
    seconds: int,
    headers: dict[str, str] | None = None,
    threads: int = 1,
) -> WrkResult:
    """Closed-loop load: ``connections`` keep-alive connections, each sending the next of
    ``paths`` (round robin from a random start) as soon as the answer arrives."""
    binary = ensure_wrk()
    lua_headers = "{" + ",".join(f'["{k}"]="{v}"' for k, v in (headers or {}).items()) + "}"
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bench.lua"
        script.write_text(_WRK_LUA.replace("HEADERS", lua_headers))
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        done = subprocess.run(
            [
                binary,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "5s",
                "-s",
                str(script),
                base,
                "--",
                str(listing),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    seconds_run = data["duration_us"] / 1e6
    return WrkResult(
        rps=data["requests"] / seconds_run,
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        requests=data["requests"],
        errors=data["status_errors"] + data["socket_errors"],
    )


# --------------------------------------------------------------------------------------
# Results → docs/performance.md
# --------------------------------------------------------------------------------------


@dataclass
class Row:
    metric: str
    target: str
    measured: str
    baseline: str = "-"
    ratio: str = "-"
    met: bool | None = None


@dataclass
class Report:
    bench: str
    command: str
    rows: list[Row]
    details: list[str] = field(default_factory=list)  # markdown lines for the run section
    machine: str = ""
    date: str = ""

    def print(self) -> None:
        print()
        print(_table(self.rows, with_command=False))
        for line in self.details:
            print(line)

    def save(self) -> None:
        self.machine = self.machine or machine()
        self.date = self.date or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{self.bench}.json").write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"
        )
        render_doc()


def _mark(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "-"}[met]


def _table(rows: Sequence[Row], with_command: bool, command: str = "") -> str:
    head = "| metric | target | measured | baseline | ratio | met |"
    sep = "|---|---|---|---|---|---|"
    if with_command:
        head += " command |"
        sep += "---|"
    lines = [head, sep]
    for r in rows:
        line = (
            f"| {r.metric} | {r.target} | {r.measured} | {r.baseline} | {r.ratio} "
            f"| {_mark(r.met)} |"
        )
        if with_command:
            line += f" `{command}` |"
        lines.append(line)
    return "\n".join(lines)


def _natural(path: Path) -> list[Any]:
    """e2e-w1-r20 before e2e-w1-r100: numbers compare as numbers."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", path.name)]


def _load_reports() -> list[Report]:
    reports = []
    for name in ORDER:
        # <name>.json, then variants of the same bench run with other options (<name>-*.json)
        variants = sorted(RESULTS.glob(f"{name}-*.json"), key=_natural)
        for path in [RESULTS / f"{name}.json", *variants]:
            if not path.exists():
                continue
            raw = json.loads(path.read_text())
            raw["rows"] = [Row(**r) for r in raw["rows"]]
            reports.append(Report(**raw))
    return reports


def render_doc() -> None:
    """Rebuild the generated blocks of docs/performance.md from bench/results/*.json."""
    reports = _load_reports()
    table = ["| metric | target | measured | baseline | ratio | met | command |"]
    table.append("|---|---|---|---|---|---|---|")
    for rep in reports:
        for r in rep.rows:
            table.append(
                f"| {r.metric} | {r.target} | {r.measured} | {r.baseline} | {r.ratio} "
                f"| {_mark(r.met)} | `{rep.command}` |"
            )
    runs: list[str] = []
    for rep in reports:
        runs += [
            f"### `{rep.command}`",
            "",
            f"- date: {rep.date}",
            f"- machine: {rep.machine}",
            "",
            *rep.details,
            "",
        ]
    text = DOC.read_text() if DOC.exists() else _SKELETON
    text = _replace_block(text, "table", "\n".join(table))
    text = _replace_block(text, "runs", "\n".join(runs).rstrip())
    DOC.write_text(text)


def _replace_block(text: str, name: str, body: str) -> str:
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    block = f"{start}\n{body}\n{end}"
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    return text.rstrip() + "\n\n" + block + "\n"


_SKELETON = """# Performance

<!-- bench:table:start -->
<!-- bench:table:end -->

<!-- bench:runs:start -->
<!-- bench:runs:end -->
"""


@contextlib.contextmanager
def timed(label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)


# --------------------------------------------------------------------------------------
# The court's side: signed requests, cases, events
# --------------------------------------------------------------------------------------

NODES = (  # (node, data): a mix pushed to 2 or 3 recipients (applicant, agent, respondent)
    ("funds_received", {"amount": "12000.00"}),
    ("property_sealed", {"property": "房产一处"}),
    ("online_search_started", {}),
    ("execution_notice_served", {}),
)


def signed(key: tuple[str, str], method: str, path: str, body: bytes) -> dict[str, str]:
    from service.auth.court import sign

    ts = str(int(time.time()))
    nonce = secrets_token()
    return {
        "X-Court-Key": key[0],
        "X-Court-Timestamp": ts,
        "X-Court-Nonce": nonce,
        "X-Court-Signature": sign(key[1], method, path, ts, nonce, body),
        "Content-Type": "application/json",
    }


def secrets_token() -> str:
    import secrets

    return secrets.token_urlsafe(18)


def case_body(i: int, run: int) -> dict[str, Any]:
    from service.identifiers import compute_credit_code_check, compute_resident_id_check
    from tests.factories import case_fields

    def rid(birth: str, seq: int) -> str:
        first17 = f"330203{birth}{seq % 1000:03d}"
        return first17 + compute_resident_id_check(first17)

    body = f"91330203MA{(i * 7919) % 10_000_000:07d}"
    return case_fields(
        case_no=f"（2024）浙0203执{run}{i:04d}号",
        applicant_id=rid("19900101", i),
        applicant_phone=f"138{i:08d}",
        company_id=body + compute_credit_code_check(body),
        agent_id=rid("19850505", i),
        agent_phone=f"139{i:08d}",
    )


async def create_cases(base: str, key: tuple[str, str], count: int, run: int) -> list[str]:
    import httpx

    numbers: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for i in range(count):
            body = json.dumps(case_body(i, run), ensure_ascii=False).encode()
            path = "/api/court/v1/cases"
            r = await client.post(path, content=body, headers=signed(key, "POST", path, body))
            if r.status_code not in (200, 201):
                raise RuntimeError(f"case upsert failed: {r.status_code} {r.text}")
            numbers.append(r.json()["case_no"])
    return numbers


def bind_all(env: dict[str, str]) -> None:
    """Bind every party to a fresh OA openid (tests/e2e/bind_all.py: WeChat sign-in stand-in)."""
    subprocess.run([sys.executable, "-m", "tests.e2e.bind_all"], cwd=ROOT, env=env, check=True)


def events(case_nos: Sequence[str], prefix: str, start: int, n: int) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = []
    for k in range(start, start + n):
        node, data = NODES[k % len(NODES)]
        out.append(
            {
                "event_id": f"{prefix}-{k}",
                "case_no": case_nos[k % len(case_nos)],
                "node": node,
                "occurred_at": (now - dt.timedelta(seconds=k % 3600)).isoformat(),
                "data": data,
            }
        )
    return out


def run_bench(run: Callable[[Any], Awaitable[Report]], args: Any) -> None:
    """Print the machine, run the bench, print its table and (unless ``--no-save``) save it."""
    print(machine(), flush=True)
    report = asyncio.run(run(args))
    report.print()
    if not getattr(args, "no_save", False):
        report.save()


@dataclass
class WeChatStack:
    """A fresh database and Redis db, migrated, with a court key; the web process and the
    WeChat sandbox are started by :meth:`start` (the delivery and end-to-end benches)."""

    env: dict[str, str]
    key: tuple[str, str]
    base: str
    sandbox: str
    port: int
    sandbox_port: int

    @classmethod
    async def prepare(cls, bench: str, database: str, log_level: str) -> WeChatStack:
        await ensure_database(database, fresh=True)
        flush_redis(bench)
        port, sport = free_port(), free_port()
        base, sandbox = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{sport}"
        env = env_for(bench, database, MICROCOURT_LOG_LEVEL=log_level, **wechat_env(sandbox, base))
        migrate(env)
        return cls(env, court_key(env), base, sandbox, port, sport)

    async def start(self, procs: Procs, latency_ms: int) -> int:
        """The sandbox (no receipts) and one web process; returns the web process's pid."""
        procs.sandbox(self.env, self.sandbox_port, latency_ms, "--no-receipts")
        web = procs.serve("web", self.env, self.port)
        await wait_http(self.base + "/healthz")
        await wait_http(self.sandbox + "/_sandbox/config")
        return web


def wechat_env(sandbox: str, public_base: str) -> dict[str, str]:
    """Settings that make the OA channel live against the sandbox."""
    return {
        "MICROCOURT_PUBLIC_BASE_URL": public_base,
        "MICROCOURT_WECHAT_API_BASE": sandbox,
        "MICROCOURT_WECHAT_OPEN_BASE": sandbox,
        "MICROCOURT_WECHAT_OA_APPID": "wx5a4d0000sandbox",
        "MICROCOURT_WECHAT_OA_SECRET": "sandbox-oa-secret",
        "MICROCOURT_WECHAT_OA_TOKEN": "sandboxtoken",
        "MICROCOURT_TEMPLATES_FILE": str(ROOT / "config" / "templates.demo.toml"),
        # The default (200/s per app id, across all workers) would cap every delivery
        # figure at 200/s; the benches measure the worker, so the limit is lifted.
        "MICROCOURT_WECHAT_RATE_LIMIT_PER_SECOND": "100000",
    }


# --------------------------------------------------------------------------------------
# Profiles: py-spy (pip install py-spy; only when --profile is asked for)
# --------------------------------------------------------------------------------------


def pyspy_start(pid: int, seconds: int, out: Path) -> subprocess.Popen[bytes]:
    """Sample ``pid`` (and its children) for ``seconds`` into collapsed stacks ``out``."""
    binary = shutil.which("py-spy") or str(BIN / "py-spy")
    out.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [
            binary,
            "record",
            "--pid",
            str(pid),
            "--subprocesses",
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def profile_summary(collapsed: Path, top: int = 25) -> list[str]:
    """Inclusive share of samples per function (``file:function``), our code and libraries
    alike, from py-spy's collapsed stacks; idle samples (the event loop's select) excluded."""
    from collections import Counter

    inclusive: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count_s = line.rpartition(" ")
        if not count_s.isdigit():
            continue
        count = int(count_s)
        frames = stack.split(";")
        if any(
            "select (selectors.py" in f or ("_run_once" in f and f is frames[-1])
            for f in frames[-2:]
        ):
            continue
        total += count
        seen = set()
        for frame in frames:
            name = re.sub(
                r"\s*\((.*?):\d+\)",
                lambda m: (
                    " (" + m.group(1).split("site-packages/")[-1].replace(str(ROOT) + "/", "") + ")"
                ),
                frame,
            )
            if name not in seen:
                seen.add(name)
                inclusive[name] += count
    lines = [f"busy samples: {total}"]
    for name, count in inclusive.most_common(top):
        lines.append(f"{count / max(1, total):6.1%}  {name}")
    return lines
