"""Helpers shared by the tests: a court-request signer and settings for the test backends."""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from service.auth.court import sign

PG_URL = os.environ.get("MICROCOURT_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("MICROCOURT_TEST_REDIS_URL", "")


def test_env(data_dir: Path) -> dict[str, str]:
    """Environment for the service under test: the backends chosen for this test run."""
    env = {
        "MICROCOURT_DATA_DIR": str(data_dir),
        "MICROCOURT_LOG_FORMAT": "json",
        # No default quiet hours: a test's result must not depend on the time of day it runs.
        # Tests of quiet hours set them explicitly.
        "MICROCOURT_QUIET_HOURS_START": "00:00",
        "MICROCOURT_QUIET_HOURS_END": "00:00",
        # The sandbox screens the tests push to listen on loopback (contract §9.8).
        "MICROCOURT_LED_PUSH_ALLOW_NETWORKS": "127.0.0.0/8",
    }
    if PG_URL:
        env["MICROCOURT_DATABASE_URL"] = PG_URL
        env["MICROCOURT_SECRET_KEY"] = "test-secret-key"
        env["MICROCOURT_DATA_KEY"] = "dGVzdC1kYXRhLWtleS10aGlydHktdHdvLWJ5dGVzISE="
    if REDIS_URL:
        env["MICROCOURT_REDIS_URL"] = REDIS_URL
    return env


@dataclass
class CourtSigner:
    """Signs court requests exactly as contract §1.1 describes."""

    key_id: str
    secret: str

    def headers(
        self,
        method: str,
        path_and_query: str,
        body: bytes,
        *,
        timestamp: int | None = None,
        nonce: str | None = None,
    ) -> dict[str, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        nonce = nonce or secrets.token_urlsafe(18)
        return {
            "X-Court-Key": self.key_id,
            "X-Court-Timestamp": ts,
            "X-Court-Nonce": nonce,
            "X-Court-Signature": sign(self.secret, method, path_and_query, ts, nonce, body),
            "Content-Type": "application/json",
        }

    async def request(
        self,
        client: httpx.AsyncClient,
        method: str,
        path: str,
        payload: Any = None,
        **overrides: Any,
    ) -> httpx.Response:
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        headers = self.headers(method, path, body, **overrides)
        return await client.request(method, path, content=body, headers=headers)
