"""Preferences are enforced in delivery (contract §4.3): an opted-out node is not sent while
mandatory ones still are; a message due in quiet hours is held and sent when they end."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import httpx

from notifiers.delivery import Deps, deliver_notification
from notifiers.models import Notification
from service import clock
from service.parties.models import Binding
from service.parties.preferences import RELEASE_JITTER_SECONDS, Preferences, save_preferences
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import make_case, post_events
from tests.support import CourtSigner


async def _applicant_binding(case_id: object) -> Binding:
    bindings = await Binding.filter(case_id=case_id).prefetch_related("party")
    return next(b for b in bindings if b.party.role == "applicant")


def _event(case_no: str, eid: str, node: str, at: datetime, **data: str) -> dict[str, object]:
    return {
        "event_id": eid,
        "case_no": case_no,
        "node": node,
        "occurred_at": at.isoformat(),
        "data": data,
    }


async def _messages_to(boxes: Sandboxes, openid: str) -> list[dict[str, object]]:
    async with httpx.AsyncClient() as admin:
        got = await admin.get(f"{boxes.wechat.url}/_sandbox/messages", params={"touser": openid})
    return list(got.json())


async def test_opted_out_node_is_suppressed_and_mandatory_node_arrives(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=2)
    binding = await _applicant_binding(case.id)
    user_key = f"oa:{binding.oa_openid}"
    # quiet hours that never apply, so only the opt-out is tested here
    await save_preferences(user_key, Preferences(("online_search_started",), time(3), time(3)))
    now = clock.now()
    await post_events(
        client,
        court,
        [
            _event(case.case_no, f"{case.case_no}-opt", "online_search_started", now),
            _event(case.case_no, f"{case.case_no}-funds", "funds_received", now, amount="500.00"),
        ],
    )
    rows = await Notification.filter(case_id=case.id, party_id=binding.party_id)
    for row in rows:
        await deliver_notification(str(row.id), notify)
    by_code = {}
    for row in await Notification.filter(
        case_id=case.id, party_id=binding.party_id
    ).prefetch_related("event"):
        by_code[row.event.node] = row
    assert by_code["online_search_started"].status == "suppressed"
    assert by_code["online_search_started"].last_error_code == "opted_out"
    assert by_code["funds_received"].status == "sent"
    received = await _messages_to(sandboxes, str(binding.oa_openid))
    assert len(received) == 1  # only the mandatory 执行款到账
    assert "执行款到账" in str(received[0]["data"])


async def test_message_in_quiet_hours_is_held_then_sent(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=2)
    binding = await _applicant_binding(case.id)
    local = clock.local_now()
    start = (local - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    await save_preferences(f"oa:{binding.oa_openid}", Preferences((), start, end))
    await post_events(
        client,
        court,
        [
            _event(
                case.case_no,
                f"{case.case_no}-seal",
                "property_sealed",
                clock.now(),
                property="房产一处",
            ),
        ],
    )
    [row] = await Notification.filter(case_id=case.id, party_id=binding.party_id)
    hold = await deliver_notification(str(row.id), notify)
    assert hold is not None
    await row.refresh_from_db()
    assert row.status == "created"
    assert row.last_error_code == "quiet_hours"
    quiet_end = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if quiet_end <= local:
        quiet_end += timedelta(days=1)
    assert quiet_end <= hold <= quiet_end + timedelta(seconds=RELEASE_JITTER_SECONDS)
    assert await _messages_to(sandboxes, str(binding.oa_openid)) == []
    # running it again before the end still sends nothing
    assert await deliver_notification(str(row.id), notify) is None
    assert await _messages_to(sandboxes, str(binding.oa_openid)) == []

    clock.advance(hold - clock.now() + timedelta(seconds=1))
    assert await deliver_notification(str(row.id), notify) is None
    await row.refresh_from_db()
    assert row.status == "sent"
    assert len(await _messages_to(sandboxes, str(binding.oa_openid))) == 1
