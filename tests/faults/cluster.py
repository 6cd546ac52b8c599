"""A PostgreSQL cluster of our own (initdb + pg_ctl on a free port under /tmp), so the fault
suite can stop and restart PostgreSQL without touching any shared server."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.own_redis import free_port, wait_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing (apt-get install postgresql)")
    return found[-1]


class OwnPostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="microcourt-faults-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/microcourt"

    def _run(self, *args: str) -> None:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def init(self) -> None:
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            _bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run(
            _bin("createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "microcourt",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
        )

    def stop(self, mode: str = "immediate") -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def wait_ready(self, seconds: float = 30) -> None:
        wait_port(self.port, seconds, "postgres did not come back", pause=0.1)
