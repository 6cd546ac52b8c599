"""The court's calendar: every legal period and deadline is counted here (domain-round2.md §1).

* **Calendar-day periods** (日, e.g. objection 立案 3 days, review 15 days, the 15-day review
  of a listing request) follow 《民事诉讼法》(2023) Art. 85: 「期间开始的时和日，不计算在期间内」
  — the day of receipt is not counted, so the period ends at the end of ``day + N`` — and
  「期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期」 — a last day
  that is a rest day moves to the next working day. Rest days inside the period are not
  deducted (SPC 2014 document, domain-round2.md §1.2).
* **Working-day periods** (工作日, e.g. 失信规定 Art. 10 「三个工作日内」) count working days
  only, starting the day after the event; Art. 85's last-day rule has nothing to move.
* **Year periods** (失信 listing periods) end on the day of the end year that corresponds to
  the start day, or on the last day of that month when it has no such day (SPC 2014 document,
  「没有对应于开始月份的那一天的，应当为届满那个月的最后一天」).

Which days are rest days: Saturdays and Sundays (国务院关于职工工作时间的规定 Art. 7) and the
State Council's holidays, with their make-up working days (调休), from the ``chinese-calendar``
package; a court-editable TOML file (setting ``MICROCOURT_CALENDAR_FILE``) adds years the
package does not know yet and court closures. A 调休 working Saturday is a working day (the
actual rest days count; domain-round2.md §1.2, unresolved ❓ — see docs/filings.md). For a year
neither knows, only weekends are rest days, and start-up warns (:func:`unknown_years`).

The file::

    closures = [2026-12-24]            # days the court is closed: rest days, any year

    [years.2027]                        # a year the package does not know (or a correction)
    rest_days = [2027-01-01, 2027-02-08]     # holidays, incl. weekdays given off for 调休
    working_days = [2027-02-07]              # make-up working days (weekends worked)

Dates are TOML dates or ``"YYYY-MM-DD"`` strings. A year in ``[years]`` is taken from the file
alone (weekends plus the lists), whether or not the package knows it.
"""

from __future__ import annotations

import calendar as _months
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar

from config.logging import get_logger
from service.clock import SHANGHAI

log = get_logger("microcourt.calendar")

# A period longer than this many rest days in a row would be a broken calendar file.
_MAX_REST_RUN = 60


class CalendarError(ValueError):
    """The calendar file is unreadable or malformed; the message says where."""


@dataclass(frozen=True)
class CourtDays:
    """What the court's file adds to the package: whole years, and closures."""

    rest_days: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()
    closures: frozenset[date] = frozenset()
    source: str = field(default="", compare=False)


_court = CourtDays()


def configure(path: Path | None) -> CourtDays:
    """Load the court's file (or none) for this process; every process calls it at start-up."""
    global _court
    _court = CourtDays() if path is None else load_file(path)
    return _court


def start(path: Path | None, today: date) -> list[int]:
    """Start-up: load the court's file and warn (log) for this year or the next when their
    holidays are unknown, so deadlines there would count weekends only. Returns those years."""
    configure(path)
    missing = unknown_years(today)
    for year in missing:
        log.warning(
            "calendar.year_unknown",
            year=year,
            detail="holidays unknown: periods count weekends only; add the year to the "
            "calendar file (MICROCOURT_CALENDAR_FILE) or upgrade chinese-calendar",
        )
    return missing


def load_file(path: Path) -> CourtDays:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CalendarError(f"{path}: {exc}") from None
    return parse(raw, str(path))


