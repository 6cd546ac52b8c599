"""Short links to a party's case page, for texts where every character counts (issue 18).

``/m/c/<first 10 hex digits of the case id>`` opens the case page of the signed-in party's
bound case with that prefix (service/parties/pages.py); it names nothing else, and a browser
whose user is not bound to the case gets the same 404 as for any unknown case.
"""

from __future__ import annotations

import uuid

SHORT_HEX = 10


def short_case_path(case_id: uuid.UUID | str) -> str:
    return f"/m/c/{uuid.UUID(str(case_id)).hex[:SHORT_HEX]}"


def matches(case_id: uuid.UUID, short: str) -> bool:
    return len(short) == SHORT_HEX and case_id.hex.startswith(short.lower())
