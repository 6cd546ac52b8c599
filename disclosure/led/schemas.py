"""Bodies of the screen endpoints (contract §1.7, §3.1)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

MODES = ("pull", "push")
ROWS = (1, 64)
COLS = (2, 128)
REFRESH = (1, 300)
LEASE_MAX = 3600
SCREEN_ID = r"^[A-Za-z0-9_-]{1,64}$"


class ScreenIn(BaseModel):
    screen_id: str = Field(description="1–64 of [A-Za-z0-9_-]")
    name: str = Field(default="", max_length=100)
    location: str = Field(default="", max_length=200)
    rows: int = Field(description="lines per page, 1–64")
    cols: int = Field(description="full-width cells per line, 2–128 (ASCII is half a cell)")
    mode: str = Field(json_schema_extra={"enum": list(MODES)})
    push_url: str | None = Field(default=None, description="http(s) URL; push mode only")
    refresh_seconds: int = Field(default=5, description="poll interval, 1–300")
    lease_seconds: int = Field(default=30, description="at least 2 × refresh_seconds, at most 3600")
    rotate_token: bool = False

    @field_validator("screen_id")
    @classmethod
    def _screen_id(cls, value: str) -> str:
        if not re.match(SCREEN_ID, value):
            raise PydanticCustomError("screen_id_invalid", "screen_id: 1–64 of [A-Za-z0-9_-]")
        return value

    @field_validator("rows")
    @classmethod
    def _rows(cls, value: int) -> int:
        if not ROWS[0] <= value <= ROWS[1]:
            raise PydanticCustomError("rows_invalid", "rows must be 1–64")
        return value

    @field_validator("cols")
    @classmethod
    def _cols(cls, value: int) -> int:
        if not COLS[0] <= value <= COLS[1]:
            raise PydanticCustomError("cols_invalid", "cols must be 2–128")
        return value

    @field_validator("mode")
    @classmethod
    def _mode(cls, value: str) -> str:
        if value not in MODES:
            raise PydanticCustomError("mode_unknown", "mode must be pull or push")
        return value

    @field_validator("push_url")
    @classmethod
    def _push_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or len(value) > 500:
            raise PydanticCustomError("push_url_invalid", "push_url must be an http(s) URL")
        return value

    @field_validator("refresh_seconds")
    @classmethod
    def _refresh(cls, value: int) -> int:
        if not REFRESH[0] <= value <= REFRESH[1]:
            raise PydanticCustomError("refresh_invalid", "refresh_seconds must be 1–300")
        return value

    @model_validator(mode="after")
    def _cross(self) -> ScreenIn:
        if not 2 * self.refresh_seconds <= self.lease_seconds <= LEASE_MAX:
            raise PydanticCustomError(
                "lease_invalid", "lease_seconds must be 2 × refresh_seconds … 3600"
            )
        if self.mode == "push" and self.push_url is None:
            raise PydanticCustomError("push_url_required", "a push screen needs push_url")
        if self.mode == "pull" and self.push_url is not None:
            raise PydanticCustomError("push_url_not_allowed", "push_url is for push screens")
        return self


class RegisteredOut(BaseModel):
    screen_id: str
    token: str | None = Field(description="shown once: on creation and on rotate_token")
    created: bool
    version: int


class ScreenOut(BaseModel):
    screen_id: str
    name: str
    location: str
    rows: int
    cols: int
    mode: str
    push_url: str | None
    refresh_seconds: int
    lease_seconds: int
    version: int = Field(description="the screen's own content version")
    acked_version: int
    acked_at: str | None
    last_seen_at: str | None
    required_version: int | None = Field(
        description="the first version of this screen at or after the withdrawal floor; "
        "null until the screen was evaluated against the current floor"
    )
    compliant: bool


class ScreenListOut(BaseModel):
    disclosure_version: int
    withdrawal_floor: int
    noncompliant: int = Field(description="non-compliant screens on this page")
    screens: list[ScreenOut]
    next_cursor: str | None


class PageOut(BaseModel):
    seconds: int
    lines: list[str]


class FeedOut(BaseModel):
    screen_id: str
    version: int
    generated_at: str
    lease_expires_at: str
    refresh_seconds: int
    lease_seconds: int
    rows: int
    cols: int
    pages: list[PageOut]


class AckIn(BaseModel):
    version: int = Field(ge=1)
