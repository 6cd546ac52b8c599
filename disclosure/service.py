"""Listings: upsert, publish, withdraw, expire, and the public look-ups (contract §1.6, §2).

Nothing here caches: every public look-up asks the database, so a withdrawal committed by any
process is invisible to the very next request on every web process. Public queries also filter
by time, so a listing whose period has ended is never shown even before the lifecycle cron
(:func:`run_lifecycle`) has marked it expired.

Every change bumps the deployment's disclosure version (:mod:`disclosure.state`); changes that
remove or alter something already public also raise the withdrawal floor (contract §3.3).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from config.logging import get_logger
from disclosure import notify, repository, rules, state
from disclosure.led import push
from disclosure.models import Listing, ListingHistory
from disclosure.repository import PublicRow
from disclosure.schemas import ListingIn
from service import clock
from service.audit import service as audit
from service.errors import ProblemError
from service.identifiers import age_on, mask_id_number, resident_id_gender
from service.privacy import vault

log = get_logger("microcourt.disclosure")

ID_NO = "id_no"  # lookup-hash purpose, shared with cases so one number hashes alike
CONTENT = "disclosure_content"
BOARD_PAGE_SIZE = 20
BOARD_MAX_PAGE = 50  # no walking the whole list through the board
SYSTEM = "system"

# Columns compared to decide whether an upsert corrects anything (id_no by its hash).
_COMPARED = (
    "case_no",
    "court",
    "kind",
    "name",
    "id_no_hash",
    "gender",
    "legal_rep",
    "basis_doc_no",
    "basis_unit",
    "obligation",
    "performance",
    "unperformed_amount",
    "circumstance",
    "decided_at",
    "publish_after",
    "period_years",
)


@dataclass(frozen=True)
class UpsertResult:
    listing: Listing
    created: bool
    changed: bool


@dataclass
class LifecycleResult:
    published: list[str] = field(default_factory=list)  # listing ids
    expired: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------


def _values(data: ListingIn) -> dict[str, Any]:
    """The stored columns of a validated listing (no status, no ids)."""
    v = vault()
    gender = data.gender
    if data.kind == "person" and gender is None:
        gender = resident_id_gender(data.id_no)
    if data.kind == "organization":
        gender = None
    # Without filed_at the canonical form is what it was before the field existed, so a
    # listing sent again unchanged stays unchanged.
    dumped = data.model_dump(mode="json", exclude={"filed_at"} if data.filed_at is None else None)
    canonical = json.dumps(dumped, ensure_ascii=False, sort_keys=True)
    return {
        "case_no": data.case_no,
        "court": data.court,
        "kind": data.kind,
        "name": data.name,
        "id_no_enc": v.encrypt(data.id_no),
        "id_no_hash": v.lookup_hash(data.id_no, ID_NO),
        "id_no_masked": mask_id_number(data.id_no),
        "gender": gender,
        "legal_rep": data.legal_rep if data.kind == "organization" else None,
        "basis_doc_no": data.basis_doc_no,
        "basis_unit": data.basis_unit,
        "obligation": data.obligation,
        "performance": data.performance,
        "unperformed_amount": data.unperformed_amount,
        "circumstance": data.circumstance,
        "decided_at": data.decided_at,
        "filed_at": data.filed_at,
        "age": age_on(data.id_no, data.decided_at) if data.kind == "person" else None,
        "publish_after": data.publish_after,
        "period_years": data.period_years,
        "publish_at": rules.publish_at(data.decided_at, data.publish_after),
        "expires_at": rules.expires_at(data.decided_at, data.period_years),
        "content_hash": v.lookup_hash(canonical, CONTENT),
    }


def _status_fields(status: str, now: datetime, publish: datetime | None = None) -> dict[str, Any]:
    """Columns for entering ``status``. ``published_at`` is the moment the listing is (or will
    be) public — the later of now and its publish time — so it never is null for a live
    listing and orders the board "newest first"."""
    if status == rules.EXPIRED:
        return {"status": status, "expired_at": now}
    if publish is not None and status in rules.LIVE:
        return {"status": status, "published_at": max(now, publish)}
    return {"status": status}


async def _history(
    conn: BaseDBAsyncClient,
    listing: Listing,
    action: str,
    actor: str,
    version: int,
    status: str,
    details: dict[str, Any] | None = None,
) -> None:
    await ListingHistory.create(
        listing_id=listing.id,
        at=clock.now(),
        action=action,
        actor=actor,
        version=version,
        status=status,
        details=details or {},
        using_db=conn,
    )


async def record_history(
    conn: BaseDBAsyncClient,
    listing: Listing,
    action: str,
    actor: str,
    details: dict[str, Any],
) -> None:
    """A history row for a change that alters nothing public (no version bump), e.g. a
    deletion review opened or closed (disclosure/deletion.py)."""
    await _history(conn, listing, action, actor, listing.version, listing.status, details)


def _was_public(listing: Listing, now: datetime) -> bool:
    return (
        listing.status in rules.LIVE
        and listing.publish_at <= now
        and (listing.expires_at is None or listing.expires_at > now)
    )


async def upsert_listing(data: ListingIn, actor: str) -> UpsertResult:
    """Create or correct a listing by the court's ``listing_id``.

    The same content again changes nothing (no history row, no version bump). A withdrawn or
    expired listing cannot be changed (409 ``listing_closed``): re-listing is a new listing.
    """
    try:
        result = await _upsert_listing(data, actor)
    except IntegrityError:
        # Two first upserts of one listing raced; the loser retries as an update.
        result = await _upsert_listing(data, actor)
    if result.changed:
        await _screens_changed()
    if result.changed and result.listing.status == rules.PUBLISHED:
        await _notify(result.listing, "published" if result.created else "corrected")
    return result


async def _upsert_listing(data: ListingIn, actor: str) -> UpsertResult:
    now = clock.now()
    values = _values(data)
    async with in_transaction() as conn:
        existing = (
            await Listing.filter(listing_id=data.listing_id)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if existing is not None and existing.content_hash == values["content_hash"]:
            return UpsertResult(existing, created=False, changed=False)
        status = rules.status_at(values["publish_at"], values["expires_at"], now)
        if existing is None:
            version = await state.bump(conn, floor=False)
            listing = await Listing.create(
                id=uuid.uuid4(),
                public_id=secrets.token_urlsafe(12),
                listing_id=data.listing_id,
                version=version,
                created_at=now,
                updated_at=now,
                using_db=conn,
                **values,
                **_status_fields(status, now, values["publish_at"]),
            )
            await _history(conn, listing, "created", actor, version, status)
            await audit.record(
                actor,
                "disclosure.created",
                "disclosure",
                data.listing_id,
                {"status": status, "version": version},
                using=conn,
            )
            return UpsertResult(listing, created=True, changed=True)

        if existing.status not in rules.LIVE:
            raise ProblemError(
                409,
                "listing_closed",
                f"the listing is {existing.status}; list again under a new listing_id",
            )
        changed = [
            name
            for name in _COMPARED
            if _comparable(getattr(existing, name)) != _comparable(values[name])
        ]
        was_public = _was_public(existing, now)
        version = await state.bump(conn, floor=was_public)
        updates: dict[str, Any] = {**values, "version": version, "updated_at": now}
        if status != existing.status or existing.status == rules.SCHEDULED:
            updates.update(_status_fields(status, now, values["publish_at"]))
        await Listing.filter(id=existing.id).using_db(conn).update(**updates)
        await _history(conn, existing, "corrected", actor, version, status, {"fields": changed})
        await audit.record(
            actor,
            "disclosure.corrected",
            "disclosure",
            data.listing_id,
            {"fields": changed, "status": status, "version": version},
            using=conn,
        )
        listing = await Listing.get(id=existing.id, using_db=conn)
    return UpsertResult(listing, created=False, changed=True)


def _comparable(value: Any) -> Any:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawal committed inside a caller's transaction; pass it to
    :func:`after_withdrawal` once that transaction has committed."""

    listing: Listing
    was_public: bool
    changed: bool


