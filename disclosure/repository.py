"""The listings' SQL that differs between PostgreSQL and SQLite: the public search.

Profiles of the web process under load showed tortoise building the query and the ``Listing``
models at ~40% of a search (docs/performance.md "Public search"). On PostgreSQL the two public
searches (name; name + identity number) are fixed SQL text on the asyncpg connection, which
keeps each statement prepared per connection, and rows are read straight into
:class:`PublicRow` — only the columns an answer shows. On SQLite they go through tortoise
(:func:`search_listings`). Both select the same rows in the same order; the tests compare them
(tests/disclosure/test_lookup.py). The dialect is asked here only
(:func:`service.db.dialect`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tortoise.expressions import Q

from disclosure import rules
from disclosure.models import LIVE_SQL, Listing
from service import db

SEARCH_LIMIT = 20


@dataclass(frozen=True, slots=True)
class PublicRow:
    """The columns of a listing that a public answer shows (already masked at rest)."""

    public_id: str
    kind: str
    name: str
    id_no_masked: str
    gender: str | None
    legal_rep: str | None
    court: str
    case_no: str
    basis_doc_no: str
    obligation: str
    performance: str
    unperformed_amount: Decimal | None
    circumstance: int
    publish_at: datetime
    published_at: datetime | None
    basis_unit: str
    filed_at: date | None
    age: int | None


COLUMNS = tuple(PublicRow.__dataclass_fields__)


def visible(now: datetime) -> Q:
    """Listings the public may see at ``now``, whatever the cron has done so far."""
    return Q(status__in=rules.LIVE, publish_at__lte=now) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


# The same conditions as visible(), with the live statuses spelled as the partial index
# idx_listing_live_name spells them (disclosure.models.LIVE_SQL).
_WHERE = (
    f"name = $1 AND {LIVE_SQL} AND publish_at <= $2 AND (expires_at IS NULL OR expires_at > $2)"
)
_ORDER = f"ORDER BY published_at DESC, id DESC LIMIT {SEARCH_LIMIT}"
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM disclosure_listing WHERE {_WHERE}"  # noqa: S608 - constants
SEARCH_BY_NAME = f"{_SELECT} {_ORDER}"
SEARCH_BY_NAME_AND_ID = f"{_SELECT} AND id_no_hash = $3 {_ORDER}"


def from_listing(listing: Listing) -> PublicRow:
    return PublicRow(*(getattr(listing, c) for c in COLUMNS))


async def search(name: str, id_no_hash: str | None, now: datetime) -> list[PublicRow]:
    """Listings visible at ``now`` with exactly this name (and identity-number hash): at most
    :data:`SEARCH_LIMIT`, newest first."""
    if db.dialect() == "sqlite":
        return [from_listing(x) for x in await search_listings(name, id_no_hash, now)]
    async with db.postgres_connection() as conn:
        if id_no_hash:
            records = await conn.fetch(SEARCH_BY_NAME_AND_ID, name, now, id_no_hash)
        else:
            records = await conn.fetch(SEARCH_BY_NAME, name, now)
    return [PublicRow(*r) for r in records]


async def search_listings(name: str, id_no_hash: str | None, now: datetime) -> list[Listing]:
    """:func:`search` through tortoise, as ``Listing`` models."""
    query = Listing.filter(visible(now), name=name)
    if id_no_hash:
        query = query.filter(id_no_hash=id_no_hash)
    return await query.order_by("-published_at", "-id").limit(SEARCH_LIMIT)
