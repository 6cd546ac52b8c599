"""A WeChat sandbox: one Starlette app that stands in for ``https://api.weixin.qq.com``
and ``https://open.weixin.qq.com``.

Why: the service's WeChat code must be tested, and demonstrated, against something that
behaves like WeChat: single-use codes, token invalidation, errcodes, field rules, signed
callbacks. Tests run it as a real server on loopback with
:class:`sandbox.server.SandboxServer`. Nothing is patched. Point
``MICROCOURT_WECHAT_API_BASE`` and ``MICROCOURT_WECHAT_OPEN_BASE`` at its URL.

WeChat endpoints (behaviour in ``wechat_auth.py`` and ``wechat_messages.py``)::

    POST /cgi-bin/stable_token                    {grant_type, appid, secret, force_refresh}
    GET  /cgi-bin/token?grant_type=client_credential&appid=&secret=
    POST /cgi-bin/message/template/send?access_token=     (OA token)
    POST /cgi-bin/message/subscribe/send?access_token=    (MP token)
    GET  /cgi-bin/ticket/getticket?type=jsapi&access_token=   (OA token)
    GET  /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
    GET  /sns/userinfo?access_token&openid
    GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
    GET  /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state
         (+ sandbox-only: openid=… or auto=1 → 302 at once; deny=1 → 302 without code)

Admin and inspection API (sandbox only; 400 ``{"error": "..."}`` on a bad body)::

    GET    /_sandbox/            HTML inbox, newest first (?touser=, ?refresh=0)
    GET    /_sandbox/messages    [message], oldest first; filters ?app=oa|mp&touser=&template_id=
           message = {msgid, app: "oa"|"mp", touser, template_id, data: {key: {value}},
                      received_at (RFC 3339, +08:00), client_msg_id, url, miniprogram, page,
                      miniprogram_state, lang, truncated_keys: [key > 20 chars, OA only],
                      ignored_keys: [first/remark/<key>.color, OA only], dedup_hits: int,
                      receipt: null | {status, delivered, attempts, http_status?, error?}}
    GET    /_sandbox/stats       {calls: {endpoint: n}, errcodes: {endpoint: {"40001": n}},
                                  tokens_issued, token_refreshes, accepted_calls,
                                  messages_stored, messages_oa, messages_mp,
                                  duplicates_client_msg_id, duplicates_content,
                                  receipts_delivered, receipts_failed, events_delivered,
                                  events_failed, codes_issued, faults_applied}
                                 (events_* count every pushed event, receipts included;
                                  calls count every call, faulted or not)
    GET    /_sandbox/faults      [fault]
    POST   /_sandbox/faults      {mode: "5xx"|"timeout"|"errcode"|"latency", endpoint: "any"|
                                  "token"|"stable_token"|"template"|"subscribe"|"oauth"|
                                  "oauth_access_token"|"userinfo"|"authorize"|
                                  "jscode2session"|"ticket", errcode: -1, status: 503,
                                  count: 1 (null = until cleared), latency_ms: 0,
                                  processed: false, hang_seconds: 30} → 201 fault (+ id, applied)
    DELETE /_sandbox/faults      clears all → []
    GET    /_sandbox/users       [user]
    POST   /_sandbox/users       user | [user], user = {openid, nickname?, follows_oa?,
                                  blocks_templates?, refused_templates?: [template_id],
                                  unionid?, notify?: bool}
                                  → {users: [user], events: [{openid, event, delivery}]}
                                  (a follows_oa change pushes subscribe/unsubscribe)
    GET    /_sandbox/subscriptions  [{openid, template_id, remaining: n | null}]
    POST   /_sandbox/subscriptions  {openid, template_id | template_ids (≤3), count: 1
                                  (null = long-term), status: "accept"|"reject", notify?}
                                  → {openid, remaining: {template_id: n | null}, event}
                                  (pushes subscribe_msg_popup_event to the MP callback)
    POST   /_sandbox/codes       {app: "oa"|"mp", openid, scope?} → 201 {code, app, openid,
                                  scope, expires_in}  (an OAuth code or an MP js_code)
    GET    /_sandbox/config      non-secret configuration
    POST   /_sandbox/config      {latency_ms?, receipt_delay_ms?, callback_url?,
                                  mp_callback_url?, receipts?, auto_authorize?,
                                  default_openid?, known_users_only?} → configuration
    POST   /_sandbox/reset       forget messages, tokens, codes, subscriptions, faults and
                                  stats; keep configuration and users → {reset: true}

Events are pushed in the background, after the API call has answered, as WeChat does
(``events.py``): one ``TEMPLATESENDJOBFINISH`` per stored OA message, with status
``success``, or ``failed:user block`` for users with ``blocks_templates``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette

from sandbox.wechat_admin import admin_routes
from sandbox.wechat_auth import auth_routes
from sandbox.wechat_fields import check_subscribe_field, check_template_field
from sandbox.wechat_messages import message_routes
from sandbox.wechat_state import DEMO_OPENID, SandboxUser, WeChatSandboxState
from service.outbound import Outbound

__all__ = [
    "DEMO_OPENID",
    "SandboxUser",
    "WeChatSandboxState",
    "check_subscribe_field",
    "check_template_field",
    "create_wechat_sandbox",
]


EVENT_CONNECTIONS = 20


def create_wechat_sandbox(state: WeChatSandboxState | None = None) -> Starlette:
    """The sandbox app. Pass a :class:`WeChatSandboxState` to share config with the service.

    The app keeps a reference to ``state`` (also available as ``app.state.sandbox``), so
    the caller can inspect ``state.runtime`` directly when it runs in the same process.
    """
    sandbox = state if state is not None else WeChatSandboxState()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Receipts and events for the service's callback, on the service's own client (with
        # httpx's pool, thousands of queued receipts made every answer walk the queue and the
        # API answers behind them waited seconds); at most EVENT_CONNECTIONS in flight, so
        # a push never waits for a connection inside its timeout.
        async with Outbound(connections=EVENT_CONNECTIONS) as client:
            sandbox.http = client
            sandbox.http_slots = asyncio.Semaphore(EVENT_CONNECTIONS)
            try:
                yield
            finally:
                sandbox.http = None

    routes = [*auth_routes(sandbox), *message_routes(sandbox), *admin_routes(sandbox)]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.sandbox = sandbox
    return app
