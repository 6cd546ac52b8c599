"""WeChat faults, injected at the sandbox (a real server): fallback, deferral, backoff,
token refresh, and the channels chosen from follow state and MP subscriptions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from notifiers.delivery import Deps, deliver_notification
from notifiers.models import DeliveryAttempt, MpSubscription, Notification
from notifiers.tasks import build_deps
from service import clock, metrics
from service.parties.models import Party
from service.parties.service import bind
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import (
    events_for,
    make_case,
    notifications_of,
    post_callback,
    post_events,
)
from tests.support import CourtSigner


async def _fault(boxes: Sandboxes, **fault: Any) -> None:
    async with httpx.AsyncClient() as admin:
        response = await admin.post(f"{boxes.wechat.url}/_sandbox/faults", json=fault)
        assert response.status_code == 201, response.text


async def _one_notification(
    client: httpx.AsyncClient, court: CourtSigner, tag: str
) -> Notification:
    """A case whose handler_assigned event reaches only the applicant (2-party case)."""
    case = await make_case(client, court, parties=2)
    event = dict(events_for(case, tag, 2)[1])
    await post_events(client, court, [event])
    [row] = await notifications_of([case])
    return row


def _counter(metric: Any, **labels: str) -> float:
    return float(metric.labels(**labels)._value.get())


async def test_43101_on_the_oa_falls_back_to_sms(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    row = await _one_notification(client, court, "f43101")
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=43101, count=1)
    assert await deliver_notification(str(row.id), notify) is None
    chain = await Notification.filter(event_id=row.event_id).order_by("created_at")
    assert [(n.channel, n.status, n.last_error_code) for n in chain] == [
        ("wechat_oa", "failed_permanent", "43101"),
        ("sms", "created", None),
    ]
    await deliver_notification(str(chain[1].id), notify)
    [text] = sandboxes.sms_state.messages
    assert text.ref == str(chain[1].id)
    # The message within one segment, then the next step (issue 18): the case page's link.
    message, _, tail = text.text.partition("。详情：")
    assert text.text.startswith("【") and len(message) <= 70 and "/m/c/" in tail
    assert len(text.text) <= 3 * 67
    assert "确定承办人" in text.text
    assert (await Notification.get(id=chain[1].id)).status == "sent"


async def test_45009_defers_to_tomorrow_and_resumes(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    first = await _one_notification(client, court, "q1")
    second = await _one_notification(client, court, "q2")
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=45009, count=1)
    retry_at = await deliver_notification(str(first.id), notify)
    assert retry_at is not None and retry_at - clock.now() > timedelta(minutes=1)
    calls_before = sandboxes.state.runtime.calls["template"]
    # the app is paused: the next notification waits too, without asking WeChat
    assert await deliver_notification(str(second.id), notify) is not None
    assert sandboxes.state.runtime.calls["template"] == calls_before
    rows = {n.id: n for n in await Notification.filter(id__in=[first.id, second.id])}
    assert {(n.status, n.last_error_code) for n in rows.values()} == {("failed_temporary", "45009")}
    assert await deliver_notification(str(first.id), notify) is None  # not due yet
    clock.advance(retry_at - clock.now() + timedelta(seconds=1))
    for row in (first, second):
        await deliver_notification(str(row.id), notify)
    assert {
        (n.status, n.last_error_code)
        for n in await Notification.filter(id__in=[first.id, second.id])
    } == {("sent", None)}


async def test_minus_one_retries_with_growing_backoff(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    row = await _one_notification(client, court, "busy")
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=-1, count=2)
    gaps = []
    for _ in range(2):
        retry_at = await deliver_notification(str(row.id), notify)
        assert retry_at is not None
        assert await deliver_notification(str(row.id), notify) is None  # not due yet
        gaps.append(retry_at - clock.now())
        clock.advance(gaps[-1] + timedelta(seconds=1))
    assert timedelta(seconds=4) < gaps[0] < timedelta(seconds=7)
    assert gaps[1] > gaps[0] * 1.5
    await deliver_notification(str(row.id), notify)
    final = await Notification.get(id=row.id)
    assert (final.status, final.attempts) == ("sent", 3)
    attempts = await DeliveryAttempt.filter(notification_id=row.id).order_by("number")
    assert [(a.outcome, a.error_code) for a in attempts] == [
        ("retry", "-1"),
        ("retry", "-1"),
        ("sent", None),
    ]


async def test_one_40001_is_one_refresh_across_four_workers_and_a_persistent_one_alerts(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    rows = [await _one_notification(client, court, f"tok{i}") for i in range(6)]
    await deliver_notification(str(rows[0].id), notify)  # warms the shared token cache
    workers = [build_deps(notify.settings, notify.redis, notify.arq) for _ in range(4)]
    # another system force-refreshes the token: every worker's cached token is now stale
    async with httpx.AsyncClient() as other:
        s = sandboxes.state
        await other.post(
            f"{sandboxes.wechat.url}/cgi-bin/stable_token",
            json={
                "grant_type": "client_credential",
                "appid": s.oa_appid,
                "secret": s.oa_secret,
                "force_refresh": True,
            },
        )
    stable_calls = sandboxes.state.runtime.calls["stable_token"]
    refreshes = _counter(metrics.wechat_token_refreshes, app="oa", reason="invalid")
    import asyncio

    await asyncio.gather(
        *(deliver_notification(str(r.id), w) for r, w in zip(rows[1:5], workers, strict=True))
    )
    assert {n.status for n in await Notification.filter(id__in=[r.id for r in rows[:5]])} == {
        "sent"
    }
    assert sandboxes.state.runtime.calls["stable_token"] == stable_calls + 1
    assert _counter(metrics.wechat_token_refreshes, app="oa", reason="invalid") == refreshes + 1

    # a 40001 that no refresh cures: one forced refresh, then an alert, no loop
    await _fault(sandboxes, mode="errcode", endpoint="template", errcode=40001, count=None)
    forced = sandboxes.state.runtime.stats()["token_refreshes"]
    alerts = _counter(metrics.wechat_alerts, app="oa", code="40001")
    template_calls = sandboxes.state.runtime.calls["template"]
    retry_at = await deliver_notification(str(rows[5].id), workers[0])
    assert retry_at is not None and retry_at - clock.now() >= timedelta(minutes=4)
    assert sandboxes.state.runtime.calls["template"] == template_calls + 2
    assert sandboxes.state.runtime.stats()["token_refreshes"] == forced + 1
    assert _counter(metrics.wechat_alerts, app="oa", code="40001") == alerts + 1
    row = await Notification.get(id=rows[5].id)
    assert (row.status, row.last_error_code) == ("failed_temporary", "40001")
    async with httpx.AsyncClient() as admin:
        await admin.delete(f"{sandboxes.wechat.url}/_sandbox/faults")
    for w in workers:
        await w.http.aclose()


async def test_channels_follow_unsubscribe_and_mp_subscriptions(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    from sandbox.wechat_events import event_xml

    case = await make_case(client, court, parties=2, oa=False)
    applicant = await Party.get(case_id=case.id, role="applicant")
    await bind(applicant.id, case.id, oa_openid="o_unsub_user", mp_openid="m_sub_user")
    token = notify.settings.wechat_oa_token

    def push(fields: dict[str, Any]) -> str:
        return event_xml(
            {"ToUserName": "gh_x", "CreateTime": 1700000000, "MsgType": "event", **fields}
        )

    await post_callback(
        client, token, push({"FromUserName": "o_unsub_user", "Event": "unsubscribe"})
    )
    popup = {
        "FromUserName": "m_sub_user",
        "Event": "subscribe_msg_popup_event",
        "SubscribeMsgPopupEvent": {
            "List": {
                "TemplateId": "MP_TPL_PROGRESS",
                "SubscribeStatusString": "accept",
                "PopupScene": "0",
            }
        },
    }
    assert (await post_callback(client, token, push(popup))).status_code == 200
    assert (
        await MpSubscription.get(openid="m_sub_user", template_id="MP_TPL_PROGRESS")
    ).remaining == 1
    async with httpx.AsyncClient() as admin:
        await admin.post(
            f"{sandboxes.wechat.url}/_sandbox/subscriptions",
            json={
                "openid": "m_sub_user",
                "template_id": "MP_TPL_PROGRESS",
                "count": 1,
                "notify": False,
            },
        )
    events = events_for(case, "chan", 4)[1:4:2]  # handler_assigned, online_search_started
    await post_events(client, court, events)
    rows = await Notification.filter(case_id=case.id).order_by("created_at")
    assert [r.channel for r in rows] == ["wechat_mp", "sms"]  # one credit, then SMS
    for r in rows:
        await deliver_notification(str(r.id), notify)
    [mp] = [m for m in sandboxes.state.runtime.messages if m.app == "mp"]
    assert mp.touser == "m_sub_user" and mp.template_id == "MP_TPL_PROGRESS"
    assert len(sandboxes.sms_state.messages) == 1
    assert {n.status for n in await Notification.filter(case_id=case.id)} == {"sent"}
    assert (
        await MpSubscription.get(openid="m_sub_user", template_id="MP_TPL_PROGRESS")
    ).remaining == 0
