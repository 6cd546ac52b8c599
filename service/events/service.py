"""Node events: the court's batches (contract §1.3) and the service's own system events.

Both store the event and its notifications in one transaction, and queue the notifications
only after commit (through :mod:`service.events.notifying`, which the notifiers implement);
the sweep re-enqueues anything a lost enqueue leaves behind.

* :func:`ingest_events` — a court batch. The database sees a constant number of statements
  per batch, not one per event: one select of the cases, one select of the used
  ``(court key, event_id)`` pairs, one bulk insert of events, the outbox's selects (parties,
  bindings, follow state, subscriptions), one bulk insert of notifications, the cases' latest
  node, one audit entry. A concurrent batch that inserts the same event id first makes the
  insert fail on the unique key; the batch is then processed again and sees those events as
  ``duplicate`` or ``event_conflict``.
* :func:`record_system_event` — an event the service records itself (court key
  ``"system"``): a listing published or withdrawn, an objection's status, a rights-list
  reminder. Idempotent by ``event_id``; it may name the recipient parties.

Personal data: fields of kind ``phone`` are stored encrypted (``<field>_enc``, the vault's
AES-GCM), and ``content_hash`` is an HMAC under the vault's lookup key rather than a plain
hash — a plain hash over a phone number plus fields anyone can guess would give the number
away to whoever tries every number.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from config.logging import get_logger
from service import clock, metrics
from service.audit import service as audit
from service.cases import service as cases
from service.cases.models import Case
from service.errors import FieldError, ProblemError, invalid_fields
from service.events import followers, nodes, notifying, repository
from service.events.models import Event
from service.events.notifying import Accepted, Notifier, Stored
from service.events.schemas import EventIn, EventResult, check_data
from service.http import validation_problem
from service.privacy import vault

log = get_logger("microcourt.events")

FUTURE_TOLERANCE = timedelta(minutes=5)
SYSTEM_KEY = "system"  # court_key (and audit actor) of events the service records itself
CONTENT = "event content"  # lookup-hash purpose of content_hash
SEALED = "_enc"  # suffix of an encrypted personal field in event.data


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
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (case_no, node) committed


def content_hash(case_no: str, node: str, occurred_at: datetime, data: dict[str, Any]) -> str:
    """Keyed hash of the normalised content, so a resend with another offset or key order is
    the same event (``duplicate``) and changed content is not (``event_conflict``)."""
    canonical = json.dumps(
        [case_no, node, occurred_at.astimezone(UTC).isoformat(), data],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return vault().lookup_hash(canonical, CONTENT)


def sealed(node: nodes.Node, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as stored: each phone field encrypted under ``<name>_enc``."""
    phones = nodes.phone_fields(node)
    if not phones or not any(name in data for name in phones):
        return data
    v = vault()
    return {
        (name + SEALED if name in phones else name): (
            v.encrypt(str(value)) if name in phones else value
        )
        for name, value in data.items()
    }


def shown(data: dict[str, Any]) -> dict[str, Any]:
    """Stored ``data`` without its encrypted personal fields."""
    return {k: v for k, v in data.items() if not k.endswith(SEALED)}


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
    node = nodes.resolve_for_court(item.node)
    if node is None:
        return _rejected(
            item.event_id, ProblemError(422, "node_unknown", f"no node {item.node!r} (§1.4)")
        )
    implied = nodes.implied_data(item.node)
    clash = [k for k, v in implied.items() if item.data.get(k, v) != v]
    if clash:
        return _rejected(
            item.event_id,
            invalid_fields(
                [
                    FieldError(f"data.{k}", "invalid_field", f"{item.node} means {k} {implied[k]}")
                    for k in clash
                ]
            ),
        )
    data, errors = check_data(node, item.data | implied)
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
    raw_events: list[Any], court_key: str, actor: str, notifier: Notifier
) -> IngestResult:
    """Process one batch; results come back in request order. The caller queues
    ``notification_ids`` (``notifier.enqueue``) once it has answered."""
    try:
        result = await _ingest(raw_events, court_key, actor, notifier)
    except IntegrityError:
        # A concurrent batch stored one of these event ids first: redo, now as duplicates.
        result = await _ingest(raw_events, court_key, actor, notifier)
    await followers.tell(result.accepted)  # e.g. a closure deletes 失信 listings (§9.3)
    return result


def _conflict(event_id: str) -> EventResult:
    return _rejected(
        event_id,
        ProblemError(409, "event_conflict", "this event_id was used for different content"),
    )


def _repeat(item: _Checked, earlier_hash: str) -> EventResult:
    if earlier_hash == item.content_hash:
        return EventResult(event_id=item.event_id, status="duplicate")
    return _conflict(item.event_id)


