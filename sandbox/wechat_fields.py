"""WeChat's value rules for template-message and subscribe-message fields.

The real platform rejects a Mini Program subscribe message with errcode 47003 when one
value breaks the rule for its key's type prefix (``thing1`` → ``thing``). It does not
truncate the value. The rules below follow the published table "订阅消息参数值内容限制说明"
(summarised in ../shared/research/wechatpy.md §4). Where the published text is vague,
the checker takes the strictest reading. A value that passes here should pass on
WeChat, and the service can test its own field fitting against this function.

Official Account template messages follow the 2023 rules. Values with line breaks are
rejected. Values longer than 20 characters are accepted but truncated on the user's
phone, so :func:`oa_display_value` shows what the user would actually see.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "OA_MAX_CHARS",
    "check_subscribe_field",
    "check_template_field",
    "field_type",
    "oa_display_value",
]

OA_MAX_CHARS = 20
"""Since 2023-05-04, WeChat shows at most 20 characters of each OA template field."""

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_PHRASE_RE = re.compile(f"^[{_CJK}]{{1,5}}$")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
_LETTER_RE = re.compile(r"^[A-Za-z]{1,32}$")
_ASCII_PRINTABLE_RE = re.compile(r"^[\x20-\x7e]+$")
_ASCII_SYMBOL_OR_DIGIT_RE = re.compile(r"^[\x20-\x40\x5b-\x60\x7b-\x7e]+$")
_AMOUNT_RE = re.compile(r"^[¥￥$€£]?(\d+(?:\.\d+)?)元?$")
_CAR_RE = re.compile(f"^[{_CJK}A-Za-z0-9][A-Za-z0-9]{{0,6}}[{_CJK}A-Za-z0-9]?$")
_DATE_PART = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_TIME_PART = r"(\d{1,2}):(\d{2})"
_TIME_POINT_RE = re.compile(f"^(?:{_DATE_PART} ?)?{_TIME_PART}$")
_DATE_POINT_RE = re.compile(f"^{_DATE_PART}(?: ?{_TIME_PART})?$")


def field_type(key: str) -> str:
    """The type prefix of a template key: ``thing12`` → ``thing``, ``character_string3`` →
    ``character_string``. WeChat derives the rule from this prefix."""
    return key.rstrip("0123456789")


def _control_char(value: str) -> str | None:
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return f"contains a line break or control character (U+{ord(char):04X})"
    return None


def _valid_date(year: str, month: str, day: str) -> bool:
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _valid_clock(hour: str | None, minute: str | None) -> bool:
    if hour is None or minute is None:
        return True
    return int(hour) <= 23 and int(minute) <= 59


def _check_points(value: str, pattern: re.Pattern[str], example: str) -> str | None:
    """Time and date fields may be one point or a range of two points joined by ``~``."""
    points = value.split("~")
    if len(points) > 2:
        return f"at most two points joined by '~', like {example}"
    for point in points:
        match = pattern.match(point.strip())
        if match is None:
            return f"not a WeChat time/date, expected like {example}"
        year, month, day, hour, minute = match.groups()
        if year is not None and not _valid_date(year, month, day):
            return f"no such date: {point.strip()}"
        if not _valid_clock(hour, minute):
            return f"no such time of day: {point.strip()}"
    return None


def _check_thing(value: str) -> str | None:
    return None if len(value) <= 20 else f"longer than 20 characters ({len(value)})"


def _check_number(value: str) -> str | None:
    if not _NUMBER_RE.match(value):
        return "not a number (digits with an optional decimal part)"
    digits = sum(c.isdigit() for c in value)
    return None if digits <= 32 else f"more than 32 digits ({digits})"


def _check_letter(value: str) -> str | None:
    return None if _LETTER_RE.match(value) else "not 1-32 ASCII letters"


def _check_symbol(value: str) -> str | None:
    if len(value) > 5:
        return f"longer than 5 symbols ({len(value)})"
    if any(c.isalnum() or c.isspace() for c in value):
        return "only symbols are allowed"
    return None


def _check_character_string(value: str) -> str | None:
    if _CJK_RE.search(value) or not _ASCII_PRINTABLE_RE.match(value):
        return "only ASCII digits, letters and symbols are allowed (no CJK or full-width)"
    return None if len(value) <= 32 else f"longer than 32 characters ({len(value)})"


def _check_time(value: str) -> str | None:
    return _check_points(value, _TIME_POINT_RE, "'15:01' or '2024年06月01日 09:30'")


def _check_date(value: str) -> str | None:
    return _check_points(value, _DATE_POINT_RE, "'2024年06月01日' or '2024年06月01日 09:30'")


def _check_amount(value: str) -> str | None:
    match = _AMOUNT_RE.match(value)
    if match is None:
        return "not an amount: one optional currency symbol, digits, optional '元'"
    digits = sum(c.isdigit() for c in match.group(1))
    return None if digits <= 10 else f"more than 10 digits ({digits})"


def _check_phone_number(value: str) -> str | None:
    if not _ASCII_SYMBOL_OR_DIGIT_RE.match(value) or not any(c.isdigit() for c in value):
        return "only digits and symbols are allowed"
    return None if len(value) <= 17 else f"longer than 17 characters ({len(value)})"


def _check_car_number(value: str) -> str | None:
    return None if _CAR_RE.match(value) else "not a plate number (≤8, CJK only first/last)"


def _check_name(value: str) -> str | None:
    if any(c.isdigit() for c in value):
        return "digits are not allowed in a name"
    if _CJK_RE.search(value):
        return None if len(value) <= 10 else f"longer than 10 CJK characters ({len(value)})"
    return None if len(value) <= 20 else f"longer than 20 letters ({len(value)})"


def _check_phrase(value: str) -> str | None:
    return None if _PHRASE_RE.match(value) else "not 1-5 CJK characters only"


def _check_enum(value: str) -> str | None:
    # The allowed values live in the template, which the sandbox does not know.
    return None


_RULES = {
    "thing": _check_thing,
    "number": _check_number,
    "letter": _check_letter,
    "symbol": _check_symbol,
    "character_string": _check_character_string,
    "time": _check_time,
    "date": _check_date,
    "amount": _check_amount,
    "phone_number": _check_phone_number,
    "car_number": _check_car_number,
    "name": _check_name,
    "phrase": _check_phrase,
    "enum": _check_enum,
}


def check_subscribe_field(key: str, value: object) -> str | None:
    """Check one Mini Program subscribe-message value the way WeChat does.

    Returns ``None`` when WeChat would accept ``value`` for ``key``. Otherwise it returns
    a short English reason, which the sandbox puts in its 47003 ``errmsg``.
    """
    rule = _RULES.get(field_type(key))
    if rule is None:
        return f"{key}: unknown field type {field_type(key)!r}"
    if not isinstance(value, str):
        return f"{key}: value must be a string"
    if value == "":
        return f"{key}: value is empty"
    problem = _control_char(value) or rule(value)
    return None if problem is None else f"{key}: {problem}"


def check_template_field(key: str, value: object) -> str | None:
    """Check one Official Account template value under the 2023 rules.

    Only non-strings, empty values and line breaks are refused, which WeChat answers
    with 47003. Over-long values are accepted: WeChat truncates them and the sender
    learns nothing, so the sandbox flags them on the stored message instead.
    """
    if not isinstance(value, str):
        return f"{key}: value must be a string"
    if value == "":
        return f"{key}: value is empty"
    problem = _control_char(value)
    return None if problem is None else f"{key}: {problem}"


def oa_display_value(value: str) -> str:
    """What a party sees on the phone: at most 20 characters, then an ellipsis."""
    return value if len(value) <= OA_MAX_CHARS else value[:OA_MAX_CHARS] + "…"
