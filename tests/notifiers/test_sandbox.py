"""The WeChat sandbox and SMS gateway emulator, run as real servers on loopback.

One combined sandbox server (WeChat at ``/``, SMS at ``/sms``) and one callback receiver
serve the whole module. Each test starts from a reset, so the file stays fast.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import check_signature

from sandbox.server import SandboxServer, create_sandbox_app
from sandbox.sms import SmsGatewayState, sign_sms_request
from sandbox.wechat import (
    DEMO_OPENID,
    WeChatSandboxState,
    check_subscribe_field,
    create_wechat_sandbox,
)

OA = {"appid": "wxoa_test", "secret": "oa-secret"}
MP = {"appid": "wxmp_test", "secret": "mp-secret"}
OA_TOKEN = "callbacktoken"
SMS_SECRET = "sms-test-secret"


class Clock:
    """A clock the tests move by hand, so token expiry needs no sleeping."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass
class Received:
    """What the callback receiver saw: (query, body) pairs."""

    calls: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@dataclass
class Sandbox:
    url: str
    state: WeChatSandboxState
    sms: SmsGatewayState
    clock: Clock
    received: Received
    callback_url: str
    http: httpx.Client

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 3.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, "timed out waiting"
            time.sleep(0.01)


@pytest.fixture(scope="module")
def sandbox_servers() -> Iterator[Sandbox]:
    clock, received = Clock(), Received()

    async def receive(request: Request) -> PlainTextResponse:
        received.calls.append((dict(request.query_params), await request.body()))
        return PlainTextResponse("success")

    receiver_app = Starlette(routes=[Route("/wechat/callback", receive, methods=["POST"])])
    state = WeChatSandboxState(
        oa_appid=OA["appid"],
        oa_secret=OA["secret"],
        oa_token=OA_TOKEN,
        mp_appid=MP["appid"],
        mp_secret=MP["secret"],
        users=[{"openid": "o_zhang", "nickname": "张三"}],
        clock=clock,
    )
    sms = SmsGatewayState()
    with (
        SandboxServer(receiver_app) as receiver,
        SandboxServer(create_sandbox_app(state, SMS_SECRET, sms)) as server,
        httpx.Client(base_url=server.url, timeout=5) as http,
    ):
        yield Sandbox(
            server.url, state, sms, clock, received, f"{receiver.url}/wechat/callback", http
        )


@pytest.fixture
def sb(sandbox_servers: Sandbox) -> Sandbox:
    sb = sandbox_servers
    sb.http.post("/_sandbox/reset").raise_for_status()
    sb.http.post("/sms/_sandbox/reset").raise_for_status()
    sb.http.post("/_sandbox/config", json={"callback_url": None, "latency_ms": 0})
    sb.state.oa_aes_key = None
    sb.clock.now = time.time()
    sb.received.calls.clear()
    return sb


def token(sb: Sandbox, app: dict[str, str], force: bool = False) -> str:
    body = {"grant_type": "client_credential", **app, "force_refresh": force}
    answer = sb.http.post("/cgi-bin/stable_token", json=body).json()
    assert answer["expires_in"] > 0
    return str(answer["access_token"])


def send_template(sb: Sandbox, access_token: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "touser": "o_zhang",
        "template_id": "OA_TPL_PROGRESS",
        "url": "http://127.0.0.1:8000/m/cases/1",
        "data": {"thing1": {"value": "（2024）浙0203执1234号"}, "thing2": {"value": "执行款到账"}},
        **overrides,
    }
    url = f"/cgi-bin/message/template/send?access_token={access_token}"
    result: dict[str, Any] = sb.http.post(url, json=body).json()
    return result


def send_subscribe(sb: Sandbox, access_token: str, data: dict[str, str]) -> dict[str, Any]:
    body = {
        "touser": "o_mp_zhang",
        "template_id": "MP_TPL",
        "page": "pages/case/index?id=1",
        "miniprogram_state": "trial",
        "data": {key: {"value": value} for key, value in data.items()},
    }
    url = f"/cgi-bin/message/subscribe/send?access_token={access_token}"
    result: dict[str, Any] = sb.http.post(url, json=body).json()
    return result


def stats(sb: Sandbox) -> dict[str, Any]:
    result: dict[str, Any] = sb.http.get("/_sandbox/stats").json()
    return result


