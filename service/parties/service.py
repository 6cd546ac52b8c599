"""Parties as people we can reach: the bindings that link them to WeChat users.

Delivery reads bindings only through :func:`reachable_openids`. Issue 4 adds sign-in, the
binding endpoints and preferences (opt-out, quiet hours) here; delivery does not apply
preferences yet.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from service import clock
from service.parties import repository
from service.parties.models import Binding


@dataclass(frozen=True)
class Reach:
    """The WeChat users a party can be reached at; the newest live binding wins per app."""

    oa_openid: str | None = None
    mp_openid: str | None = None


async def reachable_openids(
    party_ids: Iterable[uuid.UUID], using: BaseDBAsyncClient | None = None
) -> dict[uuid.UUID, Reach]:
    """One query for many parties: ``{party id: Reach}`` for parties with a live binding."""
    ids = list(set(party_ids))
    if not ids:
        return {}
    triples = await repository.live_bindings(ids, using)
    out: dict[uuid.UUID, Reach] = {}
    for pid, oa, mp in triples:  # oldest first, so newer bindings overwrite older ones
        old = out.get(pid)
        out[pid] = Reach(oa or old.oa_openid, mp or old.mp_openid) if old else Reach(oa, mp)
    return out


async def bind(
    party_id: uuid.UUID,
    case_id: uuid.UUID,
    *,
    oa_openid: str | None = None,
    mp_openid: str | None = None,
) -> Binding:
    """Record a binding (used by the tests and the demo now, by the binding endpoint later)."""
    return await Binding.create(
        id=uuid.uuid4(),
        party_id=party_id,
        case_id=case_id,
        oa_openid=oa_openid,
        mp_openid=mp_openid,
        created_at=clock.now(),
    )


async def bind_once(
    party_id: uuid.UUID,
    case_id: uuid.UUID,
    *,
    oa_openid: str | None = None,
    mp_openid: str | None = None,
) -> tuple[Binding, bool]:
    """The user's live binding to this party, created when missing: ``(binding, created)``."""
    existing = Binding.filter(party_id=party_id, revoked_at__isnull=True)
    existing = (
        existing.filter(oa_openid=oa_openid) if oa_openid else existing.filter(mp_openid=mp_openid)
    )
    found = await existing.first()
    if found is not None:
        return found, False
    return await bind(party_id, case_id, oa_openid=oa_openid, mp_openid=mp_openid), True


async def bound_parties(oa_openid: str | None, mp_openid: str | None) -> list[Binding]:
    """Live bindings of a WeChat user (by either openid), oldest first, with party and case."""
    if not (oa_openid or mp_openid):
        return []
    query = Binding.filter(revoked_at__isnull=True)
    query = query.filter(oa_openid=oa_openid) if oa_openid else query.filter(mp_openid=mp_openid)
    return await query.order_by("created_at").prefetch_related("party", "case")


async def user_key_for_party(party_id: uuid.UUID) -> str | None:
    """The preferences key (``oa:…``/``mp:…``) of the newest live binding to this party."""
    binding = (
        await Binding.filter(party_id=party_id, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if binding is None:
        return None
    return f"oa:{binding.oa_openid}" if binding.oa_openid else f"mp:{binding.mp_openid}"
