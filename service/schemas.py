"""Shared field types for request bodies (contract §0).

Each type validates at the edge and raises a pydantic custom error whose type is our error
``code``, so ``service.http.validation_problem`` can list every failing field with its code.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from service import identifiers

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONEY = re.compile(r"^\d{1,13}(\.\d{1,2})?$")
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def _case_no(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_field", "case_no must be a string")
    try:
        return identifiers.normalize_case_number(value)
    except identifiers.IdentifierError as exc:
        raise PydanticCustomError("case_no_invalid", exc.detail) from None


def _phone(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_field", "phone must be a string")
    try:
        return identifiers.validate_phone(value)
    except identifiers.IdentifierError as exc:
        raise PydanticCustomError("phone_invalid", exc.detail) from None


def _date(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise PydanticCustomError("date_invalid", "expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_invalid", "no such calendar date") from None


def _money(value: Any) -> Decimal:
    if not isinstance(value, str) or not _MONEY.match(value):
        raise PydanticCustomError(
            "money_invalid", 'money is a decimal string with up to two places, e.g. "12000.00"'
        )
    return Decimal(value).quantize(Decimal("0.01"))


def _aware_datetime(value: Any) -> datetime:
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise PydanticCustomError(
            "time_offset_missing",
            "expected an RFC 3339 time with an offset, e.g. 2024-06-01T09:30:00+08:00",
        )
    return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))


CaseNo = Annotated[
    str,
    BeforeValidator(_case_no),
    WithJsonSchema(
        {
            "type": "string",
            "examples": ["（2024）浙0203执1234号"],
            "description": "案号; half-width brackets and 字第 forms accepted",
        }
    ),
]
Phone = Annotated[
    str,
    BeforeValidator(_phone),
    WithJsonSchema({"type": "string", "description": "mainland mobile or landline"}),
]
DateStr = Annotated[
    date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]
Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{1,13}(\.\d{1,2})?$", "examples": ["12000.00"]}
    ),
]
AwareDatetime = Annotated[
    datetime,
    BeforeValidator(_aware_datetime),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Text = Annotated[str, Field(min_length=1)]


KINDS = ("person", "organization")


def check_kind(value: str) -> str:
    """A party's or listing's ``kind``: person (resident ID) or organization (credit code)."""
    if value not in KINDS:
        raise PydanticCustomError("kind_unknown", "kind must be person or organization")
    return value


def check_id_no_for_kind(value: str, info: ValidationInfo) -> str:
    """Validate ``id_no`` by the ``kind`` validated before it (declare ``kind`` first)."""
    kind = info.data.get("kind")
    if kind not in KINDS:
        return value  # the kind error is reported; the number cannot be judged without it
    try:
        return identifiers.validate_id_no(str(kind), value)
    except identifiers.IdentifierError as exc:
        raise PydanticCustomError(exc.code, exc.detail) from None
