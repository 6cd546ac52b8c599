"""``python -m sandbox.demo`` (what ``python3 dev.py demo`` runs): the whole service on one
machine with nothing but Python.

Starts the embedded Redis, migrates the SQLite file, loads demo data, then runs the WeChat/SMS
sandbox, the web process and a worker as child processes, prints where to look, and stops
everything on Ctrl-C. Every piece is the real one; only WeChat and the SMS gateway are
emulated (``sandbox/``), and their inboxes show what a party's phone would receive.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from config.settings import Settings, SettingsError, load_settings
from notifiers.templates import DEMO_FILE as DEMO_TEMPLATES
from sandbox.demo_data import load_demo_data
from service import db
from service.privacy import init_vault
from service.redis import resolve_redis_url

ROOT = Path(__file__).resolve().parent.parent

# The sandbox's default credentials (sandbox/wechat_state.py); the demo's service
# uses the same so the two agree without configuration.
SANDBOX_ENV = {
    "MICROCOURT_WECHAT_OA_APPID": "wx5a4d0000sandbox",
    "MICROCOURT_WECHAT_OA_SECRET": "sandbox-oa-secret",
    "MICROCOURT_WECHAT_OA_TOKEN": "sandboxtoken",
    "MICROCOURT_WECHAT_MP_APPID": "wx3b9e0000sandbox",
    "MICROCOURT_WECHAT_MP_SECRET": "sandbox-mp-secret",
    "MICROCOURT_SMS_GATEWAY_SECRET": "sandbox-sms-secret",
}


def demo_environment(port: int, sandbox_port: int) -> dict[str, str]:
    base = f"http://127.0.0.1:{sandbox_port}"
    env = {
        **SANDBOX_ENV,
        "MICROCOURT_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "MICROCOURT_WECHAT_API_BASE": base,
        "MICROCOURT_WECHAT_OPEN_BASE": base,
        "MICROCOURT_SMS_GATEWAY_URL": f"{base}/sms",
        "MICROCOURT_LOG_FORMAT": "console",
        # No quiet hours in the demo: a newcomer trying it at night sees every message arrive
        # (the banner says so; production keeps 22:00–08:00 unless configured).
        "MICROCOURT_QUIET_HOURS_START": "00:00",
        "MICROCOURT_QUIET_HOURS_END": "00:00",
    }
    if DEMO_TEMPLATES.exists():
        env["MICROCOURT_TEMPLATES_FILE"] = str(DEMO_TEMPLATES)
    # What the operator set wins over the demo's defaults.
    return {k: os.environ.get(k) or v for k, v in env.items()}


async def _prepare(settings: Settings) -> dict[str, Any]:
    await db.migrate(settings)
    init_vault(settings.data_key, settings.data_keys_old)
    await db.open_database(settings)
    try:
        return await load_demo_data(settings)
    finally:
        await db.close_database()


def _wait_ready(url: str, processes: list[subprocess.Popen[bytes]], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not become ready within {timeout:.0f} s")


def run_demo(port: int, sandbox_port: int, verbose: bool = False) -> int:
    os.environ.update(demo_environment(port, sandbox_port))
    settings = load_settings()
    os.environ["MICROCOURT_REDIS_URL"] = resolve_redis_url(settings)
    logs = settings.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if verbose:
        summary = asyncio.run(_prepare(settings))
    else:  # migrating and loading the demo data log too: to var/logs/demo.log, not here
        with (
            (logs / "demo.log").open("a", encoding="utf-8") as log,
            contextlib.redirect_stdout(log),
            contextlib.redirect_stderr(log),
        ):
            summary = asyncio.run(_prepare(settings))

    exe = [sys.executable, "-m"]
    children: list[subprocess.Popen[bytes]] = []
    # The sandbox's sign-in page asks who signs in (the demo party, or a new WeChat user who
    # then binds a case at /m/bind).
    sandbox_args = ["--port", str(sandbox_port)]

    def spawn(name: str, *args: str) -> None:
        if verbose:
            children.append(subprocess.Popen([*exe, *args], cwd=ROOT))  # noqa: S603
            return
        # Without -v each process logs to var/logs/<name>.log, so the banner stays readable.
        with (logs / f"{name}.log").open("ab") as log:
            children.append(
                subprocess.Popen(  # noqa: S603
                    [*exe, *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
                )
            )

    def stop(signum: int = signal.SIGTERM, frame: FrameType | None = None) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()

    try:
        spawn("sandbox", "sandbox.server", *sandbox_args)
        spawn("web", "service.cli", "serve", "--port", str(port))
        _wait_ready(f"http://127.0.0.1:{port}/readyz", children)
        # The worker only once the web answers: the sandbox pushes each message's receipt to
        # the web's callback right after the send, and a receipt refused there is lost.
        spawn("worker", "service.cli", "worker")
        banner = welcome_banner(port, sandbox_port, summary, None if verbose else logs)
        banner += f"  this banner is also in {settings.data_dir / 'demo.txt'}\n"
        (settings.data_dir / "demo.txt").write_text(banner, encoding="utf-8")
        print(banner, flush=True)
        if verbose:  # the banner again, last, once the start-up logs have scrolled by
            time.sleep(3)
            print(banner, flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        print("a demo process exited; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping …", file=sys.stderr)
        return 0
    finally:
        stop()


def welcome_banner(port: int, sandbox_port: int, summary: dict[str, Any], logs: Path | None) -> str:
    base = f"http://127.0.0.1:{port}"
    sandbox = f"http://127.0.0.1:{sandbox_port}"
    lines = [
        "",
        "microcourt demo is running (Ctrl-C stops everything)",
        "",
        f"  start here       {base}/            (links to every page below)",
        f"  public board     {base}/disclosures",
        f"  party pages      {base}/m/           (sign in as the demo party, or as a new "
        "WeChat user)",
        f"  staff console    {base}/console/",
        f"  API reference    {base}/docs         (document: {base}/openapi.json)",
        f"  WeChat inbox     {sandbox}/_sandbox/      (messages parties received)",
        f"  SMS inbox        {sandbox}/sms/_sandbox/",
        f"  health           {base}/healthz  ready {base}/readyz  metrics {base}/metrics",
        "",
        "  no quiet hours in the demo: every message goes out at once (production holds",
        "  ordinary messages 22:00–08:00 unless MICROCOURT_QUIET_HOURS_* say otherwise)",
        "",
        "  demo court key (sign requests as in contract §1.1):",
        "    " + json.dumps(summary.get("court_key", {}), ensure_ascii=False),
        "  demo cases (bind at /m/bind with the access code 查询码, or press 发送验证码 and",
        "  read the code in the SMS inbox above):",
        *[f"    {c}" for c in summary.get("cases", [])],
        "",
        f"  logs             {logs}/  (run with -v to see them here)" if logs else "",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox.demo",
        description="Run everything locally with demo data: web, worker, embedded Redis, "
        "WeChat and SMS sandbox.",
    )
    parser.add_argument("--port", type=int, default=8000, help="web port (default 8000)")
    parser.add_argument(
        "--sandbox-port", type=int, default=8100, help="sandbox port (default 8100)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="process logs here, not in var/logs/"
    )
    args = parser.parse_args(argv)
    try:
        load_settings()  # the operator's own settings, before the demo's defaults join them
        return run_demo(args.port, args.sandbox_port, args.verbose)
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