async def withdraw_in(
    conn: BaseDBAsyncClient, listing_id: str, reason: str, note: str | None, actor: str
) -> Withdrawal:
    """Withdraw a listing inside the caller's transaction ``conn`` (locked row, history,
    audit, version and withdrawal floor), so the caller's own change and the withdrawal
    commit together — e.g. a granted correction request (service/requests/). Idempotent."""
    now = clock.now()
    listing = await Listing.filter(listing_id=listing_id).using_db(conn).select_for_update().first()
    if listing is None:
        raise ProblemError(404, "listing_unknown", "no listing with this listing_id")
    if listing.status == rules.WITHDRAWN:
        return Withdrawal(listing, False, False)
    if listing.status == rules.EXPIRED:
        raise ProblemError(409, "listing_expired", "the listing has already expired")
    if error := rules.withdraw_reason_error(reason, listing.period_years):
        raise ProblemError(422, *error)
    was_public = _was_public(listing, now)
    version = await state.bump(conn, floor=True)
    await (
        Listing.filter(id=listing.id)
        .using_db(conn)
        .update(
            status=rules.WITHDRAWN,
            withdrawn_at=now,
            withdraw_reason=reason,
            withdraw_note=note,
            deletion_review_due=None,
            version=version,
            updated_at=now,
        )
    )
    await _history(
        conn,
        listing,
        "withdrawn",
        actor,
        version,
        rules.WITHDRAWN,
        {"reason": reason, "was_public": was_public},
    )
    await audit.record(
        actor,
        "disclosure.withdrawn",
        "disclosure",
        listing_id,
        {"reason": reason, "version": version},
        using=conn,
    )
    listing = await Listing.get(id=listing.id, using_db=conn)
    log.info("disclosure.withdrawn", listing_id=listing_id, reason=reason, version=version)
    return Withdrawal(listing, was_public, True)


