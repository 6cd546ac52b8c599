"""The first pages a newcomer meets (issue 18): ``/`` links everything a person can open, and
``/docs`` is the API reference rendered on the server from ``/openapi.json`` (no CDN, no
script: the pages' CSP holds). Also the shared HTML 404 page and the favicon."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from config.settings import Settings
from service.http import ApiRoute, Doc
from service.web.site import STATIC, render, templates

ENV = templates()
METHODS = ("get", "post", "put", "patch", "delete")


def _sandbox_links(settings: Settings) -> list[dict[str, str]]:
    """On a local run whose WeChat and SMS point at loopback (the demo's sandbox), its
    inboxes; nothing in production."""
    if not settings.is_local:
        return []
    links = []
    base = settings.wechat_api_base.rstrip("/")
    if base.startswith(("http://127.0.0.1", "http://localhost")):
        links.append({"href": f"{base}/_sandbox/", "text": "微信沙箱：当事人收到的消息"})
    sms = settings.sms_gateway_url.rstrip("/")
    if sms.startswith(("http://127.0.0.1", "http://localhost")):
        links.append({"href": f"{sms}/_sandbox/", "text": "短信沙箱：发出的短信"})
    return links


async def home(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    context = {
        "court_name": settings.court_name,
        "private": False,
        "sandbox": _sandbox_links(settings),
    }
    return render(ENV, "home.html", context)


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's operations grouped by tag, each with its responses and error codes."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            responses = [
                {"status": status, "description": r.get("description", "")}
                for status, r in op.get("responses", {}).items()
            ]
            tag = (op.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(
                {
                    "id": op.get("operationId", f"{method}_{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "responses": responses,
                    "parameters": [
                        {
                            "name": p.get("name", ""),
                            "in": p.get("in", ""),
                            "required": bool(p.get("required")),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _body_schema(op),
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in sorted(groups.items())]


def _body_schema(op: dict[str, Any]) -> str:
    content = op.get("requestBody", {}).get("content", {})
    for media, body in content.items():
        ref = body.get("schema", {}).get("$ref", "")
        return f"{media}: {ref.rsplit('/', 1)[-1]}" if ref else media
    return ""


async def docs(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    document: dict[str, Any] = request.app.state.openapi
    context = {
        "court_name": settings.court_name,
        "private": False,
        "info": document.get("info", {}),
        "groups": operations(document),
        "schemas": sorted(document.get("components", {}).get("schemas", {}).items()),
    }
    return render(ENV, "api_docs.html", context)


def not_found_page(request: Request) -> Response:
    """The 404 a person sees (a page path, or a browser asking for HTML), in Chinese."""
    settings: Settings = request.app.state.settings
    party = request.url.path.startswith("/m/")
    context = {"court_name": settings.court_name, "party": party}
    return render(ENV, "not_found_page.html", context, status=404)


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/", "/openapi.json")):
        return False
    return path.startswith("/m/") or "text/html" in request.headers.get("accept", "")


async def favicon(request: Request) -> Response:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def _doc(summary: str) -> Doc:
    return Doc(summary, "pages", content_type="text/html")


routes = [
    ApiRoute("/", home, methods=["GET"], doc=_doc("Landing page: links to every page")),
    ApiRoute("/docs", docs, methods=["GET"], doc=_doc("API reference rendered from this document")),
    ApiRoute(
        "/favicon.ico",
        favicon,
        methods=["GET"],
        doc=Doc("The site icon (SVG)", "pages", content_type="image/svg+xml"),
    ),
]