def parse(raw: dict[str, Any], source: str = "") -> CourtDays:
    unknown = set(raw) - {"closures", "years"}
    if unknown:
        raise CalendarError(f"{source}: unknown key {sorted(unknown)[0]!r}")
    closures = _dates(raw.get("closures", []), f"{source}: closures")
    years_raw = raw.get("years", {})
    if not isinstance(years_raw, dict):
        raise CalendarError(f"{source}: [years] must be a table of years")
    rest: set[date] = set()
    work: set[date] = set()
    years: set[int] = set()
    for key, table in years_raw.items():
        where = f"{source}: years.{key}"
        if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
            raise CalendarError(f"{where}: the key must be a four-digit year")
        if not isinstance(table, dict) or set(table) - {"rest_days", "working_days"}:
            raise CalendarError(f"{where}: only rest_days and working_days are allowed")
        year = int(key)
        year_rest = _dates(table.get("rest_days", []), f"{where}.rest_days")
        year_work = _dates(table.get("working_days", []), f"{where}.working_days")
        if any(d.year != year for d in year_rest | year_work):
            raise CalendarError(f"{where}: every date must fall in {year}")
        if year_rest & year_work:
            raise CalendarError(f"{where}: a day cannot be both a rest day and a working day")
        years.add(year)
        rest |= year_rest
        work |= year_work
    return CourtDays(frozenset(rest), frozenset(work), frozenset(years), closures, source)


def _dates(values: Any, where: str) -> frozenset[date]:
    if not isinstance(values, list):
        raise CalendarError(f"{where}: expected a list of dates")
    out: set[date] = set()
    for value in values:
        if isinstance(value, date) and not isinstance(value, datetime):
            out.add(value)
            continue
        try:
            out.add(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise CalendarError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
    return frozenset(out)


# --------------------------------------------------------------------------------------
# Which days are rest days
# --------------------------------------------------------------------------------------


def package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def knows_year(year: int) -> bool:
    """True when the holidays of ``year`` are known (package or the court's file)."""
    return year in _court.years or package_knows(year)


def unknown_years(today: date) -> list[int]:
    """Of this year and the next, those whose holidays nobody has told us (start-up warns)."""
    return [y for y in (today.year, today.year + 1) if not knows_year(y)]


def is_rest_day(day: date) -> bool:
    """A weekend day that is not a 调休 working day, a State Council holiday, or a closure."""
    if day in _court.closures:
        return True
    if day.year in _court.years:
        if day in _court.rest_days:
            return True
        return day.weekday() >= 5 and day not in _court.working_days
    try:
        return not chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year nobody knows yet: weekends only (start-up warned)
        return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    return not is_rest_day(day)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    for _ in range(_MAX_REST_RUN):
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    raise CalendarError(f"more than {_MAX_REST_RUN} rest days in a row from {day}")


# --------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------


def local_day(moment: datetime | date) -> date:
    """The court's (Asia/Shanghai) calendar day of ``moment``; a date is itself."""
    if isinstance(moment, datetime):
        return moment.astimezone(SHANGHAI).date()
    return moment


def days_period_end(start: datetime | date, days: int) -> date:
    """Last day of a period of ``days`` 日 that starts with the event at ``start``
    (民诉法 Art. 85: the start day is not counted; a last day that is a rest day moves to the
    next working day)."""
    return next_working_day(local_day(start) + timedelta(days=days))


def working_days_end(start: datetime | date, days: int) -> date:
    """Last day of a period of ``days`` 工作日 after ``start`` (the start day not counted)."""
    day = local_day(start)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def add_months(day: date, months: int) -> date:
    """The day of the month ``months`` later that corresponds to ``day``, or that month's
    last day when it has none (2024-01-31 + 1 month → 2024-02-29)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _months.monthrange(year, month)[1]))


def years_period_end(start: date, years: int) -> date:
    """Last day of a period of ``years`` 年 starting with the event on ``start`` (not counted):
    the corresponding day ``years`` later (2024-04-01 + 2 years → 2026-04-01; 2024-02-29 + 2
    years → 2026-02-28)."""
    return add_months(start, 12 * years)


def after_last_day(last_day: date) -> date:
    """The first day after a period whose last day is ``last_day``."""
    return last_day + timedelta(days=1)


def missed(due: date, done_at: datetime | None, now: datetime) -> bool:
    """A deadline ending with ``due`` was missed: done after that day, or not done and the
    day is over (in court time)."""
    if done_at is not None:
        return local_day(done_at) > due
    return local_day(now) > due