async def after_withdrawal(withdrawal: Withdrawal) -> None:
    """After the commit: tell the LED screens now and the case's parties."""
    if not withdrawal.changed:
        return
    await _screens_changed()
    if withdrawal.was_public:
        await _notify(withdrawal.listing, "withdrawn")


async def withdraw_listing(listing_id: str, reason: str, note: str | None, actor: str) -> Listing:
    """Withdraw (撤销/删除) a listing. Effective on commit for every process; idempotent."""
    async with in_transaction() as conn:
        withdrawal = await withdraw_in(conn, listing_id, reason, note, actor)
    await after_withdrawal(withdrawal)
    return withdrawal.listing


async def run_lifecycle(now: datetime | None = None) -> LifecycleResult:
    """Publish listings whose grace period is over and expire those whose period has ended.

    Run by the worker's cron; safe to run anywhere, any number of times, concurrently."""
    now = now or clock.now()
    result = LifecycleResult()
    due_expiry = await Listing.filter(
        status__in=rules.LIVE, expires_at__isnull=False, expires_at__lte=now
    ).values_list("id", flat=True)
    for listing_pk in due_expiry:
        if await _transition(listing_pk, rules.EXPIRED, now):
            result.expired.append(str(listing_pk))
    due_publish = await Listing.filter(status=rules.SCHEDULED, publish_at__lte=now).values_list(
        "id", flat=True
    )
    for listing_pk in due_publish:
        if await _transition(listing_pk, rules.PUBLISHED, now):
            result.published.append(str(listing_pk))
    if result.published or result.expired:
        log.info(
            "disclosure.lifecycle", published=len(result.published), expired=len(result.expired)
        )
    return result


