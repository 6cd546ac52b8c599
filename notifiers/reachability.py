"""Which channels can reach the parties of a batch: WeChat bindings, OA followers, MP credits.

Loaded once per batch (one query per table) by :meth:`Reachability.load`, then asked per
party by :meth:`Reachability.choose` in the channel order of notifiers/outbox.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from notifiers.models import MpSubscription, OaFollower
from service.db import connection
from service.events.bulk import is_postgres
from service.parties.service import Reach, reachable_openids

if TYPE_CHECKING:
    from notifiers.outbox import Channels, Recipient


async def _unfollowed(openids: list[str], using: BaseDBAsyncClient | None) -> set[str]:
    """The OA openids among these known to have unfollowed. On PostgreSQL one array
    parameter: tortoise built (and bound) an ``IN`` list of hundreds of openids per batch."""
    conn = using or connection()
    if is_postgres(conn):
        _, rows = await conn.execute_query(
            "SELECT openid FROM oa_follower WHERE openid = ANY($1::varchar[]) AND NOT follows",
            [openids],
        )
        return {r[0] for r in rows}
    found = (
        await OaFollower.filter(openid__in=openids, follows=False)
        .using_db(using)
        .values_list("openid", flat=True)
    )
    return {str(o) for o in found}


async def _mp_credits(
    openids: list[str], using: BaseDBAsyncClient | None
) -> dict[tuple[str, str], int | None]:
    """``{(openid, template id): remaining}`` of the subscriptions with credit left (None =
    long-term). Read as plain rows: a batch reads hundreds, and models cost most of it."""
    conn = using or connection()
    if is_postgres(conn):
        _, rows = await conn.execute_query(
            "SELECT openid, template_id, remaining FROM mp_subscription"
            " WHERE openid = ANY($1::varchar[]) AND (remaining > 0 OR remaining IS NULL)",
            [openids],
        )
        return {(r[0], r[1]): r[2] for r in rows}
    subs = (
        await MpSubscription.filter(
            Q(remaining__gt=0) | Q(remaining__isnull=True), openid__in=openids
        )
        .using_db(using)
        .values_list("openid", "template_id", "remaining")
    )
    return {(str(o), str(t)): None if r is None else int(r) for o, t, r in subs}


@dataclass
class Reachability:
    """What channel choice reads, loaded in one query per table for a whole batch."""

    reach: dict[uuid.UUID, Reach]
    unfollowed: set[str]
    credits: dict[tuple[str, str], int | None]

    @classmethod
    async def load(
        cls, party_ids: Iterable[uuid.UUID], using: BaseDBAsyncClient | None = None
    ) -> Reachability:
        reach = await reachable_openids(party_ids, using)
        oa = {r.oa_openid for r in reach.values() if r.oa_openid}
        mp = {r.mp_openid for r in reach.values() if r.mp_openid}
        unfollowed: set[str] = set()
        if oa:
            unfollowed = await _unfollowed(list(oa), using)
        credits: dict[tuple[str, str], int | None] = {}
        if mp:
            credits = await _mp_credits(list(mp), using)
        return cls(reach, unfollowed, credits)

    def choose(
        self, channels: Channels, party: Recipient, kind: str, tried: set[str]
    ) -> tuple[str, str | None]:
        """``(channel, openid)`` for the first channel not yet tried that can reach the party.

        Mini Program credits are counted down here too, so one batch does not plan more MP
        messages than the user accepted; the worker consumes the credit for real.
        """
        reach = self.reach.get(party.id, Reach())
        if (
            "wechat_oa" not in tried
            and channels.oa
            and reach.oa_openid
            and reach.oa_openid not in self.unfollowed
        ):
            return "wechat_oa", reach.oa_openid
        if "wechat_mp" not in tried and channels.mp and reach.mp_openid:
            template_id = channels.templates.for_kind("mp", kind).template_id
            key = (reach.mp_openid, template_id)
            if key in self.credits:
                left = self.credits[key]
                if left is None or left > 0:
                    if left is not None:
                        self.credits[key] = left - 1
                    return "wechat_mp", reach.mp_openid
        if "sms" not in tried and channels.sms and party.phone_enc:
            return "sms", None
        return "none", None
