"""Court endpoints for 失信 listings (contract §1.6, scope ``disclosures``)."""

from __future__ import annotations

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import Response

from disclosure import rules, service
from disclosure.led import screens
from disclosure.models import Listing
from disclosure.schemas import (
    HistoryOut,
    ListingIn,
    ListingOut,
    ScreenStatusOut,
    UpsertOut,
    WithdrawIn,
    rule_errors,
)
from disclosure.state import current_state
from service.auth.dependencies import require_court
from service.errors import ProblemError, invalid_fields
from service.http import ApiRoute, Doc, json_response, parse_json

SCOPE = "disclosures"


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


async def listing_out(listing: Listing, redis: Redis | None = None) -> ListingOut:
    state = await current_state()
    return ListingOut(
        listing_id=listing.listing_id,
        public_id=listing.public_id,
        case_no=listing.case_no,
        court=listing.court,
        kind=listing.kind,
        name=listing.name,
        id_no_masked=listing.id_no_masked,
        gender=listing.gender,
        legal_rep=listing.legal_rep,
        basis_doc_no=listing.basis_doc_no,
        basis_unit=listing.basis_unit,
        obligation=listing.obligation,
        performance=listing.performance,
        unperformed_amount=(
            None if listing.unperformed_amount is None else f"{listing.unperformed_amount:.2f}"
        ),
        circumstance=listing.circumstance,
        circumstance_text=rules.circumstance_text(listing.circumstance),
        decided_at=listing.decided_at,
        filed_at=listing.filed_at,
        age=listing.age,
        publish_after=listing.publish_after,
        period_years=listing.period_years,
        publish_at=listing.publish_at.isoformat(),
        expires_at=_iso(listing.expires_at),
        status=listing.status,
        published_at=_iso(listing.published_at),
        withdrawn_at=_iso(listing.withdrawn_at),
        withdraw_reason=listing.withdraw_reason,
        withdraw_note=listing.withdraw_note,
        version=listing.version,
        disclosure_version=state.version,
        withdrawal_floor=state.withdrawal_floor,
        history=[
            HistoryOut(
                at=h.at.isoformat(),
                action=h.action,
                actor=h.actor,
                version=h.version,
                status=h.status,
                details=dict(h.details),
            )
            for h in await service.history(listing)
        ],
        # Per-screen acknowledgement state against the latest withdrawal floor (§1.7, §3.3).
        screens=[] if redis is None else await _screen_statuses(redis, state.withdrawal_floor),
    )


async def _screen_statuses(redis: Redis, floor: int) -> list[ScreenStatusOut]:
    found = await screens.statuses(redis, await screens.all_screens(), floor)
    return [
        ScreenStatusOut(
            screen_id=s.screen.screen_id,
            acked_version=s.screen.acked_version,
            last_seen_at=_iso(s.last_seen_at),
            compliant=s.compliant,
        )
        for s in found
    ]


def validate_listing(data: ListingIn) -> None:
    """Raise the 422 for the cross-field 失信 rules; a single rule failure is the top code."""
    if errors := rule_errors(data):
        problem = invalid_fields(errors)
        if len(errors) == 1:
            problem = ProblemError(422, errors[0].code, errors[0].detail, errors=errors)
        raise problem


async def upsert_listing(request: Request) -> Response:
    client = await require_court(request, SCOPE)
    data = await parse_json(request, ListingIn)
    validate_listing(data)
    result = await service.upsert_listing(data, client.actor)
    body = UpsertOut(
        listing_id=result.listing.listing_id,
        public_id=result.listing.public_id,
        status=result.listing.status,
        version=result.listing.version,
        changed=result.changed,
    )
    return json_response(body.model_dump(), status=201 if result.created else 200)


async def withdraw_listing(request: Request) -> Response:
    client = await require_court(request, SCOPE)
    data = await parse_json(request, WithdrawIn)
    listing = await service.withdraw_listing(
        request.path_params["listing_id"], data.reason, data.note, client.actor
    )
    out = await listing_out(listing, request.app.state.redis)
    return json_response(out.model_dump(mode="json"))


async def get_listing(request: Request) -> Response:
    await require_court(request, SCOPE)
    listing = await service.get_listing(request.path_params["listing_id"])
    out = await listing_out(listing, request.app.state.redis)
    return json_response(out.model_dump(mode="json"))


routes = [
    ApiRoute(
        "/api/court/v1/disclosures",
        upsert_listing,
        methods=["POST"],
        doc=Doc(
            summary="Create or correct a 失信 listing (upsert by listing_id)",
            tag="court",
            request=ListingIn,
            responses={201: UpsertOut, 200: UpsertOut},
            errors={
                409: ["listing_closed"],
                422: [
                    "missing_field",
                    "case_no_invalid",
                    "id_no_invalid",
                    "credit_code_invalid",
                    "kind_unknown",
                    "gender_invalid",
                    "circumstance_invalid",
                    "date_invalid",
                    "money_invalid",
                    "period_required",
                    "period_not_allowed",
                    "period_invalid",
                    "minor_not_listable",
                    "publish_after_invalid",
                    "filed_at_invalid",
                ],
            },
            auth="court",
            scope=SCOPE,
            description=(
                "Grounds 2–6 need period_years 2–5, ground 1 has none; a person under 18 on "
                "decided_at is refused. The listing is public from the start of publish_after "
                "(Asia/Shanghai; decided_at when absent) until withdrawn or until its period "
                "ends (decided_at + period_years). The same content again answers 200 with "
                "changed=false and changes nothing."
            ),
        ),
    ),
    ApiRoute(
        "/api/court/v1/disclosures/{listing_id}/withdraw",
        withdraw_listing,
        methods=["POST"],
        doc=Doc(
            summary="Withdraw a listing; no public output shows it from the moment this returns",
            tag="court",
            request=WithdrawIn,
            responses={200: ListingOut},
            errors={
                404: ["listing_unknown"],
                409: ["listing_expired"],
                422: ["missing_field", "reason_unknown"],
            },
            auth="court",
            scope=SCOPE,
        ),
    ),
    ApiRoute(
        "/api/court/v1/disclosures/{listing_id}",
        get_listing,
        methods=["GET"],
        doc=Doc(
            summary="A listing with its status, history and the disclosure version",
            tag="court",
            responses={200: ListingOut},
            errors={404: ["listing_unknown"]},
            auth="court",
            scope=SCOPE,
        ),
    ),
]
