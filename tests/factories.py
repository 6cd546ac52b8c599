"""Valid-looking test data: identity numbers with correct check characters, unique case numbers."""

from __future__ import annotations

import itertools
import random
import secrets
from typing import Any

from service.identifiers import compute_credit_code_check, compute_resident_id_check
from service.parties.bind_input import problems

_counter = itertools.count(random.randrange(1000, 9000) * 1000)
#: Every identity number and phone handed out, so the session can prove none reached a log
#: (tests/security/logcheck.py).
GENERATED: set[str] = set()


def _remember(value: str) -> str:
    GENERATED.add(value)
    return value


def resident_id(birth: str = "19800101", area: str = "330203", seq: int | None = None) -> str:
    seq = next(_counter) % 1000 if seq is None else seq
    first17 = f"{area}{birth}{seq:03d}"
    return _remember(first17 + compute_resident_id_check(first17))


def credit_code(body: str | None = None) -> str:
    body = body or f"91330203MA{next(_counter) % 10_000_000:07d}"
    return _remember(body + compute_credit_code_check(body))


def mobile() -> str:
    return _remember(f"13{next(_counter) % 1_000_000_000:09d}")


def access_code() -> str:
    """A case's 查询码 for one party (contract §9.1): 8 upper-case letters and digits."""
    return secrets.token_hex(4).upper()


def case_no(year: int = 2024, court: str = "浙0203", kind: str = "执") -> str:
    return f"（{year}）{court}{kind}{next(_counter)}号"


def case_fields(
    *,
    case_no: str,
    applicant_id: str,
    applicant_phone: str,
    company_id: str,
    agent_id: str,
    agent_phone: str,
) -> dict[str, Any]:
    """A valid case body (applicant, respondent company, the applicant's agent) around the
    numbers given; the benchmarks build theirs with it too (bench/common.py)."""
    return {
        "case_no": case_no,
        "court": "宁波市海曙区人民法院",
        "filed_at": "2024-03-01",
        "cause": "民间借贷纠纷",
        "amount": "150000.00",
        "handler": {"name": "王某", "phone": "0574-87000000"},
        "parties": [
            {
                "party_id": "P-1",
                "role": "applicant",
                "kind": "person",
                "name": "张三",
                "id_no": applicant_id,
                "phone": applicant_phone,
                "access_code": access_code(),
            },
            {
                "party_id": "P-2",
                "role": "respondent",
                "kind": "organization",
                "name": "宁波某某贸易有限公司",
                "id_no": company_id,
                "legal_rep": "李四",
                "access_code": access_code(),
            },
            {
                "party_id": "P-3",
                "role": "agent",
                "kind": "person",
                "name": "钱律师",
                "id_no": agent_id,
                "phone": agent_phone,
                "represents": "P-1",
                "access_code": access_code(),
            },
        ],
    }


def case_payload(**overrides: Any) -> dict[str, Any]:
    payload = case_fields(
        case_no=case_no(),
        applicant_id=resident_id("19900101"),
        applicant_phone=mobile(),
        company_id=credit_code(),
        agent_id=resident_id("19850505"),
        agent_phone=mobile(),
    )
    payload.update(overrides)
    return payload


def mistyped(id_no: str) -> str:
    """``id_no`` with a wrong check character that no reading accepts: an 18-digit number
    with a wrong 身份证 check digit is sometimes a valid 统一社会信用代码 (1 in 31), which the
    page rightly lets through, so the test picks a character both checks refuse."""
    for char in "0123456789X":
        candidate = id_no[:17] + char
        if candidate != id_no and len(problems("（2024）浙0203执1号", candidate)) == 1:
            return candidate
    raise AssertionError(f"no mistyped variant of {id_no}")
