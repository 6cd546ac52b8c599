"""A phone in an event's data (``handler_assigned.handler_phone``) is personal data: stored
only encrypted, never in a message, and not recoverable from the event's content hash."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

import httpx

from notifiers.delivery import Deps
from service.events.models import Event
from service.privacy import vault
from tests.factories import mobile
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import deliver_all, make_case, notifications_of, post_events
from tests.support import CourtSigner


async def test_event_phone_is_stored_encrypted_and_never_sent(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=3)
    phone = mobile()
    event = {
        "event_id": f"priv-{uuid.uuid4().hex[:8]}",
        "case_no": case.case_no,
        "node": "handler_assigned",
        "occurred_at": "2024-06-01T09:30:00+08:00",
        "data": {"handler_name": "王法官", "handler_phone": phone},
    }
    assert (await post_events(client, court, [event]))[0]["status"] == "accepted"

    row = await Event.get(case_id=case.id, event_id=event["event_id"])
    stored = json.dumps(row.data, ensure_ascii=False)
    assert phone not in stored and phone[-8:] not in stored
    assert vault().decrypt(str(row.data["handler_phone_enc"])) == phone  # recoverable by us
    # The hash is keyed: knowing the case, node, time and name, trying every phone number
    # against a plain sha256 of the content would find the number; against ours it cannot.
    plain = json.dumps(
        [
            case.case_no,
            "handler_assigned",
            datetime(2024, 6, 1, 1, 30, tzinfo=UTC).isoformat(),
            {"handler_name": "王法官", "handler_phone": phone},
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert row.content_hash != hashlib.sha256(plain.encode()).hexdigest()
    # ... and still tells a repeat from a change
    assert (await post_events(client, court, [event]))[0]["status"] == "duplicate"
    changed = {**event, "data": {"handler_name": "王法官", "handler_phone": mobile()}}
    assert (await post_events(client, court, [changed]))[0]["error"]["code"] == "event_conflict"

    rows = await notifications_of([case])
    assert len(rows) == 2  # the applicant and their agent
    for n in rows:
        assert phone[-8:] not in json.dumps(n.variables, ensure_ascii=False)
        assert n.variables["summary"] == "承办人：王法官"
    await deliver_all(notify, [n.id for n in rows])
    sent = [
        m for m in sandboxes.state.runtime.messages if m.client_msg_id in {str(n.id) for n in rows}
    ]
    assert len(sent) == 2
    assert all(phone[-8:] not in "".join(m.values().values()) for m in sent)