async def _ingest(
    raw_events: list[Any], court_key: str, actor: str, notifier: Notifier
) -> IngestResult:
    now = clock.now()
    results: list[EventResult | None] = [None] * len(raw_events)
    checked: list[_Checked] = []
    first_in_batch: dict[str, _Checked] = {}
    for index, raw in enumerate(raw_events):
        outcome = _check(index, raw, now)
        if isinstance(outcome, EventResult):
            results[index] = outcome
        elif (earlier := first_in_batch.get(outcome.event_id)) is not None:
            results[index] = _repeat(outcome, earlier.content_hash)  # same id twice in a batch
        else:
            first_in_batch[outcome.event_id] = outcome
            checked.append(outcome)

    case_by_no = {c.case_no: c for c in await Case.filter(case_no__in={c.case_no for c in checked})}
    fresh: list[_Checked] = []
    for item in checked:
        if item.case_no in case_by_no:
            fresh.append(item)
        else:
            results[item.index] = _rejected(
                item.event_id, ProblemError(422, "case_unknown", "no case with this case number")
            )

    stored: Stored | None = None
    accepted: list[tuple[_Checked, uuid.UUID]] = []
    async with in_transaction() as conn:
        used = await repository.used_event_ids(conn, court_key, [i.event_id for i in fresh])
        for item in fresh:
            if item.event_id in used:
                results[item.index] = _repeat(item, used[item.event_id])
            else:
                accepted.append((item, uuid.uuid4()))
                results[item.index] = EventResult(event_id=item.event_id, status="accepted")
        if accepted:
            events = [
                Accepted(pk, case_by_no[i.case_no], i.node, i.occurred_at, i.data)
                for i, pk in accepted
            ]
            keys = [(i.event_id, i.content_hash) for i, _ in accepted]
            await insert_events(conn, court_key, keys, events, now)
            stored = await notifier.store(events, conn)
            await _update_cases(events, conn)
            await audit.record(
                actor,
                "events.accepted",
                "event_batch",
                accepted[0][0].event_id,
                {
                    "event_ids": [i.event_id for i, _ in accepted],
                    "notifications": stored.count,
                },
                using=conn,
            )

    if stored is not None:
        stored.committed()
    final = [r for r in results if r is not None]
    for status, n in Counter(r.status for r in final).items():
        metrics.events_ingested.labels(result=status).inc(n)
    return IngestResult(
        final,
        stored.to_queue if stored is not None else [],
        [(i.case_no, i.node.code) for i, _ in accepted],
    )


async def insert_events(
    conn: BaseDBAsyncClient,
    court_key: str,
    keys: Sequence[tuple[str, str]],
    events: Sequence[Accepted],
    now: datetime,
) -> None:
    """Insert the events (``keys``: event_id and content hash of each) in one statement; a
    used ``(court_key, event_id)`` raises ``IntegrityError``."""
    await repository.insert_events(
        conn,
        [
            repository.EventRow(
                e.event_pk,
                court_key,
                event_id,
                digest,
                e.case.id,
                e.node.code,
                e.occurred_at,
                sealed(e.node, e.data),
                now,
            )
            for (event_id, digest), e in zip(keys, events, strict=True)
        ],
    )


async def _update_cases(events: Sequence[Accepted], conn: BaseDBAsyncClient) -> None:
    """Keep each case's latest node (and its state) current, one statement for all the
    batch's cases; internal nodes (reminders, objection steps) are not case progress and
    leave it alone."""
    latest: dict[uuid.UUID, Accepted] = {}
    for item in events:
        if not item.node.pushed or item.node.internal:
            continue
        best = latest.get(item.case.id)
        if best is None or item.occurred_at >= best.occurred_at:
            latest[item.case.id] = item
    await cases.record_nodes(
        [
            cases.NodeUpdate(case_id, i.node.code, i.occurred_at, i.node.case_status)
            for case_id, i in latest.items()
        ],
        using=conn,
    )


async def record_system_event(
    case_id: uuid.UUID,
    node: str,
    occurred_at: datetime,
    data: dict[str, Any],
    event_id: str,
    *,
    recipients: Sequence[uuid.UUID] | None = None,
    notifier: Notifier | None = None,
) -> list[uuid.UUID]:
    """Record an event the service itself observed and tell the parties, as a court event
    would: stored with its notifications in one transaction, queued after commit.

    ``node`` is any catalogue node, internal ones included; ``data`` is checked against it
    (a bad field is a programming error: ``ValueError``). ``recipients`` names the parties to
    tell (e.g. only the objector and their agent); without it the node's roles and their
    agents are told. ``notifier`` defaults to this process's (:func:`notifying.current`: the
    web app's or the worker's). The same ``event_id`` again records nothing and returns
    ``[]``; otherwise the ids of the notifications queued.
    """
    spec = nodes.resolve(node)
    if spec is None:
        raise ValueError(f"unknown node {node!r}")
    clean, errors = check_data(spec, data)
    if errors:
        raise ValueError(f"{spec.code}: " + "; ".join(f"{e.field}: {e.detail}" for e in errors))
    if occurred_at.tzinfo is None:
        raise ValueError("occurred_at needs a time zone")
    out = notifier or notifying.current()
    case = await Case.get(id=case_id)
    only = frozenset(recipients) if recipients is not None else None
    event = Accepted(uuid.uuid4(), case, spec, occurred_at, clean, only)
    digest = content_hash(case.case_no, spec.code, occurred_at, clean)
    try:
        async with in_transaction() as conn:
            if await Event.filter(court_key=SYSTEM_KEY, event_id=event_id).using_db(conn).exists():
                return []
            await insert_events(conn, SYSTEM_KEY, [(event_id, digest)], [event], clock.now())
            stored = await out.store([event], conn)
            await _update_cases([event], conn)
            await audit.record(
                SYSTEM_KEY,
                "events.recorded",
                "event",
                event_id,
                {"node": spec.code, "case_id": str(case_id), "notifications": stored.count},
                using=conn,
            )
    except IntegrityError:
        return []  # a concurrent call recorded the same event_id first
    stored.committed()
    metrics.events_ingested.labels(result="system").inc()
    await out.enqueue(stored.to_queue)
    log.info(
        "events.system_recorded", node=spec.code, event_id=event_id, notifications=stored.count
    )
    return stored.to_queue


async def events_for_case(case_id: uuid.UUID) -> list[Event]:
    """The case's timeline, newest first."""
    return await Event.filter(case_id=case_id).order_by("-occurred_at")
