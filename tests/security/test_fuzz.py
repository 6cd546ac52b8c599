"""Fuzzing with hypothesis: hostile input gets a validation answer, never a crash.

* identifier parsers: the gaps left by tests/service/test_identifiers.py (which fuzzes the
  validators and ``parse_case_number``): ``normalize_case_number``, ``age_on``,
  ``validate_id_no`` with any kind;
* ``POST /wechat/callback``: random and hostile XML (entities, XXE, control characters, huge
  bodies, AES mode with garbage) → 403 for a bad signature, ``success`` otherwise, never 5xx;
* event batches, cases, listings, screens, bindings: random JSON → a 4xx with a ``code``.
"""

from __future__ import annotations

import datetime
import json
import secrets
import time
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from sandbox.wechat_events import sign as wechat_sign
from service.identifiers import IdentifierError, age_on, normalize_case_number, validate_id_no
from tests.support import CourtSigner

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --------------------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=40), st.text(max_size=20), st.dates())
def test_remaining_identifier_functions_raise_only_identifier_error(
    text: str, kind: str, day: datetime.date
) -> None:
    for call in (
        lambda: normalize_case_number(text),
        lambda: age_on(text, day),
        lambda: validate_id_no(kind, text),
    ):
        code = None
        try:
            call()
        except IdentifierError as exc:
            code = exc.code
        assert code is None or code.endswith("_invalid")


# --------------------------------------------------------------------------------------
# WeChat callback
# --------------------------------------------------------------------------------------

_tag = st.sampled_from(
    [
        "ToUserName",
        "FromUserName",
        "CreateTime",
        "MsgType",
        "Event",
        "MsgID",
        "Status",
        "SubscribeMsgPopupEvent",
        "List",
        "TemplateId",
        "SubscribeStatusString",
        "Encrypt",
        "x",
    ]
)
_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "event",
            "TEMPLATESENDJOBFINISH",
            "templatesendjobfinish",
            "subscribe",
            "unsubscribe",
            "subscribe_msg_popup_event",
            "subscribe_msg_change_event",
            "success",
            "failed:user block",
            "accept",
            "reject",
            "-1",
            "1e400",
            "",
            "99999999999999999999999999",
            "]]>",
            "&amp;",
            "\x00\x01\x1f",
        ]
    ),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda t, body: f"<{t}>{body}</{t}>", _tag, children)


_leaf = st.builds(lambda s: f"<![CDATA[{s}]]>", _text) | _text.map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;")
)
_xml_body = st.recursive(_leaf, lambda kids: st.lists(_element(kids), max_size=5).map("".join))
xml_documents = st.one_of(
    _xml_body.map(lambda b: f"<xml>{b}</xml>"),
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)

_OK = [
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
    '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 '
    '"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    "<xml><Event>&lol3;</Event></xml>",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    "<xml><MsgType>event</MsgType><Event>&e;</Event></xml>",
    "<xml><MsgType>event</MsgType><Event>unsubscribe</Event><FromUserName>\x00\x07"
    "</FromUserName></xml>",
    "<xml>" + "<a>" * 5000 + "</a>" * 5000 + "</xml>",
    "\ufeff<xml><Event>subscribe</Event></xml>",
]
# Documents WeChat never sends that once made handle_event answer 500 (a non-numeric,
# missing or over-long MsgID, a malformed popup event, an over-long openid); now ignored.
_CRASHING = [
    "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>abc</MsgID>"
    "<Status>success</Status><FromUserName>o_x</FromUserName></xml>",
    "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event>"
    "<MsgID>99999999999999999999999999999</MsgID><Status>success</Status></xml>",
    "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event></xml>",
    "<xml><MsgType>event</MsgType><Event>subscribe_msg_popup_event</Event>"
    "<FromUserName>o_x</FromUserName><SubscribeMsgPopupEvent>x</SubscribeMsgPopupEvent></xml>",
    "<xml><MsgType>event</MsgType><Event>subscribe_msg_popup_event</Event>"
    "<FromUserName>o_x</FromUserName><SubscribeMsgPopupEvent><List>"
    "<TemplateId></TemplateId></List><List>x</List></SubscribeMsgPopupEvent></xml>",
    "<xml><MsgType>event</MsgType><Event>subscribe</Event><FromUserName>"
    + "o" * 5000
    + "</FromUserName></xml>",
]
HOSTILE = [*_OK, *_CRASHING]


