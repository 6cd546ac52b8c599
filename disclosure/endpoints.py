"""Court endpoints for 失信 listings (contract §1.6, scope ``disclosures``)."""

from __future__ import annotations

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import Response

from disclosure import deletion, rules, service
from disclosure.led import screens
from disclosure.models import Listing
from disclosure.schemas import (
    DeletionReviewOut,
    HistoryOut,
    KeepIn,
    ListingIn,
    ListingListOut,
    ListingOut,
    ListingSummaryOut,
    ScreenStatusOut,
    UpsertOut,
    WithdrawIn,
    rule_errors,
)
from disclosure.state import current_state
from service import clock
from service.auth.dependencies import require_court
from service.errors import FieldError, ProblemError, invalid_fields
from service.http import ApiRoute, Doc, json_response, parse_json, query_limit
from service.paging import decode_time_cursor, encode_time_cursor

SCOPE = "disclosures"


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


def deletion_review_out(listing: Listing) -> DeletionReviewOut | None:
    if listing.deletion_review_ground is None or listing.deletion_review_at is None:
        return None
    open_ = listing.deletion_review_due is not None and listing.status in rules.LIVE
    return DeletionReviewOut(
        ground=listing.deletion_review_ground,
        ground_text=deletion.GROUND_TEXT.get(listing.deletion_review_ground, ""),
        event_at=listing.deletion_review_at.isoformat(),
        due=listing.deletion_review_due,
        open=open_,
        overdue=open_ and deletion.is_overdue(listing, clock.now()),
    )


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
        deletion_review=deletion_review_out(listing),
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


async def list_listings(request: Request) -> Response:
    await require_court(request, SCOPE)
    status = request.query_params.get("status", "")
    if status not in service.LIST_STATUSES:
        raise invalid_fields(
            [FieldError("status", "invalid_field", "one of " + ", ".join(service.LIST_STATUSES))]
        )
    cursor = request.query_params.get("cursor")
    after = decode_time_cursor(cursor) if cursor else None
    rows, more, column = await service.court_list(status, query_limit(request), after)
    items = [
        ListingSummaryOut(
            listing_id=r.listing_id,
            public_id=r.public_id,
            case_no=r.case_no,
            kind=r.kind,
            name=r.name,
            id_no_masked=r.id_no_masked,
            circumstance=r.circumstance,
            period_years=r.period_years,
            status=r.status,
            publish_at=r.publish_at.isoformat(),
            expires_at=_iso(r.expires_at),
            deletion_review=deletion_review_out(r),
        )
        for r in rows
    ]
    next_cursor = encode_time_cursor(getattr(rows[-1], column), rows[-1].id) if more else None
    body = ListingListOut(items=items, next_cursor=next_cursor).model_dump(mode="json")
    if body["next_cursor"] is None:
        del body["next_cursor"]
    return json_response(body)


async def keep_listing(request: Request) -> Response:
    client = await require_court(request, SCOPE)
    data = await parse_json(request, KeepIn)
    listing = await deletion.keep_listing(
        request.path_params["listing_id"], data.note, client.actor
    )
    out = await listing_out(listing, request.app.state.redis)
    return json_response(out.model_dump(mode="json"))


routes = [
    ApiRoute(
        "/api/court/v1/disclosures",
        list_listings,
        methods=["GET"],
        doc=Doc(
            summary="Listings in one status, oldest first; status=deletion_review lists the "
            "listings the court must decide on (失信规定 Art. 10, contract §9.3)",
            tag="court",
            responses={200: ListingListOut},
            errors={422: ["invalid_field"]},
            auth="court",
            scope=SCOPE,
            query=[
                (
                    "status",
                    "string",
                    True,
                    "deletion_review | scheduled | published | withdrawn | expired",
                ),
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ],
            description=(
                "deletion_review: live listings whose case closed (执行完毕, 不予执行, 终结执行) "
                "while they have a period, or whose 终本 was followed by two empty "
                "post-termination searches (Art. 10(4)); each with its ground, due date (3 "
                "working days after the event) and whether it is overdue. The court closes a "
                "review by withdrawing the listing or by POST …/deletion-review/keep."
            ),
        ),
    ),
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
                422: ["missing_field", "reason_unknown", "reason_not_applicable"],
            },
            auth="court",
            scope=SCOPE,
            description=(
                "Reasons of 失信规定 Art. 10 para 1 (performed, settlement_performed, "
                "applicant_request, no_property_after_termination, suspended, "
                "ruling_not_enforced/not_enforced, execution_terminated/terminated) apply only to "
                "listings without a period: 「有纳入期限的，不适用前款规定」 (Art. 10 para 2), "
                "else 422 reason_not_applicable. early_deletion (Art. 2 para 2), wrongly_listed "
                "and corrected apply to any listing."
            ),
        ),
    ),
    ApiRoute(
        "/api/court/v1/disclosures/{listing_id}/deletion-review/keep",
        keep_listing,
        methods=["POST"],
        doc=Doc(
            summary="Close a listing's deletion review and keep the listing",
            tag="court",
            request=KeepIn,
            responses={200: ListingOut},
            errors={404: ["listing_unknown"], 409: ["no_deletion_review"]},
            auth="court",
            scope=SCOPE,
            description=(
                "E.g. the applicant gave a valid property lead (Art. 10(4)), or no early deletion "
                "under Art. 2 para 2. The same event does not reopen the review; a later one does."
            ),
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
