"""What the WeChat sandbox knows: its configuration and what happened at run time.

The configuration is a plain keyword-argument class, so the service's demo and tests can
build a sandbox that matches their own settings (app ids, secrets, callback URL). The
run-time record sits apart in :class:`WeChatRuntime`. ``POST /_sandbox/reset`` then only
needs to replace that one object, and the configuration and users stay as they were.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, NamedTuple

from sandbox.faults import FaultBook
from service.outbound import Outbound

__all__ = [
    "CHINA_TZ",
    "DEMO_OPENID",
    "ENDPOINT_GROUPS",
    "AppKind",
    "AuthCode",
    "EventTarget",
    "IssuedToken",
    "SandboxUser",
    "SentMessage",
    "WeChatRuntime",
    "WeChatSandboxState",
]

AppKind = Literal["oa", "mp"]

CHINA_TZ = timezone(timedelta(hours=8), "CST")
"""Court time; the sandbox stamps ``received_at`` in it, like the service's own times."""

DEMO_OPENID = "o_sandbox_demo_party"
"""The user the authorize page signs in as unless told otherwise."""

ENDPOINT_GROUPS: dict[str, str] = {
    "stable_token": "token",
    "token": "token",
    "template": "template",
    "subscribe": "subscribe",
    "oauth_access_token": "oauth",
    "userinfo": "oauth",
    "authorize": "oauth",
    "jscode2session": "jscode2session",
    "ticket": "ticket",
}
"""API endpoint name → fault group. A fault may name either one, or ``any``."""


class EventTarget(NamedTuple):
    """Callback URL and signing material for one app's pushed events."""

    url: str | None
    token: str
    aes_key: str | None
    appid: str
    original_id: str


@dataclass
class SandboxUser:
    """A WeChat user as the sandbox sees them (one openid, in one app)."""

    openid: str
    nickname: str = "沙箱用户"
    follows_oa: bool = True
    blocks_templates: bool = False
    refused_templates: list[str] = field(default_factory=list)
    unionid: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SentMessage:
    """A template or subscribe message WeChat accepted. The JSON shape is in wechat.py."""

    msgid: int
    app: AppKind
    touser: str
    template_id: str
    data: dict[str, Any]
    received_at: float
    client_msg_id: str | None = None
    url: str | None = None
    miniprogram: dict[str, Any] | None = None
    page: str | None = None
    miniprogram_state: str | None = None
    lang: str | None = None
    truncated_keys: list[str] = field(default_factory=list)
    ignored_keys: list[str] = field(default_factory=list)
    dedup_hits: int = 0
    receipt: dict[str, Any] | None = None

    def values(self) -> dict[str, str]:
        """``{key: value}``, the shape people read."""
        return {key: str(item.get("value", "")) for key, item in self.data.items()}

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["received_at"] = datetime.fromtimestamp(self.received_at, CHINA_TZ).isoformat()
        return out


@dataclass
class IssuedToken:
    """An access token, OAuth token or jsapi ticket. Revoked tokens give 40001, like WeChat."""

    value: str
    app: AppKind
    expires_at: float
    revoked: bool = False
    openid: str | None = None
    scope: str | None = None


@dataclass
class AuthCode:
    """A one-time OAuth ``code`` (OA) or ``js_code`` (MP) bound to one user."""

    code: str
    app: AppKind
    openid: str
    scope: str
    expires_at: float
    used: bool = False


