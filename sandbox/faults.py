"""Switchable faults, shared by the WeChat sandbox and the SMS gateway emulator.

Tests and the demo need to see how the service copes when a provider misbehaves: an
HTTP 5xx, a call that never answers, an errcode, or a slow answer. A fault can also hit
only *after* the provider did the work (``processed: true``). That is the case that
makes a naive sender deliver a message twice. A fault affects ``count`` calls, or every
call until it is cleared when ``count`` is null.

Admin JSON shape (``POST /_sandbox/faults``)::

    {"mode": "5xx" | "timeout" | "errcode" | "latency" | "huge_body",
     "endpoint": "any" | <endpoint or group name>,
     "errcode": -1, "status": 503, "count": 1 | null,
     "latency_ms": 0, "processed": false, "hang_seconds": 30, "body_mb": 400}

``huge_body`` answers 200 with a chunked body of ``body_mb`` MiB, streamed until the client
hangs up (a misbehaving or hostile upstream; the service must not read it whole).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import asdict, dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

__all__ = ["Fault", "FaultBook", "FaultError", "apply_faults", "parse_fault"]

MODES = ("5xx", "timeout", "errcode", "latency", "huge_body")

Handler = Callable[[Request], Awaitable[Response]]


class FaultError(ValueError):
    """A fault description the admin API cannot accept (answered with 400)."""


@dataclass
class Fault:
    """One switchable fault. ``count`` is the number of calls it still affects."""

    id: int
    mode: str
    endpoint: str = "any"
    errcode: int = -1
    status: int = 503
    count: int | None = 1
    latency_ms: int = 0
    processed: bool = False
    hang_seconds: float = 30.0
    body_mb: int = 400
    applied: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _int_field(body: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FaultError(f"{name} must be an integer between {low} and {high}")
    return value


def parse_fault(
    body: object, endpoints: Collection[str], fault_id: int, modes: Collection[str] = MODES
) -> Fault:
    """Build a :class:`Fault` from admin JSON, or raise :class:`FaultError` with a reason."""
    if not isinstance(body, dict):
        raise FaultError("body must be a JSON object")
    mode = body.get("mode", "latency" if body.get("latency_ms") else None)
    if not isinstance(mode, str) or mode not in modes:
        raise FaultError(f"mode must be one of {', '.join(modes)}")
    endpoint = body.get("endpoint", "any")
    if endpoint != "any" and endpoint not in endpoints:
        raise FaultError(f"endpoint must be 'any' or one of {', '.join(sorted(endpoints))}")
    # An absent count means one call; an explicit null means until cleared.
    count = None if body.get("count", 1) is None else _int_field(body, "count", 1, 1, 1_000_000)
    hang = body.get("hang_seconds", 30.0)
    if isinstance(hang, bool) or not isinstance(hang, int | float) or not 0 < hang <= 600:
        raise FaultError("hang_seconds must be a number between 0 and 600")
    processed = body.get("processed", False)
    if not isinstance(processed, bool):
        raise FaultError("processed must be true or false")
    return Fault(
        id=fault_id,
        mode=mode,
        endpoint=endpoint,
        errcode=_int_field(body, "errcode", -1, -1_000_000, 1_000_000),
        status=_int_field(body, "status", 503, 500, 599),
        count=count,
        latency_ms=_int_field(body, "latency_ms", 0, 0, 600_000),
        processed=processed,
        hang_seconds=float(hang),
        body_mb=_int_field(body, "body_mb", 400, 1, 4096),
    )


class FaultBook:
    """The faults currently switched on, matched in the order they were added."""

    def __init__(self, endpoints: Collection[str], modes: Collection[str] = MODES) -> None:
        self.endpoints = endpoints
        self.modes = modes
        self.faults: list[Fault] = []
        self.applied = 0
        self._next_id = 1

    def add(self, body: object) -> Fault:
        fault = parse_fault(body, self.endpoints, self._next_id, self.modes)
        self._next_id += 1
        self.faults.append(fault)
        return fault

    def clear(self) -> None:
        self.faults.clear()

    def take(self, names: Collection[str]) -> Fault | None:
        """The first fault matching any of ``names`` (or ``any``); uses up one of its count."""
        for fault in self.faults:
            if fault.endpoint == "any" or fault.endpoint in names:
                fault.applied += 1
                self.applied += 1
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count == 0:
                        self.faults.remove(fault)
                return fault
        return None

    def to_json(self) -> list[dict[str, Any]]:
        return [fault.to_json() for fault in self.faults]


async def _hang(request: Request, seconds: float) -> None:
    """Do not answer, as a provider that stalls; stop early once the client gives up,
    so a test's server shuts down promptly."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        await asyncio.sleep(0.05)
        if await request.is_disconnected():
            return


async def _chunks(megabytes: int) -> AsyncIterator[bytes]:
    chunk = b'{"pad":"' + b"x" * (64 * 1024 - 9) + b"\n"
    for _ in range(megabytes * 16):
        yield chunk
        await asyncio.sleep(0)


async def apply_faults(
    request: Request,
    names: Collection[str],
    book: FaultBook,
    latency_ms: int,
    handler: Handler,
    errcode_response: Callable[[int], Response] | None = None,
) -> Response:
    """Run ``handler`` under the global latency and the first matching fault.

    ``names`` are the endpoint's own name and its group, e.g. ``("stable_token", "token")``.
    """
    await request.body()  # cached, so the handler still reads it and _hang can poll
    fault = book.take(names)
    delay = latency_ms + (fault.latency_ms if fault else 0)
    if delay:
        await asyncio.sleep(delay / 1000)
    if fault is None or fault.mode == "latency":
        return await handler(request)
    if fault.processed:
        await handler(request)
    if fault.mode == "timeout":
        await _hang(request, fault.hang_seconds)
        return PlainTextResponse("sandbox: gateway timeout", status_code=504)
    if fault.mode == "huge_body":
        return StreamingResponse(_chunks(fault.body_mb), media_type="application/json")
    if fault.mode == "errcode" and errcode_response is not None:
        return errcode_response(fault.errcode)
    return PlainTextResponse(f"sandbox: injected HTTP {fault.status}", status_code=fault.status)
