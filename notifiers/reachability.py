"""Which channels can reach the parties of a batch: WeChat bindings, OA followers, MP credits.

Loaded once per batch (one query per table) by :meth:`Reachability.load`, then asked per
party by :meth:`Reachability.choose`: Official Account, then Mini Program, then SMS.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from notifiers import repository
from notifiers.channels import Channels
from notifiers.repository import Recipient
from service.parties.service import Reach, reachable_openids


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
            unfollowed = await repository.unfollowed(list(oa), using)
        credits: dict[tuple[str, str], int | None] = {}
        if mp:
            credits = await repository.mp_credits(list(mp), using)
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
