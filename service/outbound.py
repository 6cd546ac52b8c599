"""Every outbound HTTP call — WeChat API, OAuth sign-in, JS-SDK ticket, SMS gateway, LED push
screens — goes through :class:`Outbound`, on aiohttp's client.

Why aiohttp: it keeps idle connections per host in a LIFO and takes or returns one without
looking at the others; httpx's pool (httpcore, and httpcore2 under httpx2 2.16) walks every
pooled connection on every request and response close (encode/httpx#3215), which at 50
concurrent sends was the ceiling of delivery. Measured side by side in ``bench.delivery``
(docs/performance.md, "HTTP client").

What this module guarantees, whatever library is under it (the callers see only this):

* a cap on connections per host (``connections``), kept alive between requests and closed
  after ``keepalive`` seconds idle (below uvicorn's and most servers' 5 s, so a request does
  not race a server closing it);
* a timeout on every call (the whole exchange, waiting for a connection included);
* no HTTP answer (refused, reset, timed out, TLS) raises :class:`HttpError`
  (:class:`HttpTimeout` for a timeout); any HTTP answer is a :class:`Reply`. Nothing is
  retried here: a POST the server may have processed is the caller's to retry;
* redirects are not followed, cookies are not kept, proxies named in the environment
  (``HTTPS_PROXY``, ``NO_PROXY`` …) are used unless ``env_proxy=False``: read when the
  client opens and decided once per host (aiohttp's ``trust_env`` re-reads the environment
  and ``~/.netrc`` on every request: half the bare-loop rate, docs/performance.md);
* an answer's body is read up to ``max_response_bytes`` (1 MiB: WeChat's and the gateway's
  answers are a few hundred bytes; an upstream that streamed 400 MiB was read whole, issue 14)
  and the call fails with :class:`ResponseTooLarge` past it, proxy or not; ``read_body=False``
  reads none of it (the LED push uses only the status);
* **the seam**: ``address_check(ip) -> bool`` is asked for every address a new connection is
  about to connect to, after name resolution, IP literals included; a refused address fails
  the call with :class:`AddressRefused`. The LED push client passes its SSRF rule here
  (``service.addresses``) and goes direct (``env_proxy=False``): through a proxy the check
  would see the proxy's address.
"""

from __future__ import annotations

import json as jsonlib
import socket
import ssl
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import certifi
from aiohappyeyeballs import AddrInfoType

__all__ = [
    "AddressCheck",
    "AddressRefused",
    "HttpError",
    "HttpTimeout",
    "Outbound",
    "Reply",
    "ResponseTooLarge",
]

DEFAULT_CONNECTIONS = 50
DEFAULT_TIMEOUT = 10.0
DEFAULT_KEEPALIVE = 4.0
DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
# In the OSError the socket factory raises; aiohappyeyeballs may fold several connect errors
# into one message, so the refusal is recognised by its text.
_REFUSED = "address refused by the outbound address check"

AddressCheck = Callable[[str], bool]


class HttpError(Exception):
    """The call got no HTTP answer (connect error, broken connection, timeout)."""


class HttpTimeout(HttpError):
    pass


class AddressRefused(HttpError):
    """The call was not made: :data:`AddressCheck` refused the address it would connect to."""


