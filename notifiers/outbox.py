"""The outbox: notification rows planned and written with their event, queued after commit,
swept.

The row is the truth and Redis only carries ids: :func:`enqueue` may lose one, and
:func:`sweep` (cron every ``MICROCOURT_NOTIFICATION_SWEEP_SECONDS``, and at worker start)
finds what a lost enqueue, a Redis restart or a dead worker left behind. Channel choice:
notifiers/reachability.py; queries: notifiers/repository.py; the whole path:
docs/architecture.md, "From court event to phone".
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from arq.connections import ArqRedis
from tortoise.backends.base.client import BaseDBAsyncClient

from config.logging import get_logger
from config.settings import load_settings
from notifiers import repository
from notifiers.channels import Channels
from notifiers.queue import enqueue_batches
from notifiers.reachability import Reachability
from notifiers.repository import NotificationRow, Recipient
from service import clock, metrics
from service.cases.models import Case
from service.events import nodes
from service.events.notifying import Accepted
from service.parties.links import short_case_path

__all__ = [
    "DELIVER_TASK",
    "Channels",
    "NotificationRow",
    "count_created",
    "create_fallback",
    "enqueue",
    "enqueue_retries",
    "insert_notifications",
    "plan_notifications",
    "recipients",
    "sweep",
    "variables",
]

log = get_logger("microcourt.outbox")

DELIVER_TASK = "deliver_notification"


def recipients(
    node: nodes.Node, parties: Sequence[Recipient], only: frozenset[uuid.UUID] | None = None
) -> list[Recipient]:
    """Parties whose role the node is pushed to, and the agents of those parties; or, when
    ``only`` names parties, exactly those of them that are active on the case."""
    if only is not None:
        return [p for p in parties if p.id in only]
    if not node.recipients:
        return []
    direct = [p for p in parties if p.role in node.recipients]
    represented = {p.party_id for p in direct}
    agents = [p for p in parties if p.role == "agent" and p.represents in represented]
    return direct + agents


def _text(value: object) -> str | None:
    return str(value) if value is not None and value != "" else None


def variables(
    case: Case,
    node: nodes.Node,
    occurred_at: datetime,
    data: dict[str, object],
    role: str | None = None,
) -> dict[str, str | None]:
    """The message variables of contract §5; values stay canonical (ISO times, 2-place money)
    and are fitted to each template field's rules only when sending. No variable carries a
    phone: the summary templates never show phone fields (service/events/nodes.py).

    Each time has its own variable: ``objection_deadline`` (an appraisal report's, or a 补正's
    ``due``; also served as ``deadline``), ``starts_at`` (an auction's start) and ``interview_at``
    (when the 终本 interview is held, or scheduled) — never the record time, which is
    ``occurred_at``. ``role`` is the recipient's (an agent's principal's) role."""
    amount = data.get("amount") or data.get("price")
    deadline = _text(data.get("objection_deadline") or data.get("due"))
    return {
        "case_no": case.case_no,
        "node_name": nodes.title(node, data),
        "occurred_at": occurred_at.isoformat(),
        "summary": nodes.summary(node, data, role),
        "court": case.court,
        "amount": _text(amount),
        "deadline": deadline,
        "objection_deadline": deadline,
        "starts_at": _text(data.get("starts_at")),
        "interview_at": _text(nodes.interview_at(data)),
        "receipt_no": _text(data.get("receipt_no")),
        # Where the party reads more (a short link to the case page, service/parties/pages.py)
        # and, where the law gives one, what they can do next (issue 18).
        "case_path": short_case_path(case.id),
        "next_step": next_step(node, role),
    }


#: 民事诉讼法第二百三十六条: a party may object in writing to an enforcement act (the 终本
#: ruling included); the court rules within 15 days of receiving it.
TERMINATION_NEXT_STEP = "如认为终本不符合规定，可向执行法院提出书面异议，法院收到后15日内审查裁定"


def next_step(node: nodes.Node, role: str | None) -> str | None:
    """The next step a message names, beyond "read the case page"."""
    if node.code == "terminated_current_procedure" and role in ("applicant", None):
        return TERMINATION_NEXT_STEP
    return None


def _view_role(party: Recipient, parties: Sequence[Recipient]) -> str:
    """The role whose messages this party gets: an agent gets its principal's."""
    if party.role != "agent":
        return party.role
    principal = next((p for p in parties if p.party_id == party.represents), None)
    return principal.role if principal else party.role


async def plan_notifications(
    channels: Channels, accepted: Sequence[Accepted], using: BaseDBAsyncClient
) -> list[NotificationRow]:
    """New rows for these events (due now), one per recipient party; the parties and what
    reaches them are read once for the whole batch."""
    pushed = [a for a in accepted if a.node.pushed or a.recipients]
    if not pushed:
        return []
    parties = await repository.active_recipients({a.case.id for a in pushed}, using)
    all_parties = [p.id for ps in parties.values() for p in ps]
    reach = await Reachability.load(all_parties, using)
    now = clock.now()
    rows: list[NotificationRow] = []
    for item in pushed:
        kind = item.node.kind
        on_case = parties.get(item.case.id, [])
        by_role: dict[str, dict[str, str | None]] = {}
        for party in recipients(item.node, on_case, item.recipients):
            role = _view_role(party, on_case)
            if role not in by_role:
                by_role[role] = variables(item.case, item.node, item.occurred_at, item.data, role)
            values = by_role[role]
            channel, openid = reach.choose(channels, party, kind, set())
            status = "undeliverable" if channel == "none" else "created"
            rows.append(
                NotificationRow(
                    uuid.uuid4(),
                    item.event_pk,
                    item.case.id,
                    party.id,
                    channel,
                    status,
                    kind,
                    openid,
                    values,
                    0,
                    now,
                    None,
                    now,
                    now,
                )
            )
    return rows


async def insert_notifications(rows: Sequence[NotificationRow], using: BaseDBAsyncClient) -> None:
    """Insert planned rows in the caller's transaction."""
    await repository.insert_notifications(rows, using)


def count_created(rows: Iterable[NotificationRow]) -> None:
    for (channel, status), n in Counter((r.channel, r.status) for r in rows).items():
        metrics.notifications.labels(channel=channel, status=status).inc(n)


async def enqueue(
    arq: ArqRedis | None, ids: Iterable[uuid.UUID | str], size: int | None = None
) -> int:
    """Queue deliveries of these rows, ``size`` (default ``MICROCOURT_NOTIFICATION_BATCH_SIZE``)
    per job, each job's id derived from its ids (the same batch is not queued twice); never
    raises (the sweep re-enqueues what this misses)."""
    if arq is None:
        return 0
    id_list = [str(i) for i in ids]
    try:
        return await enqueue_batches(arq, DELIVER_TASK, [(i, i) for i in id_list], _size(size))
    except Exception as exc:  # Redis down: the rows are committed; the sweep finds them.
        log.warning("outbox.enqueue_failed", error=type(exc).__name__, pending=len(id_list))
        return 0


async def enqueue_retries(
    arq: ArqRedis | None, retries: dict[uuid.UUID, datetime], size: int | None = None
) -> int:
    """Queue these rows again for when they are due: one deferred job per batch of rows due
    in the same second (at its end), each job's id derived from its ids and that second.
    Never raises (the sweep finds rows whose retry job Redis lost)."""
    if arq is None or not retries:
        return 0
    seconds: dict[int, list[str]] = {}
    for nid, at in retries.items():
        seconds.setdefault(math.ceil(at.timestamp()), []).append(str(nid))
    now = clock.now().timestamp()
    added = 0
    try:
        for second, ids in sorted(seconds.items()):
            items = [(i, f"{i}@{second}") for i in ids]
            added += await enqueue_batches(
                arq, DELIVER_TASK, items, _size(size), kind="retry", defer_by=max(0.0, second - now)
            )
    except Exception as exc:
        log.warning("outbox.enqueue_failed", error=type(exc).__name__, pending=len(retries))
    return added


def _size(size: int | None) -> int:
    return size if size is not None else load_settings().notification_batch_size


async def sweep(
    arq: ArqRedis, limit: int = 5000, lease_seconds: int = 60, size: int | None = None
) -> int:
    """Re-enqueue rows that are due (created, failed_temporary whose time has come) and rows
    whose worker's lease ran out while ``sending``. Returns how many ids it queued."""
    now = clock.now()
    ids = await repository.due_ids(now, limit)
    added = await enqueue(arq, ids, size)
    # A job a killed worker had taken stays "in progress" in arq until its timeout (then arq
    # runs it again), and a job arq failed by itself (e.g. "expired" after a Redis restart)
    # keeps a result for a while: either blocks a new job of the same id. Rows overdue by more
    # than a lease get recovery jobs whose ids also name each row's attempt number, so they
    # are new until the rows move on; the claim in delivery.py still lets only one run send.
    stale = await repository.overdue(now - timedelta(seconds=lease_seconds), limit)
    if stale and arq is not None:
        try:
            recover = [(nid, f"{nid}:{n}") for nid, n in stale]
            added += await enqueue_batches(arq, DELIVER_TASK, recover, _size(size), kind="recover")
        except Exception as exc:
            log.warning("outbox.recover_failed", error=type(exc).__name__)
    # receipts that arrived while their row had no msgid yet, and that the worker's own
    # check missed (it crashed in between)
    await repository.reconcile_receipts(now)
    metrics.notification_queue_depth.set(len(ids))
    if added:
        log.info("outbox.swept", enqueued=added, due=len(ids))
    return added


async def create_fallback(channels: Channels, failed: NotificationRow) -> NotificationRow | None:
    """The next-channel row after ``failed`` failed permanently (None if one exists)."""
    tried = await repository.channels_tried(failed.event_id, failed.party_id)
    party = await repository.recipient(failed.party_id)
    reach = await Reachability.load([party.id])
    channel, openid = reach.choose(channels, party, failed.kind, tried)
    row = await repository.insert_fallback(failed, channel, openid, clock.now())
    if row is None:
        return None
    metrics.notifications.labels(channel=row.channel, status=row.status).inc()
    log.info(
        "notification.fallback", notification_id=str(failed.id), next=str(row.id), channel=channel
    )
    return row
