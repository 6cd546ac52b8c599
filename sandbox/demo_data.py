"""Demo data: a court key and a few enforcement cases, loaded through the service functions.

Idempotent: loading twice changes nothing (cases are upserts, the key is kept in the data
folder). Identity numbers are generated with valid check characters but are not real people.
"""

from __future__ import annotations

import json
from typing import Any

from config.settings import Settings
from disclosure.schemas import ListingIn
from disclosure.service import run_lifecycle, upsert_listing
from notifiers import outlet
from sandbox.wechat_state import DEMO_OPENID
from service.auth.court import create_key
from service.auth.models import CourtKey
from service.cases import service as cases
from service.cases.schemas import CaseIn
from service.events import notifying
from service.events.service import ingest_events
from service.identifiers import compute_credit_code_check, compute_resident_id_check
from service.parties.models import Party
from service.parties.service import bind_once

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
                 "id_no": _person_id("33020319900101123"), "phone": "13800000001",
                 "access_code": "ZS1234A1"},
                {"party_id": "P-2", "role": "respondent", "kind": "organization",
                 "name": "宁波某某贸易有限公司", "id_no": _org_id("91330203MA2H3K4L4"),
                 "legal_rep": "李四", "access_code": "MY1234P2"},
                {"party_id": "P-3", "role": "agent", "kind": "person", "name": "钱律师",
                 "id_no": _person_id("33020319850505222"), "phone": "13800000003",
                 "represents": "P-1", "access_code": "QLS1234A3"},
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
                 "legal_rep": "孙五", "phone": "13800000011", "access_code": "JX2001Q1"},
                {"party_id": "Q-2", "role": "respondent", "kind": "person", "name": "赵某某",
                 "id_no": _person_id("33020319800101123"), "phone": "13800000012",
                 "access_code": "ZMM2001Q2"},
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


DEMO_EVENTS: list[tuple[str, str, dict[str, Any]]] = [
    ("case_filed", "2024-03-01T09:00:00+08:00", {}),
    ("handler_assigned", "2024-03-02T10:00:00+08:00",
     {"handler_name": "王法官", "handler_phone": "0574-87000000"}),
    ("execution_notice_served", "2024-03-05T15:30:00+08:00", {}),
    ("online_search_started", "2024-03-06T09:10:00+08:00", {}),
    ("online_search_result", "2024-03-08T16:00:00+08:00",
     {"found": True, "summary": "查询到银行存款2笔"}),
    ("deposit_frozen", "2024-03-09T11:20:00+08:00", {"amount": "36000.00"}),
    ("funds_deducted", "2024-04-10T10:00:00+08:00", {"amount": "36000.00"}),
    ("funds_received", "2024-04-12T14:45:00+08:00", {"amount": "36000.00"}),
]


def demo_listings() -> list[dict[str, Any]]:
    return [
        {
            "listing_id": "SX-DEMO-0001", "case_no": "（2024）浙0203执2001号",
            "court": "宁波市海曙区人民法院", "kind": "person", "name": "赵某某",
            "id_no": _person_id("33020319800101123"),
            "basis_doc_no": "（2023）浙0203民初456号", "basis_unit": "宁波市海曙区人民法院",
            "obligation": "支付货款86000元及利息", "performance": "全部未履行",
            "unperformed_amount": "86000.00", "circumstance": 1,
            "decided_at": "2024-06-01", "publish_after": "2024-06-02",
        },
        {
            "listing_id": "SX-DEMO-0002", "case_no": "（2024）浙0203执1234号",
            "court": "宁波市海曙区人民法院", "kind": "organization",
            "name": "宁波某某贸易有限公司", "id_no": _org_id("91330203MA2H3K4L4"),
            "legal_rep": "李四", "basis_doc_no": "（2023）浙0203民初123号",
            "basis_unit": "宁波市海曙区人民法院", "obligation": "偿还借款本金150000元及利息",
            "performance": "部分履行", "unperformed_amount": "114000.00", "circumstance": 2,
            "decided_at": "2024-07-01", "publish_after": "2024-07-02", "period_years": 3,
        },
    ]


async def _demo_events(case_no: str) -> int:
    raw = [
        {"event_id": f"demo-{i:02d}", "case_no": case_no, "node": node, "occurred_at": at,
         "data": data}
        for i, (node, at, data) in enumerate(DEMO_EVENTS)
    ]
    result = await ingest_events(raw, "demo", DEMO_ACTOR, notifying.current())
    return sum(1 for r in result.results if r.status == "accepted")


async def _bind_demo_party(case_no: str, party_id: str) -> None:
    """The sandbox's default WeChat user is this case's applicant, so a newcomer who opens
    /m/ (signed in as that user by the sandbox) sees a bound case and its messages."""
    case = await cases.get_case_by_no(case_no)
    assert case is not None
    party = await Party.get(case_id=case.id, party_id=party_id)
    await bind_once(party.id, case.id, oa_openid=DEMO_OPENID)


async def _demo_listings() -> int:
    for raw in demo_listings():
        await upsert_listing(ListingIn.model_validate(raw), DEMO_ACTOR)
    await run_lifecycle()
    return len(demo_listings())


async def load_demo_data(settings: Settings) -> dict[str, Any]:
    """Loaded before the worker starts: the messages are queued by its start-up sweep."""
    demo_outlet = outlet.from_settings(settings)
    previous = outlet.bind_process(lambda: demo_outlet)
    try:
        return await _load(settings)
    finally:
        outlet.bind_process(previous)  # a process that had one (a test's app) keeps it


async def _load(settings: Settings) -> dict[str, Any]:
    summary: dict[str, Any] = {"court_key": await _court_key(settings), "cases": []}
    for raw in demo_cases():
        result = await cases.upsert_case(CaseIn.model_validate(raw), DEMO_ACTOR)
        applicant = next(p for p in raw["parties"] if p["role"] == "applicant")
        # Fictitious people: printed in full so a newcomer can bind to the case at /m/bind,
        # with the case's 查询码 (or an SMS code, which lands in the sandbox's SMS inbox).
        summary["cases"].append(
            f"{result.case.case_no}  applicant {applicant['name']} {applicant['id_no']}"
            f"  access code {applicant['access_code']}"
        )
    first = demo_cases()[0]["case_no"]
    await _bind_demo_party(first, "P-1")
    summary["events"] = await _demo_events(first)
    summary["listings"] = await _demo_listings()
    return summary
