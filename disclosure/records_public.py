"""Public 终本案件 and 限制消费 lists (contract §9.6): JSON search and board under
``/api/public/v1/{terminated-cases|consumption-restrictions}`` and pages under
``/disclosures/{slug}``. The 失信 list's code paths do the rest (disclosure/public.py): the
input checks, the identity-number sign-in and limits, the rate limits, the private headers on
every answer (errors included) and the error pages. What each list shows: disclosure/lists.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from disclosure import records, service
from disclosure.lists import LISTS, RESTRICTED, TERMINATED, PublicList
from disclosure.models import PublicRecord
from disclosure.public import (
    PRIVATE_NOTE,
    SEARCH_QUERY,
    TEMPLATES,
    base_context,
    board_page,
    find,
    list_page,
    public_api,
    search_terms,
)
from disclosure.records_schemas import RecordBoardOut, RecordSearchOut
from service.clock import SHANGHAI
from service.errors import ProblemError
from service.http import ApiRoute, Doc, json_response
from service.web import site

Endpoint = Callable[[Request], Awaitable[Response]]


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def public_item(row: PublicRecord) -> dict[str, Any]:
    """The fields the list's rule supports (disclosure/lists.py); nothing else leaves."""
    item: dict[str, Any] = {
        "public_id": row.public_id,
        "kind": row.kind,
        "name": row.name,
        "id_no_masked": row.id_no_masked,
        "court": row.court,
        "case_no": row.case_no,
        "filed_at": row.filed_at.isoformat() if row.filed_at else None,
        "published_at": row.published_at.astimezone(SHANGHAI).isoformat(),
    }
    if row.list == TERMINATED:
        item |= {
            "terminated_at": row.decided_at.isoformat(),
            "target_amount": _money(row.target_amount),
            "unperformed_amount": _money(row.unperformed_amount),
        }
    else:
        item |= {
            "issued_at": row.decided_at.isoformat(),
            "legal_rep": row.legal_rep if row.kind == "organization" else None,
        }
    return item


def _search(public: PublicList) -> Callable[[str, str | None], Awaitable[list[PublicRecord]]]:
    async def search(name: str, id_no: str | None) -> list[PublicRecord]:
        return await records.search(public, name, id_no)

    return search


def _context(request: Request, public: PublicList) -> dict[str, Any]:
    return {**base_context(request), "list": public, "base": f"/disclosures/{public.slug}"}


async def _board(public: PublicList, page: int) -> dict[str, Any]:
    rows, has_next = await records.board(public, page)
    return {"board": [public_item(x) for x in rows], "page": page, "has_next": has_next}


def _endpoints(public: PublicList) -> dict[str, Endpoint]:
    page_of = list_page(public.gone_text, (f"/disclosures/{public.slug}", f"{public.title}查询"))

    @public_api
    async def api_search(request: Request) -> Response:
        q = request.query_params
        name, id_no = search_terms(q.get("name"), q.get("id_no"))
        rows = await find(request, name, id_no, _search(public))
        return json_response({"items": [public_item(x) for x in rows]})

    @public_api
    async def api_board(request: Request) -> Response:
        page = board_page(request.query_params.get("page"))
        board = await _board(public, page)
        return json_response(
            {
                "page": page,
                "page_size": service.BOARD_PAGE_SIZE,
                "has_next": board["has_next"],
                "items": board["board"],
            }
        )

    @page_of
    async def page_index(request: Request) -> Response:
        page = board_page(request.query_params.get("page"))
        context = {**_context(request, public), **await _board(public, page)}
        return site.render(TEMPLATES, "records.html", {**context, "form": {}, "errors": {}})

    @page_of
    async def page_search(request: Request) -> Response:
        form = await request.form()
        raw = {k: str(form.get(k) or "") for k in ("name", "id_no")}
        context = {**_context(request, public), **await _board(public, 1), "form": raw}
        try:
            name, id_no = search_terms(raw["name"], raw["id_no"])
        except ProblemError as exc:
            context["errors"] = {e.field: e.detail for e in exc.errors}
            return site.render(TEMPLATES, "records.html", context, status=422)
        rows = await find(request, name, id_no, _search(public))
        context |= {"results": [public_item(x) for x in rows], "errors": {}}
        context["form"] = {"name": raw["name"]}  # the number is not echoed back
        return site.render(TEMPLATES, "records.html", context)

    @page_of
    async def page_detail(request: Request) -> Response:
        row = await records.public_record(public, request.path_params["public_id"])
        context = {**_context(request, public), "item": public_item(row)}
        return site.render(TEMPLATES, "record.html", context)

    return {
        "api_search": api_search,
        "api_board": api_board,
        "page_index": page_index,
        "page_search": page_search,
        "page_detail": page_detail,
    }


def _routes(public: PublicList) -> list[ApiRoute]:
    ep = _endpoints(public)
    api = f"/api/public/v1/{public.slug}"
    page = f"/disclosures/{public.slug}"
    what = public.title
    search_errors = {
        401: ["signin_required"],
        422: ["missing_field", "invalid_field", "id_no_invalid"],
        429: ["rate_limited"],
    }
    return [
        ApiRoute(
            api,
            ep["api_search"],
            name=f"{public.key}_api_search",
            methods=["GET"],
            doc=Doc(
                summary=f"Search the published {what} list by exact name (and identity number)",
                tag="public",
                responses={200: RecordSearchOut},
                errors=search_errors,
                query=SEARCH_QUERY,
                description="At most 20 results, newest first; identity numbers masked; the "
                "same sign-in and limits for `id_no` as the 失信 search (contract §9.2). "
                + PRIVATE_NOTE,
            ),
        ),
        ApiRoute(
            f"{api}/board",
            ep["api_board"],
            name=f"{public.key}_api_board",
            methods=["GET"],
            doc=Doc(
                summary=f"The currently published {what} records, 20 a page, newest first",
                tag="public",
                responses={200: RecordBoardOut},
                errors={422: ["invalid_field"], 429: ["rate_limited"]},
                query=(("page", "integer", False, f"1..{service.BOARD_MAX_PAGE}, default 1"),),
                description=PRIVATE_NOTE,
            ),
        ),
        ApiRoute(
            page,
            ep["page_index"],
            name=f"{public.key}_page_index",
            methods=["GET"],
            doc=Doc(
                summary=f"{what}: search form and board (HTML)",
                tag="public",
                content_type="text/html",
                errors={422: ["invalid_field"], 429: ["rate_limited"]},
                query=(("page", "integer", False, "board page"),),
                description=PRIVATE_NOTE,
            ),
        ),
        ApiRoute(
            page,
            ep["page_search"],
            name=f"{public.key}_page_search",
            methods=["POST"],
            doc=Doc(
                summary=f"{what}: search results (HTML form post: name, id_no)",
                tag="public",
                content_type="text/html",
                errors=search_errors,
                description=PRIVATE_NOTE,
            ),
        ),
        ApiRoute(
            f"{page}/{{public_id}}",
            ep["page_detail"],
            name=f"{public.key}_page_detail",
            methods=["GET"],
            doc=Doc(
                summary=f"One {what} record (HTML); 410 once withdrawn",
                tag="public",
                content_type="text/html",
                errors={404: ["not_found"], 410: ["record_gone"], 429: ["rate_limited"]},
                description=PRIVATE_NOTE,
            ),
        ),
    ]


#: Before disclosure/public.py's routes in service/app.py: ``/disclosures/{public_id}`` would
#: otherwise take ``/disclosures/terminated-cases``.
routes = [*_routes(LISTS[TERMINATED]), *_routes(LISTS[RESTRICTED])]