def test_stable_token_is_stable_until_forced_and_old_token_then_fails(sb: Sandbox) -> None:
    first = token(sb, OA)
    assert token(sb, OA) == first
    assert send_template(sb, first)["errcode"] == 0

    fresh = token(sb, OA, force=True)
    assert fresh != first
    assert send_template(sb, first)["errcode"] == 40001
    assert send_template(sb, fresh)["errcode"] == 0

    bad_appid = {"grant_type": "client_credential", "appid": "wx_nope", "secret": "x"}
    bad_secret = {"grant_type": "client_credential", "appid": OA["appid"], "secret": "x"}
    assert sb.http.post("/cgi-bin/stable_token", json=bad_appid).json()["errcode"] == 40013
    assert sb.http.post("/cgi-bin/stable_token", json=bad_secret).json()["errcode"] == 40125
    legacy = sb.http.get("/cgi-bin/token", params={"grant_type": "client_credential", **OA}).json()
    assert legacy["access_token"] not in (first, fresh)

    sb.clock.now += 7201
    assert send_template(sb, fresh)["errcode"] == 42001
    assert send_template(sb, token(sb, MP))["errcode"] == 48001  # the MP token cannot
    s = stats(sb)
    assert s["tokens_issued"] == 4
    assert s["token_refreshes"] == 1
    assert s["errcodes"]["template"] == {"40001": 1, "42001": 1, "48001": 1}
    assert s["calls"]["stable_token"] == 6


def test_template_send_dedup_counts_every_raw_call(sb: Sandbox) -> None:
    access = token(sb, OA)
    first = send_template(sb, access, client_msg_id="n-1")
    again = send_template(sb, access, client_msg_id="n-1")
    assert first["errcode"] == again["errcode"] == 0
    assert again["msgid"] == first["msgid"]
    no_key = send_template(sb, access)  # same content, no dedup key: the party sees it twice
    assert no_key["msgid"] != first["msgid"]

    messages = sb.http.get("/_sandbox/messages").json()
    assert [m["msgid"] for m in messages] == [first["msgid"], no_key["msgid"]]
    assert messages[0]["app"] == "oa"
    assert messages[0]["client_msg_id"] == "n-1"
    assert messages[0]["dedup_hits"] == 1
    assert messages[0]["data"]["thing2"] == {"value": "执行款到账"}
    assert messages[0]["received_at"].endswith("+08:00")
    s = stats(sb)
    assert s["accepted_calls"] == 3
    assert s["messages_stored"] == 2
    assert s["duplicates_client_msg_id"] == 1
    assert s["duplicates_content"] == 1

    sb.clock.now += 601  # WeChat's dedup window is 10 minutes
    assert send_template(sb, access, client_msg_id="n-1")["msgid"] != first["msgid"]


def test_template_field_rules_and_user_states(sb: Sandbox) -> None:
    access = token(sb, OA)
    long_value = "申请执行人张三与被执行人宁波某某贸易有限公司民间借贷纠纷"
    ok = send_template(sb, access, data={"thing4": {"value": long_value}})
    assert ok["errcode"] == 0
    stored = sb.http.get("/_sandbox/messages").json()[-1]
    assert stored["truncated_keys"] == ["thing4"]
    assert stored["data"]["thing4"]["value"] == long_value  # stored as sent

    newline = send_template(sb, access, data={"thing1": {"value": "第一行\n第二行"}})
    assert newline["errcode"] == 47003
    assert "thing1" in newline["errmsg"]
    assert "rid:" in newline["errmsg"]

    sb.http.post("/_sandbox/users", json={"openid": "o_gone", "follows_oa": False})
    assert send_template(sb, access, touser="o_gone")["errcode"] == 43004
    refusing = {"openid": "o_no", "refused_templates": ["OA_TPL_PROGRESS"]}
    sb.http.post("/_sandbox/users", json=refusing)
    assert send_template(sb, access, touser="o_no")["errcode"] == 43101


