"""Fixtures for delivery tests: the WeChat and SMS sandboxes as real servers, and the app's
notification set-up pointed at them (restored afterwards, the app is shared)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from config.settings import Settings
from notifiers.channels import Channels
from notifiers.delivery import Deps
from notifiers.templates import DEMO_FILE
from sandbox.server import SandboxServer
from sandbox.sms import SmsGatewayState, create_sms_gateway
from sandbox.wechat import WeChatSandboxState, create_wechat_sandbox

SMS_SECRET = "sms-test-secret"


@dataclasses.dataclass
class Sandboxes:
    state: WeChatSandboxState
    wechat: SandboxServer
    sms_state: SmsGatewayState
    sms: SandboxServer


@pytest.fixture(scope="session")
def sandboxes() -> Iterator[Sandboxes]:
    state = WeChatSandboxState(receipts=False)
    sms_state = SmsGatewayState()
    with (
        SandboxServer(create_wechat_sandbox(state)) as wechat,
        SandboxServer(create_sms_gateway(SMS_SECRET, sms_state)) as sms,
    ):
        yield Sandboxes(state, wechat, sms_state, sms)


def notify_settings(base: Settings, boxes: Sandboxes, **overrides: Any) -> Settings:
    s = boxes.state
    values: dict[str, Any] = {
        "wechat_api_base": boxes.wechat.url,
        "wechat_oa_appid": s.oa_appid,
        "wechat_oa_secret": s.oa_secret,
        "wechat_oa_token": s.oa_token,
        "wechat_mp_appid": s.mp_appid,
        "wechat_mp_secret": s.mp_secret,
        "sms_gateway_url": boxes.sms.url,
        "sms_gateway_secret": SMS_SECRET,
        "templates_file": DEMO_FILE,
        "wechat_timeout_seconds": 2,
    }
    values.update(overrides)
    return dataclasses.replace(base, **values)


@pytest.fixture
async def notify(app: Starlette, settings: Settings, sandboxes: Sandboxes) -> AsyncIterator[Deps]:
    """The app's settings, channels and delivery deps pointed at the sandboxes; fresh
    sandbox records and an empty token cache for each test."""
    from notifiers.tasks import build_deps

    state = app.state
    saved = (state.settings, state.notification_channels, state.delivery_deps, state.wechat)
    ours = notify_settings(settings, sandboxes)
    deps = build_deps(ours, state.arq, state.arq)
    state.settings, state.notification_channels, state.delivery_deps, state.wechat = (
        ours,
        deps.channels,
        deps,
        deps.wechat,
    )
    # Tokens are cached per app id, and the session's own sandbox uses the same app ids: a
    # token of this sandbox must not outlive the test (nor one of the other, start it).
    cached = (
        f"microcourt:wechat:{ours.wechat_oa_appid}:access_token",
        f"microcourt:wechat:{ours.wechat_mp_appid}:access_token",
        f"microcourt:wechat:{ours.wechat_oa_appid}:quota_until",
        f"microcourt:wechat:{ours.wechat_oa_appid}:access_token:forced",
    )
    await state.arq.delete(*cached)
    async with httpx.AsyncClient() as admin:
        await admin.post(f"{sandboxes.wechat.url}/_sandbox/reset")
        await admin.post(f"{sandboxes.sms.url}/_sandbox/reset")
    try:
        yield deps
    finally:
        await state.arq.delete(*cached)
        await deps.http.aclose()
        state.settings, state.notification_channels, state.delivery_deps, state.wechat = saved


def channels_of(deps: Deps) -> Channels:
    return deps.channels
