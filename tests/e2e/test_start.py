"""The service starts from the command line with its embedded defaults (README's first command
runs this same `microcourt serve` after installing)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_health_and_readiness_on_embedded_defaults(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCOURT_")}
    env["MICROCOURT_DATA_DIR"] = str(tmp_path / "var")
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        ready = None
        while time.monotonic() < deadline and ready is None:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                if response.status_code == 200:
                    ready = response.json()
            except httpx.HTTPError:
                time.sleep(0.2)
        assert ready == {"status": "ok", "database": "ok", "redis": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"status": "ok"}
        # the embedded defaults generated their secrets and the SQLite file
        assert (tmp_path / "var" / "secrets.env").exists()
        assert (tmp_path / "var" / "microcourt.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    # a clean stop also stops the embedded Redis it started
    assert process.returncode == 0
    assert not (tmp_path / "var" / "redis" / "redis.sock").exists() or not _answers(tmp_path)


def _answers(tmp_path: Path) -> bool:
    import redis

    try:
        return bool(redis.Redis(unix_socket_path=str(tmp_path / "var/redis/redis.sock")).ping())
    except redis.RedisError:
        return False
