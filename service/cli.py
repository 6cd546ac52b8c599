"""The ``microcourt`` command (contract §7). Every command reads the same settings."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from config.settings import Settings, SettingsError, load_settings

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(f"configuration error: {exc}") from None


async def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    from service import db
    from service.privacy import init_vault

    init_vault(settings.data_key, settings.data_keys_old)
    await db.open_database(settings)
    try:
        return await work()
    finally:
        await db.close_database()


class _Commands(click.Group):
    """Every command stops on a configuration problem with its message, not a traceback
    (e.g. the embedded defaults used without the ``embedded`` extra installed)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SettingsError as exc:
            raise click.ClickException(f"configuration error: {exc}") from None


@click.group(cls=_Commands)
def main() -> None:
    """microcourt — case progress, disclosure and filings for a court enforcement bureau."""


@main.command()
def migrate() -> None:
    """Apply pending database migrations."""
    from service import db

    settings = _settings()
    applied = asyncio.run(db.migrate(settings))
    click.echo(
        f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else "")
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="web processes")
def serve(host: str, port: int, workers: int) -> None:
    """Run the web service."""
    import uvicorn

    from service import db
    from service.redis import resolve_redis_url

    settings = _settings()
    if settings.embedded_database:
        # Zero-setup runs keep their SQLite schema current by themselves.
        asyncio.run(db.migrate(settings))
    # Resolve Redis once here so every web process shares the same (possibly embedded) server.
    os.environ["MICROCOURT_REDIS_URL"] = resolve_redis_url(settings)
    # uvicorn re-raises SIGTERM after its graceful shutdown; exiting normally instead lets the
    # atexit hooks run, so an embedded Redis this process started is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=None,
        # X-Forwarded-For is read by the app itself, from MICROCOURT_TRUSTED_PROXIES only.
        proxy_headers=False,
    )


@main.command()
def worker() -> None:
    """Run an arq worker (deliveries, sweeps, expiry, pushes to screens); it reconnects and
    carries on after a Redis restart (notifiers/supervisor.py)."""
    from notifiers import supervisor
    from notifiers.worker import worker_settings

    _settings()
    supervisor.run(worker_settings)


@main.group("court-key")
def court_key() -> None:
    """Manage the keys court systems sign their requests with."""


@court_key.command("create")
@click.argument("name")
@click.option(
    "--scopes",
    default="cases,events,disclosures,screens,objections,rights",
    show_default=True,
    help="comma-separated scopes",
)
@click.option("--json", "as_json", is_flag=True, help='print {"key_id", "secret"} as JSON')
def court_key_create(name: str, scopes: str, as_json: bool) -> None:
    """Create a key; the secret is printed once and stored only encrypted."""
    from service.auth.court import create_key

    settings = _settings()
    wanted = [s.strip() for s in scopes.split(",") if s.strip()]
    try:
        key = asyncio.run(_with_database(settings, lambda: create_key(name, wanted)))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(
            json.dumps({"key_id": key.key_id, "secret": key.secret, "scopes": list(key.scopes)})
        )
    else:
        click.echo(f"key_id: {key.key_id}\nsecret: {key.secret}\nscopes: {','.join(key.scopes)}")
        click.echo("Store the secret now: it is not shown again.", err=True)


@court_key.command("revoke")
@click.argument("key_id")
def court_key_revoke(key_id: str) -> None:
    """End a key: requests signed with it are refused from now on."""
    from service.auth.court import revoke_key

    settings = _settings()
    if not asyncio.run(_with_database(settings, lambda: revoke_key(key_id))):
        raise click.ClickException(f"no active key {key_id}")
    click.echo(f"revoked {key_id}")


@main.group()
def disclosures() -> None:
    """失信 listings (contract §1.6)."""


@disclosures.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="where to write the per-row error report (default FILE.errors.csv)",
)
def disclosures_import(file: Path, errors_path: Path | None) -> None:
    """Import listings from FILE.xlsx or FILE.csv; exits 1 when any row was refused."""
    from disclosure.cli import run_import
    from notifiers import outlet

    settings = _settings()
    # Listings published by the import tell the parties; the worker's sweep queues them.
    import_outlet = outlet.from_settings(settings)
    outlet.bind_process(lambda: import_outlet)
    code = run_import(settings, file, errors_path)
    if code:
        sys.exit(code)


@main.group()
def staff() -> None:
    """Staff accounts of the console at /console/ (contract §9.7)."""


def _read_password(from_stdin: bool) -> str | None:
    """The password from stdin (one line), or None to generate one."""
    if not from_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("no password on stdin")
    return line


