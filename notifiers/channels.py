"""Which delivery channels this deployment has.

Its own module because the outbox (which plans rows) and channel choice
(notifiers/reachability.py) both need it.
"""

from __future__ import annotations

from dataclasses import dataclass

from config.settings import Settings
from notifiers.templates import Templates


@dataclass(frozen=True)
class Channels:
    """Which channels this deployment has, and the templates that render them."""

    templates: Templates
    oa: bool
    mp: bool
    sms: bool

    @classmethod
    def from_settings(cls, settings: Settings, templates: Templates) -> Channels:
        return cls(
            templates=templates,
            oa=bool(settings.wechat_oa_appid) and templates.has_app("oa"),
            mp=bool(settings.wechat_mp_appid) and templates.has_app("mp"),
            sms=bool(settings.sms_gateway_url),
        )