async def _transition(listing_pk: Any, target: str, now: datetime) -> bool:
    async with in_transaction() as conn:
        listing = await Listing.filter(id=listing_pk).using_db(conn).select_for_update().first()
        if listing is None or listing.status not in rules.LIVE:
            return False
        if rules.status_at(listing.publish_at, listing.expires_at, now) != target:
            return False  # changed since it was picked, or not due
        # An expiry always raises the floor: whatever a screen showed of it must go.
        version = await state.bump(conn, floor=target == rules.EXPIRED)
        await (
            Listing.filter(id=listing.id)
            .using_db(conn)
            .update(version=version, updated_at=now, **_status_fields(target, now))
        )
        action = "expired" if target == rules.EXPIRED else "published"
        await _history(conn, listing, action, SYSTEM, version, target)
        await audit.record(
            SYSTEM,
            f"disclosure.{action}",
            "disclosure",
            listing.listing_id,
            {"version": version},
            using=conn,
        )
        listing = await Listing.get(id=listing.id, using_db=conn)
    await _screens_changed()
    if target == rules.PUBLISHED:
        await _notify(listing, "published")
    return True


# --------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------


async def get_listing(listing_id: str) -> Listing:
    listing = await Listing.get_or_none(listing_id=listing_id)
    if listing is None:
        raise ProblemError(404, "listing_unknown", "no listing with this listing_id")
    return listing


#: ``status`` values of the court's list: the statuses, and the open deletion reviews.
DELETION_REVIEW = "deletion_review"
LIST_STATUSES = (*rules.STATUSES, DELETION_REVIEW)


