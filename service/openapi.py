"""The OpenAPI 3.1 document, generated from the routes' own pydantic models.

Nothing here is written by hand beside the code: each :class:`service.http.ApiRoute` carries a
:class:`service.http.Doc` naming its request and response models and its own error codes, and
pydantic emits JSON Schema 2020-12, which is what OpenAPI 3.1 uses. The errors every route of a
kind shares are derived here (:func:`route_errors`): a JSON body (``request=``) can be invalid
JSON, too large or fail validation, and an authenticated route (``auth=``) can be refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode
from starlette.routing import BaseRoute, Mount

from service.auth.court import COURT_AUTH_ERRORS
from service.http import BODY_ERRORS, ApiRoute, Doc

_REF = "#/components/schemas/{model}"

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem document with a machine-readable code (contract §0).",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string", "examples": ["about:blank"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "code", "detail"],
                "properties": {
                    "field": {"type": "string", "examples": ["parties[1].role"]},
                    "code": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}

COURT_AUTH_DESCRIPTION = (
    "HMAC-SHA256 request signing (contract §1.1). Send X-Court-Key, X-Court-Timestamp "
    "(Unix seconds, ±300 s), X-Court-Nonce (16–64 chars of [A-Za-z0-9_-], single use within 10 "
    "minutes) and X-Court-Signature = lowercase hex HMAC-SHA256(secret, METHOD \\n PATH_AND_QUERY "
    "\\n TIMESTAMP \\n NONCE \\n hex(sha256(body)))."
)


#: The refusals of each kind of authentication that always requires its credential. A party
#: route (``auth="party"``) lists ``session_required`` itself (pages redirect to sign-in
#: instead, and signing out answers 204 without a session); every party route can answer an
#: unsafe request that carries the session cookie from another site with 403 ``cross_site``
#: (service/middleware.py ``CrossSiteMiddleware``).
AUTH_ERRORS: Mapping[str, Mapping[int, Sequence[str]]] = {
    "court": COURT_AUTH_ERRORS,
    "party": {403: ["cross_site"]},
    "screen": {401: ["screen_token_invalid"]},  # disclosure/led/screens.py
}


def route_errors(doc: Doc) -> dict[int, list[str]]:
    """The route's errors: those its request body and its auth imply, then its own."""
    implied = (BODY_ERRORS if doc.request is not None else {}, AUTH_ERRORS.get(doc.auth or "", {}))
    merged: dict[int, list[str]] = {}
    for errors in (*implied, doc.errors):
        for status, codes in errors.items():
            known = merged.setdefault(status, [])
            known.extend(code for code in codes if code not in known)
    return merged


def _walk(routes: list[BaseRoute], prefix: str = "") -> list[tuple[str, ApiRoute]]:
    found: list[tuple[str, ApiRoute]] = []
    for route in routes:
        if isinstance(route, ApiRoute) and route.doc is not None:
            found.append((prefix + route.path, route))
        elif isinstance(route, Mount):
            found.extend(_walk(list(route.routes), prefix + route.path))
    return found


def _schema_ref(
    model: type[BaseModel], components: dict[str, Any], mode: JsonSchemaMode = "serialization"
) -> dict[str, Any]:
    """Put ``model``'s schema (and those it uses) in ``components``; a reference to it. A request
    body is described as it is validated (``mode="validation"``), a response as it is written."""
    schema = model.model_json_schema(ref_template=_REF, mode=mode)
    for name, sub in schema.pop("$defs", {}).items():
        components[name] = sub
    components[model.__name__] = schema
    return {"$ref": _REF.format(model=model.__name__)}


_PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": _REF.format(model="Problem")}}}
_HTML_CONTENT = {"text/html": {"schema": {"type": "string"}}}
_UNAVAILABLE = {
    "description": "Problem service_unavailable: the database or Redis is unreachable; retry "
    "after the Retry-After header's seconds (nothing was written).",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": _PROBLEM_CONTENT,
}


