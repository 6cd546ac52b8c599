"""The public search's hot path (contract §2): the query of :func:`disclosure.service.search`
as plain SQL on PostgreSQL.

Profiles of the web process under load showed tortoise building the query and the ``Listing``
models at ~40% of ``search()`` (docs/performance.md "Public search"). On PostgreSQL the two
public searches (name; name + identity number) run here instead: fixed SQL text on the raw
asyncpg pool, which keeps each statement prepared per connection, and rows read straight into
:class:`PublicRow` — only the columns an answer shows. On SQLite (and inside a transaction)
they go through tortoise as before. Both paths select the same rows in the same order; the
tests compare them (tests/disclosure/test_lookup.py). Nothing is cached: every search asks the
database, so a withdrawal committed by any process is invisible to the next request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from disclosure import service
from disclosure.models import LIVE_SQL, Listing
from service import clock, db
from service.privacy import vault


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


COLUMNS = tuple(PublicRow.__dataclass_fields__)

# The same conditions as disclosure.service.visible(), with the live statuses spelled as the
# partial index idx_listing_live_name spells them (disclosure.models.LIVE_SQL).
_WHERE = (
    f"name = $1 AND {LIVE_SQL} AND publish_at <= $2 AND (expires_at IS NULL OR expires_at > $2)"
)
_ORDER = f"ORDER BY published_at DESC, id DESC LIMIT {service.SEARCH_LIMIT}"
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM disclosure_listing WHERE {_WHERE}"  # noqa: S608 - constants
SEARCH_BY_NAME = f"{_SELECT} {_ORDER}"
SEARCH_BY_NAME_AND_ID = f"{_SELECT} AND id_no_hash = $3 {_ORDER}"


def from_listing(listing: Listing) -> PublicRow:
    return PublicRow(*(getattr(listing, c) for c in COLUMNS))


async def search(name: str, id_no: str | None = None) -> list[PublicRow]:
    """Exact name (and, optionally, exact full identity number): at most 20, newest first."""
    pool = await db.asyncpg_pool()
    if pool is None:  # SQLite, or inside a transaction
        return [from_listing(x) for x in await service.search(name, id_no)]
    now = clock.now()
    if id_no:
        digest = vault().lookup_hash(id_no, service.ID_NO)
        records = await pool.fetch(SEARCH_BY_NAME_AND_ID, name.strip(), now, digest)
    else:
        records = await pool.fetch(SEARCH_BY_NAME, name.strip(), now)
    return [PublicRow(*r) for r in records]