def _signed_query(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    ts, nonce = str(int(time.time())), secrets.token_hex(5)  # a nonce is used once
    return {
        "signature": wechat_sign(token, ts, nonce),
        "timestamp": ts,
        "nonce": nonce,
        **(extra or {}),
    }


def _assert_clean(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    assert response.status_code in (200, 403, 413), response.text
    if response.status_code == 200:
        assert response.text == "success"


@pytest.mark.parametrize("document", HOSTILE)
async def test_hostile_callback_documents(
    client: httpx.AsyncClient, app: Starlette, document: str
) -> None:
    token = app.state.settings.wechat_oa_token
    r = await client.post(
        "/wechat/callback",
        params=_signed_query(token),
        content=document.encode("utf-8", "surrogatepass"),
    )
    _assert_clean(r)
    assert r.status_code == 200, r.text


async def test_huge_callback_body_is_413(client: httpx.AsyncClient, app: Starlette) -> None:
    token = app.state.settings.wechat_oa_token
    huge = b"<xml><Event>" + b"x" * (3 * 1024 * 1024) + b"</Event></xml>"
    r = await client.post("/wechat/callback", params=_signed_query(token), content=huge)
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"


@FUZZ
@given(document=xml_documents)
async def test_random_callback_xml_is_answered_cleanly(
    client: httpx.AsyncClient, app: Starlette, document: str
) -> None:
    token = app.state.settings.wechat_oa_token
    body = document.encode("utf-8", "surrogatepass")
    _assert_clean(await client.post("/wechat/callback", params=_signed_query(token), content=body))
    aes = _signed_query(token, {"encrypt_type": "aes", "msg_signature": "0" * 40})
    _assert_clean(await client.post("/wechat/callback", params=aes, content=body))
    unsigned = await client.post("/wechat/callback", params={"signature": "x"}, content=body)
    assert unsigned.status_code == 403


# --------------------------------------------------------------------------------------
# JSON bodies
# --------------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "（2024）浙0203执1号",
            "2024-06-01T09:30:00+08:00",
            "2024-06-01",
            "case_filed",
            "203001001",
            "12000.00",
            "person",
            "organization",
            "330203199001011236",
            "\x00",
            "9" * 400,
            "-0",
            "NaN",
        ]
    ),
)
json_values = st.recursive(
    _scalars,
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=12), kids, max_size=5)
    ),
    max_leaves=20,
)
_event = st.fixed_dictionaries(
    {},
    optional={
        "event_id": json_values,
        "case_no": json_values,
        "node": json_values,
        "occurred_at": json_values,
        "data": json_values,
    },
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"events": st.lists(_event, max_size=3) | json_values}),
)

COURT_WRITES = [
    "/api/court/v1/events",
    "/api/court/v1/cases",
    "/api/court/v1/disclosures",
    "/api/court/v1/screens",
]


def _assert_problem(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"], response.text


@FUZZ
@given(body=bodies, path=st.sampled_from(COURT_WRITES))
async def test_random_json_to_court_writes_is_a_4xx_with_a_code(
    client: httpx.AsyncClient, court: CourtSigner, body: Any, path: str
) -> None:
    response = await court.request(client, "POST", path, body)
    _assert_problem(response)
    if path == "/api/court/v1/events" and response.status_code == 200:
        for result in response.json()["results"]:
            assert result["status"] != "rejected" or result["error"]["code"]


@FUZZ
@given(raw=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
async def test_non_json_bodies_are_400_invalid_json(
    client: httpx.AsyncClient, court: CourtSigner, raw: bytes
) -> None:
    headers = court.headers("POST", "/api/court/v1/events", raw)
    response = await client.post("/api/court/v1/events", content=raw, headers=headers)
    _assert_problem(response)
    try:
        json.loads(raw)
    except ValueError:
        assert response.status_code == 400 and response.json()["code"] == "invalid_json"


# Nesting bombs and content types (issue 14): any depth, any media type → a 4xx with a code.

_opener = st.sampled_from([b"[", b'{"a":', b'{"events":', b'[1,"[",'])


@FUZZ
@given(
    openers=st.lists(_opener, min_size=1, max_size=6),
    depth=st.integers(min_value=1, max_value=6000),
    path=st.sampled_from(COURT_WRITES),
)
async def test_nesting_bombs_are_400_never_500(
    client: httpx.AsyncClient, court: CourtSigner, openers: list[bytes], depth: int, path: str
) -> None:
    closers = {b"[": b"]", b'{"a":': b"}", b'{"events":': b"}", b'[1,"[",': b"]"}
    chain = [openers[i % len(openers)] for i in range(depth)]
    raw = b"".join(chain) + b"0" + b"".join(closers[o] for o in reversed(chain))
    headers = court.headers("POST", path, raw)
    response = await client.post(path, content=raw, headers=headers)
    _assert_problem(response)
    if depth > 32:
        assert response.status_code == 400 and response.json()["code"] == "json_too_deep"


@FUZZ
@given(
    media_type=st.text(max_size=40).filter(lambda t: t.isprintable() and t.isascii())
    | st.sampled_from(["text/plain", "application/x-www-form-urlencoded", "application/json"]),
    path=st.sampled_from(COURT_WRITES),
)
async def test_any_content_type_but_json_is_415(
    client: httpx.AsyncClient, court: CourtSigner, media_type: str, path: str
) -> None:
    raw = b'{"events": []}'
    headers = court.headers("POST", path, raw)
    headers["Content-Type"] = media_type
    response = await client.post(path, content=raw, headers=headers)
    _assert_problem(response)
    if media_type.partition(";")[0].strip().lower() != "application/json":
        assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"