def test_faults_with_count_then_recover(sb: Sandbox) -> None:
    access = token(sb, OA)
    fault = {"mode": "errcode", "errcode": 45009, "count": 2, "endpoint": "template"}
    assert sb.http.post("/_sandbox/faults", json=fault).status_code == 201
    assert token(sb, OA) == access  # other endpoints are not affected
    assert send_template(sb, access)["errcode"] == 45009
    assert send_template(sb, access)["errcode"] == 45009
    assert send_template(sb, access)["errcode"] == 0
    assert sb.http.get("/_sandbox/faults").json() == []

    sb.http.post("/_sandbox/faults", json={"mode": "5xx", "status": 502, "count": None})
    assert sb.http.post("/cgi-bin/stable_token", json={}).status_code == 502
    assert sb.http.get("/cgi-bin/token").status_code == 502
    assert sb.http.delete("/_sandbox/faults").json() == []

    # A call that lands but whose answer never comes: the classic double-send trap.
    fault = {"mode": "timeout", "endpoint": "template", "processed": True}
    sb.http.post("/_sandbox/faults", json=fault)
    with pytest.raises(httpx.ReadTimeout):
        sb.http.post(
            f"/cgi-bin/message/template/send?access_token={access}",
            json={"touser": "o_zhang", "template_id": "T", "data": {"thing1": {"value": "x"}}},
            timeout=0.3,
        )
    assert sb.http.get("/_sandbox/messages").json()[-1]["template_id"] == "T"
    assert stats(sb)["faults_applied"] == 5
    bad = sb.http.post("/_sandbox/faults", json={"mode": "explode"})
    assert bad.status_code == 400
    assert "mode" in bad.json()["error"]


def test_subscribe_needs_a_subscription_and_valid_fields(sb: Sandbox) -> None:
    access = token(sb, MP)
    good = {
        "thing1": "（2024）浙0203执1234号",
        "time2": "2024年06月01日 09:30",
        "amount3": "12000.00元",
    }
    assert send_subscribe(sb, access, good)["errcode"] == 43101

    grant = {"openid": "o_mp_zhang", "template_id": "MP_TPL", "count": 1}
    assert sb.http.post("/_sandbox/subscriptions", json=grant).json()["remaining"] == {"MP_TPL": 1}
    bad = send_subscribe(
        sb, access, good | {"thing1": "这是一个超过二十个字的事项名称，微信会拒绝它"}
    )
    assert bad["errcode"] == 47003
    assert "data.thing1" in bad["errmsg"]
    assert send_subscribe(sb, access, good)["errcode"] == 0  # 47003 did not use it up
    assert send_subscribe(sb, access, good)["errcode"] == 43101

    sb.http.post("/_sandbox/subscriptions", json=grant | {"count": None})  # long-term
    assert send_subscribe(sb, access, good)["errcode"] == 0
    assert send_subscribe(sb, access, good)["errcode"] == 0
    messages = sb.http.get("/_sandbox/messages", params={"app": "mp"}).json()
    assert len(messages) == 3
    assert messages[0]["page"] == "pages/case/index?id=1"
    assert stats(sb)["duplicates_content"] == 2
    assert send_subscribe(sb, token(sb, OA), good)["errcode"] == 48001


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("thing1", "执行款到账", True),
        ("thing1", "一" * 21, False),
        ("thing2", "两行\n内容", False),
        ("character_string3", "(2024)Zhe0203Zhi1234", True),
        ("character_string3", "（2024）浙0203执1234号", False),
        ("character_string3", "A" * 33, False),
        ("time4", "2024年06月01日 09:30", True),
        ("time4", "15:01", True),
        ("time4", "2024年06月01日 09:30~2024年06月01日 11:00", True),
        ("time4", "2024-06-01 09:30", False),
        ("time4", "2024年02月30日 09:30", False),
        ("date5", "2024年06月01日", True),
        ("date5", "09:30", False),
        ("amount6", "12000.00元", True),
        ("amount6", "¥12000.00", True),
        ("amount6", "12,000.00元", False),
        ("amount6", "12345678901元", False),
        ("number7", "3.14", True),
        ("number7", "3.1.4", False),
        ("letter8", "abc", True),
        ("letter8", "abc1", False),
        ("phone_number9", "0574-87000000", True),
        ("phone_number9", "电话0574", False),
        ("name10", "张三", True),
        ("name10", "欧阳某某某某某某某某某", False),
        ("name10", "Zhang San", True),
        ("phrase11", "已到账", True),
        ("phrase11", "执行款已经到账", False),
        ("phrase11", "ok", False),
        ("unknown1", "x", False),
        ("thing1", "", False),
    ],
)
def test_check_subscribe_field(key: str, value: str, ok: bool) -> None:
    assert (check_subscribe_field(key, value) is None) is ok


