"""Request and response bodies of ``POST /api/court/v1/events`` (contract §1.3).

The batch is checked as a whole only for its shape (1–1000 objects); every event is then
validated on its own, so one bad event is ``rejected`` without touching the others.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidatorFunctionWrapHandler, field_validator

from service import identifiers
from service.errors import FieldError
from service.events import nodes
from service.schemas import AwareDatetime, CaseNo

MAX_BATCH = 1000
_CASE_NOS: dict[str, str] = {}  # case number as sent → normalised (EventIn._case_no_seen)
_CASE_NOS_KEPT = 10_000
_MONEY = re.compile(r"^\d{1,13}(\.\d{1,2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[\x21-\x7e]{1,32}$")
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


class EventIn(BaseModel):
    event_id: str = Field(min_length=1, max_length=64)
    case_no: CaseNo
    node: str = Field(min_length=1, max_length=40, description="code or national code (§1.4)")
    occurred_at: AwareDatetime
    data: dict[str, Any] = Field(default_factory=dict)

    @field_validator("event_id")
    @classmethod
    def _event_id(cls, value: str) -> str:
        return value.strip()

    @field_validator("case_no", mode="wrap")
    @classmethod
    def _case_no_seen(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> str:
        """A batch names the same few cases hundreds of times: normalise each spelling once
        (a valid one; an invalid one is checked, and rejected, every time)."""
        if isinstance(value, str) and (known := _CASE_NOS.get(value)) is not None:
            return known
        normal: str = handler(value)
        if len(_CASE_NOS) >= _CASE_NOS_KEPT:
            _CASE_NOS.clear()
        _CASE_NOS[value] = normal
        return normal


class EventsIn(BaseModel):
    events: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_BATCH)


class EventResult(BaseModel):
    event_id: str
    status: Literal["accepted", "duplicate", "rejected"]
    error: dict[str, Any] | None = None


class EventsOut(BaseModel):
    results: list[EventResult]


def _time(value: Any) -> str | None:
    if isinstance(value, str) and _RFC3339.match(value):
        return datetime.fromisoformat(value.upper().replace("Z", "+00:00")).isoformat()
    return None


def check_data(node: nodes.Node, data: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """The node's data fields, normalised (money to two places, times to ISO with offset);
    fields the node does not define are dropped (unknown fields are ignored, contract §0)."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, kind in node.data.items():
        value = data.get(name)
        if value is None:
            if name in node.required or (node.kind == "funds" and name == "amount"):
                errors.append(FieldError(f"data.{name}", "missing_field", f"{name} is required"))
            continue
        where = f"data.{name}"
        if kind == nodes.MONEY:
            if not isinstance(value, str) or not _MONEY.match(value):
                errors.append(
                    FieldError(where, "money_invalid", 'a decimal string like "12000.00"')
                )
                continue
            clean[name] = f"{Decimal(value):.2f}"
        elif kind == nodes.BOOL:
            if not isinstance(value, bool):
                errors.append(FieldError(where, "invalid_field", "expected true or false"))
                continue
            clean[name] = value
        elif kind == nodes.TIME:
            if (moment := _time(value)) is None:
                errors.append(FieldError(where, "time_offset_missing", "RFC 3339 with an offset"))
                continue
            clean[name] = moment
        elif kind == nodes.DATE:
            if isinstance(value, str) and _DATE.match(value):
                clean[name] = value
            elif (moment := _time(value)) is not None:
                clean[name] = moment
            else:
                errors.append(FieldError(where, "date_invalid", "expected YYYY-MM-DD"))
        elif kind == nodes.ROUND:
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3:
                errors.append(FieldError(where, "invalid_field", "round is 1, 2 or 3"))
                continue
            clean[name] = value
        elif kind == nodes.COUNT:
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1000:
                errors.append(FieldError(where, "invalid_field", "a whole number, 1–1000"))
                continue
            clean[name] = value
        elif kind == nodes.CODE:
            if not isinstance(value, str) or not _CODE.match(value):
                errors.append(FieldError(where, "invalid_field", "1–32 printable ASCII characters"))
                continue
            clean[name] = value
        elif kind == nodes.MODE:
            if value not in nodes.CLOSE_MODES:
                errors.append(
                    FieldError(where, "invalid_field", "one of " + ", ".join(nodes.CLOSE_MODES))
                )
                continue
            clean[name] = value
        elif kind in (nodes.CASE_NO, nodes.RESUMPTION_CASE_NO):
            try:
                number = identifiers.parse_case_number(str(value))
            except identifiers.IdentifierError as exc:
                errors.append(FieldError(where, "case_no_invalid", exc.detail))
                continue
            if kind == nodes.RESUMPTION_CASE_NO and not number.is_resumption:
                errors.append(
                    FieldError(
                        where, "case_no_invalid", "恢复执行的新案号须为执恢案号（类型代字 执恢）"
                    )
                )
                continue
            clean[name] = str(number)
        elif kind == nodes.PHONE:
            try:
                clean[name] = identifiers.validate_phone(str(value))
            except identifiers.IdentifierError as exc:
                errors.append(FieldError(where, "phone_invalid", exc.detail))
        elif kind == nodes.URL:
            if not isinstance(value, str) or not value.startswith(("https://", "http://")):
                errors.append(FieldError(where, "invalid_field", "expected an http(s) URL"))
                continue
            clean[name] = value[:500]
        else:
            if not isinstance(value, str) or not value.strip() or len(value) > 500:
                errors.append(FieldError(where, "invalid_field", "expected text, 1–500 chars"))
                continue
            clean[name] = value.strip()
    return clean, errors
