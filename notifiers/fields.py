"""Fitting message variables to WeChat's field rules (contract §5, wechatpy.md §4).

A template key's type is its prefix (``thing1`` → ``thing``). :func:`fit` turns a variable's
stored value (ISO times, ``"12000.00"`` amounts, free text) into a value WeChat accepts for
that type: ``thing`` ≤ 20 characters on one line, ``time`` as ``2024年06月01日 09:30`` in
court time, ``amount`` as ``12000.00元``, ``character_string`` ≤ 32 ASCII characters. A
variable the message does not have renders as ``-``.

Which variable may feed which type is decided once, at start-up (:func:`mapping_problem`),
so a mapping that cannot work (a CJK case number into ``character_string``, any variable
into ``phrase``) stops the process instead of failing messages one by one.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from service.clock import SHANGHAI

VARIABLES = (
    "case_no",
    "node_name",
    "occurred_at",
    "summary",
    "court",
    "amount",
    "deadline",
    "objection_deadline",
    "starts_at",
    "interview_at",
    "receipt_no",
)
MISSING = "-"
THING_MAX = 20
STRING_MAX = 32

# The types each variable can always be fitted to. ``thing`` takes anything (truncated).
FITS: dict[str, frozenset[str]] = {
    "case_no": frozenset({"thing"}),  # case numbers carry CJK: never character_string
    "node_name": frozenset({"thing"}),  # up to 16 CJK characters: never phrase (≤ 5)
    "occurred_at": frozenset({"thing", "time", "date"}),
    "summary": frozenset({"thing"}),
    "court": frozenset({"thing"}),
    "amount": frozenset({"thing", "amount", "number"}),
    "deadline": frozenset({"thing", "time", "date"}),  # the objection deadline (as below)
    "objection_deadline": frozenset({"thing", "time", "date"}),
    "starts_at": frozenset({"thing", "time", "date"}),
    "interview_at": frozenset({"thing", "time", "date"}),
    "receipt_no": frozenset({"thing", "character_string"}),
}
# Types whose rule "-" breaks: a variable mapped to one of these must always be present.
STRICT = frozenset({"time", "date", "amount", "number", "character_string"})
# Variables every message has, and those a kind guarantees.
ALWAYS = frozenset({"case_no", "node_name", "occurred_at", "summary", "court"})
KIND_GUARANTEES: dict[str, frozenset[str]] = {
    "funds": frozenset({"amount"}),
    "objection": frozenset({"receipt_no"}),  # objection_status_changed always carries one
    "appraisal": frozenset({"objection_deadline", "deadline"}),  # required by the node
}

_SPACE = re.compile(r"\s+")
_ASCII = re.compile(r"^[\x21-\x7e]+$")


def field_type(key: str) -> str:
    return key.rstrip("0123456789")


def mapping_problem(kind: str, key: str, variable: str, *, strict: bool) -> str | None:
    """Why ``key = variable`` cannot work for message ``kind``, or None.

    ``strict`` is for Mini Program subscribe messages, which WeChat rejects (47003) when a
    value breaks its type's rule; Official Account fields are shown truncated instead.
    """
    kind_of_field = field_type(key)
    if variable not in FITS:
        return f"{key}: unknown variable {variable!r} (known: {', '.join(VARIABLES)})"
    if kind_of_field not in FITS[variable]:
        return (
            f"{key}: {variable} cannot be fitted to a {kind_of_field!r} field "
            f"(fits: {', '.join(sorted(FITS[variable]))})"
        )
    present = ALWAYS | KIND_GUARANTEES.get(kind, frozenset())
    if strict and kind_of_field in STRICT and variable not in present:
        return f"{key}: {variable} is not always present, and '-' is no valid {kind_of_field}"
    return None


def _thing(value: str) -> str:
    text = _SPACE.sub(" ", value).strip()
    return text if len(text) <= THING_MAX else text[: THING_MAX - 1] + "…"


def _instant(value: str) -> tuple[datetime | None, date | None]:
    try:
        if "T" in value or " " in value.strip():
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(SHANGHAI)
            return moment, moment.date()
        day = date.fromisoformat(value)
        return None, day
    except ValueError:
        return None, None


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def fit(kind_of_field: str, value: str | None) -> str:
    """The value for a field of this type; ``-`` when the message has no such variable."""
    if value is None or value == "":
        return MISSING
    if kind_of_field in ("time", "date"):
        moment, day = _instant(value)
        if day is None:
            return _thing(value)
        if moment is not None and kind_of_field == "time":
            return f"{_cn_date(day)} {moment.hour:02d}:{moment.minute:02d}"
        return _cn_date(day)
    if kind_of_field in ("amount", "number"):
        try:
            amount = Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation:
            return _thing(value)
        return f"{amount}元" if kind_of_field == "amount" else str(amount)
    if kind_of_field == "character_string":
        text = value.strip()
        if not _ASCII.match(text):
            raise ValueError("character_string needs ASCII")  # prevented at start-up
        return text[:STRING_MAX]
    if kind_of_field == "thing":
        return _thing(value)
    return _thing(value)


def render_data(
    fields: dict[str, str], variables: dict[str, str | None]
) -> dict[str, dict[str, str]]:
    """WeChat's ``data`` object: ``{key: {"value": fitted}}`` for each mapped field."""
    return {
        key: {"value": fit(field_type(key), variables.get(variable))}
        for key, variable in fields.items()
    }
