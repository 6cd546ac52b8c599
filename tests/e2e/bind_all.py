"""``python -m tests.e2e.bind_all``: bind every unbound party to a fresh OA openid, using the
service's own settings (the environment) — the stand-in for WeChat sign-in in e2e runs."""

from __future__ import annotations

import asyncio
import uuid

from config.settings import load_settings
from service import db
from service.parties.models import Binding, Party
from service.parties.service import bind
from service.privacy import init_vault


async def main() -> None:
    settings = load_settings()
    init_vault(settings.data_key, settings.data_keys_old)
    await db.open_database(settings)
    try:
        bound = set(await Binding.all().values_list("party_id", flat=True))
        for party in await Party.all():
            if party.id not in bound:
                await bind(party.id, party.case_id, oa_openid=f"o_{uuid.uuid4().hex[:24]}")  # type: ignore[attr-defined]
    finally:
        await db.close_database()


if __name__ == "__main__":
    asyncio.run(main())
