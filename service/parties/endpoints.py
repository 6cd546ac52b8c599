"""Party API (contract §4.2–§4.3): binding, cases and timeline, preferences."""

from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from config.settings import Settings
from service.http import ApiRoute, Doc, json_response, parse_json
from service.parties import binding, codes, preferences, views
from service.parties.binding import Proof, bind_user
from service.parties.schemas import (
    BindingIn,
    BindingOut,
    CaseDetailOut,
    CaseListOut,
    JsSdkOut,
    PreferencesIn,
    PreferencesOut,
    SmsCodeIn,
    SmsCodeOut,
)
from service.parties.sessions import PartyUser, require_party
from service.web.site import PRIVATE_HEADERS
from service.wechat import jssdk


def _private(body: object, status: int = 200) -> Response:
    return json_response(body, status=status, headers=dict(PRIVATE_HEADERS))


async def create_binding(request: Request) -> Response:
    user = await require_party(request)
    data = await parse_json(request, BindingIn)
    proof = Proof(data.case_no, data.name, data.id_no, data.sms_code, data.access_code)
    result = await bind_user(request.app.state.redis, user, proof)
    body = BindingOut(binding_id=result.binding_id, case_id=result.case_id, role=result.role)
    return _private(body.model_dump(), status=201 if result.created else 200)


SMS_CODE_ACCEPTED = SmsCodeOut(
    status="accepted",
    expires_in=codes.CODE_SECONDS,
    detail="若信息与法院登记一致，验证码已发送至法院登记的手机号，10分钟内有效。",
).model_dump()


async def request_sms_code(request: Request) -> Response:
    user = await require_party(request)
    data = await parse_json(request, SmsCodeIn)
    message = await binding.request_sms_code(
        request.app.state.redis, user, Proof(data.case_no, data.name, data.id_no)
    )
    response = _private(SMS_CODE_ACCEPTED, status=202)
    # Sent after the answer: neither the body nor the time it takes says whether it matched.
    response.background = BackgroundTask(
        codes.send_quietly, getattr(request.app.state, "text_sender", None), message
    )
    return response


async def list_cases(request: Request) -> Response:
    user = await require_party(request)
    found = await views.cases_with_progress(user)
    return _private({"cases": [views.case_summary(p) for p in found]})


async def get_case(request: Request) -> Response:
    user = await require_party(request)
    detail = await views.case_detail(user, request.path_params["case_id"])
    return _private(views.detail_json(detail))


async def preferences_body(settings: Settings, user: PartyUser) -> dict[str, object]:
    prefs = await preferences.get_preferences(settings, user.user_key)
    nodes = preferences.node_choices(prefs)
    return {
        "opted_out": list(prefs.opted_out),
        "quiet_hours": {
            "start": prefs.quiet_start.strftime("%H:%M"),
            "end": prefs.quiet_end.strftime("%H:%M"),
        },
        "nodes": nodes,
    }


async def get_preferences(request: Request) -> Response:
    user = await require_party(request)
    return _private(await preferences_body(request.app.state.settings, user))


async def put_preferences(request: Request) -> Response:
    user = await require_party(request)
    data = await parse_json(request, PreferencesIn)
    await save(request.app.state.settings, user, data)
    return _private(await preferences_body(request.app.state.settings, user))


async def save(settings: Settings, user: PartyUser, data: PreferencesIn) -> None:
    current = await preferences.get_preferences(settings, user.user_key)
    start, end = (
        data.quiet_hours.as_times()
        if data.quiet_hours
        else (current.quiet_start, current.quiet_end)
    )
    await preferences.save_preferences(
        user.user_key, preferences.Preferences(tuple(data.opted_out), start, end)
    )


async def jssdk_config(request: Request) -> Response:
    await require_party(request)
    config = await jssdk.config_for(
        request.app.state.settings,
        request.app.state.wechat.oa,
        request.app.state.redis,
        request.query_params.get("url", ""),
    )
    return _private(
        JsSdkOut(
            appId=config.app_id,
            timestamp=config.timestamp,
            nonceStr=config.nonce_str,
            signature=config.signature,
        ).model_dump()
    )


_AUTH_ERRORS = {401: ["session_required"]}

routes = [
    ApiRoute(
        "/api/party/v1/jssdk-config",
        jssdk_config,
        methods=["GET"],
        doc=Doc(
            "wx.config parameters for an H5 page of this service (JS-SDK signature)",
            "party",
            query=[("url", "string", True, "the page URL, without #fragment")],
            responses={200: JsSdkOut},
            auth="party",
            errors={
                **_AUTH_ERRORS,
                422: ["url_not_ours"],
                502: ["wechat_unavailable"],
                503: ["wechat_not_configured"],
            },
        ),
    ),
    ApiRoute(
        "/api/party/v1/bindings",
        create_binding,
        methods=["POST"],
        doc=Doc(
            "Bind the signed-in WeChat user to their party in a case",
            "party",
            request=BindingIn,
            responses={201: BindingOut, 200: BindingOut},
            auth="party",
            description="Name + identity number and a second factor (contract §9.1): "
            "`sms_code` (requested from `POST /api/party/v1/bindings/sms-code`, 6 digits, 10 "
            "minutes, 5 tries) or `access_code` (the case's 查询码). 201 for a new binding, 200 "
            "when this user was already bound to that party. Every mismatch — including a "
            "missing or wrong second factor — answers the same 404. Attempts are counted per "
            "WeChat user before any look-up: after 5 failures within an hour, 429 (a success "
            "does not count).",
            errors={
                **_AUTH_ERRORS,
                404: ["binding_not_found"],
                429: ["rate_limited"],
            },
        ),
    ),
    ApiRoute(
        "/api/party/v1/bindings/sms-code",
        request_sms_code,
        methods=["POST"],
        doc=Doc(
            "Send a binding code by SMS to the phone the court recorded for that party",
            "party",
            request=SmsCodeIn,
            responses={202: SmsCodeOut},
            auth="party",
            description="Always 202 with the same body, whether or not the case number, name "
            "and identity number match a party with a mobile phone (contract §9.1); when they "
            "do, a 6-digit code valid for 10 minutes is texted to that phone, for this WeChat "
            "user only. At most 5 requests per user an hour (429, counted before any look-up) "
            "and 5 codes per party a day.",
            errors={**_AUTH_ERRORS, 429: ["rate_limited"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/cases",
        list_cases,
        methods=["GET"],
        doc=Doc(
            "The caller's bound cases",
            "party",
            responses={200: CaseListOut},
            auth="party",
            errors=_AUTH_ERRORS,
        ),
    ),
    ApiRoute(
        "/api/party/v1/cases/{case_id}",
        get_case,
        methods=["GET"],
        doc=Doc(
            "A bound case with its timeline (newest first)",
            "party",
            responses={200: CaseDetailOut},
            auth="party",
            errors={**_AUTH_ERRORS, 404: ["case_not_found"]},
        ),
    ),
    ApiRoute(
        "/api/party/v1/preferences",
        get_preferences,
        methods=["GET"],
        doc=Doc(
            "Message preferences: opt-outs and quiet hours",
            "party",
            responses={200: PreferencesOut},
            auth="party",
            errors=_AUTH_ERRORS,
        ),
    ),
    ApiRoute(
        "/api/party/v1/preferences",
        put_preferences,
        methods=["PUT"],
        doc=Doc(
            "Change message preferences",
            "party",
            request=PreferencesIn,
            responses={200: PreferencesOut},
            auth="party",
            errors={**_AUTH_ERRORS, 422: ["node_unknown", "node_mandatory"]},
        ),
    ),
]
