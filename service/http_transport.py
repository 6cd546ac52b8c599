"""A keep-alive HTTP/1.1 transport for ``httpx.AsyncClient``: the client for WeChat and SMS
calls, without httpcore's connection pool.

Why: httpcore's pool walks every pooled connection on every request and every response
close (``_assign_requests_to_connections`` → ``has_expired``; encode/httpx#3215). At the
worker's 50 concurrent sends that bookkeeping, not the network, was the ceiling of delivery
(docs/performance.md, "Delivery"): the bare httpx loop reached 100–350 sends/s against a
sandbox that answers in 20 ms. This transport keeps the httpx API (requests, responses,
timeouts, exceptions) and replaces only what is below it:

* one :class:`asyncio.Protocol` per connection, responses parsed by ``httptools`` (llhttp,
  the parser uvicorn uses); requests are written in one ``write``;
* per origin a fixed number of connections (a semaphore) and a LIFO list of idle ones:
  taking or returning a connection is O(1);
* idle connections the server closed are noticed by ``connection_lost`` and dropped; a
  connection idle longer than ``keepalive_expiry`` (below uvicorn's and most servers' 5 s)
  is closed instead of reused, so a request does not race a server closing it;
* timeouts as httpx defines them: ``pool`` (waiting for a connection), ``connect``, and
  ``read`` (from the request written to the whole response read; request bodies here are
  small, so ``write`` is not timed separately);
* failures surface as httpx's exceptions (``ConnectError``, ``ConnectTimeout``,
  ``ReadTimeout``, ``PoolTimeout``, ``RemoteProtocolError``), so callers that map
  ``httpx.HTTPError`` (``WeChatError``, ``SmsError``) keep working. A request is never
  retried here: a POST the server may have processed is the caller's to retry (WeChat
  sends are idempotent by ``client_msg_id``, SMS by ``ref``).

HTTP/1.1 only, no HTTP/2; ``https`` origins use TLS with certifi's CA bundle (as httpx does
by default). No proxies: :func:`provider_client` falls back to httpx's own pool when the
environment names one (``HTTPS_PROXY`` and friends, which httpx honours).
"""

from __future__ import annotations

import asyncio
import os
import ssl
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import cast

import httptools
import httpx

__all__ = ["KeepAliveTransport", "ResponseTooLarge"]

DEFAULT_MAX_CONNECTIONS = 50
DEFAULT_KEEPALIVE_EXPIRY = 4.0
#: The largest response body read from an upstream (WeChat's and the SMS gateway's answers
#: are a few hundred bytes; a configured upstream that streamed 400 MiB was read whole).
DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024


class ResponseTooLarge(httpx.RemoteProtocolError):
    """The upstream's response body passed the transport's limit; the connection is closed
    and nothing more is read. An ``httpx.HTTPError``, so callers treat it as a transport
    failure."""


class _Connection(asyncio.Protocol):
    """One HTTP/1.1 connection; at most one request in flight (no pipelining)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.closed = False
        self.idle_since = 0.0
        self.waiter: asyncio.Future[None] | None = None
        self.request: httpx.Request | None = None
        self.head_only = False
        self.headers_done = False
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []
        self.body_size = 0
        self.max_body = DEFAULT_MAX_RESPONSE_BYTES
        self.keep_alive = False

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # a stream transport (uvloop's does not subclass asyncio.Transport, hence no check)
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        if self.waiter is None:  # bytes nobody asked for: the connection cannot be reused
            self.close()
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(httpx.RemoteProtocolError("unexpected upgrade", request=self.request))
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"invalid response: {exc}", request=self.request))

    def eof_received(self) -> bool | None:
        return None  # close the transport; connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self.waiter
        if waiter is None or waiter.done():
            return
        if self.headers_done and self._body_until_close():
            self.keep_alive = False
            waiter.set_result(None)
            return
        message = "Server disconnected without sending a complete response."
        waiter.set_exception(httpx.RemoteProtocolError(message, request=self.request))

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.headers_done = True
        self.status = self.parser.get_status_code()
        if self.head_only and self.waiter is not None and not self.waiter.done():
            self.keep_alive = False  # the parser would wait for a body HEAD has not got
            self.waiter.set_result(None)

    def on_body(self, body: bytes) -> None:
        if self.closed:
            return
        self.body_size += len(body)
        if self.body_size > self.max_body:
            self.body = []
            self._fail(
                ResponseTooLarge(f"response body over {self.max_body} bytes", request=self.request)
            )
            return
        self.body.append(body)

    def on_message_complete(self) -> None:
        status = self.parser.get_status_code()
        if 100 <= status < 200:  # an interim answer; the real one follows
            self.headers, self.body, self.headers_done = [], [], False
            return
        self.status = status
        self.keep_alive = self.parser.should_keep_alive()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    # ours
    def _body_until_close(self) -> bool:
        """A response without Content-Length or chunking ends when the connection does."""
        names = {name.lower() for name, _ in self.headers}
        return b"content-length" not in names and b"transfer-encoding" not in names

    def _fail(self, exc: Exception) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(exc)
        self.close()

    def _timed_out(self) -> None:
        self._fail(httpx.ReadTimeout("timed out waiting for the response", request=self.request))

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    async def exchange(
        self, request: httpx.Request, raw: bytes, read_timeout: float | None, max_body: int
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        assert self.transport is not None
        self.request, self.head_only = request, request.method == "HEAD"
        self.headers, self.body, self.headers_done, self.status = [], [], False, 0
        self.body_size, self.max_body = 0, max_body
        self.waiter = waiter = self.loop.create_future()
        timer = (
            self.loop.call_later(read_timeout, self._timed_out)
            if read_timeout is not None
            else None
        )
        try:
            self.transport.write(raw)
            await waiter
        finally:
            if timer is not None:
                timer.cancel()
            self.waiter, self.request = None, None
        return self.status, self.headers, b"".join(self.body)


@dataclass
class _Origin:
    """The connections to one scheme://host:port."""

    slots: asyncio.Semaphore
    idle: deque[_Connection] = field(default_factory=deque)


