"""Ingest of node events (contract §1.3): validate each, store the batch in bulk, plan
notifications in the same transaction.

Per batch the database sees a constant number of statements, not one per event: one
select of the cases, one select of the used ``(court key, event_id)`` pairs, one bulk
insert of events, the outbox's selects (parties, bindings, follow state, subscriptions),
one bulk insert of notifications and one audit entry. A concurrent batch that inserts the
same event id first makes the insert fail on the unique key; the batch is then processed
again and sees those events as ``duplicate`` or ``event_conflict``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from notifiers.models import Notification
from notifiers.outbox import Accepted, Channels, count_created, plan_notifications
from service import clock, metrics
from service.audit import service as audit
from service.cases import service as cases
from service.cases.models import Case
from service.errors import ProblemError, invalid_fields
from service.events import nodes
from service.events.models import Event
from service.events.schemas import EventIn, EventResult, check_data
from service.http import validation_problem

FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass
class _Checked:
    index: int
    event_id: str
    case_no: str
    node: nodes.Node
    occurred_at: datetime
    data: dict[str, Any]
    content_hash: str


@dataclass(frozen=True)
class IngestResult:
    results: list[EventResult]
    notification_ids: list[uuid.UUID]  # created (to enqueue after commit)


def content_hash(case_no: str, node: str, occurred_at: datetime, data: dict[str, Any]) -> str:
    """sha256 over the normalised content, so a resend with another offset or key order is
    the same event."""
    canonical = json.dumps(
        [case_no, node, occurred_at.astimezone(UTC).isoformat(), data],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _rejected(event_id: str, problem: ProblemError) -> EventResult:
    return EventResult(event_id=event_id, status="rejected", error=problem.as_dict())


def _check(index: int, raw: Any, now: datetime) -> _Checked | EventResult:
    raw_id = raw.get("event_id") if isinstance(raw, dict) else None
    shown_id = raw_id if isinstance(raw_id, str) else ""
    if not isinstance(raw, dict):
        return _rejected(shown_id, ProblemError(422, "invalid_field", "an event is a JSON object"))
    try:
        item = EventIn.model_validate(raw)
    except ValidationError as exc:
        return _rejected(shown_id, validation_problem(exc))
    node = nodes.resolve(item.node)
    if node is None:
        return _rejected(
            item.event_id, ProblemError(422, "node_unknown", f"no node {item.node!r} (§1.4)")
        )
    data, errors = check_data(node, item.data)
    if errors:
        return _rejected(item.event_id, invalid_fields(errors))
    if item.occurred_at > now + FUTURE_TOLERANCE:
        return _rejected(
            item.event_id,
            ProblemError(422, "occurred_in_future", "occurred_at is more than 5 minutes ahead"),
        )
    digest = content_hash(item.case_no, node.code, item.occurred_at, data)
    return _Checked(index, item.event_id, item.case_no, node, item.occurred_at, data, digest)


async def ingest_events(
    raw_events: list[Any], court_key: str, actor: str, channels: Channels
) -> IngestResult:
    """Process one batch; results come back in request order."""
    try:
        return await _ingest(raw_events, court_key, actor, channels)
    except IntegrityError:
        # A concurrent batch stored one of these event ids first: redo, now as duplicates.
        return await _ingest(raw_events, court_key, actor, channels)


def _conflict(event_id: str) -> EventResult:
    return _rejected(
        event_id,
        ProblemError(409, "event_conflict", "this event_id was used for different content"),
    )


async def _ingest(
    raw_events: list[Any], court_key: str, actor: str, channels: Channels
) -> IngestResult:
    now = clock.now()
    results: list[EventResult | None] = [None] * len(raw_events)
    checked: list[_Checked] = []
    first_in_batch: dict[str, _Checked] = {}
    for index, raw in enumerate(raw_events):
        outcome = _check(index, raw, now)
        if isinstance(outcome, EventResult):
            results[index] = outcome
            continue
        earlier = first_in_batch.get(outcome.event_id)
        if earlier is not None:  # the same id twice in one batch
            same = earlier.content_hash == outcome.content_hash
            results[index] = (
                EventResult(event_id=outcome.event_id, status="duplicate")
                if same
                else _conflict(outcome.event_id)
            )
            continue
        first_in_batch[outcome.event_id] = outcome
        checked.append(outcome)

    case_by_no = {c.case_no: c for c in await Case.filter(case_no__in={c.case_no for c in checked})}
    fresh: list[_Checked] = []
    for item in checked:
        if item.case_no not in case_by_no:
            results[item.index] = _rejected(
                item.event_id, ProblemError(422, "case_unknown", "no case with this case number")
            )
        else:
            fresh.append(item)

    notifications: list[Notification] = []
    accepted: list[tuple[_Checked, uuid.UUID]] = []
    async with in_transaction() as conn:
        used = {
            row[0]: row[1]
            for row in await Event.filter(
                court_key=court_key, event_id__in=[i.event_id for i in fresh]
            )
            .using_db(conn)
            .values_list("event_id", "content_hash")
        }
        rows: list[Event] = []
        for item in fresh:
            if item.event_id in used:
                same = used[item.event_id] == item.content_hash
                results[item.index] = (
                    EventResult(event_id=item.event_id, status="duplicate")
                    if same
                    else _conflict(item.event_id)
                )
                continue
            pk = uuid.uuid4()
            accepted.append((item, pk))
            rows.append(
                Event(
                    id=pk,
                    court_key=court_key,
                    event_id=item.event_id,
                    content_hash=item.content_hash,
                    case_id=case_by_no[item.case_no].id,
                    node=item.node.code,
                    occurred_at=item.occurred_at.astimezone(UTC),
                    data=item.data,
                    received_at=now,
                )
            )
            results[item.index] = EventResult(event_id=item.event_id, status="accepted")
        if rows:
            await Event.bulk_create(rows, batch_size=1000, using_db=conn)
            notifications = await plan_notifications(
                channels,
                [
                    Accepted(pk, case_by_no[i.case_no], i.node, i.occurred_at, i.data)
                    for i, pk in accepted
                ],
                conn,
            )
            if notifications:
                await Notification.bulk_create(notifications, batch_size=1000, using_db=conn)
            await audit.record(
                actor,
                "events.accepted",
                "event_batch",
                accepted[0][0].event_id,
                {
                    "event_ids": [i.event_id for i, _ in accepted],
                    "notifications": len(notifications),
                },
                using=conn,
            )

    await _update_cases(accepted, case_by_no)
    count_created(notifications)
    final = [r for r in results if r is not None]
    for r in final:
        metrics.events_ingested.labels(result=r.status).inc()
    return IngestResult(final, [n.id for n in notifications if n.status == "created"])


async def _update_cases(
    accepted: list[tuple[_Checked, uuid.UUID]], cases_by_no: dict[str, Case]
) -> None:
    """Keep each case's latest pushed node (and its state) current."""
    latest: dict[str, _Checked] = {}
    for item, _ in accepted:
        if not item.node.pushed:
            continue
        best = latest.get(item.case_no)
        if best is None or item.occurred_at >= best.occurred_at:
            latest[item.case_no] = item
    for case_no, item in latest.items():
        await cases.record_node(
            cases_by_no[case_no].id, item.node.code, item.occurred_at, item.node.case_status
        )


async def events_for_case(case_id: uuid.UUID) -> list[Event]:
    """The case's timeline, newest first."""
    return await Event.filter(case_id=case_id).order_by("-occurred_at")
