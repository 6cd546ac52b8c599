"""Court endpoint for cases: ``POST /api/court/v1/cases`` (contract §1.2)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from service.auth.dependencies import require_court
from service.cases import service
from service.cases.schemas import CaseIn, CaseOut, party_reference_errors
from service.errors import invalid_fields
from service.http import ApiRoute, Doc, json_response, parse_json


async def upsert_case(request: Request) -> Response:
    client = await require_court(request, "cases")
    data = await parse_json(request, CaseIn)
    if errors := party_reference_errors(data):
        raise invalid_fields(errors)
    result = await service.upsert_case(data, client.actor)
    body = CaseOut(case_id=str(result.case.id), case_no=result.case.case_no)
    return json_response(body.model_dump(), status=201 if result.created else 200)


routes = [
    ApiRoute(
        "/api/court/v1/cases",
        upsert_case,
        methods=["POST"],
        doc=Doc(
            summary="Create or update a case (upsert by case number)",
            tag="court",
            request=CaseIn,
            responses={201: CaseOut, 200: CaseOut},
            errors={
                422: [
                    "case_no_invalid",
                    "id_no_invalid",
                    "credit_code_invalid",
                    "phone_invalid",
                    "role_unknown",
                    "kind_unknown",
                    "date_invalid",
                    "money_invalid",
                    "party_duplicate",
                    "represents_unknown",
                ],
            },
            auth="court",
            scope="cases",
        ),
    ),
]
