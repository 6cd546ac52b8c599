"""The one page-cursor codec (service/paging.py): the wire format clients may hold stays."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from service.errors import ProblemError
from service.paging import decode_cursor, decode_time_cursor, encode_cursor, encode_time_cursor

ROW = uuid.UUID("5f0c6a4e-2b1d-4c3e-9f8a-7b6c5d4e3f2a")
AT = datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
# Made by the codecs this module replaced (notifications, acknowledgements and objections: time
# and id; screens: the screen id), so cursors handed out before still decode.
OLD_TIME_CURSOR = (
    "MjAyNC0wMy0wMVQwOTozMDoxNS4xMjM0NTYrMDA6MDB8NWYwYzZhNGUtMmIxZC00YzNlLTlmOGEtN2I2YzVkNGUzZjJh"
)
OLD_SCREEN_CURSOR = "U0NSLTAx"


def test_cursors_keep_their_wire_format() -> None:
    assert encode_time_cursor(AT, ROW) == OLD_TIME_CURSOR
    assert decode_time_cursor(OLD_TIME_CURSOR) == (AT, ROW)
    assert encode_cursor("SCR-01") == OLD_SCREEN_CURSOR
    assert decode_cursor(OLD_SCREEN_CURSOR) == ["SCR-01"]
    assert decode_cursor(encode_cursor("a", "b|c"), 2) == ["a", "b|c"]


@pytest.mark.parametrize(
    "text",
    [
        "!!!",
        "_w",
        encode_cursor("no separator"),
        encode_cursor("not a time", str(ROW)),
        encode_cursor(AT.isoformat(), "not-a-uuid"),
        encode_cursor(AT.isoformat(), str(ROW), "x"),
    ],
)
def test_a_cursor_that_does_not_decode_is_a_422_on_the_cursor_field(text: str) -> None:
    with pytest.raises(ProblemError) as raised:
        decode_time_cursor(text)
    problem = raised.value
    assert problem.status == 422
    assert [(e.field, e.code) for e in problem.errors] == [("cursor", "invalid_field")]
