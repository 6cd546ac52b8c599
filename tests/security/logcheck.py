"""Proof that no identity number or phone reaches a log (issue 9).

:class:`LogCapture` is registered in ``config.logging.EXTRA_HANDLERS``, so every time the
service configures logging (each app lifespan in this process) it is attached beside stderr
with the same formatter and redaction: it records exactly the lines the service would emit.
At the end of the session :func:`leaks` searches those lines, and every ``*.log`` file that
subprocesses wrote under the session's temporary folder, for each identity number, credit
code and phone the factories handed out (``tests.factories.GENERATED``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a record the formatter cannot render is still checked raw
            self.lines.append(f"{record.msg!r} {record.args!r}")


def _pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({v for v in values if len(v) >= 11}, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(v) for v in ordered)
    # Whole values only: not a run of digits that happens to contain one.
    return re.compile(rf"(?<![0-9A-Za-z])(?:{alternatives})(?![0-9A-Za-z])", re.IGNORECASE)


def leaks(values: Iterable[str], lines: Iterable[str], folders: Iterable[Path]) -> list[str]:
    """``"where: excerpt"`` for every personal value found; empty when the logs are clean."""
    pattern = _pattern(values)
    if pattern is None:
        return []
    found: list[str] = []

    def scan(where: str, text: str) -> None:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 80)
            found.append(f"{where}: …{text[start : match.end() + 40]}…")

    for index, line in enumerate(lines):
        scan(f"in-process log line {index}", line)
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*.log")):
            scan(str(path), path.read_text(encoding="utf-8", errors="replace"))
    return found
