"""Court endpoints of the 终本案件 and 限制消费 lists (contract §9.6, scope ``disclosures``):
``POST /api/court/v1/{terminated-cases|consumption-restrictions}`` (upsert by ``record_id``),
``…/{record_id}/withdraw`` and ``GET …/{record_id}``. Rules in disclosure/records.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from disclosure import records
from disclosure.lists import LISTS, RESTRICTED, TERMINATED, PublicList
from disclosure.models import PublicRecord
from disclosure.records_schemas import (
    RecordCourtOut,
    RecordUpsertOut,
    RecordWithdrawIn,
    RestrictionIn,
    TerminatedCaseIn,
)
from service.auth.dependencies import require_court
from service.http import ApiRoute, Doc, json_response, parse_json

SCOPE = "disclosures"
Endpoint = Callable[[Request], Awaitable[Response]]
BODY_ERRORS = [
    "missing_field",
    "case_no_invalid",
    "id_no_invalid",
    "credit_code_invalid",
    "kind_unknown",
    "date_invalid",
    "money_invalid",
    "filed_at_invalid",
]


def court_out(row: PublicRecord) -> RecordCourtOut:
    return RecordCourtOut(
        record_id=row.record_id,
        public_id=row.public_id,
        list=row.list,
        case_no=row.case_no,
        status=row.status,
        published_at=row.published_at.isoformat(),
        withdrawn_at=row.withdrawn_at.isoformat() if row.withdrawn_at else None,
        withdraw_reason=row.withdraw_reason,
        withdraw_note=row.withdraw_note,
    )


def _upsert(public: PublicList, model: type[TerminatedCaseIn] | type[RestrictionIn]) -> Endpoint:
    async def upsert(request: Request) -> Response:
        client = await require_court(request, SCOPE)
        data = await parse_json(request, model)
        done = await records.upsert(public, data, client.actor)
        body = RecordUpsertOut(
            record_id=done.record.record_id,
            public_id=done.record.public_id,
            status=done.record.status,
            changed=done.changed,
        )
        return json_response(body.model_dump(), status=201 if done.created else 200)

    upsert.__name__ = f"upsert_{public.key}"
    return upsert


def _withdraw(public: PublicList) -> Endpoint:
    async def withdraw(request: Request) -> Response:
        client = await require_court(request, SCOPE)
        data = await parse_json(request, RecordWithdrawIn)
        row = await records.withdraw(
            public, request.path_params["record_id"], data.reason, data.note, client.actor
        )
        return json_response(court_out(row).model_dump())

    withdraw.__name__ = f"withdraw_{public.key}"
    return withdraw


def _get(public: PublicList) -> Endpoint:
    async def get(request: Request) -> Response:
        await require_court(request, SCOPE)
        row = await records.get(public, request.path_params["record_id"])
        return json_response(court_out(row).model_dump())

    get.__name__ = f"get_{public.key}"
    return get


def _routes(
    public: PublicList, model: type[TerminatedCaseIn] | type[RestrictionIn], what: str
) -> list[ApiRoute]:
    base = f"/api/court/v1/{public.slug}"
    reasons = " | ".join(public.withdraw_reasons)
    return [
        ApiRoute(
            base,
            _upsert(public, model),
            methods=["POST"],
            doc=Doc(
                summary=f"Create or correct a {what} record (upsert by record_id); public at once",
                tag="court",
                request=model,
                responses={201: RecordUpsertOut, 200: RecordUpsertOut},
                errors={409: ["record_withdrawn"], 422: BODY_ERRORS},
                auth="court",
                scope=SCOPE,
                description="The same content again is a 200 with `changed: false`. A withdrawn "
                "record is not republished (409 `record_withdrawn`): send a new record_id. The "
                "fields published and the rule behind them: docs/disclosures.md.",
            ),
        ),
        ApiRoute(
            f"{base}/{{record_id}}/withdraw",
            _withdraw(public),
            methods=["POST"],
            doc=Doc(
                summary=f"Withdraw a {what} record; no public output shows it from the moment "
                "this returns (its page answers 410)",
                tag="court",
                request=RecordWithdrawIn,
                responses={200: RecordCourtOut},
                errors={404: ["record_unknown"], 422: ["missing_field", "reason_unknown"]},
                auth="court",
                scope=SCOPE,
                description=f"`reason`: {reasons}. Withdrawing twice changes nothing.",
            ),
        ),
        ApiRoute(
            f"{base}/{{record_id}}",
            _get(public),
            methods=["GET"],
            doc=Doc(
                summary=f"One {what} record and its status",
                tag="court",
                responses={200: RecordCourtOut},
                errors={404: ["record_unknown"]},
                auth="court",
                scope=SCOPE,
            ),
        ),
    ]


routes = [
    *_routes(LISTS[TERMINATED], TerminatedCaseIn, "终本案件"),
    *_routes(LISTS[RESTRICTED], RestrictionIn, "限制消费"),
]
