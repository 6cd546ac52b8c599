"""Public 失信 disclosure: the JSON API and the server-rendered pages (contract §2).

No login. Every response (errors included) carries ``Cache-Control: no-store`` and
``X-Robots-Tag: noindex``; every request counts against the rate limits. Look-ups are exact
(name, optionally with the full identity number); the board shows at most
``BOARD_MAX_PAGE`` pages; detail URLs use random public ids, so nothing can be walked.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from disclosure import id_search, ratelimit, rules, service
from disclosure.models import Listing
from disclosure.repository import PublicRow
from disclosure.schemas import BoardOut, PublicListingOut, SearchOut
from service import identifiers
from service.clock import SHANGHAI
from service.errors import FieldError, ProblemError, invalid_fields
from service.http import ApiRoute, Doc, json_response
from service.web import site

Endpoint = Callable[[Request], Awaitable[Response]]
TEMPLATES = site.templates(Path(__file__).parent / "templates")
NAME_MIN, NAME_MAX = 2, 50


def public_item(listing: Listing | PublicRow) -> PublicListingOut:
    return PublicListingOut(
        public_id=listing.public_id,
        kind=listing.kind,
        name=listing.name,
        id_no_masked=listing.id_no_masked,
        gender=listing.gender,
        court=listing.court,
        case_no=listing.case_no,
        basis_doc_no=listing.basis_doc_no,
        obligation=listing.obligation,
        performance=listing.performance,
        unperformed_amount=(
            None if listing.unperformed_amount is None else f"{listing.unperformed_amount:.2f}"
        ),
        circumstance_text=rules.circumstance_text(listing.circumstance),
        published_at=published(listing),
        legal_rep=listing.legal_rep if listing.kind == "organization" else None,
        basis_unit=listing.basis_unit,
        filed_at=listing.filed_at.isoformat() if listing.filed_at else None,
        age=listing.age,
    )


def published(listing: Listing | PublicRow) -> str:
    """When the listing went public, in court time: a listing public from 00:00 Beijing time is
    dated that day, not the UTC day before. ``published_at`` is never null for a live listing;
    ``publish_at`` is the fallback."""
    return (listing.published_at or listing.publish_at).astimezone(SHANGHAI).isoformat()


def public_fields(listing: Listing | PublicRow) -> dict[str, Any]:
    """``public_item(listing).model_dump()`` without building the model: the JSON search answer
    is the hot path (pydantic was ~15% of a name search's CPU, docs/performance.md); the tests
    hold the two equal."""
    kind = listing.kind
    amount = listing.unperformed_amount
    return {
        "public_id": listing.public_id,
        "kind": kind,
        "name": listing.name,
        "id_no_masked": listing.id_no_masked,
        "gender": listing.gender,
        "court": listing.court,
        "case_no": listing.case_no,
        "basis_doc_no": listing.basis_doc_no,
        "obligation": listing.obligation,
        "performance": listing.performance,
        "unperformed_amount": None if amount is None else f"{amount:.2f}",
        "circumstance_text": rules.circumstance_text(listing.circumstance),
        "published_at": published(listing),
        "legal_rep": listing.legal_rep if kind == "organization" else None,
        "basis_unit": listing.basis_unit,
        "filed_at": listing.filed_at.isoformat() if listing.filed_at else None,
        "age": listing.age,
    }


# --------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------


def search_terms(name: str | None, id_no: str | None) -> tuple[str, str | None]:
    """Validate the search inputs; 422 listing every bad field."""
    errors: list[FieldError] = []
    name = (name or "").strip()
    if not name:
        errors.append(FieldError("name", "missing_field", "请输入被执行人姓名或名称"))
    elif not NAME_MIN <= len(name) <= NAME_MAX:
        errors.append(FieldError("name", "invalid_field", "姓名或名称须为 2–50 个字"))
    number = (id_no or "").strip() or None
    if number is not None:
        try:
            number = identifiers.validate_resident_id(number)
        except identifiers.IdentifierError:
            try:
                number = identifiers.validate_credit_code(number)
            except identifiers.IdentifierError:
                errors.append(
                    FieldError(
                        "id_no",
                        "id_no_invalid",
                        "证件号码须为完整的 18 位身份证号码或统一社会信用代码",
                    )
                )
    if errors:
        raise invalid_fields(errors)
    return name, number


def board_page(raw: str | None) -> int:
    if raw is None or raw == "":
        return 1
    digits = raw.isascii() and raw.isdigit() and len(raw) <= 6  # not '²' (int() refuses it)
    if not digits or not 1 <= int(raw) <= service.BOARD_MAX_PAGE:
        raise invalid_fields(
            [FieldError("page", "invalid_field", f"page must be 1..{service.BOARD_MAX_PAGE}")]
        )
    return int(raw)


# --------------------------------------------------------------------------------------
# Every public endpoint: rate limit first, private headers always
# --------------------------------------------------------------------------------------


def _with_private(problem: ProblemError) -> ProblemError:
    return dataclasses.replace(problem, headers={**problem.headers, **site.PRIVATE_HEADERS})


def _raise_private(request: Request, problem: ProblemError) -> NoReturn:
    raise _with_private(problem) from None


def _public(
    endpoint: Endpoint, on_problem: Callable[[Request, ProblemError], Response]
) -> Endpoint:
    @functools.wraps(endpoint)
    async def wrapped(request: Request) -> Response:
        try:
            await ratelimit.check(request)
            response = await endpoint(request)
        except ProblemError as exc:
            response = on_problem(request, exc)
        response.headers.update(site.PRIVATE_HEADERS)
        return response

    return wrapped


def public_api(endpoint: Endpoint) -> Endpoint:
    """An API endpoint: a problem answers as problem+json, with the private headers."""
    return _public(endpoint, _raise_private)


def public_page(endpoint: Endpoint) -> Endpoint:
    """A page: a problem answers as the error page, with the private headers."""
    return _public(endpoint, _error_page)


def list_page(gone_text: str, back: tuple[str, str]) -> Callable[[Endpoint], Endpoint]:
    """:func:`public_page` for another public list (contract §9.6): its own 410 text and its
    own way back (``(href, label)``); everything else as for 失信."""
    texts = {**_ERROR_TEXT, 410: ("信息已撤下", gone_text)}
    on_problem = functools.partial(_error_page, texts=texts, back=back)
    return lambda endpoint: _public(endpoint, on_problem)


_ERROR_TEXT = {
    401: (
        "请先登录",
        "按证件号码查询须先在微信中登录（打开“我的案件”即可），每人每日不超过 10 次；"
        "仅按姓名查询无需登录。",
    ),
    404: ("未找到", "没有找到这条公开信息。请检查链接，或回到查询页重新查询。"),
    410: ("信息已撤下", "这条失信被执行人信息已依法删除或期满撤下，不再公开。"),
    429: ("查询过于频繁", "您的查询次数过多，请稍后再试。"),
}


def _error_page(
    request: Request,
    problem: ProblemError,
    texts: Mapping[int, tuple[str, str]] = _ERROR_TEXT,
    back: tuple[str, str] = ("/disclosures", "失信被执行人查询"),
) -> Response:
    title, text = texts.get(problem.status, ("请求有误", problem.detail))
    return site.render(
        TEMPLATES,
        "error.html",
        {**_base(request), "title": title, "text": text, "back": back},
        status=problem.status,
        headers=dict(problem.headers),
    )


def _base(request: Request) -> dict[str, Any]:
    return {"court_name": request.app.state.settings.court_name, "private": True}


# --------------------------------------------------------------------------------------
# JSON API
# --------------------------------------------------------------------------------------


async def find(
    request: Request,
    name: str,
    id_no: str | None,
    search: Callable[[str, str | None], Awaitable[Sequence[Any]]] = service.search,
) -> list[Any]:
    """The search (``search``: 失信 listings unless another list's is given); with an identity
    number only for a signed-in user, within the limits of disclosure/id_search.py (shared by
    every public list: the limits count a person's searches, whatever the list)."""
    if id_no is None:
        return list(await search(name, None))
    admission = await id_search.admit(request, name)
    rows = list(await search(name, id_no))
    await id_search.settle(admission, found=bool(rows))
    return rows


@public_api
async def api_search(request: Request) -> Response:
    name, id_no = search_terms(request.query_params.get("name"), request.query_params.get("id_no"))
    # The answer is SearchOut (documented in the OpenAPI), built as plain dicts.
    return json_response({"items": [public_fields(x) for x in await find(request, name, id_no)]})


@public_api
async def api_board(request: Request) -> Response:
    page = board_page(request.query_params.get("page"))
    rows, has_next = await service.board(page)
    body = BoardOut(
        page=page,
        page_size=service.BOARD_PAGE_SIZE,
        has_next=has_next,
        items=[public_item(x) for x in rows],
    )
    return json_response(body.model_dump())


# --------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------


async def _board_context(page: int) -> dict[str, Any]:
    rows, has_next = await service.board(page)
    return {"board": [public_item(x) for x in rows], "page": page, "has_next": has_next}


@public_page
async def page_index(request: Request) -> Response:
    """The board; with ``?name=`` also the name-only search, as a GET so that its results can
    be linked and Back works (issue 18). A full identity number is searched only by POST
    behind sign-in (contract §9.2); one put in this URL is ignored, never echoed."""
    page = board_page(request.query_params.get("page"))
    context = {**_base(request), **await _board_context(page), "form": {}, "errors": {}}
    if "name" not in request.query_params:
        return site.render(TEMPLATES, "disclosures.html", context)
    raw = request.query_params.get("name", "")
    context["form"] = {"name": raw}
    try:
        name, _ = search_terms(raw, None)
    except ProblemError as exc:
        context["errors"] = {e.field: e.detail for e in exc.errors}
        return site.render(TEMPLATES, "disclosures.html", context, status=422)
    context["results"] = [public_item(x) for x in await find(request, name, None)]
    return site.render(TEMPLATES, "disclosures.html", context)


@public_page
async def page_search(request: Request) -> Response:
    """The identity-number search posts here, so the number never lands in a URL or a history;
    a post without a number goes to the linkable name search (``GET ?name=``)."""
    form = await request.form()
    raw = {k: str(form.get(k) or "") for k in ("name", "id_no")}
    if not raw["id_no"].strip() and raw["name"].strip():
        return RedirectResponse(
            f"/disclosures?{urlencode({'name': raw['name'].strip()})}#results-title",
            status_code=303,
        )
    context: dict[str, Any] = {**_base(request), **await _board_context(1), "form": raw}
    try:
        name, id_no = search_terms(raw["name"], raw["id_no"])
    except ProblemError as exc:
        context["errors"] = {e.field: e.detail for e in exc.errors}
        context["form"] = {"name": raw["name"]}  # the number is not echoed back
        return site.render(TEMPLATES, "disclosures.html", context, status=422)
    context["results"] = [public_item(x) for x in await find(request, name, id_no)]
    context["errors"] = {}
    context["form"] = {"name": raw["name"]}  # the number is not echoed back
    context["by_id"] = True
    return site.render(TEMPLATES, "disclosures.html", context)


@public_page
async def page_detail(request: Request) -> Response:
    listing = await service.public_listing(request.path_params["public_id"])
    context = {**_base(request), "item": public_item(listing)}
    return site.render(TEMPLATES, "listing.html", context)


_PRIVATE_NOTE = "Cache-Control: no-store and X-Robots-Tag: noindex on every response."
_SEARCH_QUERY = (
    ("name", "string", True, "exact name as published, 2–50 characters"),
    (
        "id_no",
        "string",
        False,
        "full 18-character identity number or credit code; needs a signed-in WeChat user "
        "(H5 session cookie or Mini Program bearer token), at most 10 such searches per user "
        "per day and 5 misses per name per day across everyone (contract §9.2)",
    ),
)

routes = [
    ApiRoute(
        "/api/public/v1/disclosures",
        api_search,
        methods=["GET"],
        doc=Doc(
            summary="Search the published 失信 list by exact name (and identity number)",
            tag="public",
            responses={200: SearchOut},
            errors={
                401: ["signin_required"],
                422: ["missing_field", "invalid_field", "id_no_invalid"],
                429: ["rate_limited"],
            },
            query=_SEARCH_QUERY,
            description="At most 20 results, newest first; identity numbers masked. With "
            "`id_no`: 401 `signin_required` without a signed-in WeChat user; 429 after 10 "
            "such searches by the user today, or after 5 misses for that name today. "
            + _PRIVATE_NOTE,
        ),
    ),
    ApiRoute(
        "/api/public/v1/disclosures/board",
        api_board,
        methods=["GET"],
        doc=Doc(
            summary="The currently published listings, 20 a page, newest first",
            tag="public",
            responses={200: BoardOut},
            errors={422: ["invalid_field"], 429: ["rate_limited"]},
            query=(("page", "integer", False, f"1..{service.BOARD_MAX_PAGE}, default 1"),),
            description=_PRIVATE_NOTE,
        ),
    ),
    ApiRoute(
        "/disclosures",
        page_index,
        methods=["GET"],
        doc=Doc(
            summary="Board, search forms and the name-only search results (HTML)",
            tag="public",
            content_type="text/html",
            errors={422: ["missing_field", "invalid_field"], 429: ["rate_limited"]},
            query=(
                ("page", "integer", False, "board page"),
                ("name", "string", False, "name-only search (exact name, 2–50 characters)"),
            ),
            description=_PRIVATE_NOTE,
        ),
    ),
    ApiRoute(
        "/disclosures",
        page_search,
        methods=["POST"],
        doc=Doc(
            summary="Search by name and identity number (HTML form post: name, id_no); "
            "without id_no, 303 to GET /disclosures?name=",
            tag="public",
            content_type="text/html",
            description="With `id_no`: the same sign-in and limits as the JSON search. "
            + _PRIVATE_NOTE,
            errors={
                401: ["signin_required"],
                422: ["missing_field", "invalid_field", "id_no_invalid"],
                429: ["rate_limited"],
            },
        ),
    ),
    ApiRoute(
        "/disclosures/{public_id}",
        page_detail,
        methods=["GET"],
        doc=Doc(
            summary="One listing (HTML); 410 once withdrawn or expired",
            tag="public",
            content_type="text/html",
            errors={404: ["not_found"], 410: ["listing_gone"], 429: ["rate_limited"]},
            description=_PRIVATE_NOTE,
        ),
    ),
]

# For the other public lists (disclosure/records_public.py), which share these paths.
base_context = _base
PRIVATE_NOTE = _PRIVATE_NOTE
SEARCH_QUERY = _SEARCH_QUERY
