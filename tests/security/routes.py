"""The routes under test, enumerated from ``service.app.all_routes()`` so new ones are covered
without touching these tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.app import all_routes
from service.http import ApiRoute

_PARAM = re.compile(r"{([a-z_]+)(?::[a-z]+)?}")


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    auth: str | None
    content_type: str
    takes_json: bool = False  # a JSON request body (the Doc names its model)

    @property
    def params(self) -> list[str]:
        return _PARAM.findall(self.path)

    def url(self, values: dict[str, str]) -> str:
        return _PARAM.sub(lambda m: values.get(m.group(1), "none"), self.path)

    @property
    def html(self) -> bool:
        return self.content_type.startswith("text/html")


def endpoints() -> list[Endpoint]:
    found: list[Endpoint] = []
    for route in all_routes():
        if isinstance(route, ApiRoute) and route.doc is not None and route.methods:
            for method in sorted(route.methods - {"HEAD"}):
                doc = route.doc
                takes_json = doc.request is not None
                found.append(Endpoint(method, route.path, doc.auth, doc.content_type, takes_json))
    return found


def party_endpoints() -> list[Endpoint]:
    return [e for e in endpoints() if e.auth == "party"]


def html_endpoints() -> list[Endpoint]:
    return [e for e in endpoints() if e.html]
