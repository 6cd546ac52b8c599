"""Request and response bodies of the filings API (contract §1.8, §4.4, §4.5)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from service.filings.termination import ITEMS
from service.schemas import AwareDatetime, Phone

Ground = Literal[
    "filed_over_three_months",
    "execution_notice_served",
    "online_search_twice",
    "field_search_done",
    "consumption_restricted",
    "interview_before_termination",
    "no_undisposed_property",
]
assert set(Ground.__args__) == set(ITEMS)  # type: ignore[attr-defined]

Status = Literal["correction_requested", "filed", "not_accepted", "upheld", "dismissed"]


# --- rights lists -----------------------------------------------------------------------


class RightsItemIn(BaseModel):
    no: int = Field(ge=1, le=100)
    text: str = Field(min_length=1, max_length=1000)


class RightsListIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    items: list[RightsItemIn] = Field(min_length=1, max_length=100)

    @field_validator("items")
    @classmethod
    def _numbered(cls, items: list[RightsItemIn]) -> list[RightsItemIn]:
        if sorted(i.no for i in items) != list(range(1, len(items) + 1)):
            raise PydanticCustomError("items_numbering", "items are numbered 1..n, each once")
        return items


class RightsItemOut(BaseModel):
    no: int
    text: str


class RightsListOut(BaseModel):
    version: str
    title: str
    items: list[RightsItemOut]
    content_sha256: str = Field(description="see docs/filings.md: sha256 of the canonical JSON")
    published_at: datetime
    updated_at: datetime
    seeded: bool = Field(description="true for the service's own default, to be replaced")
    note: str | None
    acknowledgements: int


class PartyRightsListOut(BaseModel):
    version: str
    title: str
    items: list[RightsItemOut]
    content_sha256: str
    acknowledged_at: datetime | None
    receipt_no: str | None


class AcknowledgementIn(BaseModel):
    version: str = Field(min_length=1, max_length=12)
    content_sha256: str = Field(min_length=64, max_length=64)


class ReceiptOut(BaseModel):
    receipt_no: str
    acknowledged_at: datetime
    version: str
    content_sha256: str


class AcknowledgementOut(BaseModel):
    case_no: str
    party_id: str = Field(description="the applicant's party_id in the case system")
    party_name: str
    status: Literal["acknowledged", "pending", "overdue"]
    version: str | None = Field(description="null while the court has published no list")
    receipt_no: str | None = None
    acknowledged_at: datetime | None = None
    content_sha256: str | None = None
    acting_party_id: str | None = Field(None, description="who pressed the button (an agent)")
    channel: Literal["H5", "MP"] | None = None
    client_address: str | None = None
    user_agent: str | None = None
    reminders_sent: int
    last_reminder_at: datetime | None = None


class AcknowledgementsOut(BaseModel):
    items: list[AcknowledgementOut]
    next_cursor: str | None = None


# --- termination check and objections ------------------------------------------------------


class CheckItemOut(BaseModel):
    item: Ground
    met: bool | None = Field(description="null: the record does not allow a judgement")
    evidence: str
    basis: str = Field(description="the rule and article the item checks")
    local_policy: bool = Field(
        description="true: required by local enforcement practice, not by a national rule"
    )


class TerminationCheckOut(BaseModel):
    case_id: str
    ruling_event_id: str
    items: list[CheckItemOut]


class ObjectionIn(BaseModel):
    grounds: list[Ground] = Field(min_length=1, max_length=7)
    request: str = Field(min_length=1, max_length=1000)
    facts: str = Field(min_length=1, max_length=5000)
    contact_address: str = Field(min_length=1, max_length=200)
    phone: Phone

    @field_validator("grounds")
    @classmethod
    def _unique(cls, grounds: list[str]) -> list[str]:
        return [g for g in ITEMS if g in grounds]

    @field_validator("request", "facts", "contact_address")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("invalid_field", "must not be blank")
        return value.strip()


class ObjectionReceiptOut(BaseModel):
    objection_id: str
    receipt_no: str
    received_at: datetime
    filing_due: date = Field(
        description="last day (Asia/Shanghai) for 立案: receipt + 3 days, moved to the next "
        "working day when it is a rest day (民诉法 Art. 85)"
    )
    decision_due: date = Field(
        description="last day for the decision: receipt + 15 days, moved likewise"
    )


class ChangeOut(BaseModel):
    status: str
    at: datetime
    note: str | None


class AttachmentOut(BaseModel):
    """An attachment as the API shows it: an objection's or a request's (same rules, one
    storage: service/filings/attachments.py)."""

    attachment_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime

    @classmethod
    def of(cls, row: Any) -> AttachmentOut:
        """From an attachment row (``ObjectionAttachment`` or ``RequestAttachment``)."""
        return cls(
            attachment_id=str(row.id),
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_at=row.uploaded_at,
        )


class AttachmentsOut(BaseModel):
    attachments: list[AttachmentOut]


class CorrectionOut(BaseModel):
    requested_at: datetime
    missing: str = Field(description="what the court said is missing (its note)")
    due: date = Field(
        description="last day (Asia/Shanghai) to supply it: 3 days (执行异议和复议规定 Art. 2)"
    )


class ObjectionOut(ObjectionReceiptOut):
    case_id: str
    case_no: str
    objector_name: str = Field(description="the applicant objecting")
    filed_by_name: str = Field(description="who filed it: the applicant or their agent")
    status: str
    grounds: list[str]
    request: str
    facts: str
    contact_address: str
    phone: str = Field(description="masked, e.g. 138****0000")
    filing_overdue: bool
    decision_overdue: bool
    overdue: bool
    history: list[ChangeOut]
    attachments: list[AttachmentOut]
    correction: CorrectionOut | None = Field(
        None, description="the court's one request for missing materials (补正), if any"
    )
    review_notice: str | None = Field(
        None, description="the route after a dismissal or non-acceptance (民诉法 Art. 236)"
    )


class ObjectionListOut(BaseModel):
    items: list[ObjectionOut]
    next_cursor: str | None = None


class StatusIn(BaseModel):
    status: Status
    note: str | None = Field(None, max_length=500)
    at: AwareDatetime | None = None


def dump(model: BaseModel) -> dict[str, Any]:
    out = model.model_dump(mode="json")
    if out.get("next_cursor", "") is None:
        del out["next_cursor"]
    return out
