"""The outbox: notification rows written with their event, queued after commit, swept.

The database row is the truth; Redis only carries ids (docs/architecture.md, "From court
event to phone"):

* :func:`plan_notifications` plans one row per recipient party for accepted events (or
  for the parties a system event names); :func:`insert_notifications` writes them in the
  events' transaction.
* :func:`enqueue` puts ids on the arq queue after commit, with the notification id as the
  arq job id, so a second enqueue of a queued id is a no-op (notifiers/queue.py).
* :func:`sweep` (cron, every minute and at worker start) re-enqueues due rows that a lost
  enqueue, a Redis restart or a dead worker left behind.
* :func:`create_fallback` makes the next-channel row after a permanent failure.

Channel order for a party: Official Account (a binding with an OA openid, the user not known
to have unfollowed), Mini Program (an MP openid with an unused accepted subscription for the
message's template), SMS (a phone), else ``none`` → ``undeliverable``. Preferences (opt-out,
quiet hours) are applied by the worker before the first claim (notifiers/delivery.py).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from arq.connections import ArqRedis
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from config.logging import get_logger
from config.settings import Settings
from notifiers.models import CLAIMABLE, Notification
from notifiers.queue import blocked, enqueue_jobs
from notifiers.reachability import Reachability
from notifiers.templates import Templates
from service import clock, metrics
from service.cases.models import Case, Party
from service.events import nodes
from service.events.bulk import copy_rows, is_postgres, json_text

log = get_logger("microcourt.outbox")

DELIVER_TASK = "deliver_notification"
ORDER = ("wechat_oa", "wechat_mp", "sms")


@dataclass(frozen=True)
class Channels:
    """Which channels this deployment has, and the templates that render them."""

    templates: Templates
    oa: bool
    mp: bool
    sms: bool

    @classmethod
    def from_settings(cls, settings: Settings, templates: Templates) -> Channels:
        return cls(
            templates=templates,
            oa=bool(settings.wechat_oa_appid) and templates.has_app("oa"),
            mp=bool(settings.wechat_mp_appid) and templates.has_app("mp"),
            sms=bool(settings.sms_gateway_url),
        )


@dataclass(frozen=True)
class Accepted:
    """An event accepted in this batch, as the outbox needs it."""

    event_pk: uuid.UUID
    case: Case
    node: nodes.Node
    occurred_at: datetime
    data: dict[str, object]  # as validated, before personal fields are sealed for storage
    recipients: frozenset[uuid.UUID] | None = None  # these parties only (system events)


class Recipient(NamedTuple):
    """What planning needs of a party (read as tuples: a batch reads hundreds of them)."""

    id: uuid.UUID
    case_id: uuid.UUID
    party_id: str  # the case system's id
    role: str
    represents: str | None
    phone_enc: str | None

    @classmethod
    def of(cls, party: Party) -> Recipient:
        return cls(
            party.id, party.case_id, party.party_id, party.role, party.represents, party.phone_enc
        )


async def active_recipients(
    case_ids: Iterable[uuid.UUID], using: BaseDBAsyncClient | None = None
) -> dict[uuid.UUID, list[Recipient]]:
    """The active parties of these cases, oldest first, by case id."""
    rows = (
        await Party.filter(case_id__in=set(case_ids), active=True)
        .using_db(using)
        .order_by("created_at")
        .values_list("id", "case_id", "party_id", "role", "represents", "phone_enc")
    )
    out: dict[uuid.UUID, list[Recipient]] = {}
    for pk, case_id, party_id, role, represents, phone_enc in rows:
        party = Recipient(_uuid(pk), _uuid(case_id), party_id, role, represents, phone_enc)
        out.setdefault(party.case_id, []).append(party)
    return out


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


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


def variables(
    case: Case, node: nodes.Node, occurred_at: datetime, data: dict[str, object]
) -> dict[str, str | None]:
    """The message variables of contract §5; values stay canonical (ISO times, 2-place money)
    and are fitted to each template field's rules only when sending. No variable carries a
    phone: the summary templates never show phone fields (service/events/nodes.py)."""
    amount = data.get("amount") or data.get("price")
    deadline = data.get("objection_deadline") or data.get("starts_at") or data.get("scheduled_at")
    receipt = data.get("receipt_no")
    return {
        "case_no": case.case_no,
        "node_name": nodes.title(node, data),
        "occurred_at": occurred_at.isoformat(),
        "summary": nodes.summary(node, data),
        "court": case.court,
        "amount": str(amount) if amount is not None else None,
        "deadline": str(deadline) if deadline is not None else None,
        "receipt_no": str(receipt) if receipt else None,
    }


class PlannedNotification(NamedTuple):
    """A notification row to insert; the fields are its columns (the others start at their
    defaults: no attempts, due now)."""

    id: uuid.UUID
    event_id: uuid.UUID
    case_id: uuid.UUID
    party_id: uuid.UUID
    channel: str
    status: str
    kind: str
    openid: str | None
    variables: dict[str, str | None]


async def plan_notifications(
    channels: Channels, accepted: Sequence[Accepted], using: BaseDBAsyncClient
) -> list[PlannedNotification]:
    """Rows for these events, one per recipient party; the parties and what reaches them
    are read once for the whole batch."""
    pushed = [a for a in accepted if a.node.pushed or a.recipients]
    if not pushed:
        return []
    parties = await active_recipients({a.case.id for a in pushed}, using)
    all_parties = [p.id for ps in parties.values() for p in ps]
    reach = await Reachability.load(all_parties, using)
    rows: list[PlannedNotification] = []
    for item in pushed:
        values = variables(item.case, item.node, item.occurred_at, item.data)
        kind = item.node.kind
        for party in recipients(item.node, parties.get(item.case.id, []), item.recipients):
            channel, openid = reach.choose(channels, party, kind, set())
            status = "undeliverable" if channel == "none" else "created"
            rows.append(
                PlannedNotification(
                    uuid.uuid4(),
                    item.event_pk,
                    item.case.id,
                    party.id,
                    channel,
                    status,
                    kind,
                    openid,
                    values,
                )
            )
    return rows


_COLUMNS = (*PlannedNotification._fields, "attempts", "next_attempt_at", "created_at", "updated_at")


async def insert_notifications(
    rows: Sequence[PlannedNotification], using: BaseDBAsyncClient
) -> None:
    """Insert planned rows in the caller's transaction: one ``COPY`` on PostgreSQL,
    ``bulk_create`` elsewhere."""
    if not rows:
        return
    now = clock.now()
    if not is_postgres(using):
        models = [
            Notification(**dict(zip(_COLUMNS, (*r, 0, now, now, now), strict=True))) for r in rows
        ]
        await Notification.bulk_create(models, batch_size=1000, using_db=using)
        return
    encoded: dict[int, str] = {}  # the rows of one event share its variables: encode once
    records = []
    for r in rows:
        if (text := encoded.get(id(r.variables))) is None:
            text = encoded[id(r.variables)] = json_text(r.variables)
        records.append((*r[:-1], text, 0, now, now, now))
    await copy_rows(using, "notification", _COLUMNS, records)


def count_created(rows: Iterable[PlannedNotification]) -> None:
    for (channel, status), n in Counter((r.channel, r.status) for r in rows).items():
        metrics.notifications.labels(channel=channel, status=status).inc(n)


async def enqueue(arq: ArqRedis | None, ids: Iterable[uuid.UUID | str]) -> int:
    """Queue deliveries by id (the job id is the notification id, so a queued id is not
    queued twice); never raises (the sweep re-enqueues what this misses)."""
    if arq is None:
        return 0
    id_list = [str(i) for i in ids]
    try:
        return await enqueue_jobs(arq, DELIVER_TASK, [(i, i) for i in id_list])
    except Exception as exc:  # Redis down: the rows are committed; the sweep finds them.
        log.warning("outbox.enqueue_failed", error=type(exc).__name__, pending=len(id_list))
        return 0


def _due(now: datetime) -> Q:
    return Q(status__in=CLAIMABLE, next_attempt_at__lte=now) | Q(
        status="sending", sending_until__lt=now
    )


async def _reconcile_receipts(now: datetime) -> None:
    """Apply ``success`` receipts that arrived while their row had no msgid yet and that
    the worker's own check missed (it crashed in between)."""
    from notifiers.models import WeChatReceipt

    recent = await WeChatReceipt.filter(
        status="success", received_at__gte=now - timedelta(days=1)
    ).values_list("msgid", flat=True)
    if recent:
        await Notification.filter(
            status="sent", channel="wechat_oa", wechat_msgid__in=list(recent)
        ).update(status="delivered", delivered_at=now, updated_at=now)


