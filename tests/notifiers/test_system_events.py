"""Events the service records itself (``record_system_event``): objection status changes,
rights-list reminders, listings published and withdrawn — stored with their notifications,
sent within WeChat's field rules, idempotent, and refused from the court API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette

from notifiers.delivery import Deps
from notifiers.models import Notification
from notifiers.queue import job_id
from sandbox.wechat_fields import check_template_field
from sandbox.wechat_state import SentMessage
from service.cases.models import Case
from service.events.models import Event
from service.events.service import record_system_event
from service.events.timeline import timeline
from service.parties.models import Party
from tests.disclosure.helpers import listing_payload
from tests.notifiers.conftest import Sandboxes
from tests.notifiers.flow import deliver_all, events_for, make_case, post_events
from tests.support import CourtSigner

AT = datetime(2024, 6, 3, 2, 15, tzinfo=UTC)


async def _parties(case: Case) -> dict[str, Party]:
    return {p.role: p for p in await Party.filter(case_id=case.id)}


async def _sent(deps: Deps, boxes: Sandboxes, ids: list[uuid.UUID]) -> list[SentMessage]:
    await deliver_all(deps, ids)
    wanted = {str(i) for i in ids}
    messages = [m for m in boxes.state.runtime.messages if m.client_msg_id in wanted]
    for m in messages:  # every value within WeChat's rules for its field type
        for key, value in m.values().items():
            assert check_template_field(key, value) is None, (key, value)
            assert len(value) <= 20, (key, value)
    return messages


async def test_objection_status_reaches_only_the_named_party_once(
    app: Starlette,
    client: httpx.AsyncClient,
    court: CourtSigner,
    notify: Deps,
    sandboxes: Sandboxes,
) -> None:
    case = await make_case(client, court, parties=3)
    parties = await _parties(case)
    data = {
        "objection_id": str(uuid.uuid4()),
        "status": "filed",
        "status_zh": "已立案",
        "receipt_no": "YY-20240603-7K3M9PXA",
        "note": "已转执行裁决组审查",
    }
    event_id = f"objection:{data['objection_id']}:filed"
    ids = await record_system_event(
        case.id,
        "objection_status_changed",
        AT,
        data,
        event_id,
        recipients=[parties["applicant"].id],
    )
    rows = await Notification.filter(case_id=case.id)
    assert [(r.party_id, r.id) for r in rows] == [(parties["applicant"].id, ids[0])]
    # queued after commit: the batch's job (id derived from its ids) waits on arq's queue
    assert await app.state.arq.exists(f"arq:job:{job_id([str(ids[0])])}")
    assert rows[0].variables["receipt_no"] == "YY-20240603-7K3M9PXA"

    [message] = await _sent(notify, sandboxes, ids)
    assert message.values()["thing2"] == "执行异议处理进展"
    assert message.values()["thing4"] == "异议已立案"
    assert message.values()["time3"] == "2024年06月03日 10:15"

    # the same event id again records and sends nothing
    assert await record_system_event(case.id, "objection_status_changed", AT, data, event_id) == []
    assert await Notification.filter(case_id=case.id).count() == 1
    assert await Event.filter(court_key="system", event_id=event_id).count() == 1
    # an objection step is not case progress: the case's latest node is unchanged
    assert (await Case.get(id=case.id)).last_node is None
    [item] = await timeline(case.id, "applicant")
    assert (item.name_zh, item.summary) == ("执行异议处理进展", "异议已立案")


async def test_rights_list_reminder_goes_to_applicants_and_their_agents(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=3)
    parties = await _parties(case)
    ids = await record_system_event(
        case.id, "rights_list_reminder", AT, {"version": "2024-06", "number": 1}, f"r-{case.id}"
    )
    rows = await Notification.filter(case_id=case.id)
    assert {r.party_id for r in rows} == {parties["applicant"].id, parties["agent"].id}
    messages = await _sent(notify, sandboxes, ids)
    assert len(messages) == 2
    # 13 characters: a thing field takes it whole
    assert {m.values()["thing2"] for m in messages} == {"申请执行人权利清单确认提醒"}
    assert {m.values()["thing4"] for m in messages} == {"请阅读并确认权利清单"}


async def test_internal_nodes_are_refused_from_the_court_and_bad_data_from_callers(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps
) -> None:
    case = await make_case(client, court, parties=2)
    base = events_for(case, f"int{uuid.uuid4().hex[:6]}", 1)[0]
    results = await post_events(
        client,
        court,
        [
            {**base, "event_id": base["event_id"] + "a", "node": "objection_status_changed"},
            {**base, "event_id": base["event_id"] + "b", "node": "rights_list_reminder"},
        ],
    )
    assert [r["error"]["code"] for r in results] == ["node_unknown", "node_unknown"]
    with pytest.raises(ValueError, match="receipt_no"):
        await record_system_event(
            case.id,
            "objection_status_changed",
            AT,
            {"objection_id": "x", "status": "filed", "status_zh": "已立案", "receipt_no": "异议1"},
            f"bad-{case.id}",
        )
    assert await Event.filter(case_id=case.id).count() == 0


async def test_publishing_and_withdrawing_a_listing_tell_the_parties(
    client: httpx.AsyncClient, court: CourtSigner, notify: Deps, sandboxes: Sandboxes
) -> None:
    case = await make_case(client, court, parties=3)
    parties = await _parties(case)
    payload = listing_payload(case_no=case.case_no)
    published = await court.request(client, "POST", "/api/court/v1/disclosures", payload)
    assert published.status_code == 201, published.text
    assert published.json()["status"] == "published"
    first = await Notification.filter(case_id=case.id)
    assert {r.party_id for r in first} == {p.id for p in parties.values()}
    told = await _sent(notify, sandboxes, [r.id for r in first])
    assert {m.values()["thing2"] for m in told} == {"纳入失信被执行人名单"}

    path = f"/api/court/v1/disclosures/{payload['listing_id']}/withdraw"
    withdrawn = await court.request(client, "POST", path, {"reason": "performed"})
    assert withdrawn.status_code == 200, withdrawn.text
    # withdrawing again changes nothing and tells nobody again
    assert (await court.request(client, "POST", path, {"reason": "performed"})).status_code == 200
    second = [
        r for r in await Notification.filter(case_id=case.id) if r.id not in {f.id for f in first}
    ]
    assert {r.party_id for r in second} == {p.id for p in parties.values()}
    told = await _sent(notify, sandboxes, [r.id for r in second])
    assert {(m.values()["thing2"], m.values()["thing4"]) for m in told} == {
        ("撤销失信被执行人名单公布", "已撤销失信公布")
    }
    names = [i.name_zh for i in await timeline(case.id, "respondent")]
    assert names == ["撤销失信被执行人名单公布", "纳入失信被执行人名单"]

    # a listing whose case this service does not know tells nobody
    stranger = listing_payload()
    assert (
        await court.request(client, "POST", "/api/court/v1/disclosures", stranger)
    ).status_code == 201
    assert not await Event.filter(event_id__startswith=f"disclosure:{stranger['listing_id']}:")