class ResponseTooLarge(HttpError):
    """The answer's body passed ``max_response_bytes``; the connection is dropped, not reused."""


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON; ValueError when it is not."""
        return jsonlib.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _refused(exc: BaseException) -> bool:
    """Whether the address check stopped this connection (the error aiohttp raises carries
    the socket factory's as ``os_error``, or as its cause)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        if _REFUSED in str(seen) or _REFUSED in str(getattr(seen, "os_error", "")):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Outbound:
    """One client: its connections are shared by every call made through it. Built anywhere;
    its aiohttp session is opened on the first call (it needs the running loop)."""

    def __init__(
        self,
        *,
        connections: int = DEFAULT_CONNECTIONS,
        timeout: float = DEFAULT_TIMEOUT,
        keepalive: float = DEFAULT_KEEPALIVE,
        address_check: AddressCheck | None = None,
        env_proxy: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.connections = connections
        self.timeout = timeout
        self.keepalive = keepalive
        self.address_check = address_check
        self.env_proxy = env_proxy
        self.max_response_bytes = max_response_bytes
        self.connections_opened = 0  # new connections made (not reused): for tests and bench
        self._session: aiohttp.ClientSession | None = None
        self._env_proxies: dict[str, str] = {}
        self._proxy_of: dict[tuple[str, str], str | None] = {}  # (scheme, host) → proxy

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=0,  # no cap across hosts; the cap is per host
            limit_per_host=self.connections,
            keepalive_timeout=self.keepalive,
            ssl=ssl.create_default_context(cafile=certifi.where()),
            socket_factory=self._socket,
        )
        if self.env_proxy:
            self._env_proxies = {
                scheme: url
                for scheme, url in urllib.request.getproxies().items()
                if scheme in ("http", "https")
            }
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            trust_env=False,  # the environment's proxies are read here, once (_proxy)
        )
        return self._session

    def _proxy(self, url: str) -> str | None:
        """The environment's proxy for ``url``'s host (None: direct), decided once per host."""
        if not self._env_proxies:
            return None
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxy_of:
            bypass = bool(key[1]) and urllib.request.proxy_bypass(key[1])
            self._proxy_of[key] = None if bypass else self._env_proxies.get(key[0])
        return self._proxy_of[key]

    def _socket(self, addr_info: AddrInfoType) -> socket.socket:
        """Every new connection's socket: the address check happens here, at connect time."""
        family, kind, proto, _, address = addr_info
        if self.address_check is not None and not self.address_check(str(address[0])):
            raise OSError(f"{_REFUSED}: {address[0]}")
        self.connections_opened += 1
        sock = socket.socket(family=family, type=kind, proto=proto)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the call's own timeout, as with httpx
        read_body: bool = True,
    ) -> Reply:
        """One exchange; ``json`` is sent as UTF-8 JSON (``ensure_ascii=False``). With
        ``read_body=False`` the reply's body is empty and the answer's is never read."""
        session = self._session or self._open()
        sent_headers = dict(headers or {})
        if json is not None:
            content = jsonlib.dumps(json, ensure_ascii=False).encode()
            sent_headers.setdefault("Content-Type", "application/json")
        limit = aiohttp.ClientTimeout(total=timeout) if timeout is not None else None
        try:
            async with session.request(
                method,
                url,
                params=params,
                data=content,
                headers=sent_headers,
                timeout=limit,
                allow_redirects=False,
                proxy=self._proxy(url),
            ) as response:
                if not read_body:
                    response.close()  # the connection goes with the unread body
                    return Reply(response.status, b"")
                return Reply(response.status, await self._read(response, method, url))
        except TimeoutError as exc:
            raise HttpTimeout(f"timeout: {method} {url}") from exc
        except (aiohttp.ClientError, OSError) as exc:
            if _refused(exc):
                raise AddressRefused(f"{exc}: {method} {url}") from exc
            raise HttpError(f"{type(exc).__name__}: {method} {url}") from exc

    async def _read(self, response: aiohttp.ClientResponse, method: str, url: str) -> bytes:
        """The body, up to ``max_response_bytes``; past it the connection is closed."""
        limit = self.max_response_bytes
        if (response.content_length or 0) > limit:
            response.close()
            raise ResponseTooLarge(f"response body over {limit} bytes: {method} {url}")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > limit:
                response.close()
                raise ResponseTooLarge(f"response body over {limit} bytes: {method} {url}")
            chunks.append(chunk)
        return b"".join(chunks)

    async def get(self, url: str, **kwargs: Any) -> Reply:
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> Reply:
        return await self.request("POST", url, **kwargs)

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> Outbound:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()
