"""Court endpoint for node events: ``POST /api/court/v1/events`` (contract §1.3)."""

from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from service.auth.dependencies import require_court
from service.events import notifying, service
from service.events.schemas import EventsIn, EventsOut
from service.http import ApiRoute, Doc, json_response, parse_json


async def post_events(request: Request) -> Response:
    client = await require_court(request, "events")
    batch = await parse_json(request, EventsIn)
    notifier = notifying.current()
    result = await service.ingest_events(batch.events, client.key_id, client.actor, notifier)
    response = json_response(EventsOut(results=result.results).model_dump(exclude_none=True))
    if result.notification_ids:
        # After commit, and after the answer: the rows are safe, the sweep covers a miss.
        response.background = BackgroundTask(notifier.enqueue, result.notification_ids)
    return response


routes = [
    ApiRoute(
        "/api/court/v1/events",
        post_events,
        methods=["POST"],
        doc=Doc(
            summary="Report case-progress node events (1–1000 per batch, idempotent per event_id)",
            tag="court",
            request=EventsIn,
            responses={200: EventsOut},
            auth="court",
            scope="events",
            description=(
                "Each event is processed on its own; per-event results in request order: "
                "accepted, duplicate (same event_id, same content) or rejected with a problem "
                "whose code is case_unknown, node_unknown, occurred_in_future, invalid_field "
                "or event_conflict (same event_id, other content)."
            ),
        ),
    ),
]
