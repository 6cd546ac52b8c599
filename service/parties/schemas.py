"""Request and response bodies of the party API (contract §4.2–§4.3)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from service.events.nodes import NODES

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class SmsCodeIn(BaseModel):
    case_no: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=100)
    id_no: str = Field(min_length=1, max_length=32)


class BindingIn(SmsCodeIn):
    """Name + identity number and a second factor: ``sms_code`` (from
    ``POST /api/party/v1/bindings/sms-code``) or ``access_code`` (the case's 查询码)."""

    sms_code: str | None = Field(
        default=None, max_length=16, description="the 6-digit code sent by SMS (10 minutes)"
    )
    access_code: str | None = Field(
        default=None, max_length=32, description="the case's 查询码 printed on the court's notice"
    )


class SmsCodeOut(BaseModel):
    """The same answer whether or not anything matched."""

    status: str = Field(description='always "accepted"')
    expires_in: int = Field(description="seconds a code is valid")
    detail: str


class BindingOut(BaseModel):
    binding_id: str
    case_id: str
    role: str


class CaseSummaryOut(BaseModel):
    case_id: str
    case_no: str
    role: str
    court: str
    status: str
    last_node: str | None = Field(
        description="the latest node pushed to the caller's role (an agent: their principal's); "
        "never a step told only to another role or to nobody"
    )
    last_node_name: str | None
    last_node_at: datetime | None


class CaseListOut(BaseModel):
    cases: list[CaseSummaryOut]


class HandlerOut(BaseModel):
    name: str
    phone: str | None


class TimelineItemOut(BaseModel):
    node: str
    name_zh: str
    occurred_at: datetime
    summary: str


class CaseDetailOut(CaseSummaryOut):
    filed_at: date
    cause: str | None
    amount: str | None
    handler: HandlerOut | None
    timeline: list[TimelineItemOut]


class QuietHours(BaseModel):
    start: str = Field(description="HH:MM, Asia/Shanghai")
    end: str = Field(description="HH:MM; equal to start means no quiet hours")

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise PydanticCustomError("invalid_field", "expected HH:MM (24-hour)")
        return value

    def as_times(self) -> tuple[time, time]:
        return time.fromisoformat(self.start), time.fromisoformat(self.end)


class PreferencesIn(BaseModel):
    opted_out: list[str] = Field(default_factory=list, max_length=64)
    quiet_hours: QuietHours | None = None

    @field_validator("opted_out")
    @classmethod
    def _nodes(cls, value: list[str]) -> list[str]:
        for code in value:
            node = NODES.get(code)
            if node is None:
                raise PydanticCustomError("node_unknown", f"unknown node code {code[:40]!r}")
            if node.legally_significant:
                raise PydanticCustomError(
                    "node_mandatory", f"{code} is legally significant and is always sent"
                )
        return sorted(set(value))


class NodeChoice(BaseModel):
    code: str
    name_zh: str
    mandatory: bool
    opted_out: bool


class PreferencesOut(BaseModel):
    opted_out: list[str]
    quiet_hours: QuietHours
    nodes: list[NodeChoice]


class JsSdkOut(BaseModel):
    """The arguments of ``wx.config`` (names as the JS-SDK expects them)."""

    appId: str  # WeChat's own field names (camelCase)
    timestamp: int
    nonceStr: str
    signature: str
