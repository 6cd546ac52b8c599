"""Bulk import (contract §1.6): per-row errors, all-or-nothing rows, idempotent re-import."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from starlette.applications import Starlette

from disclosure import importer, state
from disclosure.models import Listing, ListingHistory
from tests.disclosure.helpers import listing_payload, today
from tests.e2e.conftest import server_env
from tests.factories import resident_id

COLUMNS = list(importer.COLUMNS)


def _bad_rows() -> list[tuple[dict[str, Any], str]]:
    """Ten rows that must be refused, each with the code it must be refused with."""
    minor_birth = (today() - timedelta(days=365 * 10)).strftime("%Y%m%d")
    good_id = resident_id()
    return [
        (listing_payload(id_no=resident_id(minor_birth)), "minor_not_listable"),
        (
            listing_payload(id_no=good_id[:-1] + ("1" if good_id[-1] != "1" else "2")),
            "id_no_invalid",
        ),
        (listing_payload(circumstance=2), "period_required"),
        (listing_payload(circumstance=1, period_years=3), "period_not_allowed"),
        (listing_payload(circumstance=4, period_years=9), "period_invalid"),
        (listing_payload(circumstance=9), "circumstance_invalid"),
        (listing_payload(decided_at="2024-02-30"), "date_invalid"),
        (listing_payload(case_no="（2024）浙0203民初5号"), "case_no_invalid"),
        (listing_payload(unperformed_amount="十万元"), "money_invalid"),
        (listing_payload(name=None), "missing_field"),
    ]


def _cells(payload: dict[str, Any]) -> list[Any]:
    row = []
    for column in COLUMNS:
        value = payload.get(column)
        if column == "decided_at" and isinstance(value, str) and value != "2024-02-30":
            value = date.fromisoformat(value)  # a real spreadsheet date cell
        row.append(value)
    return row


def _write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("失信名单")
    sheet.append(COLUMNS)
    for payload in rows:
        sheet.append(_cells(payload))
    book.save(path)


async def test_10000_rows_with_10_bad_import_9990_and_reimport_changes_nothing(
    app: Starlette, tmp_path: Path
) -> None:
    good = [
        listing_payload(unperformed_amount=None if i % 7 == 0 else f"{i}.5") for i in range(9990)
    ]
    bad = _bad_rows()
    rows = list(good)
    bad_lines: dict[int, str] = {}
    for n, (payload, code) in enumerate(bad):
        position = (n + 1) * 900
        rows.insert(position, payload)
        bad_lines[position + 2] = code  # +1 for the header, +1 for 1-based lines
    path = tmp_path / "listings.xlsx"
    _write_xlsx(path, rows)
    before = await state.current_state()

    started = time.perf_counter()
    report = await importer.import_file(path, "test-import")
    elapsed = time.perf_counter() - started
    print(f"\nimported {report.rows} rows in {elapsed:.1f} s ({report.rows / elapsed:.0f} rows/s)")

    assert report.rows == 10_000
    assert report.created == 9_990
    assert report.failed_rows == 10
    assert {e.line: e.code for e in report.errors} == bad_lines
    assert all(e.detail for e in report.errors)
    ids = [p["listing_id"] for p in good]
    assert await Listing.filter(listing_id__in=ids).count() == 9_990
    assert await Listing.filter(listing_id__in=[p["listing_id"] for p, _ in bad]).count() == 0
    imported = await Listing.get(listing_id=good[1]["listing_id"])
    assert imported.unperformed_amount is not None
    assert f"{imported.unperformed_amount:.2f}" == "1.50"
    assert imported.decided_at == date.fromisoformat(good[1]["decided_at"])
    assert imported.id_no_masked == good[1]["id_no"][:10] + "****" + good[1]["id_no"][14:]

    middle = await state.current_state()
    history = await ListingHistory.all().count()
    again = await importer.import_file(path, "test-import")
    assert (again.created, again.corrected, again.unchanged) == (0, 0, 9_990)
    assert {e.line: e.code for e in again.errors} == bad_lines
    assert await state.current_state() == middle
    assert await ListingHistory.all().count() == history
    assert middle.version > before.version


def test_cli_import_prints_progress_and_writes_the_error_report(
    app: Starlette, data_dir: Path, tmp_path: Path
) -> None:
    rows = [listing_payload(), listing_payload()]
    bad, code = _bad_rows()[2]
    path = tmp_path / "listings.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for payload in [*rows, bad]:
            writer.writerow(["" if payload.get(c) is None else payload[c] for c in COLUMNS])
    env = server_env(app, data_dir, COLUMNS="200")
    command = [sys.executable, "-m", "service.cli", "disclosures", "import", str(path)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 1, first.stderr
    assert "3 rows" in first.stderr
    assert "2 created" in first.stderr
    assert "1 refused" in first.stderr
    report = list(csv.DictReader((tmp_path / "listings.csv.errors.csv").open(encoding="utf-8-sig")))
    assert [(r["line"], r["listing_id"], r["code"]) for r in report] == [
        ("4", bad["listing_id"], code)
    ]
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "0 created, 0 corrected, 2 unchanged, 1 refused" in second.stderr
    assert os.path.exists(tmp_path / "listings.csv.errors.csv")