async def sweep(arq: ArqRedis, limit: int = 5000, lease_seconds: int = 60) -> int:
    """Re-enqueue rows that are due (created, failed_temporary whose time has come) and rows
    whose worker's lease ran out while ``sending``. Returns how many jobs it added."""
    now = clock.now()
    ids = [
        str(i)
        for i in await Notification.filter(_due(now))
        .order_by("next_attempt_at")
        .limit(limit)
        .values_list("id", flat=True)
    ]
    added = await enqueue(arq, ids)
    # A job a killed worker had taken stays "in progress" in arq until its timeout, and a job
    # arq failed by itself (e.g. "expired" after a Redis restart) keeps a result for a while:
    # either id blocks a re-enqueue. Rows overdue by more than a lease whose job is blocked
    # get one recovery job per attempt number; the claim in delivery.py still lets only one
    # run send. (An overdue row whose job is merely queued, or gone, needs none: the job
    # runs, or the enqueue above just added it.)
    stale_before = now - timedelta(seconds=lease_seconds)
    stale = (
        await Notification.filter(
            Q(status__in=CLAIMABLE, next_attempt_at__lt=stale_before)
            | Q(status="sending", sending_until__lt=stale_before)
        )
        .limit(limit)
        .values_list("id", "attempts")
    )
    if stale and arq is not None:
        try:
            stuck = await blocked(arq, [str(nid) for nid, _ in stale])
            recover = [(f"{nid}:recover:{n}", str(nid)) for nid, n in stale if str(nid) in stuck]
            added += await enqueue_jobs(arq, DELIVER_TASK, recover)
        except Exception as exc:
            log.warning("outbox.recover_failed", error=type(exc).__name__)
    await _reconcile_receipts(now)
    metrics.notification_queue_depth.set(len(ids))
    if added:
        log.info("outbox.swept", enqueued=added, due=len(ids))
    return added


async def create_fallback(channels: Channels, failed: Notification) -> Notification | None:
    """The next-channel row after ``failed`` failed permanently (None if one exists)."""
    tried = set(
        await Notification.filter(event_id=failed.event_id, party_id=failed.party_id).values_list(
            "channel", flat=True
        )
    )
    party = Recipient.of(await Party.get(id=failed.party_id))
    reach = await Reachability.load([party.id])
    channel, openid = reach.choose(channels, party, failed.kind, {str(c) for c in tried})
    now = clock.now()
    try:
        row = await Notification.create(
            id=uuid.uuid4(),
            event_id=failed.event_id,
            case_id=failed.case_id,
            party_id=failed.party_id,
            previous_id=failed.id,
            channel=channel,
            status="undeliverable" if channel == "none" else "created",
            kind=failed.kind,
            openid=openid,
            variables=failed.variables,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
    except IntegrityError:
        return None
    metrics.notifications.labels(channel=row.channel, status=row.status).inc()
    log.info(
        "notification.fallback", notification_id=str(failed.id), next=str(row.id), channel=channel
    )
    return row
