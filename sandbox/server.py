"""Running the sandboxes as real HTTP servers, for tests, the demo and local work.

Tests never patch HTTP: they start the sandbox on an ephemeral loopback port with
:class:`SandboxServer` and point the service's base URLs at ``server.url``::

    with SandboxServer(create_wechat_sandbox(state)) as wechat:
        httpx.post(f"{wechat.url}/cgi-bin/stable_token", json={...})

    async with SandboxServer(app) as server:   # same, from async code
        ...

From a shell, one process serves both sandboxes on one port. The SMS gateway is mounted
under the path prefix ``/sms`` (both ``/sms`` and ``/sms/`` accept messages)::

    python -m sandbox.server --port 8100

    MICROCOURT_WECHAT_API_BASE=http://127.0.0.1:8100
    MICROCOURT_WECHAT_OPEN_BASE=http://127.0.0.1:8100
    MICROCOURT_SMS_GATEWAY_URL=http://127.0.0.1:8100/sms
    inboxes: http://127.0.0.1:8100/_sandbox/ and http://127.0.0.1:8100/sms/_sandbox/

App ids, secrets, the OA token and AES key, and the SMS secret default to the service's
``MICROCOURT_*`` variables when they are set, so the two agree without extra flags.
Receipts go to ``$MICROCOURT_PUBLIC_BASE_URL/wechat/callback`` unless
``--callback-url`` or ``--no-receipts`` says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import threading
import time
from collections.abc import Sequence
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from sandbox.sms import SmsGatewayState, create_sms_gateway
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox

__all__ = ["SMS_PREFIX", "SandboxServer", "create_sandbox_app", "main"]

SMS_PREFIX = "/sms"


def _bind(host: str, port: int) -> socket.socket:
    """Bind before starting, so an ephemeral port is known and nothing can take it first.

    ``proto=IPPROTO_TCP`` matters: asyncio sets TCP_NODELAY on accepted connections only
    for such sockets. Without it every keep-alive request waits ~40 ms on delayed ACKs.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


class SandboxServer:
    """A uvicorn server for ``app`` on a background thread, bound to ``host:port``.

    ``port=0`` picks a free ephemeral port; ``keep_alive_s`` is how long an idle keep-alive
    connection stays open (uvicorn's default, 5 s). :meth:`start` returns once the server accepts
    connections. :meth:`stop` shuts it down, cancelling handlers still hanging (e.g. a
    ``timeout`` fault) after ``graceful_s``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        startup_timeout_s: float = 10.0,
        graceful_s: int = 1,
        keep_alive_s: float = 5,
    ) -> None:
        self.app, self.host, self.port = app, host, port
        self.startup_timeout_s = startup_timeout_s
        self._config = uvicorn.Config(
            app,
            log_level=log_level,
            log_config=None,  # leave the host process's logging configuration alone
            access_log=False,
            lifespan="auto",
            timeout_graceful_shutdown=graceful_s,
            timeout_keep_alive=keep_alive_s,  # type: ignore[arg-type]  # uvicorn takes floats
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        """``http://host:port`` without a trailing slash."""
        if self._server is None:
            raise RuntimeError("SandboxServer is not running")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> SandboxServer:
        if self._server is not None:
            raise RuntimeError("SandboxServer already started")
        sock = _bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        server = uvicorn.Server(self._config)
        self._server = server

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # reported by start()
                self._error = exc
            finally:
                sock.close()

        self._thread = threading.Thread(target=run, name=f"sandbox:{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout_s
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"sandbox server did not start: {self._error!r}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout=5)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> SandboxServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await asyncio.to_thread(self.stop)


class _PrefixDispatch:
    """Send ``/sms`` and ``/sms/…`` to the SMS app (with ``root_path``), the rest to WeChat.

    Starlette's ``Mount`` would answer a POST to ``/sms`` with a redirect, which an SMS
    client does not follow, so the prefix is handled here instead.
    """

    def __init__(self, prefix: str, inner: ASGIApp, default: ASGIApp) -> None:
        self.prefix, self.inner, self.default = prefix, inner, default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == self.prefix or path.startswith(self.prefix + "/")):
            child = dict(scope)
            child["root_path"] = scope.get("root_path", "") + self.prefix
            child["path"] = path if path != self.prefix else self.prefix + "/"
            await self.inner(child, receive, send)
            return
        await self.default(scope, receive, send)


