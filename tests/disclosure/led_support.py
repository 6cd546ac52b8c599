"""LED screen helpers and emulators (contract §3), shared by unit and e2e tests.

* :class:`PullScreen` plays a pull screen: polls the feed with If-None-Match, keeps the pages
  and acks each new version it "shows" — an async loop on any httpx client (ASGI or real HTTP).
* :class:`PushReceiver` plays a push screen: a Starlette app (run it as a real server with
  ``SandboxServer``) that verifies the contract §3.2 signature and records every document.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.server import SandboxServer
from tests.disclosure.helpers import listing_payload
from tests.support import CourtSigner

SCREENS = "/api/court/v1/screens"
DISCLOSURES = "/api/court/v1/disclosures"
_ids = itertools.count(1)
_RUN = secrets.token_hex(3)


def screen_id(prefix: str = "scr") -> str:
    return f"{prefix}-{_RUN}-{next(_ids)}"


async def register(
    client: httpx.AsyncClient, court: CourtSigner, **overrides: Any
) -> tuple[str, str]:
    body: dict[str, Any] = {
        "screen_id": screen_id(),
        "name": "广场大屏",
        "location": "海曙区",
        "rows": 4,
        "cols": 16,
        "mode": "pull",
        "refresh_seconds": 5,
        "lease_seconds": 30,
    }
    body.update(overrides)
    response = await court.request(client, "POST", SCREENS, body)
    assert response.status_code == 201, response.text
    token = response.json()["token"]
    assert token
    return body["screen_id"], token


async def publish(
    client: httpx.AsyncClient, court: CourtSigner, **overrides: Any
) -> dict[str, Any]:
    payload = listing_payload(**overrides)
    response = await court.request(client, "POST", DISCLOSURES, payload)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "published"
    return payload


async def withdraw(client: httpx.AsyncClient, court: CourtSigner, listing_id: str) -> None:
    path = f"{DISCLOSURES}/{listing_id}/withdraw"
    for _ in range(5):
        response = await court.request(client, "POST", path, {"reason": "performed"})
        # 503 = "retry shortly" (e.g. SQLite busy under many concurrent screen writes): a CMS
        # retries; nothing was committed.
        if response.status_code != 503:
            break
        await asyncio.sleep(0.2)
    assert response.status_code == 200, response.text


async def screen_rows(client: httpx.AsyncClient, court: CourtSigner) -> dict[str, dict[str, Any]]:
    """Every screen's row from GET /api/court/v1/screens (all pages)."""
    out: dict[str, dict[str, Any]] = {}
    cursor = ""
    while True:
        path = f"{SCREENS}?limit=500" + (f"&cursor={cursor}" if cursor else "")
        response = await court.request(client, "GET", path)
        assert response.status_code == 200, response.text
        body = response.json()
        out.update({s["screen_id"]: s for s in body["screens"]})
        if not body["next_cursor"]:
            return out
        cursor = body["next_cursor"]


def shows(pages: list[dict[str, Any]], name: str) -> bool:
    return any(name in line for page in pages for line in page["lines"])


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Seen:
    at: float  # time.monotonic() when the answer arrived
    started: float  # when the request was sent
    version: int
    pages: list[dict[str, Any]]


@dataclass
class PullScreen:
    """One emulated pull screen."""

    screen_id: str
    token: str
    client: httpx.AsyncClient
    interval: float = 1.0
    etag: str | None = None
    version: int = 0
    pages: list[dict[str, Any]] = field(default_factory=list)
    history: list[Seen] = field(default_factory=list)
    not_modified: int = 0
    errors: int = 0
    failures: list[str] = field(default_factory=list)
    # (request sent, version answered) for every 200 and 304
    answers: list[tuple[float, int]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    async def poll_once(self) -> None:
        headers = auth(self.token)
        if self.etag:
            headers["If-None-Match"] = self.etag
        started = time.monotonic()
        path = f"/api/led/v1/screens/{self.screen_id}/feed"
        try:
            response = await self.client.get(path, headers=headers)
        except httpx.HTTPError:
            self.errors += 1
            return
        self.latencies.append(time.monotonic() - started)
        if response.status_code == 304:
            self.not_modified += 1
            self.answers.append((started, int(response.headers["etag"].strip('"'))))
            return
        if response.status_code != 200:
            self.errors += 1
            return
        doc = response.json()
        self.etag = response.headers["etag"]
        self.version, self.pages = doc["version"], doc["pages"]
        self.history.append(Seen(time.monotonic(), started, self.version, self.pages))
        self.answers.append((started, self.version))
        try:
            ack = await self.client.post(
                f"/api/led/v1/screens/{self.screen_id}/ack",
                json={"version": self.version},
                headers=auth(self.token),
            )
        except httpx.HTTPError:
            self.errors += 1
            return
        if ack.status_code != 204:
            self.errors += 1

    def pages_of(self, version: int) -> list[dict[str, Any]]:
        return next(seen.pages for seen in self.history if seen.version == version)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.poll_once()
            except Exception as exc:  # keep polling, like a real screen; the test reports it
                self.failures.append(repr(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)


@dataclass
class Received:
    at: float
    version: int
    pages: list[dict[str, Any]]


@dataclass
class PushReceiver:
    """Push screens behind one server: verifies signatures, records documents per screen."""

    tokens: dict[str, str] = field(default_factory=dict)
    received: dict[str, list[Received]] = field(default_factory=dict)
    bad_signatures: int = 0

    def app(self) -> Starlette:
        async def receive(request: Request) -> Response:
            screen = request.path_params["screen_id"]
            body = await request.body()
            timestamp = request.headers.get("x-microcourt-timestamp", "")
            token = self.tokens.get(screen, "")
            expected = hmac.new(
                token.encode(), timestamp.encode() + b"\n" + body, hashlib.sha256
            ).hexdigest()
            if (
                request.headers.get("x-microcourt-screen") != screen
                or not hmac.compare_digest(
                    expected, request.headers.get("x-microcourt-signature", "")
                )
                or abs(time.time() - int(timestamp or 0)) > 300
            ):
                self.bad_signatures += 1
                return Response(status_code=401)
            doc = json.loads(body)
            self.received.setdefault(screen, []).append(
                Received(time.monotonic(), doc["version"], doc["pages"])
            )
            return Response(status_code=204)

        return Starlette(routes=[Route("/screens/{screen_id}", receive, methods=["POST"])])

    def latest(self, screen: str) -> Received | None:
        got = self.received.get(screen)
        return max(got, key=lambda r: r.version) if got else None


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[PushReceiver, SandboxServer]]:
    """Push screens served on loopback (a fixture: import it into a conftest)."""
    state = PushReceiver()
    async with SandboxServer(state.app()) as server:
        yield state, server
