"""The port through which listing requests reach the 失信 listings (``disclosure`` owns them).

``disclosure`` builds on ``service``, never the reverse, so this package names what it needs
and ``disclosure.corrections`` provides it, registered by the composition root
(``service/app.py``) at start-up — as ``service.events.followers`` lets packages act on events.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

AfterCommit = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Listings:
    #: (case number, listed name) → the ids of that name's listings the public sees now.
    published: Callable[[str, str], Awaitable[list[str]]]
    #: Withdraw the live ones of these listings inside ``conn`` (the request's transaction):
    #: (conn, listing ids, reason, note, actor) → what to do once it has committed.
    withdraw: Callable[
        [BaseDBAsyncClient, Sequence[str], str, str | None, str], Awaitable[AfterCommit]
    ]
    #: The last day of the court's review of a request received at this moment (Art. 12).
    review_due: Callable[[datetime], date]


_provided: list[Listings] = []


def provide(listings: Listings) -> None:
    """Register (or replace: idempotent) the implementation."""
    _provided[:] = [listings]


def port() -> Listings:
    if not _provided:
        raise RuntimeError("no listings port registered (service/app.py registers it)")
    return _provided[0]
