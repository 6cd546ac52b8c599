"""Embedded mode's files are the user's alone (issue 14): ``microcourt.sqlite3`` and the Redis
append-only file were 0644 under umask 022, with names, addresses and openids in them. The
data folder is 0700, the files in it 0600 (config/settings.py ``private_dir`` and
``private_file``, service/db.py, service/redis.py)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette

from config.settings import Settings, load_settings
from service import db
from tests.support import PG_URL, REDIS_URL


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield None
    os.umask(old)


def test_a_fresh_data_dir_is_0700_with_its_files_0600(tmp_path: Path, umask_022: None) -> None:
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    settings = load_settings({"MICROCOURT_DATA_DIR": str(data_dir)})
    db.tortoise_config(settings)
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "secrets.env") == 0o600
    assert _mode(data_dir / "microcourt.sqlite3") == 0o600


def test_an_existing_secrets_file_is_made_private(tmp_path: Path, umask_022: None) -> None:
    (tmp_path / "secrets.env").write_text("SECRET_KEY=x\n")
    (tmp_path / "secrets.env").chmod(0o644)
    load_settings({"MICROCOURT_DATA_DIR": str(tmp_path)})
    assert _mode(tmp_path / "secrets.env") == 0o600


@pytest.mark.skipif(bool(PG_URL and REDIS_URL), reason="no embedded files in this run")
def test_the_running_service_keeps_its_files_private(app: Starlette, settings: Settings) -> None:
    data_dir = settings.data_dir
    assert _mode(data_dir) == 0o700
    found = []
    if not PG_URL:
        found += [p for p in data_dir.iterdir() if p.name.startswith("microcourt.sqlite3")]
    if not REDIS_URL:
        redis_dir = data_dir / "redis"
        assert _mode(redis_dir) == 0o700
        found += [p for p in redis_dir.rglob("*") if p.is_file()]
        assert any("aof" in p.name for p in found)
    assert found
    for path in found:
        assert _mode(path) & 0o077 == 0, f"{path.name}: {oct(_mode(path))}"
