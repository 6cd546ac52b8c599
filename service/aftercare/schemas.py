"""Shapes of the 终本 search schedule (contract §9.5)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field


class TerminationSearchOut(BaseModel):
    case_no: str
    ruling_no: str | None = Field(description="终本裁定书文号, as the ruling event gave it")
    ruling_at: datetime = Field(description="when the 终本 ruling was served (the event)")
    last_day: date = Field(description="last day of the five years of 终本规定 Art. 9")
    searches_done: int = Field(description="post_termination_search events since the ruling")
    empty_searches: int = Field(description="of which found: false")
    last_search_at: datetime | None
    last_found: bool | None
    next_due: date = Field(
        description="last day for the next search (six months after the "
        "latest search, or the ruling; never after last_day)"
    )
    status: Literal["scheduled", "due", "overdue"]
    has_lead: bool = Field(description="a property lead was given after the ruling")
    art10_4: bool = Field(
        description="two or more empty searches and no lead: 失信规定 Art. 10(4) deletion review"
    )


class TerminationSearchListOut(BaseModel):
    items: list[TerminationSearchOut]
    next_cursor: str | None
