"""The OpenAPI document describes every requests operation with its error codes (§9.4)."""

from __future__ import annotations

import re

import httpx

PARTY = "/api/party/v1/cases/{case_id}"
COURT = "/api/court/v1"
EXPECTED: dict[tuple[str, str], dict[int, set[str]]] = {
    ("post", f"{PARTY}/listing-requests"): {
        401: {"session_required"},
        404: {"case_not_found"},
        409: {"no_published_listing"},
        413: {"body_too_large"},
        415: {"unsupported_media_type"},
        422: {"missing_field", "invalid_field"},  # missing_field: the Art. 11 item
    },
    ("post", f"{PARTY}/property-leads"): {
        404: {"case_not_found"},
        415: {"unsupported_media_type"},
    },
    ("post", f"{PARTY}/resumption-requests"): {
        404: {"case_not_found"},
        409: {"not_terminated"},
    },
    ("post", "/api/party/v1/listing-requests/{request_id}/attachments"): {
        404: {"request_not_found"},
        409: {"attachment_limit", "request_closed"},
        413: {"attachment_too_large"},
        415: {"attachment_type_unsupported"},
        422: {"attachment_empty"},
    },
    ("post", "/api/party/v1/property-leads/{request_id}/attachments"): {
        409: {"request_closed"},
    },
    ("post", "/api/party/v1/resumption-requests/{request_id}/attachments"): {
        409: {"request_closed"},
    },
    ("get", f"{PARTY}/requests"): {401: {"session_required"}, 404: {"case_not_found"}},
    ("post", f"{COURT}/listing-requests/{{request_id}}/decision"): {
        401: {"signature_invalid"},
        403: {"scope_missing"},
        404: {"request_not_found"},
        409: {"status_transition_invalid", "listing_expired"},
        422: {"missing_field", "invalid_field"},
    },
    ("post", f"{COURT}/property-leads/{{request_id}}/status"): {
        409: {"status_transition_invalid"},
    },
    ("post", f"{COURT}/resumption-requests/{{request_id}}/decision"): {
        409: {"status_transition_invalid"},
    },
    ("get", f"{COURT}/listing-requests"): {422: {"invalid_field"}, 403: {"scope_missing"}},
    ("get", f"{COURT}/property-leads"): {422: {"invalid_field"}},
    ("get", f"{COURT}/resumption-requests"): {422: {"invalid_field"}},
    ("get", f"{COURT}/listing-requests/{{request_id}}/attachments/{{attachment_id}}"): {
        404: {"request_not_found", "attachment_not_found"},
    },
    ("get", f"{COURT}/property-leads/{{request_id}}/attachments/{{attachment_id}}"): {
        404: {"attachment_not_found"},
    },
    ("get", f"{COURT}/resumption-requests/{{request_id}}/attachments/{{attachment_id}}"): {
        404: {"attachment_not_found"},
    },
}


async def test_every_requests_operation_is_documented_with_its_error_codes(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    for (method, path), errors in EXPECTED.items():
        operation = spec["paths"][path][method]
        assert operation["summary"], path
        for status, codes in errors.items():
            description = operation["responses"][str(status)]["description"]
            listed = set(re.split(r",\s*", description.split("one of:", 1)[1].strip()))
            assert codes <= listed, (method, path, status, codes - listed)
    # the court's scopes: a grant withdraws listings (disclosures); leads and resumption are
    # applicant filings, as objections are
    for collection, scope in (
        ("listing-requests", "disclosures"),
        ("property-leads", "objections"),
        ("resumption-requests", "objections"),
    ):
        assert spec["paths"][f"{COURT}/{collection}"]["get"]["x-court-scope"] == scope