def create_sandbox_app(
    wechat_state: WeChatSandboxState | None = None,
    sms_secret: str = "sandbox-sms-secret",  # noqa: S107 - sandbox-only credential
    sms_state: SmsGatewayState | None = None,
) -> ASGIApp:
    """Both sandboxes on one ASGI app: WeChat at ``/``, the SMS gateway at ``/sms``."""
    sms = create_sms_gateway(sms_secret, sms_state)
    return _PrefixDispatch(SMS_PREFIX, sms, create_wechat_sandbox(wechat_state))


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    env = os.environ.get
    public = env("MICROCOURT_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    parser = argparse.ArgumentParser(
        prog="python -m sandbox.server",
        description="WeChat sandbox and SMS gateway emulator (SMS under /sms).",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1")
    add("--port", type=int, default=8100)
    add("--oa-appid", default=env("MICROCOURT_WECHAT_OA_APPID", "wx5a4d0000sandbox"))
    add("--oa-secret", default=env("MICROCOURT_WECHAT_OA_SECRET", "sandbox-oa-secret"))
    add("--oa-token", default=env("MICROCOURT_WECHAT_OA_TOKEN", "sandboxtoken"))
    add("--oa-aes-key", default=env("MICROCOURT_WECHAT_OA_AES_KEY") or None)
    add("--mp-appid", default=env("MICROCOURT_WECHAT_MP_APPID", "wx3b9e0000sandbox"))
    add("--mp-secret", default=env("MICROCOURT_WECHAT_MP_SECRET", "sandbox-mp-secret"))
    add("--sms-secret", default=env("MICROCOURT_SMS_GATEWAY_SECRET", "sandbox-sms-secret"))
    add("--callback-url", default=f"{public}/wechat/callback")
    add("--no-receipts", action="store_true", help="do not push events to the callback")
    add("--auto-authorize", action="store_true", help="skip the OAuth consent form")
    add("--latency-ms", type=int, default=0, help="delay added to every API call")
    add(
        "--access-log",
        action="store_true",
        help="log every request (uvicorn's access log; off by default: at a benchmark's "
        "thousands of calls per second the log line costs more than the answer)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve both sandboxes in the foreground until Ctrl-C."""
    args = _parse_args(argv)
    state = WeChatSandboxState(
        oa_appid=args.oa_appid,
        oa_secret=args.oa_secret,
        oa_token=args.oa_token,
        oa_aes_key=args.oa_aes_key,
        mp_appid=args.mp_appid,
        mp_secret=args.mp_secret,
        callback_url=None if args.no_receipts else args.callback_url,
        auto_authorize=args.auto_authorize,
        latency_ms=args.latency_ms,
    )
    app = create_sandbox_app(state, args.sms_secret, SmsGatewayState(latency_ms=args.latency_ms))
    sock = _bind(args.host, args.port)
    base = f"http://{args.host}:{sock.getsockname()[1]}"
    print(
        f"WeChat sandbox  {base}   inbox {base}/_sandbox/\n"
        f"SMS gateway     {base}{SMS_PREFIX}   inbox {base}{SMS_PREFIX}/_sandbox/\n"
        f"Receipts to     {state.callback_url or '(off)'}\n\n"
        f"MICROCOURT_WECHAT_API_BASE={base}\nMICROCOURT_WECHAT_OPEN_BASE={base}\n"
        f"MICROCOURT_SMS_GATEWAY_URL={base}{SMS_PREFIX}",
        flush=True,
    )
    config = uvicorn.Config(app, log_level="info", access_log=args.access_log)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