def _document_page(responses: dict[str, Any], private: bool, form: bool) -> None:
    """Pages answer HTML, redirect (sign-in, after a form) and show errors as pages."""
    responses["200"] = {"description": "The page", "content": _HTML_CONTENT}
    if private:
        responses.setdefault("302", {"description": "Not signed in: to WeChat sign-in"})
        responses.setdefault("303", {"description": "After a form: to the next page"})
    if private and form:
        responses.setdefault(
            "401",
            {
                "description": "The session expired before the form was sent: a page that says "
                "so and keeps what was typed (service/parties/drafts.py)",
                "content": _HTML_CONTENT,
            },
        )
    # A page's own errors (``Doc.errors``) are pages too.
    for status in sorted(
        {"400", "401", "403", "404", "409", "410", "413", "415", "422", "429"}
        | {s for s in responses if s.startswith("4")}
    ):
        if status in responses:
            responses[status]["content"] = {**responses[status]["content"], **_HTML_CONTENT}
        else:
            responses[status] = {
                "description": "The page with the error explained, or a problem document",
                "content": {**_HTML_CONTENT, **_PROBLEM_CONTENT},
            }


def build_openapi(routes: list[BaseRoute], version: str) -> dict[str, Any]:
    components: dict[str, Any] = {"Problem": PROBLEM_SCHEMA}
    paths: dict[str, dict[str, Any]] = {}
    for path, route in _walk(routes):
        doc = route.doc
        assert doc is not None
        params = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"{(\w+)(?::\w+)?}", path)
        ]
        params += [
            {"name": n, "in": "query", "required": req, "description": desc, "schema": {"type": t}}
            for n, t, req, desc in doc.query
        ]
        responses: dict[str, Any] = {}
        for status, model in sorted(doc.responses.items()):
            if model is None:
                responses[str(status)] = {"description": "No content" if status == 204 else "OK"}
            else:
                responses[str(status)] = {
                    "description": "OK" if status < 300 else "Response",
                    "content": {doc.content_type: {"schema": _schema_ref(model, components)}},
                }
        if not responses:
            responses["200"] = {"description": "OK"}
        for status, codes in sorted(route_errors(doc).items()):
            responses[str(status)] = {
                "description": "Problem; code one of: " + ", ".join(codes),
                "content": {
                    "application/problem+json": {"schema": {"$ref": _REF.format(model="Problem")}}
                },
            }
        if doc.content_type.startswith("text/html"):
            _document_page(responses, doc.auth == "party", "POST" in (route.methods or ()))
        responses.setdefault("503", _UNAVAILABLE)
        clean_path = re.sub(r"{(\w+):\w+}", r"{\1}", path)
        for method in sorted(route.methods or []):
            if method == "HEAD":
                continue
            operation: dict[str, Any] = {
                "summary": doc.summary,
                "tags": [doc.tag],
                "operationId": f"{method.lower()}_{route.name}",
                "responses": responses,
            }
            if doc.description:
                operation["description"] = doc.description
            if params:
                operation["parameters"] = params
            if doc.request is not None and method in {"POST", "PUT", "PATCH"}:
                operation["requestBody"] = {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": _schema_ref(doc.request, components, "validation")
                        }
                    },
                }
            if doc.auth == "court":
                operation["security"] = [{"courtHmac": []}]
                if doc.scope:
                    operation["x-court-scope"] = doc.scope
            elif doc.auth == "party":
                operation["security"] = [{"partySession": []}, {"partyBearer": []}]
            elif doc.auth == "screen":
                operation["security"] = [{"screenBearer": []}]
            paths.setdefault(clean_path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "microcourt",
            "version": version,
            "description": (
                "Public-facing service of a court enforcement bureau. Conventions: JSON in UTF-8; "
                "RFC 3339 times with an offset; money as decimal strings with two places; errors "
                "as problem+json with a `code`; request bodies up to 2 MiB; unknown JSON fields "
                "are ignored; lists page with `limit` (default 50, max 500) and an opaque `cursor`."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "courtHmac": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Court-Signature",
                    "description": COURT_AUTH_DESCRIPTION,
                },
                "partySession": {"type": "apiKey", "in": "cookie", "name": "mc_session"},
                "partyBearer": {"type": "http", "scheme": "bearer"},
                "screenBearer": {"type": "http", "scheme": "bearer"},
            },
        },
    }
