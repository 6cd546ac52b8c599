"""One typed settings object, read once from ``MICROCOURT_*`` environment variables.

Every process (serve, worker, migrate, the demo, …) reads the same settings through
:func:`load_settings`. A bad value stops start-up with a message that names the variable,
so an operator never has to guess which of forty variables is wrong.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PREFIX = "MICROCOURT_"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def require_embedded(package: str, default: str, instead: str) -> None:
    """Stop with a message naming the extra and the setting when a zero-setup default (the
    SQLite file, the embedded Redis) is used without the ``embedded`` extra installed."""
    if importlib.util.find_spec(package) is None:
        raise SettingsError(
            f"{default} needs the {package} package of the 'embedded' extra: "
            f"pip install 'microcourt[embedded]', or {instead}"
        )


def private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) for this user only (0700): the embedded defaults keep
    names, addresses and openids in it (the SQLite file, the Redis append-only file)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)


def private_file(path: Path) -> None:
    """Create ``path`` if missing; either way readable and writable by this user only."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def _parse_bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{PREFIX}{name}: expected true/false, got {raw!r}")


def _parse_int(name: str, raw: str, minimum: int, maximum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{name}: expected a whole number, got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise SettingsError(f"{PREFIX}{name}: must be between {minimum} and {maximum}, got {value}")
    return value


def _parse_time(name: str, raw: str) -> time:
    try:
        hours, minutes = raw.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise SettingsError(f"{PREFIX}{name}: expected HH:MM, got {raw!r}") from None


def _parse_url(name: str, raw: str, schemes: set[str]) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not (parts.netloc or parts.path):
        allowed = ", ".join(sorted(schemes))
        raise SettingsError(f"{PREFIX}{name}: expected a URL with scheme {allowed}, got {raw!r}")
    return raw.rstrip("/") if parts.scheme.startswith("http") else raw


def _parse_key(name: str, raw: str) -> bytes:
    try:
        key = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SettingsError(f"{PREFIX}{name}: expected 32 bytes in base64") from None
    if len(key) != 32:
        raise SettingsError(f"{PREFIX}{name}: expected 32 bytes in base64, got {len(key)} bytes")
    return key


def _parse_networks(
    name: str, raw: str
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(p.strip()) for p in raw.split(",") if p.strip())
    except ValueError as exc:
        raise SettingsError(f"{PREFIX}{name}: expected comma-separated CIDRs: {exc}") from None


def _is_loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Field names are the variable names without the prefix."""

    # Storage. None means the embedded defaults: a SQLite file and an embedded Redis server.
    database_url: str | None = None
    redis_url: str | None = None
    data_dir: Path = Path("var")

    # Where parties and screens reach the service (links in messages, OAuth redirect_uri).
    public_base_url: str = "http://127.0.0.1:8000"
    court_name: str = "宁波市海曙区人民法院"
    # The court's public phone, given to parties who are locked out of binding (issue 18);
    # 12368 is the courts' litigation-service hotline.
    court_phone: str = "12368"

    # Secrets: sessions/tokens, and encryption of personal data (32 bytes, base64).
    secret_key: str = ""
    data_key: bytes = b""
    # Older data keys, still accepted for decryption while `microcourt rotate-data-key` runs.
    data_keys_old: tuple[bytes, ...] = ()

    # Court API
    court_timestamp_skew_seconds: int = 300
    court_nonce_ttl_seconds: int = 600

    # Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (IPs or CIDRs):
    # the client address (rate limits, records) is the one they report. Anyone else's
    # headers are ignored.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")

    # Public API
    public_rate_limit_per_minute: int = 60
    public_rate_limit_global_per_second: int = 500

    # WeChat (contract §5)
    wechat_api_base: str = "https://api.weixin.qq.com"
    wechat_open_base: str = "https://open.weixin.qq.com"
    wechat_oa_appid: str = ""
    wechat_oa_secret: str = ""
    wechat_oa_token: str = ""
    wechat_oa_aes_key: str = ""
    wechat_mp_appid: str = ""
    wechat_mp_secret: str = ""
    templates_file: Path | None = None
    # The court's calendar file (TOML): holiday years the package does not know, and closures.
    calendar_file: Path | None = None

    # LED push screens may be on these networks although they are not public (contract §9.8;
    # service/outbound.py). Default none: push URLs must resolve to public addresses.
    led_push_allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    # SMS fallback (contract §6)
    sms_gateway_url: str = ""
    sms_gateway_secret: str = ""

    # Delivery of notifications (notifiers/; docs/architecture.md "From court event to phone")
    wechat_rate_limit_per_second: int = 200  # per app id, across all workers
    wechat_timeout_seconds: int = 10  # every WeChat and SMS-gateway call
    notification_lease_seconds: int = 60  # a claimed row is recovered after this
    notification_sweep_seconds: int = 60  # how often the sweep re-enqueues due rows
    notification_retry_base_seconds: int = 5  # backoff: base * 2^(attempt-1), capped at 30 min
    notification_max_attempts: int = 10  # then failed_permanent and the next channel
    notification_alert_retry_seconds: int = 300  # retry after a configuration error
    notification_batch_size: int = 100  # notification ids per delivery job

    # Parties (contract §4.3)
    quiet_hours_start: time = time(22, 0)
    quiet_hours_end: time = time(8, 0)
    rights_reminder_days: tuple[int, ...] = (3, 7)

    # Logging
    log_level: str = "INFO"
    log_format: str = "json"

    # Whether the embedded defaults generated the secrets (reported at start-up).
    generated_secrets: bool = field(default=False, compare=False)

    @property
    def embedded_database(self) -> bool:
        return self.database_url is None

    @property
    def embedded_redis(self) -> bool:
        return self.redis_url is None

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite://{(self.data_dir / 'microcourt.sqlite3').resolve()}"

    @property
    def is_local(self) -> bool:
        """Local runs (loopback base URL) may use plain-HTTP cookies; everything else is Secure."""
        return _is_loopback_url(self.public_base_url)

    @property
    def database_dialect(self) -> str:
        scheme = urlsplit(self.effective_database_url).scheme
        return "postgres" if scheme in {"postgres", "postgresql", "asyncpg"} else "sqlite"


def _read(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(PREFIX + name.upper())
    return value if value not in (None, "") else None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate every setting; raise :class:`SettingsError` naming the bad variable."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}

    if raw := _read(env, "database_url"):
        values["database_url"] = _parse_url(
            "DATABASE_URL", raw, {"postgres", "postgresql", "asyncpg", "sqlite"}
        )
    if raw := _read(env, "redis_url"):
        values["redis_url"] = _parse_url("REDIS_URL", raw, {"redis", "rediss", "unix"})
    if raw := _read(env, "data_dir"):
        values["data_dir"] = Path(raw)
    if raw := _read(env, "public_base_url"):
        values["public_base_url"] = _parse_url("PUBLIC_BASE_URL", raw, {"http", "https"})
    if raw := _read(env, "court_name"):
        values["court_name"] = raw.strip()
    if raw := _read(env, "court_phone"):
        if not re.fullmatch(r"[0-9][0-9-]{2,19}", raw.strip()):
            raise SettingsError("MICROCOURT_COURT_PHONE: digits and hyphens, e.g. 0574-87654321")
        values["court_phone"] = raw.strip()
    for name in ("wechat_api_base", "wechat_open_base"):
        if raw := _read(env, name):
            values[name] = _parse_url(name.upper(), raw, {"http", "https"})
    if raw := _read(env, "sms_gateway_url"):
        values["sms_gateway_url"] = _parse_url("SMS_GATEWAY_URL", raw, {"http", "https"})
    for name in (
        "wechat_oa_appid",
        "wechat_oa_secret",
        "wechat_oa_token",
        "wechat_oa_aes_key",
        "wechat_mp_appid",
        "wechat_mp_secret",
        "sms_gateway_secret",
        "secret_key",
    ):
        if raw := _read(env, name):
            values[name] = raw.strip()
    if raw := _read(env, "templates_file"):
        path = Path(raw)
        if not path.is_file():
            raise SettingsError(f"{PREFIX}TEMPLATES_FILE: no such file: {raw}")
        values["templates_file"] = path
    if raw := _read(env, "calendar_file"):
        path = Path(raw)
        if not path.is_file():
            raise SettingsError(f"{PREFIX}CALENDAR_FILE: no such file: {raw}")
        values["calendar_file"] = path
    if raw := _read(env, "trusted_proxies"):
        nets = _parse_networks("TRUSTED_PROXIES", raw)
        values["trusted_proxies"] = tuple(
            str(n.network_address) if n.num_addresses == 1 else str(n) for n in nets
        )
    if raw := _read(env, "led_push_allow_networks"):
        values["led_push_allow_networks"] = _parse_networks("LED_PUSH_ALLOW_NETWORKS", raw)
    if raw := _read(env, "data_key"):
        values["data_key"] = _parse_key("DATA_KEY", raw)
    if raw := _read(env, "data_keys_old"):
        values["data_keys_old"] = tuple(
            _parse_key("DATA_KEYS_OLD", part) for part in raw.split(",") if part.strip()
        )
    for name, lo, hi in (
        ("court_timestamp_skew_seconds", 1, 3600),
        ("court_nonce_ttl_seconds", 60, 86400),
        ("public_rate_limit_per_minute", 1, 1_000_000),
        ("public_rate_limit_global_per_second", 1, 1_000_000),
        ("wechat_rate_limit_per_second", 1, 100_000),
        ("wechat_timeout_seconds", 1, 120),
        ("notification_lease_seconds", 1, 3600),
        ("notification_sweep_seconds", 1, 60),
        ("notification_retry_base_seconds", 1, 3600),
        ("notification_max_attempts", 1, 1000),
        ("notification_alert_retry_seconds", 1, 86400),
        ("notification_batch_size", 1, 1000),
    ):
        if raw := _read(env, name):
            values[name] = _parse_int(name.upper(), raw, lo, hi)
    for name in ("quiet_hours_start", "quiet_hours_end"):
        if raw := _read(env, name):
            values[name] = _parse_time(name.upper(), raw)
    if raw := _read(env, "rights_reminder_days"):
        values["rights_reminder_days"] = tuple(
            _parse_int("RIGHTS_REMINDER_DAYS", part, 1, 365) for part in raw.split(",")
        )
    if raw := _read(env, "log_level"):
        level = raw.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise SettingsError(f"{PREFIX}LOG_LEVEL: expected DEBUG, INFO, WARNING or ERROR")
        values["log_level"] = level
    if raw := _read(env, "log_format"):
        if raw not in {"json", "console"}:
            raise SettingsError(f"{PREFIX}LOG_FORMAT: expected json or console, got {raw!r}")
        values["log_format"] = raw

    known = {PREFIX + f.name.upper() for f in fields(Settings)}
    unknown = sorted(
        k
        for k in env
        if k.startswith(PREFIX) and k not in known and not k.startswith(PREFIX + "TEST_")
    )
    if unknown:
        raise SettingsError(f"unknown setting {unknown[0]} (check the spelling; see README)")

    settings = Settings(**values)
    _refuse_undone_defences(settings)
    return _with_secrets(settings)


def _refuse_undone_defences(settings: Settings) -> None:
    """Settings that would switch a defence off stop start-up."""
    skew, ttl = settings.court_timestamp_skew_seconds, settings.court_nonce_ttl_seconds
    if ttl < 2 * skew:
        # A request is accepted for `skew` seconds either side of its timestamp: its nonce
        # must be remembered for that whole window, or the same request replays once the
        # nonce has expired while its timestamp is still fresh.
        raise SettingsError(
            f"{PREFIX}COURT_NONCE_TTL_SECONDS ({ttl}) must be at least twice "
            f"{PREFIX}COURT_TIMESTAMP_SKEW_SECONDS ({skew}): a nonce forgotten sooner lets "
            "a captured court request replay while its timestamp is still accepted"
        )


def _with_secrets(settings: Settings) -> Settings:
    """Fill in the two secrets.

    With the embedded defaults they are generated once into the data folder, so a local run
    needs no setup and keeps its encrypted data readable across restarts. Against a real
    database the operator must set both: a generated key on one web node would make another
    node's data unreadable.
    """
    if settings.secret_key and settings.data_key:
        return settings
    if not settings.embedded_database:
        missing = [
            PREFIX + name
            for name, value in (
                ("SECRET_KEY", settings.secret_key),
                ("DATA_KEY", settings.data_key),
            )
            if not value
        ]
        raise SettingsError(
            f"{' and '.join(missing)} must be set when MICROCOURT_DATABASE_URL is set "
            "(make a data key with: "
            'python3 -c "import os,base64;print(base64.b64encode(os.urandom(32)).decode())")'
        )
    private_dir(settings.data_dir)
    secret_file = settings.data_dir / "secrets.env"
    private_file(secret_file)
    stored: dict[str, str] = {}
    for line in secret_file.read_text().splitlines():
        name, _, value = line.partition("=")
        stored[name.strip()] = value.strip()
    changed = False
    if "SECRET_KEY" not in stored:
        stored["SECRET_KEY"] = secrets.token_urlsafe(48)
        changed = True
    if "DATA_KEY" not in stored:
        stored["DATA_KEY"] = base64.b64encode(secrets.token_bytes(32)).decode()
        changed = True
    if changed:
        secret_file.write_text("".join(f"{k}={v}\n" for k, v in stored.items()))
    return Settings(
        **{
            **{f.name: getattr(settings, f.name) for f in fields(Settings)},
            "secret_key": settings.secret_key or stored["SECRET_KEY"],
            "data_key": settings.data_key or _parse_key("DATA_KEY", stored["DATA_KEY"]),
            "generated_secrets": True,
        }
    )