async def court_list(
    status: str, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> tuple[list[Listing], bool, str]:
    """One page of listings in ``status``: open deletion reviews by the time of the event
    behind them, the rest by creation; oldest first. Also returns the ordering column."""
    if status == DELETION_REVIEW:
        query = Listing.filter(status__in=rules.LIVE, deletion_review_due__isnull=False)
        column = "deletion_review_at"
    else:
        query = Listing.filter(status=status)
        column = "created_at"
    if after is not None:
        at, pk = after
        later: dict[str, Any] = {f"{column}__gt": at}
        same: dict[str, Any] = {column: at, "id__gt": pk}
        query = query.filter(Q(**later) | Q(**same))
    rows = await query.order_by(column, "id").limit(limit + 1)
    return rows[:limit], len(rows) > limit, column


async def history(listing: Listing) -> list[ListingHistory]:
    return await ListingHistory.filter(listing_id=listing.id).order_by("id")


async def search(name: str, id_no: str | None = None) -> list[PublicRow]:
    """The public search: exact name (and, optionally, exact full identity number), at most
    20, newest first. Nothing is cached, so a withdrawal committed by any process is invisible
    to the next search."""
    id_no_hash = vault().lookup_hash(id_no, ID_NO) if id_no else None
    return await repository.search(name.strip(), id_no_hash, clock.now())


async def board(page: int) -> tuple[list[Listing], bool]:
    """One page (20, newest first) of the currently public listings, and whether more follow."""
    rows = (
        await Listing.filter(repository.visible(clock.now()))
        .order_by("-published_at", "-id")
        .offset((page - 1) * BOARD_PAGE_SIZE)
        .limit(BOARD_PAGE_SIZE + 1)
    )
    has_next = len(rows) > BOARD_PAGE_SIZE and page < BOARD_MAX_PAGE
    return rows[:BOARD_PAGE_SIZE], has_next


async def public_listing(public_id: str) -> Listing:
    """The listing behind a public id: 404 if unknown or not yet public, 410 once it is gone."""
    listing = await Listing.get_or_none(public_id=public_id)
    now = clock.now()
    if listing is None or (listing.status in rules.LIVE and listing.publish_at > now):
        raise ProblemError(404, "not_found", "no such listing")
    if not _was_public(listing, now):
        raise ProblemError(410, "listing_gone", "this listing is no longer published")
    return listing


# --------------------------------------------------------------------------------------
# Bulk (the importer)
# --------------------------------------------------------------------------------------


@dataclass
class BatchResult:
    created: int = 0
    corrected: int = 0
    unchanged: int = 0
    errors: dict[int, ProblemError] = field(default_factory=dict)  # index in the batch


async def upsert_batch(rows: Sequence[ListingIn], actor: str) -> BatchResult:
    """Upsert many listings; each row is all-or-nothing, unchanged rows change nothing.

    New listings of the batch are written together in one transaction (one version bump);
    rows that correct an existing listing, repeat a listing_id, or meet a conflict go through
    :func:`upsert_listing` one by one."""
    result = BatchResult()
    ids = [r.listing_id for r in rows]
    existing = {
        lid: content
        for lid, content in await Listing.filter(listing_id__in=ids).values_list(
            "listing_id", "content_hash"
        )
    }
    fresh: list[tuple[int, ListingIn, dict[str, Any]]] = []
    one_by_one: list[int] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if row.listing_id in existing or row.listing_id in seen:
            one_by_one.append(index)
            continue
        seen.add(row.listing_id)
        fresh.append((index, row, _values(row)))
    if fresh:
        try:
            created = await _create_many(fresh, actor)
            result.created += len(fresh)
        except IntegrityError:
            created = []
            one_by_one = sorted([*one_by_one, *(i for i, _, _ in fresh)])
        if created:
            await _screens_changed()
        for listing in created:
            if listing.status == rules.PUBLISHED:
                await _notify(listing, "published")
    for index in one_by_one:
        try:
            outcome = await upsert_listing(rows[index], actor)
        except ProblemError as exc:
            result.errors[index] = exc
            continue
        if not outcome.changed:
            result.unchanged += 1
        elif outcome.created:
            result.created += 1
        else:
            result.corrected += 1
    return result


async def _create_many(
    fresh: Sequence[tuple[int, ListingIn, dict[str, Any]]], actor: str
) -> list[Listing]:
    now = clock.now()
    async with in_transaction() as conn:
        version = await state.bump(conn, floor=False)
        listings = [
            Listing(
                id=uuid.uuid4(),
                public_id=secrets.token_urlsafe(12),
                listing_id=row.listing_id,
                version=version,
                created_at=now,
                updated_at=now,
                **values,
                **_status_fields(
                    rules.status_at(values["publish_at"], values["expires_at"], now),
                    now,
                    values["publish_at"],
                ),
            )
            for _, row, values in fresh
        ]
        await Listing.bulk_create(listings, using_db=conn)
        await ListingHistory.bulk_create(
            [
                ListingHistory(
                    listing_id=listing.id,
                    at=now,
                    action="created",
                    actor=actor,
                    version=version,
                    status=listing.status,
                    details={"import": True},
                )
                for listing in listings
            ],
            using_db=conn,
        )
        await audit.record_many(
            actor,
            "disclosure.created",
            "disclosure",
            [(lst.listing_id, {"status": lst.status, "version": version}) for lst in listings],
            using=conn,
        )
    return listings


# --------------------------------------------------------------------------------------
# Notifications to the case's parties (node ``dishonest_listed``)
# --------------------------------------------------------------------------------------


async def _notify(listing: Listing, action: str) -> None:
    """Tell the case's parties that the listing was published or withdrawn."""
    await notify.listing_changed(listing, action)


async def _screens_changed() -> None:
    """After a commit that may change what LED screens show: tell them now (disclosure.led)."""
    await push.disclosure_changed()


async def staff_search(text: str, limit: int = 50) -> list[Listing]:
    """The staff console's search: listings whose name contains ``text`` or whose case number
    or listing id is ``text``, in every status, newest first."""
    text = text.strip()
    if not text:
        return await Listing.all().order_by("-created_at", "-id").limit(limit)
    return (
        await Listing.filter(Q(name__contains=text) | Q(case_no=text) | Q(listing_id=text))
        .order_by("-created_at", "-id")
        .limit(limit)
    )
