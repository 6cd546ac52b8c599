"""Listing imports started from the console (issue 17): the uploaded file is stored under the
data folder and imported by a task of this web process through ``disclosure.importer`` (the
same code as ``microcourt disclosures import``); its progress and per-row report are kept in
Redis for a day so the progress page can show them from any web process.

If the process stops mid-import, the rows of the batches already done are in (each batch is
its own transaction) and the job shows as not finished; importing the same file again is
harmless (unchanged rows change nothing).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import asdict
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from config.logging import get_logger
from disclosure import importer
from service.audit import service as audit

log = get_logger("microcourt.console.imports")

TTL_SECONDS = 24 * 3600
SHOWN_ERRORS = 500
_running: set[asyncio.Task[None]] = set()  # keep a reference: the loop holds tasks weakly


def _key(job_id: str) -> str:
    return f"console:import:{job_id}"


def new_job_id() -> str:
    return secrets.token_hex(12)


def upload_path(data_dir: Path, job_id: str, suffix: str) -> Path:
    folder = data_dir / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}{suffix}"


async def status(redis: Redis, job_id: str) -> dict[str, Any] | None:
    if not job_id.isalnum() or len(job_id) > 32:
        return None
    raw = await redis.get(_key(job_id))
    return json.loads(raw) if raw else None


async def _save(redis: Redis, job_id: str, state: dict[str, Any]) -> None:
    await redis.set(_key(job_id), json.dumps(state, ensure_ascii=False), ex=TTL_SECONDS)


async def start(redis: Redis, job_id: str, path: Path, filename: str, actor: str) -> int:
    """Count the rows (a file that cannot be read raises ``ImportFileError`` here), record
    the job, and import in the background. Returns the number of rows."""
    total = await asyncio.to_thread(importer.count_rows, path)
    state: dict[str, Any] = {
        "filename": filename,
        "actor": actor,
        "total": total,
        "done": 0,
        "finished": False,
    }
    await _save(redis, job_id, state)
    await audit.record(
        actor, "disclosure.import_started", "import", job_id, {"file": filename, "rows": total}
    )
    task = asyncio.create_task(_run(redis, job_id, path, state))
    _running.add(task)
    task.add_done_callback(_running.discard)
    return total


async def _run(redis: Redis, job_id: str, path: Path, state: dict[str, Any]) -> None:
    pending: list[asyncio.Task[None]] = []

    def progress(rows: int) -> None:
        state["done"] += rows
        pending.append(asyncio.ensure_future(_save(redis, job_id, dict(state))))

    try:
        report = await importer.import_file(path, str(state["actor"]), progress)
        await asyncio.gather(*pending)
        state.update(
            finished=True,
            done=report.rows,
            rows=report.rows,
            created=report.created,
            corrected=report.corrected,
            unchanged=report.unchanged,
            failed_rows=report.failed_rows,
            errors=[asdict(e) for e in report.errors[:SHOWN_ERRORS]],
            more_errors=max(0, len(report.errors) - SHOWN_ERRORS),
        )
    except Exception as exc:  # the job page must say it stopped, whatever the cause
        log.exception("console.import_failed", job_id=job_id, error=type(exc).__name__)
        state.update(finished=True, failed=True)
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)
    await _save(redis, job_id, state)
    counts = ("rows", "created", "corrected", "unchanged", "failed_rows", "failed")
    await audit.record(
        str(state["actor"]),
        "disclosure.import_finished",
        "import",
        job_id,
        {k: state[k] for k in counts if k in state},
    )
    log.info("console.import_finished", job_id=job_id, rows=state.get("rows"))
