"""Bodies of the requests API (contract §9.4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from service.filings.schemas import AttachmentOut

MAX_TEXT = 5000


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("invalid_field", "must not be blank")
    return value.strip()


class ListingRequestIn(BaseModel):
    kind: Literal["correction", "early_deletion"]
    ground: Literal["wrongly_listed", "inaccurate", "should_be_deleted"] | None = Field(
        None,
        validate_default=True,
        description="correction only: the item of 失信规定 Art. 11 — (一) wrongly_listed, "
        "(二) inaccurate, (三) should_be_deleted",
    )
    grounds: str = Field(min_length=1, max_length=MAX_TEXT, description="the reasons")

    @field_validator("ground")
    @classmethod
    def _ground(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "correction" and value is None:
            raise PydanticCustomError("missing_field", "a correction names its Art. 11 item")
        return value if info.data.get("kind") == "correction" else None

    _grounds = field_validator("grounds")(_text)


class LeadIn(BaseModel):
    description: str = Field(min_length=1, max_length=MAX_TEXT)
    _description = field_validator("description")(_text)


class ResumptionIn(BaseModel):
    reason: str = Field(min_length=1, max_length=MAX_TEXT)
    _reason = field_validator("reason")(_text)


class ListingDecisionIn(BaseModel):
    decision: Literal["granted", "refused"]
    note: str | None = Field(None, max_length=1000, description="required for refused")


class ResumptionDecisionIn(BaseModel):
    decision: Literal["accepted", "refused"]
    note: str | None = Field(None, max_length=1000, description="required for refused")


class LeadStatusIn(BaseModel):
    status: Literal["checking", "found", "not_found"]
    note: str | None = Field(None, max_length=1000)


class RequestChangeOut(BaseModel):
    status: str
    status_zh: str
    at: datetime
    note: str | None


class RequestReceiptOut(BaseModel):
    request_id: str
    type: Literal["listing", "lead", "resumption"]
    receipt_no: str
    received_at: datetime
    review_due: date | None = Field(
        None,
        description="listing requests: the last day (Asia/Shanghai) of the court's 15-day "
        "review (失信规定 Art. 12), counted as 民诉法 Art. 85 counts periods",
    )
    attachments: list[AttachmentOut]


class RequestOut(RequestReceiptOut):
    case_id: str
    case_no: str
    requester_name: str
    filed_by_name: str
    status: str
    status_zh: str
    kind: str | None = Field(None, description="listing requests: correction | early_deletion")
    ground: str | None = None
    text: str = Field(description="the grounds, description or reason as filed")
    listing_ids: list[str] | None = None
    review_overdue: bool | None = None
    review_notice: str | None = Field(
        None, description="a refused listing request: the 复议 route of 失信规定 Art. 12"
    )
    history: list[RequestChangeOut]


class RequestListOut(BaseModel):
    items: list[RequestOut]


class PartyRequestsOut(BaseModel):
    listing_requests: list[RequestOut]
    property_leads: list[RequestOut]
    resumption_requests: list[RequestOut]
