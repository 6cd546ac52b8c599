#!/usr/bin/env python3
"""Developer entry point; needs nothing but Python 3.11+.

    python3 dev.py demo        # venv + install + migrate + web, worker, Redis, sandboxes, demo data
    python3 dev.py test        # ruff, mypy and the whole pytest suite (SQLite + embedded Redis)
    python3 dev.py faults      # the fault suite: kill -9, Redis/PostgreSQL restarts (about 40 s)
    python3 dev.py makemigrations NAME   # aerich migrations for SQLite and PostgreSQL

Everything else (CI, Docker) calls these same commands.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("MICROCOURT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".microcourt-install"


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)  # noqa: S603 - our own tools


def ensure_venv() -> None:
    """Create the virtual environment and install the pinned dependencies when they changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on any python3 to say so
        sys.exit(f"microcourt needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    inputs = (ROOT / "pyproject.toml").read_bytes() + (ROOT / "constraints.txt").read_bytes()
    digest = hashlib.sha256(inputs).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    print("installing microcourt and its pinned dependencies …", flush=True)
    pip = [PY, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run(*pip, "-c", "constraints.txt", "-e", ".[dev,embedded]") != 0:
        sys.exit("dependency installation failed")
    STAMP.write_text(digest)


def cmd_demo(args: list[str]) -> int:
    ensure_venv()
    return run(PY, "-m", "sandbox.demo", *args)


def cmd_test(args: list[str]) -> int:
    """ruff, mypy and pytest; ``--no-lint`` skips the first two (CI's second backend pass)."""
    ensure_venv()
    lint = "--no-lint" not in args
    args = [a for a in args if a != "--no-lint"]
    steps = [[BIN / "ruff", "check", "."], [BIN / "mypy"]] if lint else []
    for step in (*steps, [PY, "-m", "pytest", *args]):
        print("$", " ".join(str(s.name if isinstance(s, Path) else s) for s in step), flush=True)
        code = run(*step)
        if code != 0:
            return code
    return 0


def cmd_makemigrations(args: list[str]) -> int:
    ensure_venv()
    if len(args) != 1:
        sys.exit("usage: python3 dev.py makemigrations NAME")
    return run(PY, "-m", "service.migrations.make", args[0])


def cmd_faults(args: list[str]) -> int:
    """The fault suite (tests/faults): kill -9, Redis and PostgreSQL restarts, WeChat faults."""
    ensure_venv()
    return run(PY, "-m", "tests.faults", *args)


COMMANDS = {
    "demo": cmd_demo,
    "test": cmd_test,
    "faults": cmd_faults,
    "makemigrations": cmd_makemigrations,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
