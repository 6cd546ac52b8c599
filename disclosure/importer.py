"""Bulk import of listings from ``.xlsx`` or ``.csv`` (contract §1.6, ``microcourt disclosures
import``).

Columns are the fields of ``POST /api/court/v1/disclosures`` (header row first, any order,
unknown columns ignored). Every row is validated with the same schema and rules as the API;
a row is imported whole or not at all, and a bad row is reported with its line number, field,
code and reason. Importing the same file again changes nothing: unchanged rows write no
history, no audit entry and do not move the disclosure version.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from disclosure import service
from disclosure.schemas import ListingIn, rule_errors
from service.errors import FieldError, ProblemError
from service.http import validate

COLUMNS = tuple(ListingIn.model_fields)
_INT_COLUMNS = {"circumstance", "period_years"}
_DATE_COLUMNS = {"decided_at", "publish_after", "filed_at"}
BATCH = 500


@dataclass(frozen=True)
class RowError:
    line: int  # line in the file (the header is line 1)
    listing_id: str
    field: str
    code: str
    detail: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    corrected: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len({e.line for e in self.errors})


class ImportFileError(ValueError):
    """The file cannot be read at all (format, missing header)."""


def count_rows(path: Path) -> int:
    """Data rows in the file (for the progress bar)."""
    return sum(1 for _ in read_rows(path))


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, {column: value})`` for each non-empty data row."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _read_csv(path)
    elif suffix == ".xlsx":
        yield from _read_xlsx(path)
    else:
        raise ImportFileError("the file must be .xlsx or .csv")


def _header(cells: list[Any]) -> list[str]:
    names = [str(c).strip() if c is not None else "" for c in cells]
    missing = [c for c in ("listing_id", "name", "id_no") if c not in names]
    if missing:
        raise ImportFileError("the header row lacks the column(s): " + ", ".join(missing))
    return names


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            names = _header(next(reader))
        except StopIteration:
            raise ImportFileError("the file is empty") from None
        for line, cells in enumerate(reader, start=2):
            if any(c.strip() for c in cells):
                yield line, dict(zip(names, cells, strict=False))


def _read_xlsx(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            names = _header(list(next(rows)))
        except StopIteration:
            raise ImportFileError("the sheet is empty") from None
        for line, cells in enumerate(rows, start=2):
            if any(c is not None and str(c).strip() for c in cells):
                yield line, dict(zip(names, cells, strict=False))
    finally:
        book.close()


def coerce(raw: dict[str, Any]) -> dict[str, Any]:
    """Spreadsheet cells → the JSON the API takes (numbers, dates and money as typed there).

    Empty cells are absent fields. Values that cannot be converted are passed on unchanged, so
    the schema reports them with the same codes as the API."""
    out: dict[str, Any] = {}
    for name in COLUMNS:
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            continue
        if name in _INT_COLUMNS:
            if (isinstance(value, str) and value.isdigit()) or (
                isinstance(value, float) and value.is_integer()
            ):
                value = int(value)
        elif name in _DATE_COLUMNS and isinstance(value, date | datetime):
            value = (value.date() if isinstance(value, datetime) else value).isoformat()
        elif name == "unperformed_amount" and isinstance(value, int | float | Decimal):
            try:
                value = f"{Decimal(str(value)).quantize(Decimal('0.01')):.2f}"
            except InvalidOperation:
                value = str(value)
        elif isinstance(value, int | float) and name != "unperformed_amount":
            value = str(int(value)) if float(value).is_integer() else str(value)
        out[name] = value
    return out


def _parse(line: int, raw: dict[str, Any]) -> ListingIn | list[RowError]:
    listing_id = str(raw.get("listing_id") or "").strip()
    try:
        data = validate(ListingIn, coerce(raw))
    except ProblemError as exc:
        errors = list(exc.errors) or [FieldError("row", exc.code, exc.detail)]
        return [RowError(line, listing_id, e.field, e.code, e.detail) for e in errors]
    if problems := rule_errors(data):
        return [RowError(line, listing_id, e.field, e.code, e.detail) for e in problems]
    return data


async def import_file(
    path: Path, actor: str, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import every row; ``progress(n)`` is called as rows are done."""
    report = ImportReport()
    batch: list[tuple[int, ListingIn]] = []

    async def flush() -> None:
        if not batch:
            return
        result = await service.upsert_batch([data for _, data in batch], actor)
        report.created += result.created
        report.corrected += result.corrected
        report.unchanged += result.unchanged
        for index, problem in sorted(result.errors.items()):
            line, data = batch[index]
            report.errors.append(
                RowError(line, data.listing_id, "row", problem.code, problem.detail)
            )
        if progress:
            progress(len(batch))
        batch.clear()

    for line, raw in read_rows(path):
        report.rows += 1
        parsed = _parse(line, raw)
        if isinstance(parsed, list):
            report.errors.extend(parsed)
            if progress:
                progress(1)
            continue
        batch.append((line, parsed))
        if len(batch) >= BATCH:
            await flush()
    await flush()
    return report


def write_error_report(report: ImportReport, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "listing_id", "field", "code", "detail"])
        for e in report.errors:
            writer.writerow([e.line, e.listing_id, e.field, e.code, e.detail])
