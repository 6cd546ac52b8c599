"""Receipt numbers: ``QL-20240601-7K3M9PXA`` (权利清单) and ``YY-20240601-…`` (异议).

Prefix, the court-local date, and 8 characters drawn with :mod:`secrets` from 29 characters
that cannot be misread (no 0/O, 1/I/L, 5/S): 29⁸ ≈ 5·10¹¹ per day, so numbers are
unique in practice (the column is unique; a clash retries) and cannot be guessed from another.
A receipt number proves nothing by itself: every look-up is by a bound party or a court key.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from service.clock import SHANGHAI

ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"


def receipt_no(prefix: str, at: datetime) -> str:
    day = at.astimezone(SHANGHAI).strftime("%Y%m%d")
    tail = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{day}-{tail}"
