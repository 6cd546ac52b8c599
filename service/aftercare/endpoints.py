"""``GET /api/court/v1/termination-searches`` (contract §9.5): the 终本 cases whose six-monthly
search (终本规定 Art. 9) is due or overdue, in order of due day. Rules in
:mod:`service.aftercare.schedule`."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import Response

from service import calendar, clock
from service.aftercare import service
from service.aftercare.schedule import STATUSES, Watch
from service.aftercare.schemas import TerminationSearchListOut, TerminationSearchOut
from service.auth.dependencies import require_court
from service.errors import FieldError, invalid_fields
from service.http import ApiRoute, Doc, json_response, query_limit
from service.paging import decode_cursor, encode_cursor, invalid_cursor
from service.web.site import PRIVATE_HEADERS


def item(watch: Watch, today: date) -> TerminationSearchOut:
    return TerminationSearchOut(
        case_no=watch.case_no,
        ruling_no=watch.ruling_no,
        ruling_at=watch.ruling_at,
        last_day=watch.last_day,
        searches_done=watch.searches,
        empty_searches=watch.empty_searches,
        last_search_at=watch.last_search_at,
        last_found=watch.last_found,
        next_due=watch.next_due,
        status=watch.status(today),
        has_lead=watch.has_lead,
        art10_4=watch.art10_4,
    )


def parse_cursor(raw: str | None) -> tuple[date, str] | None:
    if not raw:
        return None
    due, case_no = decode_cursor(raw, 2)
    try:
        return date.fromisoformat(due), case_no
    except ValueError:
        raise invalid_cursor() from None


async def termination_searches(request: Request) -> Response:
    await require_court(request, "events")
    status = request.query_params.get("status")
    if status is not None and status not in STATUSES:
        raise invalid_fields(
            [FieldError("status", "invalid_field", "one of " + ", ".join(STATUSES))]
        )
    limit = query_limit(request)
    after = parse_cursor(request.query_params.get("cursor"))
    now = clock.now()
    rows, more = await service.page(status, limit, after, now)
    today = calendar.local_day(now)
    next_cursor = (
        encode_cursor(rows[-1].next_due.isoformat(), rows[-1].case_no) if more and rows else None
    )
    body = TerminationSearchListOut(items=[item(w, today) for w in rows], next_cursor=next_cursor)
    return json_response(body.model_dump(mode="json"), headers=dict(PRIVATE_HEADERS))


routes = [
    ApiRoute(
        "/api/court/v1/termination-searches",
        termination_searches,
        methods=["GET"],
        doc=Doc(
            "终本 cases and their next six-monthly property search (终本规定 Art. 9)",
            "court",
            responses={200: TerminationSearchListOut},
            auth="court",
            scope="events",
            query=[
                (
                    "status",
                    "string",
                    False,
                    "scheduled | due (the due day is within 30 days) | overdue (the due day "
                    "is over); omitted: every case on the schedule",
                ),
                ("limit", "integer", False, "1–500, default 50"),
                ("cursor", "string", False, "next_cursor of the previous page"),
            ],
            errors={422: ["invalid_field"]},
            description="Derived from `terminated_current_procedure`, `post_termination_search`, "
            "`resumed`, `closed` and `lead_verified` events: a case is on the schedule from its "
            "latest 终本 ruling until five years have passed, it is resumed, or it is closed in "
            "another mode. Ordered by `next_due`, then case number. Each "
            "`post_termination_search` reported is a search done and is pushed to the applicant "
            "as a mandatory message.",
        ),
    ),
]