def test_oauth_code_is_single_use(sb: Sandbox) -> None:
    page = sb.http.get(
        "/connect/oauth2/authorize",
        params={
            "appid": OA["appid"],
            "redirect_uri": "http://127.0.0.1:8000/m/oauth/callback",
            "response_type": "code",
            "scope": "snsapi_userinfo",
            "state": "s1",
        },
    )
    assert page.status_code == 200
    assert "微信授权 (sandbox)" in page.text
    assert DEMO_OPENID in page.text
    assert "张三" in page.text

    chosen = sb.http.get(str(page.url), params={**page.url.params, "openid": "o_zhang"})
    assert chosen.status_code == 302
    location = urlsplit(chosen.headers["location"])
    assert location.path == "/m/oauth/callback"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["state"] == "s1"

    exchange = {"grant_type": "authorization_code", "code": query["code"], **OA}
    answer = sb.http.get("/sns/oauth2/access_token", params=exchange).json()
    assert answer["openid"] == "o_zhang"
    assert answer["scope"] == "snsapi_userinfo"
    assert sb.http.get("/sns/oauth2/access_token", params=exchange).json()["errcode"] == 40163
    unknown = exchange | {"code": "nope"}
    assert sb.http.get("/sns/oauth2/access_token", params=unknown).json()["errcode"] == 40029
    info = sb.http.get(
        "/sns/userinfo", params={"access_token": answer["access_token"], "openid": "o_zhang"}
    ).json()
    assert info["nickname"] == "张三"

    minted = sb.http.post("/_sandbox/codes", json={"app": "mp", "openid": "o_mp_zhang"}).json()
    login = {"grant_type": "authorization_code", "js_code": minted["code"], **MP}
    session = sb.http.get("/sns/jscode2session", params=login).json()
    assert session["openid"] == "o_mp_zhang"
    assert len(base64.b64decode(session["session_key"])) == 16
    assert sb.http.get("/sns/jscode2session", params=login).json()["errcode"] == 40163

    sb.http.post("/_sandbox/config", json={"auto_authorize": True})
    try:
        auto = sb.http.get(str(page.url))
    finally:
        sb.http.post("/_sandbox/config", json={"auto_authorize": False})
    assert auto.status_code == 302
    assert "code=" in auto.headers["location"]


def test_jsapi_ticket_is_reused_while_valid(sb: Sandbox) -> None:
    access = token(sb, OA)
    params = {"type": "jsapi", "access_token": access}
    first = sb.http.get("/cgi-bin/ticket/getticket", params=params).json()
    assert first["errcode"] == 0
    assert first["expires_in"] == 7200
    assert (
        sb.http.get("/cgi-bin/ticket/getticket", params=params).json()["ticket"]
        == (first["ticket"])
    )
    assert (
        sb.http.get("/cgi-bin/ticket/getticket", params={"type": "jsapi"}).json()["errcode"]
        == 41001
    )


def test_receipt_callback_is_signed_like_wechat(sb: Sandbox) -> None:
    sb.http.post("/_sandbox/config", json={"callback_url": sb.callback_url})
    sb.http.post("/_sandbox/users", json={"openid": "o_block", "blocks_templates": True})
    access = token(sb, OA)
    sent = send_template(sb, access)
    blocked = send_template(sb, access, touser="o_block")
    sb.wait_for(lambda: len(sb.received.calls) == 2)

    events = {}
    for query, body in sb.received.calls:
        check_signature(OA_TOKEN, query["signature"], query["timestamp"], query["nonce"])
        event = parse_message(body)
        assert event.event == "templatesendjobfinish"
        assert query["openid"] == event.source
        events[event.id] = event.status
    assert events == {sent["msgid"]: "success", blocked["msgid"]: "failed:user block"}
    sb.wait_for(lambda: stats(sb)["receipts_delivered"] == 2)
    receipts = [m["receipt"] for m in sb.http.get("/_sandbox/messages").json()]
    assert all(r["delivered"] and r["http_status"] == 200 for r in receipts)


