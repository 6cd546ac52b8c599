"""Errors are values with codes, raised anywhere and rendered once as RFC 9457 problems.

Service code raises :class:`ProblemError`; the handlers installed by ``create_app`` turn it (and
Starlette's own HTTP errors, and anything unexpected) into ``application/problem+json`` with a
machine-readable ``code`` (contract §0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    """One failing field: ``field`` is a path like ``parties[1].role``."""

    field: str
    code: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "detail": self.detail}


@dataclass
class ProblemError(Exception):
    status: int
    code: str
    detail: str = ""
    title: str = ""
    errors: Sequence[FieldError] = ()
    headers: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.code)
        if not self.title:
            self.title = _default_title(self.code, self.status)

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": self.title,
            "status": self.status,
            "code": self.code,
        }
        if self.detail:
            body["detail"] = self.detail
        if self.errors:
            body["errors"] = [e.as_dict() for e in self.errors]
        body.update(self.extra)
        return body


def _default_title(code: str, status: int) -> str:
    return TITLES.get(code) or HTTPStatus(status).phrase


# Human titles for the codes integrators will see most; anything else gets the HTTP phrase.
TITLES: dict[str, str] = {
    "invalid_field": "Invalid request fields",
    "invalid_json": "Request body is not valid JSON",
    "body_too_large": "Request body too large",
    "key_unknown": "Unknown court key",
    "signature_invalid": "Invalid signature",
    "timestamp_skew": "Timestamp outside the allowed window",
    "nonce_replayed": "Nonce already used",
    "nonce_invalid": "Invalid nonce",
    "scope_missing": "Key lacks the required scope",
    "case_unknown": "Unknown case",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "rate_limited": "Too many requests",
    "service_unavailable": "Service temporarily unavailable",
    "internal_error": "Internal error",
}


def not_found(detail: str = "") -> ProblemError:
    return ProblemError(404, "not_found", detail)


def invalid_fields(errors: Sequence[FieldError]) -> ProblemError:
    return ProblemError(
        422, "invalid_field", f"{len(errors)} field(s) failed validation", errors=list(errors)
    )
