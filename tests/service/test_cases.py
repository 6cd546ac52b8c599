"""Case upserts (contract §1.2): validation at the edge, personal data never in clear."""

from __future__ import annotations

import logging

import httpx

from service import db
from service.cases.service import find_parties_by_identity, get_case_by_no
from tests.factories import case_payload, resident_id
from tests.support import CourtSigner

PATH = "/api/court/v1/cases"


async def test_three_bad_fields_are_listed_and_nothing_is_stored(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    good_no = payload["case_no"]
    payload["case_no"] = good_no.replace("执", "民")  # not an execution case number
    bad_id = resident_id()
    payload["parties"][0]["id_no"] = bad_id[:-1] + ("0" if bad_id[-1] != "0" else "1")
    payload["parties"][1]["role"] = "witness"
    response = await court.request(client, "POST", PATH, payload)
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_field"
    by_field = {e["field"]: e["code"] for e in problem["errors"]}
    assert by_field == {
        "case_no": "case_no_invalid",
        "parties[0].id_no": "id_no_invalid",
        "parties[1].role": "role_unknown",
    }
    assert await get_case_by_no(good_no) is None
    assert await get_case_by_no(payload["case_no"]) is None


async def test_half_width_and_legacy_numbers_are_normalised(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    full = payload["case_no"]
    half = full.replace("（", "(").replace("）", ")")
    response = await court.request(client, "POST", PATH, {**payload, "case_no": half})
    assert response.status_code == 201
    assert response.json()["case_no"] == full
    # the same case, sent again in full-width form, is an update
    again = await court.request(client, "POST", PATH, payload)
    assert again.status_code == 200
    legacy = await court.request(client, "POST", PATH, case_payload(case_no="(2012)东执字第253号"))
    assert legacy.status_code in (200, 201)
    assert legacy.json()["case_no"] == "（2012）东执字第253号"


async def test_wrong_types_unknown_fields_and_money(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload(amount=150000.5, filed_at="2024/03/01", surprise="ignored")
    response = await court.request(client, "POST", PATH, payload)
    assert response.status_code == 422
    by_field = {e["field"]: e["code"] for e in response.json()["errors"]}
    assert by_field == {"amount": "money_invalid", "filed_at": "date_invalid"}
    response = await court.request(client, "POST", PATH, {**case_payload(), "parties": "P-1"})
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "parties",
        "code": "invalid_field",
        "detail": response.json()["errors"][0]["detail"],
    }


async def test_agent_must_represent_a_party(client: httpx.AsyncClient, court: CourtSigner) -> None:
    payload = case_payload()
    payload["parties"][2]["represents"] = "P-9"
    response = await court.request(client, "POST", PATH, payload)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "parties[2].represents"
    assert response.json()["errors"][0]["code"] == "represents_unknown"


async def test_invalid_json_and_body_limit(client: httpx.AsyncClient, court: CourtSigner) -> None:
    body = b"{not json"
    response = await client.post(PATH, content=body, headers=court.headers("POST", PATH, body))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"
    big = b'{"x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = await client.post(PATH, content=big, headers=court.headers("POST", PATH, big))
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


async def test_upsert_updates_parties_and_deactivates_dropped(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    payload = case_payload()
    assert (await court.request(client, "POST", PATH, payload)).status_code == 201
    applicant = payload["parties"][0]
    payload["parties"] = payload["parties"][:2]
    payload["parties"][0]["name"] = "张三丰"
    assert (await court.request(client, "POST", PATH, payload)).status_code == 200
    case = await get_case_by_no(payload["case_no"])
    assert case is not None
    found = await find_parties_by_identity(case.id, "张三丰", applicant["id_no"])
    assert [p.party_id for p in found] == ["P-1"]
    assert await find_parties_by_identity(case.id, "张三", applicant["id_no"]) == []
    parties = {p.party_id: p.active for p in await case.parties.all()}
    assert parties == {"P-1": True, "P-2": True, "P-3": False}


async def test_no_identity_number_or_phone_in_database_or_logs(
    client: httpx.AsyncClient, court: CourtSigner, caplog: object
) -> None:
    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    root = logging.getLogger()
    capture = Capture()
    capture.setFormatter(root.handlers[0].formatter)
    for existing in root.handlers[0].filters:
        capture.addFilter(existing)
    root.addHandler(capture)
    try:
        payload = case_payload()
        secrets_sent = [p["id_no"] for p in payload["parties"]]
        secrets_sent += [p["phone"] for p in payload["parties"] if p.get("phone")]
        secrets_sent.append("87000000")
        response = await court.request(client, "POST", PATH, payload)
        assert response.status_code == 201
        # a failing request with personal data in it is logged too
        bad = case_payload()
        bad["parties"][0]["role"] = "nobody"
        secrets_sent.append(bad["parties"][0]["id_no"])
        assert (await court.request(client, "POST", PATH, bad)).status_code == 422
        logging.getLogger("test").warning("probe %s", payload["parties"][0]["id_no"])
    finally:
        root.removeHandler(capture)

    assert records, "the service logged nothing"
    log_text = "\n".join(records)
    dump = await _dump_database()
    for secret in secrets_sent:
        assert secret not in dump, "personal data stored in clear"
        assert secret not in log_text, "personal data in the logs"


async def _dump_database() -> str:
    conn = db.connection()
    if db.dialect(conn) == "postgres":
        tables = [
            r["tablename"]
            for r in await conn.execute_query_dict(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
    else:
        tables = [
            r["name"]
            for r in await conn.execute_query_dict(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        ]
    parts = []
    for table in tables:
        for row in await conn.execute_query_dict(f'SELECT * FROM "{table}"'):
            parts.append(repr(row))
    return "\n".join(parts)
