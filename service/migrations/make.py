"""Generate the next aerich migration for both dialects from the current models.

``python3 dev.py makemigrations NAME`` runs this. aerich writes dialect-specific SQL, so the
migration is generated twice, each against a scratch database of that dialect brought to the
latest migration first: a SQLite file in a temporary folder, and a temporary PostgreSQL
database on ``MICROCOURT_TEST_DATABASE_URL`` (default the local server's ``test`` database).
Review both files, and add hand-written SQL (triggers, for instance) to both.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from aerich import Command

from service.db import MIGRATIONS_DIR, MODEL_MODULES

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/test"


def _config(url: str) -> dict[str, object]:
    return {
        "connections": {"default": url},
        "apps": {"models": {"models": [*MODEL_MODULES, "aerich.models"], "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def _generate(name: str, dialect: str, url: str) -> None:
    location = MIGRATIONS_DIR / dialect
    has_versions = any(p.name[0].isdigit() for p in (location / "models").glob("*.py"))
    command = Command(tortoise_config=_config(url), app="models", location=str(location))
    async with command as cmd:
        if not has_versions:
            await cmd.init_db(safe=True)
            print(f"{dialect}: initial migration written")
            return
        await cmd.init()
        await cmd.upgrade()
        await cmd.init()  # reload the last version's model state, which upgrade just stored
        written = await cmd.migrate(name, no_input=True)
        print(f"{dialect}: {written or 'no changes'}")


async def _with_scratch_pg(name: str) -> None:
    base = os.environ.get("MICROCOURT_TEST_DATABASE_URL", DEFAULT_PG)
    scratch = f"mc_makemigrations_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(base.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        parts = urlsplit(base)
        await _generate(name, "postgres", urlunsplit(parts._replace(path="/" + scratch)))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    name = sys.argv[1]
    if len(sys.argv) == 3:
        dialect = sys.argv[2]
        if dialect == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                asyncio.run(_generate(name, "sqlite", f"sqlite://{Path(tmp) / 'scratch.sqlite3'}"))
        else:
            asyncio.run(_with_scratch_pg(name))
        return
    # One process per dialect: aerich keeps migration state in class attributes.
    for dialect in ("sqlite", "postgres"):
        code = subprocess.call([sys.executable, "-m", "service.migrations.make", name, dialect])  # noqa: S603
        if code:
            sys.exit(code)


if __name__ == "__main__":
    main()
