"""H5 pages for parties (contract §4.3): my cases, bind, timeline, preferences.

Server-rendered, usable without JavaScript, large type for older users. A page opened
without a session starts WeChat sign-in and comes back to itself. Forms carry a CSRF token
bound to the session; every page is private (``no-store``, ``noindex``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from config.settings import Settings
from service.errors import ProblemError
from service.events.nodes import NODES
from service.http import ApiRoute, Doc
from service.parties import (
    bind_input,
    binding,
    codes,
    drafts,
    links,
    messages,
    preferences,
    sessions,
    views,
)
from service.parties.binding import Proof, bind_user
from service.parties.endpoints import save
from service.parties.schemas import PreferencesIn, QuietHours
from service.parties.signin import safe_return_path, user_or_signin
from service.requests import filing as request_filing
from service.web.site import PRIVATE_HEADERS, render, templates

ENV = templates(Path(__file__).parent / "templates")
HTML = "text/html"


def _context(request: Request, user: sessions.PartyUser | None, **extra: Any) -> dict[str, Any]:
    settings: Settings = request.app.state.settings
    return {
        "court_name": settings.court_name,
        "signed_in": user is not None,
        "csrf": sessions.csrf_token(settings.secret_key, user) if user else "",
        **extra,
    }


async def _page(
    request: Request, user: sessions.PartyUser | None, name: str, status: int = 200, **extra: Any
) -> Response:
    large = await preferences.large_text(user.user_key) if user else False
    context = _context(request, user, large_text=large, back=request.url.path, **extra)
    return render(ENV, name, context, status=status, headers=PRIVATE_HEADERS)


BIND_LABELS = {
    "case_no": "案号",
    "name": "姓名或单位名称",
    "id_no": "身份证号码或统一社会信用代码",
    "access_code": "查询码",
    "sms_code": "短信验证码",
}
BIND_HIDDEN = ("id_no", "access_code", "sms_code")
PREFERENCE_LABELS = {"quiet_start": "免打扰开始", "quiet_end": "免打扰结束"}


async def _form_user(
    request: Request,
    back_to: str,
    labels: Mapping[str, str] | None = None,
    hidden: tuple[str, ...] = (),
) -> tuple[sessions.PartyUser, dict[str, Any]] | Response:
    """A signed-in user and their submitted form, CSRF-checked; without a session, the page
    that says so and keeps what was typed (:mod:`service.parties.drafts`)."""
    user = await sessions.current_user(request)
    form = await request.form()
    fields = {k: form.getlist(k) if k == "receive" else str(v) for k, v in form.items()}
    fields.pop("csrf", None)
    if user is None:
        return await drafts.expired(
            request, back_to=back_to, fields=fields, labels=labels or {}, hidden=hidden
        )
    sessions.check_csrf(request.app.state.settings.secret_key, user, str(form.get("csrf", "")))
    return user, fields


async def my_cases(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    cases = []
    for progress in await views.cases_with_progress(user):
        bound = progress.bound
        summary = views.case_summary(progress)
        summary["role_zh"] = views.ROLE_ZH.get(bound.party.role, bound.party.role)
        summary["status_zh"] = views.STATUS_ZH.get(bound.case.status, bound.case.status)
        summary["last_node_at"] = (
            views.local_time(progress.latest.occurred_at) if progress.latest else None
        )
        cases.append(summary)
    return await _page(request, user, "my_cases.html", cases=cases)


async def bind_form(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    draft = await drafts.take_draft(request)
    form = {k: str(v) for k, v in draft.items() if k in BIND_LABELS}
    notice = "已恢复您上次填写的内容，请核对后提交。" if form else ""
    return await _page(request, user, "bind.html", form=form, error="", notice=notice)


def _bind_fields(form: dict[str, Any]) -> dict[str, str]:
    """The typed details, normalised as far as they can be (:mod:`service.parties.bind_input`)."""
    f = {k: str(form.get(k, "")).strip()[:100] for k in BIND_LABELS}
    return f | {
        "case_no": bind_input.case_number(f["case_no"]) if f["case_no"] else "",
        "name": bind_input.name(f["name"]),
        "id_no": bind_input.identity(f["id_no"]),
    }


def _lockout_message(settings: Settings) -> str:
    return (
        f"核对失败次数过多，为保护当事人信息，本微信账号一小时内不能再绑定。您可以一小时后再试；"
        f"也可以拨打{settings.court_name}电话 {settings.court_phone}，或携带身份证件到法院"
        "诉讼服务中心，由工作人员核实后为您办理。"
    )


async def _bind_error_page(
    request: Request, user: sessions.PartyUser, f: dict[str, str], status: int, error: str
) -> Response:
    """The form again with what was typed (the identity number too: it is the person's own,
    on their own screen, and the page is ``no-store``); the codes are typed afresh."""
    filled = {k: f[k] for k in ("case_no", "name", "id_no")}
    return await _page(
        request, user, "bind.html", status=status, form=filled, error=error, notice=""
    )


def _bind_problems(f: dict[str, str]) -> str:
    """What is certainly wrong with the typed details, checked before a try is counted."""
    return "".join(p.message for p in bind_input.problems(f["case_no"], f["id_no"]))


async def bind_submit(request: Request) -> Response:
    got = await _form_user(request, "/m/bind", BIND_LABELS, BIND_HIDDEN)
    if isinstance(got, Response):
        return got
    user, form = got
    f = _bind_fields(form)
    if wrong := _bind_problems(f):
        return await _bind_error_page(request, user, f, 422, wrong)
    proof = Proof(
        f["case_no"], f["name"], f["id_no"], f["sms_code"] or None, f["access_code"] or None
    )
    try:
        result = await bind_user(request.app.state.redis, user, proof)
    except ProblemError as problem:
        message = (
            _lockout_message(request.app.state.settings)
            if problem.status == 429
            else "未找到匹配的当事人，请核对案号、姓名、证件号码，以及短信验证码或查询码。"
        )
        return await _bind_error_page(request, user, f, problem.status, message)
    return RedirectResponse(f"/m/cases/{result.case_id}", status_code=303)


async def bind_sms_code(request: Request) -> Response:
    """The form's "send code" button: the same request as ``POST /api/party/v1/bindings/sms-code``
    (same answer whether or not anything matched), then the form again, filled in."""
    got = await _form_user(request, "/m/bind", BIND_LABELS, BIND_HIDDEN)
    if isinstance(got, Response):
        return got
    user, form = got
    f = _bind_fields(form)
    filled = {k: f[k] for k in ("case_no", "name", "id_no")}
    if wrong := _bind_problems(f):
        return await _bind_error_page(request, user, f, 422, wrong)
    try:
        message = await binding.request_sms_code(
            request.app.state.redis, user, Proof(f["case_no"], f["name"], f["id_no"])
        )
    except ProblemError:
        return await _page(
            request,
            user,
            "bind.html",
            status=429,
            form=filled,
            error="获取验证码过于频繁，请一小时后再试，或使用查询码绑定。",
            notice="",
        )
    response = await _page(
        request,
        user,
        "bind.html",
        form=filled,
        error="",
        notice="若信息与法院登记一致，验证码已发送至法院登记的手机号，10分钟内有效。",
    )
    response.background = BackgroundTask(
        codes.send_quietly, getattr(request.app.state, "text_sender", None), message
    )
    return response


async def case_page(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    try:
        detail = await views.case_detail(user, request.path_params["case_id"])
    except ProblemError:
        return await _page(request, user, "not_found.html", status=404)
    case = detail.bound.case
    timeline = [
        {
            "iso": i.occurred_at.isoformat(),
            "when": views.local_time(i.occurred_at),
            "name_zh": i.name_zh,
            "summary": i.summary,
        }
        for i in detail.timeline
    ]
    return await _page(
        request,
        user,
        "case.html",
        case=case,
        timeline=timeline,
        role_zh=views.ROLE_ZH.get(detail.bound.party.role, detail.bound.party.role),
        status_zh=views.STATUS_ZH.get(case.status, case.status),
        filed_at=views.local_time(case.filed_at),
        amount=views.money(case.amount),
        handler_phone=detail.handler_phone,
        links=case_links(detail.bound),
        messages=await messages.sent_to(case.id, detail.bound.party.id),
        request_states=await request_filing.case_page_states(detail.bound),
    )


async def short_link(request: Request) -> Response:
    """``/m/c/<10 hex>`` from a text message: the signed-in party's bound case with that id
    prefix (service/parties/links.py), else the same 404 page as any unknown case."""
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    short = request.path_params["short"]
    for bound in await views.bound_cases(user):
        if links.matches(bound.case.id, short):
            return RedirectResponse(f"/m/cases/{bound.case.id}", status_code=303)
    return await _page(request, user, "not_found.html", status=404)


def case_links(bound: views.BoundCase) -> list[dict[str, str]]:
    """Links from the case page to what the party can do there: an applicant (or their agent)
    reads the rights list, objects to a termination (service/filings/), gives leads and asks
    for resumption; a respondent asks for 纠正 / 信用修复 (service/requests/)."""
    base = f"/m/cases/{bound.case.id}"
    if bound.view_role == "respondent" and bound.party.role in ("respondent", "agent"):
        # service/requests/: 纠正 / 信用修复 (失信规定 Arts. 11–12, Art. 2 para 2)
        return [{"href": f"{base}/requests", "text": "失信信息纠正与信用修复申请（含办理进度）"}]
    if bound.view_role != "applicant" or bound.party.role not in ("applicant", "agent"):
        return []
    links = [{"href": f"{base}/rights", "text": "申请执行人权利清单（阅读并确认）"}]
    if bound.case.status == "terminated":
        links.append({"href": f"{base}/objection", "text": "终本条件核对与终本异议"})
    # service/requests/: leads at any time; resumption after 终本 (终本规定 Art. 9)
    asks = "提供财产线索、申请恢复执行" if bound.case.status == "terminated" else "提供财产线索"
    links.append({"href": f"{base}/requests", "text": f"{asks}（含办理进度）"})
    return links


async def _preferences_page(
    request: Request,
    user: sessions.PartyUser,
    status: int = 200,
    draft: Mapping[str, drafts.FormValue] | None = None,
    **extra: Any,
) -> Response:
    prefs = await preferences.get_preferences(request.app.state.settings, user.user_key)
    nodes = preferences.node_choices(prefs)
    times = {
        "quiet_start": prefs.quiet_start.strftime("%H:%M"),
        "quiet_end": prefs.quiet_end.strftime("%H:%M"),
    }
    if draft:  # what was typed before the session expired, shown again (not saved yet)
        receive = set(draft.get("receive") or [])
        for n in nodes:
            n["opted_out"] = not n["mandatory"] and n["code"] not in receive
        times |= {k: str(draft[k]) for k in times if isinstance(draft.get(k), str)}
    return await _page(
        request,
        user,
        "preferences.html",
        status=status,
        nodes=nodes,
        restored=bool(draft),
        **times,
        **extra,
    )


async def preferences_form(request: Request) -> Response:
    user = await user_or_signin(request)
    if isinstance(user, Response):
        return user
    draft = await drafts.take_draft(request)
    return await _preferences_page(request, user, draft=draft, saved=False, error="")


async def preferences_submit(request: Request) -> Response:
    got = await _form_user(request, "/m/preferences", PREFERENCE_LABELS)
    if isinstance(got, Response):
        return got
    user, form = got
    receive = set(form.get("receive", []))
    opted_out = [
        n.code
        for n in NODES.values()
        if n.pushed and not n.legally_significant and n.code not in receive
    ]
    try:
        data = PreferencesIn(
            opted_out=opted_out,
            quiet_hours=QuietHours(
                start=form.get("quiet_start", ""), end=form.get("quiet_end", "")
            ),
        )
    except ValueError:
        return await _preferences_page(
            request, user, status=422, saved=False, error="时间格式不正确，请按“时:分”填写。"
        )
    await save(request.app.state.settings, user, data)
    return await _preferences_page(request, user, saved=True, error="")


async def display_submit(request: Request) -> Response:
    """长辈模式 on or off for this WeChat user (stored server-side), back to the same page."""
    got = await _form_user(request, "/m/")
    if isinstance(got, Response):
        return got
    user, form = got
    on = form.get("large_text") == "1"
    await preferences.set_large_text(request.app.state.settings, user.user_key, on)
    return RedirectResponse(safe_return_path(str(form.get("back", ""))), status_code=303)


async def logout(request: Request) -> Response:
    if await sessions.current_user(request) is None:  # already signed out: say so
        return render(ENV, "signed_out.html", _context(request, None), headers=PRIVATE_HEADERS)
    got = await _form_user(request, "/m/")
    if isinstance(got, Response):
        return got
    token = sessions.session_token(request)
    if token:
        await sessions.end_session(request.app.state.redis, token)
    response = render(ENV, "signed_out.html", _context(request, None), headers=PRIVATE_HEADERS)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


def _doc(summary: str) -> Doc:
    return Doc(summary, "party pages", content_type=HTML, auth="party")


routes = [
    ApiRoute("/m/", my_cases, methods=["GET"], doc=_doc("H5: my cases (signs in via WeChat)")),
    ApiRoute("/m/bind", bind_form, methods=["GET"], doc=_doc("H5: bind a case (form)")),
    ApiRoute("/m/bind", bind_submit, methods=["POST"], doc=_doc("H5: bind a case (submit)")),
    ApiRoute(
        "/m/bind/sms-code",
        bind_sms_code,
        methods=["POST"],
        doc=_doc("H5: send a binding code by SMS (the bind form's second button)"),
    ),
    ApiRoute(
        "/m/c/{short}",
        short_link,
        methods=["GET"],
        doc=_doc("H5: short link from a text message to the case page"),
    ),
    ApiRoute("/m/cases/{case_id}", case_page, methods=["GET"], doc=_doc("H5: case timeline")),
    ApiRoute(
        "/m/preferences", preferences_form, methods=["GET"], doc=_doc("H5: message preferences")
    ),
    ApiRoute(
        "/m/preferences",
        preferences_submit,
        methods=["POST"],
        doc=_doc("H5: save message preferences"),
    ),
    ApiRoute(
        "/m/display",
        display_submit,
        methods=["POST"],
        doc=_doc("H5: 长辈模式 (larger type) on or off, kept for this user"),
    ),
    ApiRoute("/m/logout", logout, methods=["POST"], doc=_doc("H5: sign out")),
]
