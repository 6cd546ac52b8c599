"""Listing payloads and a public client with its own address (so rate limits don't collide)."""

from __future__ import annotations

import itertools
import random
import string
from datetime import date, timedelta
from typing import Any

import httpx

from service import clock
from tests.factories import case_no, credit_code, resident_id
from tests.support import CourtSigner

_ids = itertools.count(1)
_RUN = "".join(random.choices(string.ascii_uppercase, k=6))  # letters: no digit runs to collide
_names = itertools.count(random.randrange(1000, 9000) * 1000)
_DIGITS = "零一二三四五六七八九"


def listing_id() -> str:
    return f"SX-{_RUN}-{next(_ids)}"


def unique_name(surname: str = "赵") -> str:
    """A unique, realistic-looking Chinese name (so tests never see each other's listings)."""
    return surname + "".join(_DIGITS[int(d)] for d in str(next(_names)))


def today() -> date:
    return clock.local_now().date()


def listing_fields(
    *, listing_id: str, case_no: str, name: str, id_no: str, decided_at: str
) -> dict[str, Any]:
    """A valid listing of a person who performed nothing, around the values given; the
    benchmarks build theirs with it too (bench/led.py)."""
    return {
        "listing_id": listing_id,
        "case_no": case_no,
        "court": "宁波市海曙区人民法院",
        "kind": "person",
        "name": name,
        "id_no": id_no,
        "gender": "男",
        "legal_rep": None,
        "basis_doc_no": "（2023）浙0203民初456号",
        "basis_unit": "宁波市海曙区人民法院",
        "obligation": "偿还借款本金150000元及利息",
        "performance": "全部未履行",
        "unperformed_amount": "150000.00",
        "circumstance": 1,
        "decided_at": decided_at,
        "publish_after": None,
        "period_years": None,
    }


def listing_payload(**overrides: Any) -> dict[str, Any]:
    payload = listing_fields(
        listing_id=listing_id(),
        case_no=case_no(),
        name=unique_name(),
        id_no=resident_id("19800101"),
        decided_at=(today() - timedelta(days=10)).isoformat(),
    )
    payload.update(overrides)
    return payload


def organization_payload(**overrides: Any) -> dict[str, Any]:
    return listing_payload(
        kind="organization",
        name=unique_name("宁波") + "贸易有限公司",
        id_no=credit_code(),
        gender=None,
        legal_rep="李四",
        **overrides,
    )


def client_ip() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


async def publish(client: httpx.AsyncClient, court: CourtSigner, payload: dict[str, object]) -> str:
    """POST the listing (201 expected); its public id."""
    response = await court.request(client, "POST", "/api/court/v1/disclosures", payload)
    assert response.status_code == 201, response.text
    return str(response.json()["public_id"])
