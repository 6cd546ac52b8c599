"""Structured logging that cannot carry identity numbers or phone numbers.

Code logs events with ids (``log.info("case.upserted", case_id=...)``), never personal data.
As a second line of defence every log record passes :func:`redact_personal_data`, which masks
anything shaped like a resident ID, a unified social credit code or a mainland phone number,
whichever logger produced it (ours, uvicorn's, arq's or tortoise's).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

# 18-character resident IDs / credit codes, 15-digit legacy IDs, mobiles, landlines.
_PERSONAL_PATTERNS = [
    re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{17}[0-9A-HJ-NP-RTUWXYx](?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])"),
]


def redact_text(text: str) -> str:
    for pattern in _PERSONAL_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_redact_value(v) for v in value)
    return value


def redact_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: mask personal data in every value of the event."""
    for key, value in list(event_dict.items()):
        event_dict[key] = _redact_value(value)
    return event_dict


class _RedactingFilter(logging.Filter):
    """Applies the same masking to records from the standard library's loggers."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            try:
                record.msg = record.getMessage()
            except (TypeError, ValueError):
                record.msg = str(record.msg)
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact_text(record.msg)
        return True


#: Extra handlers that :func:`configure_logging` keeps beside stderr, given the same formatter and
#: redaction (the test suite records every emitted line here to prove none carries personal data).
EXTRA_HANDLERS: list[logging.Handler] = []


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Route structlog and stdlib logging through one redacting pipeline to stderr."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        # Tracebacks as text *before* redaction: an exception message can quote a value.
        structlog.processors.format_exc_info,
        redact_personal_data,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.addFilter(_RedactingFilter())
    root = logging.getLogger()
    for extra in EXTRA_HANDLERS:
        extra.setFormatter(formatter)
        extra.filters[:] = [_RedactingFilter()]
    root.handlers[:] = [handler, *EXTRA_HANDLERS]
    root.setLevel(level)
    # Access logs carry query strings (a public search has name and id_no in it): ours are
    # written by the request-id middleware with the path only.
    logging.getLogger("uvicorn.access").disabled = True
    for noisy in ("tortoise", "aiosqlite", "asyncio", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
