"""WeChat error codes → what the sender does (../shared/research/wechatpy.md §4)."""

from __future__ import annotations

import enum


class Action(enum.Enum):
    RETRY = "retry"  # transient: back off and try again (−1, 43108, HTTP 5xx, transport)
    REFRESH = "refresh"  # token invalid: refresh once and retry at once
    DEFER_DAY = "defer_day"  # 45009 daily quota: not today; resume after midnight (court time)
    DEFER_MINUTE = "defer_minute"  # 45011 minute quota: about 60 s
    PERMANENT = "permanent"  # this recipient cannot get it here: fall back to the next channel
    ALERT = "alert"  # our configuration is wrong: alert, retry later, do not fall back


_ACTIONS: dict[int, Action] = {
    -1: Action.RETRY,
    43108: Action.RETRY,
    40001: Action.REFRESH,
    40014: Action.REFRESH,
    42001: Action.REFRESH,
    45009: Action.DEFER_DAY,
    45011: Action.DEFER_MINUTE,
    40003: Action.PERMANENT,
    43004: Action.PERMANENT,
    43101: Action.PERMANENT,
    47003: Action.PERMANENT,
    45168: Action.PERMANENT,
    40037: Action.ALERT,
    41030: Action.ALERT,
    48001: Action.ALERT,
    40164: Action.ALERT,
    40013: Action.ALERT,
    40125: Action.ALERT,
    43107: Action.ALERT,
    47001: Action.ALERT,
}


def classify(code: int | None) -> Action:
    """``None`` means no WeChat answer at all (timeout, connection error, HTTP ≥ 400).
    Unknown codes are retried with backoff; the attempt limit then falls back."""
    if code is None:
        return Action.RETRY
    return _ACTIONS.get(code, Action.RETRY)


class WeChatError(Exception):
    """A call that did not succeed, with the code (or None) and what to do about it."""

    def __init__(self, code: int | None, message: str, action: Action | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.action = action or classify(code)

    @property
    def error_code(self) -> str:
        """The code recorded on the notification and the attempt."""
        return str(self.code) if self.code is not None else "transport"
