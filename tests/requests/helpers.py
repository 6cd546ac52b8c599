"""Shared steps for the requests tests: a case whose respondent company is publicly listed."""

from __future__ import annotations

from typing import Any

import httpx

from tests.disclosure.helpers import listing_payload, unique_name
from tests.factories import case_payload
from tests.filings.helpers import court_call, make_case
from tests.support import CourtSigner

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RESPONDENT = 1  # case_payload's second party: the respondent company
APPLICANT = 0
AGENT = 2  # the applicant's agent


async def listed_case(
    client: httpx.AsyncClient, court: CourtSigner, **listing: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A case and a published 失信 listing of its respondent company (a name of its own, so
    searches and screens show this test's listing only; the public id added)."""
    parties = case_payload()["parties"]
    parties[RESPONDENT]["name"] = unique_name("甬") + "贸易公司"
    case = await make_case(client, court, parties=parties)
    company = case["parties"][RESPONDENT]
    payload = listing_payload(
        case_no=case["case_no"],
        kind="organization",
        name=company["name"],
        id_no=company["id_no"],
        gender=None,
        legal_rep=company["legal_rep"],
        **listing,
    )
    response = await court_call(client, court, "POST", "/api/court/v1/disclosures", payload)
    assert response.status_code == 201, response.text
    payload["public_id"] = response.json()["public_id"]
    return case, payload


def listing_requests_path(case: dict[str, Any]) -> str:
    return f"/api/party/v1/cases/{case['case_id']}/listing-requests"


async def decide(
    client: httpx.AsyncClient, court: CourtSigner, path: str, body: dict[str, Any]
) -> httpx.Response:
    return await court_call(client, court, "POST", path, body)