class WeChatRuntime:
    """Everything that happened since start or the last reset."""

    def __init__(self) -> None:
        self.messages: list[SentMessage] = []
        self.tokens: dict[str, IssuedToken] = {}
        self.stable: dict[AppKind, str] = {}
        self.legacy: dict[AppKind, str] = {}
        self.tickets: dict[str, IssuedToken] = {}
        self.codes: dict[str, AuthCode] = {}
        self.sns_tokens: dict[str, IssuedToken] = {}
        # (openid, template_id) -> remaining one-time subscriptions; None = long-term
        self.subscriptions: dict[tuple[str, str], int | None] = {}
        # (touser, client_msg_id) -> (msgid, first seen): WeChat's 10-minute dedup
        self.dedup: dict[tuple[str, str], tuple[int, float]] = {}
        self.content_seen: set[str] = set()
        self.faults = FaultBook(set(ENDPOINT_GROUPS) | set(ENDPOINT_GROUPS.values()))
        self.calls: Counter[str] = Counter()
        self.errcodes: dict[str, Counter[str]] = {}
        self.counts: Counter[str] = Counter()
        self._next_msgid = 2_000_001

    def next_msgid(self) -> int:
        self._next_msgid += 1
        return self._next_msgid

    def stats(self) -> dict[str, Any]:
        """The ``GET /_sandbox/stats`` document."""
        keys = (
            "tokens_issued",
            "token_refreshes",
            "accepted_calls",
            "duplicates_client_msg_id",
            "duplicates_content",
            "receipts_delivered",
            "receipts_failed",
            "events_delivered",
            "events_failed",
            "codes_issued",
        )
        out: dict[str, Any] = {key: self.counts[key] for key in keys}
        out["calls"] = dict(self.calls)
        out["errcodes"] = {name: dict(codes) for name, codes in self.errcodes.items()}
        out["messages_stored"] = len(self.messages)
        out["messages_oa"] = sum(m.app == "oa" for m in self.messages)
        out["messages_mp"] = sum(m.app == "mp" for m in self.messages)
        out["faults_applied"] = self.faults.applied
        return out


