"""Real processes: ``microcourt serve``, ``microcourt worker``s, our own redis-server, the
WeChat and SMS sandboxes as servers sending real receipts to the served callback.

* 2000+ deliveries shared by two workers, one SIGKILLed midway and restarted: every
  notification ends ``delivered``, both workers sent some, and none is sent twice (the
  sandbox counts by ``client_msg_id`` and by user + content).
* A Redis restart in the middle of a run loses nothing, and the one worker command keeps
  running through it.

Waits are event-driven: they watch the sandbox's in-process record (no HTTP) and end as
soon as the condition holds, each with a generous bound that only a broken run reaches.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest

from notifiers.templates import DEMO_FILE
from sandbox.server import SandboxServer
from sandbox.sms import SmsGatewayState, create_sms_gateway
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox
from service.cases.models import Case
from tests.factories import case_payload
from tests.notifiers.flow import events_for
from tests.own_redis import OwnRedis, free_port
from tests.support import PG_URL, CourtSigner

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


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

    def worker_log(self, index: int) -> str:
        return (self.logs / f"worker{index}.log").read_text(errors="replace")


@contextlib.contextmanager
def sandboxed(
    *, data_dir: Path, redis_url: str, base: str, name: str
) -> Iterator[tuple[dict[str, str], WeChatSandboxState]]:
    """A WeChat sandbox and an SMS gateway, and a stack's environment against them (this test's
    and the fault suite's): none of the caller's MICROCOURT_ settings, short leases and sweeps,
    and no quiet hours, so the result does not depend on the time of day the test runs."""
    state = WeChatSandboxState(callback_url=f"{base}/wechat/callback", receipts=True)
    sms_secret = f"{name}-sms"
    with (
        SandboxServer(create_wechat_sandbox(state)) as wechat,
        SandboxServer(create_sms_gateway(sms_secret, SmsGatewayState())) as sms,
    ):
        yield (
            {
                **{k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")},
                "MICROCOURT_DATA_DIR": str(data_dir),
                "MICROCOURT_REDIS_URL": redis_url,
                "MICROCOURT_PUBLIC_BASE_URL": base,
                "MICROCOURT_WECHAT_API_BASE": wechat.url,
                "MICROCOURT_WECHAT_OA_APPID": state.oa_appid,
                "MICROCOURT_WECHAT_OA_SECRET": state.oa_secret,
                "MICROCOURT_WECHAT_OA_TOKEN": state.oa_token,
                "MICROCOURT_SMS_GATEWAY_URL": sms.url,
                "MICROCOURT_SMS_GATEWAY_SECRET": sms_secret,
                "MICROCOURT_TEMPLATES_FILE": str(DEMO_FILE),
                "MICROCOURT_NOTIFICATION_LEASE_SECONDS": "3",
                "MICROCOURT_NOTIFICATION_SWEEP_SECONDS": "2",
                "MICROCOURT_WECHAT_TIMEOUT_SECONDS": "3",
                "MICROCOURT_QUIET_HOURS_START": "00:00",
                "MICROCOURT_QUIET_HOURS_END": "00:00",
            },
            state,
        )


def migrate_and_key(env: dict[str, str], name: str) -> CourtSigner:
    """Migrate the stack's database and create a court key called ``name`` for it."""
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([str(BIN / "microcourt"), "migrate"], **run)  # type: ignore[call-overload]
    key = subprocess.run(  # type: ignore[call-overload]
        [str(BIN / "microcourt"), "court-key", "create", name, "--json"], **run
    )
    created = json.loads(key.stdout)
    return CourtSigner(created["key_id"], created["secret"])


def _pg_name() -> str:
    return f"e2e_notify_{os.getpid()}"


async def _pg_admin(*statements: str) -> None:
    admin = await asyncpg.connect(PG_URL.replace("postgres://", "postgresql://", 1))
    try:
        for statement in statements:
            await admin.execute(statement)
    finally:
        await admin.close()


