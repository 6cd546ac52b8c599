"""The court calendar (service.calendar): rest days, working days and the court's file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from service import calendar


@pytest.fixture(autouse=True)
def _package_only() -> Iterator[None]:
    calendar.configure(None)
    yield
    calendar.configure(None)


def test_rest_days_follow_the_state_council_arrangement_with_make_up_working_days() -> None:
    """国务院关于职工工作时间的规定 Art. 7 (weekends) and
    国务院办公厅关于2026年部分节假日安排的通知:
    10-01..10-07 off, Saturday 10-10 and Sunday 09-20 worked (调休)."""
    assert calendar.is_rest_day(date(2026, 10, 1))
    assert calendar.is_rest_day(date(2026, 10, 7))
    assert calendar.is_working_day(date(2026, 10, 10))
    assert calendar.is_working_day(date(2026, 9, 20))
    assert calendar.is_rest_day(date(2026, 10, 11))  # an ordinary Sunday
    assert calendar.is_working_day(date(2026, 10, 9))


def test_art10_three_working_days_skip_the_holiday_and_count_the_make_up_saturday() -> None:
    """失信规定 Art. 10 「三个工作日内」: after Wednesday 2026-09-30 the working days are 10-08,
    10-09 and the 调休 Saturday 10-10."""
    assert calendar.working_days_end(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert calendar.working_days_end(date(2024, 6, 3), 3) == date(2024, 6, 6)


def test_the_package_knows_2004_to_2026_and_start_up_warns_for_an_unknown_next_year() -> None:
    """Start-up warns (log ``calendar.year_unknown``) when this or next year's holidays are
    unknown: periods there would count weekends only."""
    assert calendar.knows_year(2026)
    assert not calendar.knows_year(2027)
    with capture_logs() as logs:
        assert calendar.start(None, date(2026, 12, 6)) == [2027]
    assert [(e["event"], e["year"]) for e in logs] == [("calendar.year_unknown", 2027)]
    with capture_logs() as logs:
        assert calendar.start(None, date(2025, 3, 1)) == []
    assert logs == []
    # an unknown year: weekends only
    assert calendar.is_rest_day(date(2027, 1, 2))  # Saturday
    assert calendar.is_working_day(date(2027, 1, 1))  # a Friday nobody has declared off yet


def test_the_court_file_adds_a_year_and_closures(tmp_path: Path) -> None:
    """A court-edited TOML file: a year the package does not know (rest days and 调休 working
    days), and court closures, which count as rest days (so a period ending then moves)."""
    path = tmp_path / "calendar.toml"
    path.write_text(
        'closures = [2026-12-24, "2026-12-25"]\n'
        "[years.2027]\n"
        "rest_days = [2027-01-01]\n"
        'working_days = ["2027-01-09"]\n',
        encoding="utf-8",
    )
    with capture_logs() as logs:
        assert calendar.start(path, date(2026, 12, 6)) == []
    assert logs == []
    assert calendar.is_rest_day(date(2027, 1, 1))
    assert calendar.is_working_day(date(2027, 1, 9))  # a Saturday worked
    assert calendar.is_rest_day(date(2027, 1, 10))
    assert calendar.is_rest_day(date(2026, 12, 24))
    # 民诉法 Art. 85: the 15th day after 2026-12-09 is the closed 12-24; 12-25 is closed too
    # and 12-26/27 the weekend, so the period ends Monday 12-28
    assert calendar.days_period_end(date(2026, 12, 9), 15) == date(2026, 12, 28)


@pytest.mark.parametrize(
    "text",
    [
        "holidays = []\n",
        'closures = ["2026-13-01"]\n',
        "[years.27]\nrest_days = []\n",
        "[years.2027]\nrest_days = [2028-01-01]\n",
        "[years.2027]\nrest_days = [2027-01-01]\nworking_days = [2027-01-01]\n",
        "closures = [",
    ],
)
def test_a_malformed_calendar_file_stops_start_up(tmp_path: Path, text: str) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(calendar.CalendarError):
        calendar.start(path, date(2026, 12, 6))
