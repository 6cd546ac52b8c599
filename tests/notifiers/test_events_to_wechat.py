"""From court event to phone, in one process: ingest, outbox rows, delivery to the WeChat
sandbox (a real server), receipts through the signed callback."""

from __future__ import annotations

import time
from collections import Counter

import httpx

from notifiers.delivery import Deps
from notifiers.models import DeliveryAttempt, Notification
from sandbox.wechat_fields import check_template_field
from service.events.models import Event
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import (
    deliver_all,
    events_for,
    make_case,
    notifications_of,
    post_callback,
    post_events,
    receipt_xml,
    signed_query,
)
from tests.support import CourtSigner


async def test_thousand_events_give_one_valid_message_per_recipient_then_receipts(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    cases = [await make_case(client, court, parties=2 + i % 2) for i in range(100)]
    batch = [e for i, case in enumerate(cases) for e in events_for(case, f"k{i}")]
    assert len(batch) == 1000
    started = time.perf_counter()
    results = await post_events(client, court, batch)
    elapsed = time.perf_counter() - started
    print(f"ingest: 1000 events in {elapsed:.3f}s = {1000 / elapsed:.0f} events/s")
    assert [r["status"] for r in results] == ["accepted"] * 1000

    rows = await notifications_of(cases)
    # applicant-only nodes reach the applicant and the agent (3-party cases); both-party nodes
    # also reach the respondent: exactly one row per recipient party per event.
    per_event = Counter(str(n.event_id) for n in rows)
    assert len(per_event) == 1000
    assert {(n.event_id, n.party_id) for n in rows}.__len__() == len(rows)
    assert {n.channel for n in rows} == {"wechat_oa"}

    started = time.perf_counter()
    await deliver_all(notify, [n.id for n in rows])
    elapsed = time.perf_counter() - started
    print(f"delivery: {len(rows)} in {elapsed:.2f}s = {len(rows) / elapsed:.0f}/s")

    messages = sandboxes.state.runtime.messages
    assert len(messages) == len(rows)
    assert Counter(m.client_msg_id for m in messages) == Counter(str(n.id) for n in rows)
    assert sandboxes.state.runtime.stats()["duplicates_content"] == 0
    for m in messages:
        for key, value in m.values().items():
            assert check_template_field(key, value) is None, (key, value)
            assert len(value) <= 20, (key, value)
    funds = [m for m in messages if m.template_id == "OA_TPL_FUNDS"]
    assert funds and {m.values()["amount3"] for m in funds} == {"12000.00元", "3500.50元"}
    assert all(m.values()["time4"].startswith("2024年06月01日") for m in funds)

    rows = await notifications_of(cases)
    assert {n.status for n in rows} == {"sent"}
    token = notify.settings.wechat_oa_token
    for m in messages:
        response = await post_callback(client, token, receipt_xml(m.touser, m.msgid))
        assert response.status_code == 200
        assert response.text == "success"
    rows = await notifications_of(cases)
    assert {n.status for n in rows} == {"delivered"}
    assert all(n.delivered_at is not None and n.attempts == 1 for n in rows)


async def test_same_batch_again_changes_nothing_and_changed_event_conflicts(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps
) -> None:
    cases = [await make_case(client, court, parties=3) for _ in range(3)]
    batch = [e for i, case in enumerate(cases) for e in events_for(case, f"r{i}")]
    first = await post_events(client, court, batch)
    assert {r["status"] for r in first} == {"accepted"}
    before = len(await notifications_of(cases))
    assert before > 0

    again = await post_events(client, court, batch)
    assert [r["status"] for r in again] == ["duplicate"] * len(batch)
    # the same content with another offset and key order is still the same event
    moved = dict(batch[0])
    moved["occurred_at"] = "2024-06-01T17:30:00+08:00"
    assert (await post_events(client, court, [moved]))[0]["status"] == "duplicate"
    changed = dict(batch[5], data={"amount": "99.00"})
    result = (await post_events(client, court, [changed]))[0]
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "event_conflict"
    assert len(await notifications_of(cases)) == before
    assert await Event.filter(case_id__in=[c.id for c in cases]).count() == len(batch)


async def test_rejections_are_per_event(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps
) -> None:
    case = await make_case(client, court)
    good = events_for(case, "rej", 1)[0]
    batch = [
        {**good, "event_id": "rej-unknown-case", "case_no": "（2024）浙0203执99999999号"},
        {**good, "event_id": "rej-node", "node": "teleported"},
        {**good, "event_id": "rej-future", "occurred_at": "2099-01-01T00:00:00+08:00"},
        {**good, "event_id": "rej-offset", "occurred_at": "2024-06-01T09:30:00"},
        {**good, "event_id": "rej-money", "node": "funds_received", "data": {"amount": 12.5}},
        good,
    ]
    results = await post_events(client, court, batch)
    codes = [r.get("error", {}).get("code") for r in results]
    assert codes == [
        "case_unknown",
        "node_unknown",
        "occurred_in_future",
        "invalid_field",
        "invalid_field",
        None,
    ]
    assert results[3]["error"]["errors"][0]["field"] == "occurred_at"
    assert results[4]["error"]["errors"][0] == {
        "field": "data.amount",
        "code": "money_invalid",
        "detail": results[4]["error"]["errors"][0]["detail"],
    }
    assert results[5]["status"] == "accepted"


async def test_bad_signature_is_403_and_changes_nothing(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=2)
    await post_events(client, court, events_for(case, "sig", 1))
    rows = await notifications_of([case])
    assert len(rows) == 2  # case_filed: applicant and respondent
    await deliver_all(notify, [r.id for r in rows])
    row = rows[0]
    [message] = [m for m in sandboxes.state.runtime.messages if m.client_msg_id == str(row.id)]
    token = notify.settings.wechat_oa_token
    forged = await post_callback(
        client, token, receipt_xml(message.touser, message.msgid), signature="0" * 40
    )
    assert forged.status_code == 403
    assert (await Notification.get(id=row.id)).status == "sent"
    assert (await client.get("/wechat/callback", params={"echostr": "x"})).status_code == 403
    ok = await client.get("/wechat/callback", params={**signed_query(token), "echostr": "E123"})
    assert ok.text == "E123"
    blocked = await post_callback(
        client, token, receipt_xml(message.touser, message.msgid, "failed:user block")
    )
    assert blocked.status_code == 200
    chain = await Notification.filter(event_id=row.event_id, party_id=row.party_id).order_by(
        "created_at"
    )
    assert [(n.channel, n.status) for n in chain] == [
        ("wechat_oa", "failed_permanent"),
        ("sms", "created"),
    ]
    assert chain[0].last_error_code == "receipt_user_block"
    assert await DeliveryAttempt.filter(notification_id=row.id).count() == 1
