"""``microcourt disclosures import``: progress bar, summary and per-row error report."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from config.settings import Settings
from disclosure import importer
from service import db
from service.privacy import init_vault

ACTOR = "cli:disclosures-import"
SHOWN_ERRORS = 50


def run_import(settings: Settings, file: Path, errors_path: Path | None) -> int:
    console = Console(stderr=True)
    try:
        total = importer.count_rows(file)
    except importer.ImportFileError as exc:
        console.print(f"[red]cannot import {file.name}: {exc}[/red]")
        return 2

    async def work() -> importer.ImportReport:
        init_vault(settings.data_key, settings.data_keys_old)
        await db.open_database(settings)
        try:
            with Progress(
                TextColumn("[bold]importing[/bold]"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            ) as progress:
                task = progress.add_task("rows", total=total)
                return await importer.import_file(file, ACTOR, lambda n: progress.advance(task, n))
        finally:
            await db.close_database()

    started = time.perf_counter()
    report = asyncio.run(work())
    elapsed = time.perf_counter() - started
    console.print(
        f"{report.rows} rows in {elapsed:.1f} s: {report.created} created, "
        f"{report.corrected} corrected, {report.unchanged} unchanged, "
        f"{report.failed_rows} refused"
    )
    if not report.errors:
        return 0
    target = errors_path or file.with_name(file.name + ".errors.csv")
    importer.write_error_report(report, target)
    table = Table("line", "listing_id", "field", "code", "detail", title="refused rows")
    for e in report.errors[:SHOWN_ERRORS]:
        table.add_row(str(e.line), e.listing_id, e.field, e.code, e.detail)
    console.print(table)
    if len(report.errors) > SHOWN_ERRORS:
        console.print(f"… {len(report.errors) - SHOWN_ERRORS} more")
    console.print(f"full report: {target}")
    return 1
