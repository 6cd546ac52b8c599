"""The messages sent to a party about a case, as the party's case page lists them (issue 18):
channel, time and status, so a party can see what reached them and what did not.

The notifications are the notifiers' tables; this package does not read them. The notifiers
bind their reader here at start-up (service/app.py, the composition root), as the events'
followers are bound; without one (a test app without the notifiers) the list is empty.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SentMessage:
    title: str  # what the message was about (the node's name)
    channel_zh: str  # 微信公众号, 短信, …
    at: datetime  # sent (or, not sent yet, created)
    status_zh: str  # 已送达, 待发送, …


Reader = Callable[[uuid.UUID, uuid.UUID, int], Awaitable[list[SentMessage]]]
LIMIT = 30
_reader: Reader | None = None


def bind(reader: Reader | None) -> None:
    global _reader
    _reader = reader


async def sent_to(case_id: uuid.UUID, party_id: uuid.UUID) -> list[SentMessage]:
    """The newest :data:`LIMIT` messages sent to this party about this case, newest first."""
    return await _reader(case_id, party_id, LIMIT) if _reader else []
