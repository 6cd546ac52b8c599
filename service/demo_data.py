"""Demo data: a court key and a few enforcement cases, loaded through the service functions.

Idempotent: loading twice changes nothing (cases are upserts, the key is kept in the data
folder). Identity numbers are generated with valid check characters but are not real people.
"""

from __future__ import annotations

import json
from typing import Any

from config.settings import Settings
from service.auth.court import create_key
from service.auth.models import CourtKey
from service.cases import service as cases
from service.cases.schemas import CaseIn
from service.identifiers import compute_credit_code_check, compute_resident_id_check

DEMO_ACTOR = "system:demo"


def _person_id(first17: str) -> str:
    return first17 + compute_resident_id_check(first17)


def _org_id(first17: str) -> str:
    return first17 + compute_credit_code_check(first17)


def demo_cases() -> list[dict[str, Any]]:
    return [
        {
            "case_no": "（2024）浙0203执1234号",
            "court": "宁波市海曙区人民法院",
            "filed_at": "2024-03-01",
            "cause": "民间借贷纠纷",
            "amount": "150000.00",
            "handler": {"name": "王法官", "phone": "0574-87000000"},
            "parties": [
                {"party_id": "P-1", "role": "applicant", "kind": "person", "name": "张三",
                 "id_no": _person_id("33020319900101123"), "phone": "13800000001"},
                {"party_id": "P-2", "role": "respondent", "kind": "organization",
                 "name": "宁波某某贸易有限公司", "id_no": _org_id("91330203MA2H3K4L4"),
                 "legal_rep": "李四"},
                {"party_id": "P-3", "role": "agent", "kind": "person", "name": "钱律师",
                 "id_no": _person_id("33020319850505222"), "phone": "13800000003",
                 "represents": "P-1"},
            ],
        },
        {
            "case_no": "（2024）浙0203执2001号",
            "court": "宁波市海曙区人民法院",
            "filed_at": "2024-05-20",
            "cause": "买卖合同纠纷",
            "amount": "86000.00",
            "handler": {"name": "陈法官", "phone": "0574-87000001"},
            "parties": [
                {"party_id": "Q-1", "role": "applicant", "kind": "organization",
                 "name": "宁波某某机械有限公司", "id_no": _org_id("91330203MA2H3K5X1"),
                 "legal_rep": "孙五", "phone": "13800000011"},
                {"party_id": "Q-2", "role": "respondent", "kind": "person", "name": "赵某某",
                 "id_no": _person_id("33020319800101123"), "phone": "13800000012"},
            ],
        },
    ]


async def _court_key(settings: Settings) -> dict[str, str]:
    path = settings.data_dir / "demo-court-key.json"
    if path.exists():
        stored: dict[str, str] = json.loads(path.read_text())
        if await CourtKey.filter(key_id=stored["key_id"], revoked_at=None).exists():
            return stored
    key = await create_key("demo court system", ["cases", "events", "disclosures", "screens",
                                                 "objections", "rights"])
    stored = {"key_id": key.key_id, "secret": key.secret}
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(json.dumps(stored))
    return stored


async def load_demo_data(settings: Settings) -> dict[str, Any]:
    summary: dict[str, Any] = {"court_key": await _court_key(settings), "cases": []}
    for raw in demo_cases():
        result = await cases.upsert_case(CaseIn.model_validate(raw), DEMO_ACTOR)
        applicant = next(p for p in raw["parties"] if p["role"] == "applicant")
        # Fictitious people: printed in full so a newcomer can bind to the case at /m/bind.
        summary["cases"].append(
            f"{result.case.case_no}  applicant {applicant['name']} {applicant['id_no']}"
        )
    return summary