class WeChatSandboxState:
    """Configuration of the sandbox apps and users, plus the run-time record.

    All arguments are keywords with sandbox defaults. Only the ones the service must
    agree with matter: app ids, secrets, the OA token and EncodingAESKey, and the
    callback URL. The MP push settings (``mp_token``, ``mp_aes_key``,
    ``mp_callback_url``) default to the OA ones, except the AES key. MP events are sent
    in plain mode unless ``mp_aes_key`` is given, because a Mini Program has its own key.
    """

    def __init__(
        self,
        *,
        oa_appid: str = "wx5a4d0000sandbox",
        oa_secret: str = "sandbox-oa-secret",  # noqa: S107 - sandbox-only
        oa_token: str = "sandboxtoken",  # noqa: S107 - sandbox-only
        oa_aes_key: str | None = None,
        oa_original_id: str = "gh_sandbox0a0001",
        oa_name: str = "执行信息公开 (sandbox)",
        mp_appid: str = "wx3b9e0000sandbox",
        mp_secret: str = "sandbox-mp-secret",  # noqa: S107 - sandbox-only
        mp_original_id: str = "gh_sandbox3b0001",
        mp_token: str | None = None,
        mp_aes_key: str | None = None,
        callback_url: str | None = None,
        mp_callback_url: str | None = None,
        receipts: bool | None = None,
        users: Iterable[SandboxUser | Mapping[str, Any]] = (),
        default_openid: str = DEMO_OPENID,
        auto_authorize: bool = False,
        known_users_only: bool = False,
        oa_templates: Iterable[str] | None = None,
        mp_templates: Iterable[str] | None = None,
        oauth_redirect_hosts: Iterable[str] | None = None,
        latency_ms: int = 0,
        token_ttl_s: int = 7200,
        code_ttl_s: int = 300,
        dedup_window_s: int = 600,
        receipt_delay_ms: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.oa_appid, self.oa_secret, self.oa_token = oa_appid, oa_secret, oa_token
        self.oa_aes_key, self.oa_original_id, self.oa_name = oa_aes_key, oa_original_id, oa_name
        self.mp_appid, self.mp_secret, self.mp_original_id = mp_appid, mp_secret, mp_original_id
        self.mp_token = mp_token if mp_token is not None else oa_token
        self.mp_aes_key = mp_aes_key
        self.callback_url = callback_url
        self.mp_callback_url = mp_callback_url
        self.receipts = receipts
        self.users: dict[str, SandboxUser] = {}
        for user in users:
            self.set_user(user if isinstance(user, SandboxUser) else dict(user))
        self.default_openid = default_openid
        self.auto_authorize = auto_authorize
        self.known_users_only = known_users_only
        self.oa_templates = None if oa_templates is None else set(oa_templates)
        self.mp_templates = None if mp_templates is None else set(mp_templates)
        self.oauth_redirect_hosts = (
            None if oauth_redirect_hosts is None else set(oauth_redirect_hosts)
        )
        self.latency_ms = latency_ms
        self.token_ttl_s = token_ttl_s
        self.code_ttl_s = code_ttl_s
        self.dedup_window_s = dedup_window_s
        self.receipt_delay_ms = receipt_delay_ms
        self.clock = clock
        self.runtime = WeChatRuntime()
        # The client that pushes events, opened by the app's lifespan: making one per event
        # costs ~40 ms of CPU on the sandbox's loop, which would skew benchmarks.
        self.http: Outbound | None = None  # the lifespan's client for pushes to the service
        self.http_slots = asyncio.Semaphore(20)

    # -- configuration helpers -------------------------------------------------------

    def app_for(self, appid: str) -> AppKind | None:
        if appid == self.oa_appid:
            return "oa"
        if appid == self.mp_appid:
            return "mp"
        return None

    def secret_for(self, app: AppKind) -> str:
        return self.oa_secret if app == "oa" else self.mp_secret

    def appid_for(self, app: AppKind) -> str:
        return self.oa_appid if app == "oa" else self.mp_appid

    def receipts_enabled(self) -> bool:
        """Receipts default to on exactly when there is somewhere to send them."""
        enabled = self.receipts if self.receipts is not None else True
        return enabled and self.callback_url is not None

    def event_target(self, app: AppKind) -> EventTarget:
        """Where and how ``app``'s events are pushed."""
        if app == "oa":
            return EventTarget(
                self.callback_url,
                self.oa_token,
                self.oa_aes_key,
                self.oa_appid,
                self.oa_original_id,
            )
        return EventTarget(
            self.mp_callback_url or self.callback_url,
            self.mp_token,
            self.mp_aes_key,
            self.mp_appid,
            self.mp_original_id,
        )

    def user(self, openid: str) -> SandboxUser:
        """The configured user, or an ordinary follower for an openid never configured."""
        return self.users.get(openid) or SandboxUser(openid=openid)

    def set_user(self, changes: SandboxUser | Mapping[str, Any]) -> SandboxUser:
        """Create or update a user; only the given properties change."""
        if isinstance(changes, SandboxUser):
            self.users[changes.openid] = changes
            return changes
        openid = changes["openid"]
        merged = self.user(openid).to_json() | dict(changes)
        user = SandboxUser(**merged)
        self.users[openid] = user
        return user

    def config_json(self) -> dict[str, Any]:
        """The non-secret configuration, for ``GET /_sandbox/config``."""
        return {
            "oa_appid": self.oa_appid,
            "oa_original_id": self.oa_original_id,
            "oa_aes": self.oa_aes_key is not None,
            "mp_appid": self.mp_appid,
            "mp_original_id": self.mp_original_id,
            "callback_url": self.callback_url,
            "mp_callback_url": self.mp_callback_url,
            "receipts": self.receipts_enabled(),
            "default_openid": self.default_openid,
            "auto_authorize": self.auto_authorize,
            "known_users_only": self.known_users_only,
            "latency_ms": self.latency_ms,
            "token_ttl_s": self.token_ttl_s,
            "receipt_delay_ms": self.receipt_delay_ms,
        }

    # -- run-time helpers ----------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def issue_token(self, app: AppKind, prefix: str = "SBX", ttl: int | None = None) -> str:
        value = f"{prefix}_{secrets.token_urlsafe(48)}"
        lifetime = self.token_ttl_s if ttl is None else ttl
        self.runtime.tokens[value] = IssuedToken(value, app, self.now() + lifetime)
        self.runtime.counts["tokens_issued"] += 1
        return value

    def mint_code(self, app: AppKind, openid: str, scope: str = "snsapi_base") -> AuthCode:
        code = AuthCode(
            code=secrets.token_urlsafe(24),
            app=app,
            openid=openid,
            scope=scope,
            expires_at=self.now() + self.code_ttl_s,
        )
        self.runtime.codes[code.code] = code
        self.runtime.counts["codes_issued"] += 1
        return code