def _timeouts(request: httpx.Request) -> dict[str, float | None]:
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout


def _serialise(request: httpx.Request, body: bytes) -> bytes:
    target = request.url.raw_path
    lines = [request.method.encode("ascii"), b" ", target, b" HTTP/1.1\r\n"]
    has_length = False
    for name, value in request.headers.raw:
        lowered = name.lower()
        if lowered == b"transfer-encoding":
            continue  # the body was read whole: it goes with a Content-Length
        if lowered == b"content-length":
            has_length = True
        lines += [name, b": ", value, b"\r\n"]
    if not has_length and (body or request.method in ("POST", "PUT", "PATCH")):
        lines += [b"Content-Length: ", str(len(body)).encode("ascii"), b"\r\n"]
    lines += [b"\r\n", body]
    return b"".join(lines)


class KeepAliveTransport(httpx.AsyncBaseTransport):
    """``httpx.AsyncClient(transport=KeepAliveTransport(max_connections=50))``."""

    def __init__(
        self,
        *,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        keepalive_expiry: float = DEFAULT_KEEPALIVE_EXPIRY,
        ssl_context: ssl.SSLContext | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.max_connections = max_connections
        self.max_response_bytes = max_response_bytes
        self.keepalive_expiry = keepalive_expiry
        self._ssl = ssl_context
        self._origins: dict[tuple[bytes, bytes, int], _Origin] = {}
        self._closed = False
        self.connections_opened = 0  # for tests and diagnostics

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            import certifi

            self._ssl = ssl.create_default_context(cafile=certifi.where())
        return self._ssl

    def _origin(self, url: httpx.URL) -> tuple[tuple[bytes, bytes, int], _Origin]:
        scheme = url.raw_scheme
        port = url.port or (443 if scheme == b"https" else 80)
        key = (scheme, url.raw_host, port)
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin(asyncio.Semaphore(self.max_connections))
        return key, origin

    async def _connect(
        self, key: tuple[bytes, bytes, int], request: httpx.Request, connect_timeout: float | None
    ) -> _Connection:
        scheme, raw_host, port = key
        if scheme not in (b"http", b"https"):
            raise httpx.UnsupportedProtocol(f"unsupported scheme {scheme!r}", request=request)
        host = raw_host.decode("ascii")
        loop = asyncio.get_running_loop()
        tls = self._ssl_context() if scheme == b"https" else None
        try:
            _, conn = await asyncio.wait_for(
                loop.create_connection(
                    lambda: _Connection(loop),
                    host,
                    port,
                    ssl=tls,
                    server_hostname=host if tls else None,
                ),
                connect_timeout,
            )
        except TimeoutError:
            raise httpx.ConnectTimeout(
                f"connecting to {host}:{port} timed out", request=request
            ) from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(f"{type(exc).__name__}: {exc}", request=request) from None
        self.connections_opened += 1
        return conn

    def _take_idle(self, origin: _Origin, now: float) -> _Connection | None:
        while origin.idle:
            conn = origin.idle.pop()  # the most recently used: least likely to be closed
            if not conn.closed and now - conn.idle_since < self.keepalive_expiry:
                return conn
            conn.close()
        return None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._closed:
            raise RuntimeError("the transport is closed")
        timeouts = _timeouts(request)
        key, origin = self._origin(request.url)
        body = await request.aread()
        raw = _serialise(request, body)
        if origin.slots.locked():
            try:
                await asyncio.wait_for(origin.slots.acquire(), timeouts.get("pool"))
            except TimeoutError:
                raise httpx.PoolTimeout("no connection free in time", request=request) from None
        else:
            await origin.slots.acquire()
        conn: _Connection | None = None
        reusable = False
        try:
            loop = asyncio.get_running_loop()
            conn = self._take_idle(origin, loop.time())
            if conn is None:
                conn = await self._connect(key, request, timeouts.get("connect"))
            status, headers, content = await conn.exchange(
                request, raw, timeouts.get("read"), self.max_response_bytes
            )
            reusable = conn.keep_alive and not conn.closed
            if reusable:
                conn.idle_since = loop.time()
                origin.idle.append(conn)
        finally:
            if conn is not None and not reusable:
                conn.close()
            origin.slots.release()
        return httpx.Response(
            status,
            headers=headers,
            stream=httpx.ByteStream(content),
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def aclose(self) -> None:
        self._closed = True
        for origin in self._origins.values():
            while origin.idle:
                origin.idle.pop().close()
        self._origins.clear()

    async def __aenter__(self) -> KeepAliveTransport:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()


PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY")


def provider_client(max_connections: int = DEFAULT_MAX_CONNECTIONS) -> httpx.AsyncClient:
    """The client for WeChat and SMS calls: on :class:`KeepAliveTransport`, or on httpx's
    pool (same size) when a proxy is configured in the environment."""
    if any(os.environ.get(name) or os.environ.get(name.lower()) for name in PROXY_VARIABLES):
        limits = httpx.Limits(max_connections=max_connections)
        return httpx.AsyncClient(limits=limits)
    return httpx.AsyncClient(transport=KeepAliveTransport(max_connections=max_connections))