async def _fresh_pg() -> str:
    name = _pg_name()
    await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return PG_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    redis = OwnRedis(tmp_path)
    redis.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with sandboxed(data_dir=tmp_path / "data", redis_url=redis.url, base=base, name="e2e") as (
        env,
        state,
    ):
        # INFO: each worker's "notification.sent" lines show that both did work.
        env["MICROCOURT_LOG_LEVEL"] = "INFO"
        if PG_URL:
            env["MICROCOURT_DATABASE_URL"] = await _fresh_pg()
            env["MICROCOURT_SECRET_KEY"] = "e2e-secret"
            env["MICROCOURT_DATA_KEY"] = "dGVzdC1kYXRhLWtleS10aGlydHktdHdvLWJ5dGVzISE="
        court = migrate_and_key(env, "e2e")
        serve = subprocess.Popen(
            [str(BIN / "microcourt"), "serve", "--port", str(port)],
            cwd=ROOT,
            env={**env, "MICROCOURT_LOG_LEVEL": "WARNING"},
            stdout=(tmp_path / "serve.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        stack = Stack(env, base, court, state, redis, [], tmp_path)
        try:
            async with httpx.AsyncClient() as c:
                for _ in range(400):
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
            if PG_URL:  # the database of this run is not left behind on the server
                await _pg_admin(f'DROP DATABASE IF EXISTS "{_pg_name()}" WITH (FORCE)')


async def _load(stack: Stack, cases: int, per_case: int) -> int:
    """Cases with 3 bound parties and their events; returns the number of notifications."""
    async with httpx.AsyncClient(base_url=stack.base, timeout=60) as c:
        gate = asyncio.Semaphore(8)

        async def one() -> str:
            async with gate:
                r = await stack.court.request(c, "POST", "/api/court/v1/cases", case_payload())
                assert r.status_code == 201, r.text
                return str(r.json()["case_no"])

        numbers = await asyncio.gather(*(one() for _ in range(cases)))
        bind = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.e2e.bind_all", cwd=ROOT, env=stack.env
        )
        assert await bind.wait() == 0
        events = [
            e
            for i, no in enumerate(numbers)
            for e in events_for(Case(case_no=no), f"e2e{i}", per_case)
        ]
        for start in range(0, len(events), 1000):
            r = await stack.court.request(
                c, "POST", "/api/court/v1/events", {"events": events[start : start + 1000]}
            )
            assert r.status_code == 200, r.text
            assert {i["status"] for i in r.json()["results"]} == {"accepted"}
    counts = await _statuses(stack)
    assert set(counts) == {"created"}  # no worker yet: everything waits in the outbox
    return sum(counts.values())


async def _statuses(stack: Stack) -> Counter[str]:
    counts: Counter[str] = Counter()
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as c:
        cursor = ""
        while True:
            path = "/api/court/v1/notifications?limit=500" + (f"&cursor={cursor}" if cursor else "")
            r = await stack.court.request(c, "GET", path)
            assert r.status_code == 200, r.text
            body = r.json()
            counts.update(i["status"] for i in body["items"])
            cursor = body.get("next_cursor") or ""
            if not cursor:
                return counts


async def _until(condition: Callable[[], bool], seconds: float) -> bool:
    """Wait until ``condition()`` holds (checked every 20 ms); False if ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def _all_delivered(stack: Stack, total: int, seconds: float) -> Counter[str]:
    """Wait for every receipt to reach the service, then for the database to show every row
    ``delivered`` (a receipt that overtook its ``sent`` update is applied right after)."""
    runtime = stack.state.runtime
    await _until(lambda: runtime.counts["receipts_delivered"] >= total, seconds)
    deadline = time.monotonic() + 15
    while True:
        counts = await _statuses(stack)
        if counts.get("delivered", 0) == total or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(0.2)


def _assert_no_double_sends(state: WeChatSandboxState, total: int) -> None:
    messages = state.runtime.messages
    ids = Counter(m.client_msg_id for m in messages)
    assert len(messages) == total
    assert len(ids) == total and max(ids.values()) == 1
    assert state.runtime.stats()["duplicates_content"] == 0


def _sent_by(stack: Stack, index: int) -> int:
    return stack.worker_log(index).count('"notification.sent"')


async def test_two_workers_share_2000_deliveries_and_survive_a_sigkill(stack: Stack) -> None:
    total = await _load(stack, cases=80, per_case=10)  # 80 × (10 to applicant+agent, 7 both)
    assert total >= 2000
    messages = stack.state.runtime.messages
    stack.start_worker()
    stack.start_worker()
    assert await _until(lambda: len(messages) >= total // 4, 60)
    # Kill the one that is sending (on a busy machine either may have started first).
    victim = max((0, 1), key=lambda i: _sent_by(stack, i))
    stack.workers[victim].send_signal(signal.SIGKILL)
    stack.workers[victim].wait()
    killed_at = len(messages)
    assert killed_at < total
    stack.start_worker()
    counts = await _all_delivered(stack, total, 90)
    assert counts == Counter({"delivered": total})
    _assert_no_double_sends(stack.state, total)
    # the work was shared: the killed worker had sent, and the others finished its rows
    assert _sent_by(stack, victim) > 0
    assert _sent_by(stack, 1 - victim) + _sent_by(stack, 2) > 0


async def test_a_redis_restart_mid_run_loses_nothing(stack: Stack) -> None:
    total = await _load(stack, cases=20, per_case=10)
    messages = stack.state.runtime.messages
    worker = stack.start_worker()
    assert await _until(lambda: len(messages) >= total // 3, 60)
    stack.redis.stop()  # queue, token cache, locks and rate windows are gone
    stopped_at = len(messages)
    await asyncio.sleep(1)
    stack.redis.start()
    # Bounded below the 60 s for which arq keeps the result of a job it "expired" (its key
    # vanished with the restart): a row blocked by such an id must be recovered, not waited out.
    counts = await _all_delivered(stack, total, 40)
    assert worker.poll() is None, f"the worker died with Redis:\n{stack.worker_log(0)[-3000:]}"
    assert stopped_at < total
    assert counts == Counter({"delivered": total})
    _assert_no_double_sends(stack.state, total)
