"""Small HTTP helpers shared by every package's endpoints.

* :class:`ApiRoute` is a Starlette ``Route`` that also carries what the OpenAPI document needs
  (request/response models, error codes, auth), so the document is generated from the same
  objects that validate requests (``service/openapi.py``). A :class:`Doc` lists only the route's
  own errors; those its ``request=`` and ``auth=`` imply are added there.
* :func:`parse_json` reads and validates a body with a pydantic model and turns every failing
  field into one 422 problem (contract §0).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from service.errors import FieldError, ProblemError, invalid_fields

M = TypeVar("M", bound=BaseModel)


#: What every route with a JSON request body (``request=``) can answer, whatever its model:
#: :func:`read_json`, :func:`validate` and the body limit (``service/middleware.py``).
BODY_ERRORS: Mapping[int, Sequence[str]] = {
    400: ["invalid_json", "json_too_deep"],
    413: ["body_too_large"],
    415: ["unsupported_media_type"],
    422: ["invalid_field"],
}

#: Deepest nesting of arrays and objects a JSON body may have. Our documents need a handful of
#: levels; Python's parser (and the code that walks what it returns) recurses per level, and
#: thousands of levels ended in a RecursionError (a 500 and a dropped connection).
MAX_JSON_DEPTH = 32


@dataclass(frozen=True)
class Doc:
    """OpenAPI metadata for one route."""

    summary: str
    tag: str
    request: type[BaseModel] | None = None
    responses: dict[int, type[BaseModel] | None] = field(default_factory=dict)
    # The route's own errors: BODY_ERRORS (with request=) and the auth kind's refusals (with
    # auth=) are added by service/openapi.py.
    errors: Mapping[int, Sequence[str]] = field(default_factory=dict)
    auth: str | None = None  # "court", "party", "screen" or None for public
    scope: str | None = None  # court key scope
    query: Sequence[tuple[str, str, bool, str]] = ()  # (name, type, required, description)
    content_type: str = "application/json"
    description: str = ""


class ApiRoute(Route):
    def __init__(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        methods: list[str],
        doc: Doc | None = None,
        name: str | None = None,
        max_body_size: int | None = None,
    ) -> None:
        super().__init__(path, endpoint, methods=methods, name=name)
        self.doc = doc
        # A larger body limit for an upload route, applied by service.middleware's
        # BodyLimitMiddleware before routing (not passed on to starlette: see there why).
        self.max_body_size = max_body_size


class JSON(JSONResponse):
    """JSON that keeps CJK readable and money exact (``Decimal`` → ``"12000.00"``)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, separators=(",", ":"), default=_json_default
        ).encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_response(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSON:
    return JSON(content, status_code=status, headers=headers)


def no_content() -> Response:
    return Response(status_code=204)


def field_path(loc: Sequence[str | int]) -> str:
    """``("parties", 1, "role")`` → ``"parties[1].role"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


# pydantic's built-in error types, mapped to the codes integrators see.
_PYDANTIC_CODES = {"missing": "missing_field", "extra_forbidden": "unknown_field"}


def validation_problem(exc: ValidationError) -> ProblemError:
    errors: list[FieldError] = []
    for err in exc.errors(include_url=False):
        kind = str(err["type"])
        code = _PYDANTIC_CODES.get(
            kind, kind if kind.islower() and "_" in kind else "invalid_field"
        )
        # pydantic's own type names (string_type, int_parsing …) all mean "wrong type/format".
        if code not in CUSTOM_CODES and code != "missing_field":
            code = "invalid_field"
        errors.append(FieldError(field_path(err["loc"]), code, str(err["msg"])))
    return invalid_fields(errors)


# LED screens (contract §1.7), in the order the screen registration's Doc lists them.
SCREEN_CODES = (
    "screen_id_invalid",
    "rows_invalid",
    "cols_invalid",
    "mode_unknown",
    "push_url_invalid",
    "push_url_required",
    "push_url_not_allowed",
    "refresh_invalid",
    "lease_invalid",
)
# Codes raised by our own validators (PydanticCustomError); everything else is invalid_field.
CUSTOM_CODES: set[str] = {
    "case_no_invalid",
    "id_no_invalid",
    "credit_code_invalid",
    "phone_invalid",
    "role_unknown",
    "kind_unknown",
    "time_offset_missing",
    "money_invalid",
    "date_invalid",
    "party_duplicate",
    "represents_unknown",
    "node_unknown",
    "node_mandatory",
    # disclosures (contract §1.6)
    "gender_invalid",
    "circumstance_invalid",
    "reason_unknown",
    # filings (contract §1.8, §4.4, §4.5)
    "items_numbering",
    *SCREEN_CODES,
}


# json_nests_too_deep() keeps only brackets and quotes ("{" and "}" spelled as "[" and "]").
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'[]{}"')))
_AS_BRACKETS = bytes.maketrans(b"{}", b"[]")


def json_nests_too_deep(body: bytes) -> bool:
    """Whether ``body``'s arrays and objects nest deeper than :data:`MAX_JSON_DEPTH`, told
    from the bytes without parsing (a few ms for 500 kB, C loops only), so a nesting bomb is
    refused before anything recurses over it."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    # Escaped backslashes, then escaped quotes, go first (left to right, as a parser reads
    # them); then all but brackets and quotes. A pair of adjacent quotes (an empty string, or
    # one string's end and the next one's start once the separators are gone) never changes
    # what is inside a string; what is left between quotes is inside one.
    shape = (
        body.replace(b"\\\\", b"")
        .replace(b'\\"', b"")
        .translate(_AS_BRACKETS, _NOT_STRUCTURE)
        .replace(b'""', b"")
    )
    if b'"' in shape:
        shape = b"".join(shape.split(b'"')[::2])
    for _ in range(MAX_JSON_DEPTH):
        inner_removed = shape.replace(b"[]", b"")
        if len(inner_removed) == len(shape):  # unbalanced: invalid, unless it opens too many
            return shape.count(b"[") > MAX_JSON_DEPTH
        shape = inner_removed
    return bool(shape)


def require_json_content_type(request: Request) -> None:
    """JSON routes take ``application/json`` only: a cross-site HTML form or a "simple"
    ``fetch`` can send ``text/plain`` or form encodings without a preflight, never JSON."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json":
        raise ProblemError(
            415,
            "unsupported_media_type",
            "send the body as JSON with Content-Type: application/json",
            headers={"Accept-Post": "application/json"},
        )


async def read_json(request: Request) -> Any:
    require_json_content_type(request)
    body = await request.body()
    if not body:
        raise ProblemError(400, "invalid_json", "the request body is empty")
    too_deep = ProblemError(
        400, "json_too_deep", f"arrays and objects nest deeper than {MAX_JSON_DEPTH} levels"
    )
    if json_nests_too_deep(body):
        raise too_deep
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProblemError(400, "invalid_json", f"body is not valid UTF-8 JSON: {exc}") from None
    except RecursionError:  # not reached after the check above; a second line of defence
        raise too_deep from None


async def parse_json(request: Request, model: type[M]) -> M:
    data = await read_json(request)
    return validate(model, data)


def validate(model: type[M], data: Any) -> M:
    if not isinstance(data, dict):
        raise invalid_fields([FieldError("body", "invalid_field", "expected a JSON object")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_problem(exc) from None


def query_limit(request: Request, default: int = 50, maximum: int = 500) -> int:
    raw = request.query_params.get("limit")
    if raw is None:
        return default
    # str.isdigit() accepts '²' and other non-ASCII digits that int() refuses
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not 1 <= int(raw) <= maximum:
        raise invalid_fields([FieldError("limit", "invalid_field", f"limit must be 1..{maximum}")])
    return int(raw)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def client_bucket(request: Request) -> str:
    """Who a per-client rate limit counts: the IPv4 address, or the IPv6 /64 (one subscriber
    gets a whole /64 and could otherwise take a fresh address for every request)."""
    host = client_address(request)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return host