@staff.command("create")
@click.argument("username")
@click.option(
    "--role", required=True, type=click.Choice(["viewer", "clerk", "disclosure", "admin"])
)
@click.option("--password-stdin", is_flag=True, help="read the password from stdin")
@click.option("--totp", "with_totp", is_flag=True, help="enrol TOTP (always for admin, disclosure)")
@click.option("--court", default="default", show_default=True, help="the court's code")
def staff_create(
    username: str, role: str, password_stdin: bool, with_totp: bool, court: str
) -> None:
    """Create an account; a generated password and the TOTP enrolment are printed once."""
    from service.console import accounts

    settings = _settings()
    password = _read_password(password_stdin)
    try:
        created = asyncio.run(
            _with_database(
                settings,
                lambda: accounts.create(
                    username, role, password, with_totp=with_totp, court_code=court
                ),
            )
        )
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {username} ({role})")
    if created.password:
        click.echo(f"password: {created.password}")
    if created.totp_uri:
        click.echo(f"totp: {created.totp_uri}")
    if created.password or created.totp_uri:
        click.echo("Store these now: they are not shown again.", err=True)


async def _end_sessions(settings: Settings, account_id: int) -> int:
    from service.console import sessions
    from service.redis import connect, resolve_redis_url

    redis = connect(resolve_redis_url(settings))
    try:
        return await sessions.end_all(redis, account_id)
    finally:
        await redis.aclose()


@staff.command("disable")
@click.argument("username")
@click.option("--court", default="default", show_default=True, help="the court's code")
def staff_disable(username: str, court: str) -> None:
    """Disable an account; its open sessions are refused at once."""
    from service.console import accounts

    settings = _settings()

    async def work() -> int:
        account = await accounts.disable(username, court_code=court)
        return await _end_sessions(settings, account.id)

    try:
        ended = asyncio.run(_with_database(settings, work))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"disabled {username}; ended {ended} session(s)")


@staff.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the new password from stdin")
@click.option("--court", default="default", show_default=True, help="the court's code")
def staff_reset_password(username: str, password_stdin: bool, court: str) -> None:
    """Set a new password (generated and printed once unless read from stdin); the account's
    open sessions end."""
    from service.console import accounts

    settings = _settings()
    password = _read_password(password_stdin)

    async def work() -> tuple[str | None, int]:
        generated = await accounts.reset_password(username, password, court_code=court)
        account = await accounts.require(username, court)
        return generated, await _end_sessions(settings, account.id)

    try:
        generated, ended = asyncio.run(_with_database(settings, work))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"password reset for {username}; ended {ended} session(s)")
    if generated:
        click.echo(f"password: {generated}")
        click.echo("Store it now: it is not shown again.", err=True)


@main.command("court-request")
@click.argument("method")
@click.argument("path")
@click.option(
    "--data",
    "data_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON body from this file ('-' is not read: use a file)",
)
@click.option("--key-id", envvar="MICROCOURT_COURT_KEY_ID", required=True, help="or that env")
@click.option(
    "--secret",
    envvar="MICROCOURT_COURT_KEY_SECRET",
    required=True,
    help="better from the env MICROCOURT_COURT_KEY_SECRET (arguments show in ps)",
)
@click.option("--base", help="the service's address (default MICROCOURT_PUBLIC_BASE_URL)")
def court_request(
    method: str, path: str, data_file: Path | None, key_id: str, secret: str, base: str | None
) -> None:
    """Sign one request with a court key (contract §1.1) and print the answer (for integrators;
    docs/court-api.md shows the same signing in Python and shell)."""
    import secrets as token_source
    import time

    import httpx

    from service.auth.court import sign

    if not path.startswith("/"):
        raise click.ClickException("PATH starts with /, e.g. /api/court/v1/notifications")
    origin = (base or _settings().public_base_url).rstrip("/")
    url = httpx.URL(origin + path)
    path_and_query = url.raw_path.decode("ascii")  # exactly as it goes on the wire
    body = data_file.read_bytes() if data_file else b""
    timestamp = str(int(time.time()))
    nonce = token_source.token_urlsafe(18)
    headers = {
        "X-Court-Key": key_id,
        "X-Court-Timestamp": timestamp,
        "X-Court-Nonce": nonce,
        "X-Court-Signature": sign(secret, method, path_and_query, timestamp, nonce, body),
        "Content-Type": "application/json",
    }
    try:
        response = httpx.request(method.upper(), url, content=body, headers=headers, timeout=30)
    except httpx.HTTPError as exc:
        raise click.ClickException(f"request failed: {exc}") from None
    click.echo(f"HTTP {response.status_code}", err=True)
    click.echo(response.text)
    if response.status_code >= 400:
        sys.exit(1)


def run(argv: list[str] | None = None) -> Any:
    return main.main(args=argv, standalone_mode=False)


if __name__ == "__main__":
    sys.exit(main())
