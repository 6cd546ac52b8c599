"""One way to print a date, a time and an amount on every page, message and export a person reads.

Dates are the court's calendar day (Asia/Shanghai) written as 2026年12月9日, times add 24-hour
court time (2026年12月9日 14:05), amounts are yuan with thousands separators and two decimals
followed by a space and 元 (150,000.00 元). Every package's templates get these as Jinja filters
(``date_zh``, ``datetime_zh``, ``amount_zh``; see :func:`service.web.site.templates`), and code
that builds text (SMS, summaries) calls the functions directly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from service.clock import SHANGHAI

MISSING = "-"


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _coerce(value: date | datetime | str | None) -> date | datetime | str:
    """A date or time (parsed from ISO text), the text itself when it is not one, or MISSING."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return _parse(value) or value
    return value


def date_zh(value: date | datetime | str | None) -> str:
    """2026年12月9日 for a date, a time (its court-calendar day) or an ISO string of either."""
    value = _coerce(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return _day(value.astimezone(SHANGHAI))
    return _day(value)


def datetime_zh(value: date | datetime | str | None) -> str:
    """2026年12月9日 14:05 in court time; a bare date prints as :func:`date_zh`."""
    value = _coerce(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        local = value.astimezone(SHANGHAI)
        return f"{_day(local)} {local.hour:02d}:{local.minute:02d}"
    return _day(value)


def _parse(value: str) -> date | datetime | None:
    try:
        if "T" in value:
            return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return date.fromisoformat(value)
    except ValueError:
        return None


def amount_figure(value: Decimal | float | int | str | None) -> str:
    """150,000.00 (no unit), for templates that put 元 themselves; ``-`` when unknown."""
    if value is None or value == "":
        return MISSING
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{number:,.2f}"


def amount_zh(value: Decimal | float | int | str | None) -> str:
    """150,000.00 元; ``-`` when unknown."""
    figure = amount_figure(value)
    return figure if figure == MISSING or not figure[-1].isdigit() else f"{figure} 元"


FILTERS = {"date_zh": date_zh, "datetime_zh": datetime_zh, "amount_zh": amount_zh}
