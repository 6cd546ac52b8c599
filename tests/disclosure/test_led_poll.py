"""A screen's poll (disclosure.led.poll): one statement, a 304 decided early, contacts batched.

The per-process build cache is keyed by the disclosure version each poll reads from the
database, so a change committed by *another* process — simulated here by SQL straight into the
tables, touching nothing in this process's memory — reaches the very next poll.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from tortoise.transactions import in_transaction

from disclosure.led import feed, poll, repository, screens
from disclosure.led.models import Screen
from disclosure.models import DisclosureState, Listing
from disclosure.state import current_state
from service import clock
from tests.disclosure.led_support import auth, publish, register, screen_rows, shows
from tests.support import CourtSigner


def _feed(sid: str) -> str:
    return f"/api/led/v1/screens/{sid}/feed"


async def test_a_steady_poll_reads_one_row_and_answers_what_the_full_path_answers(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    await publish(client, court)
    sid, token = await register(client, court)
    first = await client.get(_feed(sid), headers=auth(token))
    assert first.status_code == 200

    row = await repository.poll_row(sid)
    assert row is not None and row.screen_id == sid
    state = await current_state()
    assert (row.state_version, row.state_floor) == (state.version, state.withdrawal_floor)
    model = await Screen.get(screen_id=sid)
    assert (row.version, row.content_hash, row.floor_seen) == (
        model.version,
        model.content_hash,
        model.floor_seen,
    )
    built = await feed.build(row.rows, row.cols, state)
    # The shortcut's test is evaluate()'s: nothing to change, so the same row comes back.
    assert screens.changes(row, built) == {}
    assert await screens.evaluate(model, built) == model

    seen = poll.SeenBuffer(screens_redis_stub())
    polled = await poll.poll(sid, token, seen)
    assert isinstance(polled.screen, repository.PollRow)  # no model loaded
    assert polled.screen.version == model.version and polled.built == built
    assert seen.pending == 1

    again = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    assert await repository.poll_row("no-such-screen") is None


@pytest.mark.parametrize("token", [None, "", "lst_wrong"])
async def test_a_poll_with_a_wrong_or_missing_token_is_401(
    client: httpx.AsyncClient, court: CourtSigner, token: str | None
) -> None:
    sid, _ = await register(client, court)
    headers = {} if token is None else auth(token)
    response = await client.get(_feed(sid), headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "screen_token_invalid"
    unknown = await client.get(_feed("scr-nobody"), headers=auth("lst_wrong"))
    assert unknown.status_code == 401 and unknown.json() == {**response.json(), **unknown.json()}


async def test_a_withdrawal_committed_elsewhere_reaches_the_next_poll(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    listing = await publish(client, court)
    sid, token = await register(client, court)
    first = await client.get(_feed(sid), headers=auth(token))
    assert shows(first.json()["pages"], listing["name"])
    cached = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": first.headers["etag"]}
    )
    assert cached.status_code == 304  # this process's cache now holds the pages

    # "Another web process" withdraws: rows and version change in the database only.
    async with in_transaction() as conn:
        state = await DisclosureState.get(id=1, using_db=conn)
        version = state.version + 1
        await (
            DisclosureState.filter(id=1)
            .using_db(conn)
            .update(version=version, withdrawal_floor=version, updated_at=clock.now())
        )
        await (
            Listing.filter(listing_id=listing["listing_id"])
            .using_db(conn)
            .update(status="withdrawn", withdrawn_at=clock.now(), version=version)
        )

    after = await client.get(
        _feed(sid), headers={**auth(token), "If-None-Match": first.headers["etag"]}
    )
    assert after.status_code == 200
    assert after.headers["etag"] != first.headers["etag"]
    assert not shows(after.json()["pages"], listing["name"])
    model = await Screen.get(screen_id=sid)
    assert after.headers["etag"] == f'"{model.version}"'
    assert (model.floor_seen, model.floor_version) == (version, model.version)  # compliance
    row = await repository.poll_row(sid)
    assert row is not None and screens.changes(row, await feed.build(row.rows, row.cols)) == {}


async def test_a_poll_that_loses_the_race_to_another_process_takes_the_model_path(
    client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, token = await register(client, court)
    await client.get(_feed(sid), headers=auth(token))
    listing = await publish(client, court)  # new pages for every screen
    row = await repository.poll_row(sid)
    assert row is not None
    built = await feed.build(row.rows, row.cols)
    updates = screens.changes(row, built)
    assert updates["version"] == row.version + 1
    # "Another process" evaluates first; our conditional UPDATE then matches nothing.
    await screens.evaluate(await Screen.get(screen_id=sid), built)
    assert not await screens.write_changes(row, sid, updates, built)
    model = await Screen.get(screen_id=sid)
    assert model.version == row.version + 1  # handed out once, not twice
    polled = await poll.poll(sid, token, poll.SeenBuffer(screens_redis_stub()))
    assert polled.screen.version == model.version
    assert shows([{"lines": list(p.lines)} for p in polled.built.pages], listing["name"])


class _Redis:
    """Records HSET calls; fails while ``down``."""

    def __init__(self) -> None:
        self.down = False
        self.calls: list[dict[str, Any]] = []

    async def hset(self, key: str, mapping: dict[str, Any]) -> int:
        if self.down:
            raise ConnectionError("redis away")
        self.calls.append({"key": key, **mapping})
        return len(mapping)


def screens_redis_stub() -> Any:
    return _Redis()


async def test_seen_buffer_writes_many_screens_in_one_hset_and_keeps_them_on_failure() -> None:
    redis = _Redis()
    buffer = poll.SeenBuffer(redis, interval=3600)  # no background write during the test
    buffer.mark("a", 100.0)
    buffer.mark("b", 101.0)
    buffer.mark("a", 102.0)  # the latest contact wins
    redis.down = True
    with pytest.raises(ConnectionError):
        await buffer.flush()
    assert buffer.pending == 2
    buffer.mark("b", 100.5)  # older than the failed batch's value: that one is kept
    redis.down = False
    assert await buffer.flush() == 2
    assert redis.calls == [{"key": screens.SEEN_KEY, "a": "102.0", "b": "101.0"}]
    assert await buffer.flush() == 0  # nothing left, nothing sent
    assert len(redis.calls) == 1


async def test_seen_buffer_flushes_by_itself() -> None:
    redis = _Redis()
    buffer = poll.SeenBuffer(redis, interval=0.01)
    buffer.mark("a", 100.0)
    for _ in range(500):
        if redis.calls:
            break
        await asyncio.sleep(0.01)
    assert redis.calls == [{"key": screens.SEEN_KEY, "a": "100.0"}]
    assert buffer.pending == 0


async def test_polls_reach_redis_and_the_table(
    app: Starlette, client: httpx.AsyncClient, court: CourtSigner
) -> None:
    sid, token = await register(client, court)
    before = clock.now()
    await client.get(_feed(sid), headers=auth(token))
    # The screens list writes this process's buffer first, so it shows the contact at once.
    row = (await screen_rows(client, court))[sid]
    assert row["last_seen_at"] is not None
    assert await screens.flush_seen(app.state.redis) >= 1
    stored = (await Screen.get(screen_id=sid)).last_seen_at
    assert stored is not None and stored >= before.replace(microsecond=0)