def test_receipt_callback_in_aes_safe_mode(sb: Sandbox) -> None:
    aes_key = base64.b64encode(os.urandom(32)).decode().rstrip("=")
    sb.state.oa_aes_key = aes_key
    sb.http.post("/_sandbox/config", json={"callback_url": sb.callback_url + "?x=1"})
    sent = send_template(sb, token(sb, OA))
    sb.wait_for(lambda: len(sb.received.calls) == 1)

    query, body = sb.received.calls[0]
    assert query["encrypt_type"] == "aes"
    assert query["x"] == "1"
    check_signature(OA_TOKEN, query["signature"], query["timestamp"], query["nonce"])
    crypto = WeChatCrypto(OA_TOKEN, aes_key, OA["appid"])
    plain = crypto.decrypt_message(body, query["msg_signature"], query["timestamp"], query["nonce"])
    event = parse_message(plain)
    assert (event.id, event.status, event.source) == (sent["msgid"], "success", "o_zhang")


def test_subscription_grant_pushes_popup_event(sb: Sandbox) -> None:
    sb.http.post("/_sandbox/config", json={"callback_url": sb.callback_url})
    grant = {"openid": "o_mp_zhang", "template_ids": ["MP_A", "MP_B"]}
    answer = sb.http.post("/_sandbox/subscriptions", json=grant).json()
    assert answer["event"]["delivered"] is True
    query, body = sb.received.calls[0]
    check_signature(OA_TOKEN, query["signature"], query["timestamp"], query["nonce"])
    event = parse_message(body)
    assert event.event == "subscribe_msg_popup_event"
    accepted = [(s["TemplateId"], s["SubscribeStatusString"]) for s in event.subscribes]
    assert accepted == [("MP_A", "accept"), ("MP_B", "accept")]


def sms_post(sb: Sandbox, payload: dict[str, str], secret: str = SMS_SECRET) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Microcourt-Timestamp": ts,
        "X-Microcourt-Signature": sign_sms_request(secret, ts, body),
    }
    return sb.http.post("/sms", content=body, headers=headers)


def test_sms_gateway_checks_signature_and_counts_duplicates(sb: Sandbox) -> None:
    text = "【宁波市海曙区人民法院】您的案件（2024）浙0203执1234号有新进展：执行款到账。"
    message = {"phone": "13800000000", "text": text, "ref": "n-1"}
    first = sms_post(sb, message)
    assert first.status_code == 200
    assert first.json()["accepted"] is True
    assert sms_post(sb, message).status_code == 200
    assert sms_post(sb, message, secret="wrong").status_code == 401
    no_sign = sms_post(sb, message | {"text": "没有签名的短信"})
    assert no_sign.status_code == 400
    assert no_sign.json()["error"] == "sign_missing"

    sb.http.post("/sms/_sandbox/faults", json={"mode": "5xx", "count": 1})
    assert sms_post(sb, message | {"ref": "n-2"}).status_code == 503
    assert sms_post(sb, message | {"ref": "n-2"}).status_code == 200

    s = sb.http.get("/sms/_sandbox/stats").json()
    assert s["accepted"] == 3
    assert s["duplicates_ref"] == 1
    assert s["rejected_signature"] == 1
    assert s["rejected_invalid"] == 1
    assert s["faults_applied"] == 1
    listed = sb.http.get("/sms/_sandbox/messages", params={"ref": "n-1"}).json()
    assert [m["text"] for m in listed] == [text, text]
    inbox = sb.http.get("/sms/_sandbox/").text
    assert "短信网关沙箱" in inbox
    assert "执行款到账" in inbox


def test_inbox_page_shows_messages_newest_first(sb: Sandbox) -> None:
    access = token(sb, OA)
    send_template(sb, access, data={"thing1": {"value": "较早的消息"}})
    send_template(sb, access, data={"thing1": {"value": "最新的消息"}})
    page = sb.http.get("/_sandbox/", params={"refresh": "0"})
    assert page.status_code == 200
    assert "公众号模板消息" in page.text
    assert page.text.index("最新的消息") < page.text.index("较早的消息")
    assert "张三" in page.text
    assert 'http-equiv="refresh"' not in page.text


async def test_sandbox_server_async_context_and_latency() -> None:
    state = WeChatSandboxState(latency_ms=50)
    server = SandboxServer(create_wechat_sandbox(state))
    async with server, httpx.AsyncClient(base_url=server.url) as client:
        started = time.monotonic()
        answer = await client.get("/cgi-bin/token", params={"grant_type": "x"})
        assert answer.json()["errcode"] == 40002
        assert time.monotonic() - started >= 0.05
    with pytest.raises(RuntimeError):
        _ = server.url
