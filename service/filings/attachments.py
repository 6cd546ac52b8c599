"""Objection attachments: type by content, size and count limits, storage off the web root.

* Accepted: PDF (``%PDF-``), JPEG (``FF D8 FF``), PNG (the 8-byte PNG signature) — decided by
  the first bytes, never by the file name or the declared content type (an executable renamed
  ``.pdf`` is refused with 415 ``attachment_type_unsupported``).
* At most ``MAX_BYTES`` (10 MiB) each (413 ``attachment_too_large``) and ``MAX_FILES`` (10) per
  objection (409 ``attachment_limit``). Empty files are 422 ``attachment_empty``.
* Stored as ``<data dir>/objection-files/<random id>`` (no extension, mode 0600): outside every
  folder the web server serves; the original name is kept only as text for display.
* Streamed: starlette spools each uploaded file to a temporary file while parsing; checking
  (size, hash, type) and storing read it in :data:`CHUNK` pieces, so a submission's files are
  never held in memory whole.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from starlette.datastructures import UploadFile
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from service import clock
from service.errors import ProblemError
from service.filings.models import Objection, ObjectionAttachment

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
CHUNK = 256 * 1024
FOLDER = "objection-files"
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class Upload:
    """A checked upload; its bytes stay in the (spooled) upload file until stored."""

    filename: str
    source: UploadFile
    size: int
    sha256: str
    content_type: str


def sniff(head: bytes) -> str | None:
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    return None


def display_name(name: str | None) -> str:
    base = (name or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return (cleaned or "附件")[:120]


async def read_upload(upload: UploadFile) -> Upload:
    """Check one uploaded file by size and content before anything is stored, reading it in
    chunks (its hash on the way)."""
    name = display_name(upload.filename)
    await upload.seek(0)
    digest, size, head = hashlib.sha256(), 0, b""
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > MAX_BYTES:
            raise ProblemError(
                413, "attachment_too_large", f"{name}: each attachment may be at most 10 MiB"
            )
        head = (head + chunk[:16])[:16]
        digest.update(chunk)
    if not size:
        raise ProblemError(422, "attachment_empty", f"{name}: the file is empty")
    kind = sniff(head)
    if kind is None:
        raise ProblemError(
            415, "attachment_type_unsupported", f"{name}: only PDF, JPEG and PNG files are accepted"
        )
    return Upload(name, upload, size, digest.hexdigest(), kind)


async def _copy(upload: Upload, fd: int) -> None:
    await upload.source.seek(0)
    with os.fdopen(fd, "wb") as handle:
        while chunk := await upload.source.read(CHUNK):
            handle.write(chunk)


def storage_dir(data_dir: Path, folder: str = FOLDER) -> Path:
    path = data_dir / folder
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def path_of(data_dir: Path, storage_id: str, folder: str = FOLDER) -> Path:
    return storage_dir(data_dir, folder) / storage_id


T = TypeVar("T")


async def store_files(
    data_dir: Path,
    uploads: list[Upload],
    *,
    count: Callable[[BaseDBAsyncClient], Awaitable[int]],
    create: Callable[[Upload, str, BaseDBAsyncClient], Awaitable[T]],
    folder: str = FOLDER,
    limit: int = MAX_FILES,
    owner: str = "objection",
) -> list[T]:
    """Write the files and their rows in one transaction. ``count`` locks the owner's row and
    counts its files (the limit is checked under that lock); ``create`` makes one row for a
    stored file. Any failure removes the files already written. Every filing with files
    (objections, service/requests/) stores them through here."""
    target_dir = storage_dir(data_dir, folder)
    written: list[Path] = []
    rows: list[T] = []
    try:
        async with in_transaction() as conn:
            if await count(conn) + len(uploads) > limit:
                raise ProblemError(
                    409, "attachment_limit", f"at most {limit} attachments per {owner}"
                )
            for upload in uploads:
                storage_id = secrets.token_hex(16)
                target = target_dir / storage_id
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                written.append(target)
                await _copy(upload, fd)
                rows.append(await create(upload, storage_id, conn))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return rows


async def store(
    data_dir: Path, objection: Objection, uploads: list[Upload]
) -> list[ObjectionAttachment]:
    """An objection's files; the count limit is checked under a row lock."""

    async def count(conn: BaseDBAsyncClient) -> int:
        await Objection.filter(id=objection.id).using_db(conn).select_for_update().first()
        return await ObjectionAttachment.filter(objection_id=objection.id).using_db(conn).count()

    async def create(
        upload: Upload, storage_id: str, conn: BaseDBAsyncClient
    ) -> ObjectionAttachment:
        return await ObjectionAttachment.create(
            id=uuid.uuid4(),
            objection_id=objection.id,
            storage_id=storage_id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_at=clock.now(),
            using_db=conn,
        )

    return await store_files(data_dir, uploads, count=count, create=create)
