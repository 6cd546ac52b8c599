"""Opaque page cursors: ``next_cursor`` in an answer, ``?cursor=`` in the next request.

A cursor is the sort key of the page's last row — its parts joined with ``|``, in base64url
without padding. Clients must not read it, but they may hold it, so the format stays as it is.
A cursor that does not decode is a 422 ``invalid_field`` problem on the ``cursor`` field.
"""

from __future__ import annotations

import base64
import uuid
from datetime import datetime

from service.errors import FieldError, ProblemError, invalid_fields


def invalid_cursor() -> ProblemError:
    return invalid_fields([FieldError("cursor", "invalid_field", "unknown cursor")])


def encode_cursor(*keys: str) -> str:
    return base64.urlsafe_b64encode("|".join(keys).encode()).decode().rstrip("=")


def decode_cursor(text: str, keys: int = 1) -> list[str]:
    """The ``keys`` parts of a cursor made by :func:`encode_cursor` (the last may hold ``|``)."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (ValueError, UnicodeDecodeError):  # binascii.Error is a ValueError
        raise invalid_cursor() from None
    parts = raw.split("|", keys - 1)
    if len(parts) != keys:
        raise invalid_cursor()
    return parts


def encode_time_cursor(at: datetime, row_id: uuid.UUID) -> str:
    """The cursor after a row of a list ordered by (time, id)."""
    return encode_cursor(at.isoformat(), str(row_id))


def decode_time_cursor(text: str) -> tuple[datetime, uuid.UUID]:
    at, row_id = decode_cursor(text, 2)
    try:
        return datetime.fromisoformat(at), uuid.UUID(row_id)
    except ValueError:
        raise invalid_cursor() from None
