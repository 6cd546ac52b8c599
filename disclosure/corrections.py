"""What listing requests (``service/requests``: 纠正 / 信用修复, 失信规定 Arts. 11–12, Art. 2
para 2) need of the listings, provided through ``service.requests.listings``.

* :func:`published` — the listings of a name on a case that the public sees now.
* :func:`withdraw` — withdraw the live ones inside the request's own transaction, through
  :func:`disclosure.service.withdraw_in` (history, audit, version and the LED withdrawal floor
  commit with the request's decision), and after the commit tell the screens and the parties
  (:func:`disclosure.service.after_withdrawal`).
* ``review_due`` — :func:`disclosure.rules.correction_review_due` (Art. 12: fifteen days).
"""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from disclosure import rules, service
from disclosure.models import Listing
from service import clock
from service.requests.listings import AfterCommit, Listings


async def published(case_no: str, name: str) -> list[str]:
    now = clock.now()
    rows = await Listing.filter(case_no=case_no, name=name, status=rules.PUBLISHED)
    return sorted(
        r.listing_id
        for r in rows
        if r.publish_at <= now and (r.expires_at is None or r.expires_at > now)
    )


async def withdraw(
    conn: BaseDBAsyncClient, listing_ids: Sequence[str], reason: str, note: str | None, actor: str
) -> AfterCommit:
    live = await Listing.filter(listing_id__in=list(listing_ids), status__in=rules.LIVE).using_db(
        conn
    )
    done = [await service.withdraw_in(conn, r.listing_id, reason, note, actor) for r in live]

    async def after() -> None:
        for withdrawal in done:
            await service.after_withdrawal(withdrawal)

    return after


PORT = Listings(published=published, withdraw=withdraw, review_due=rules.correction_review_due)
