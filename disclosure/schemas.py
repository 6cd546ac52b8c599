"""Request and response bodies of the disclosure endpoints (contract §1.6, §2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from disclosure import rules
from service.errors import FieldError
from service.schemas import KINDS, CaseNo, DateStr, Money, check_id_no_for_kind, check_kind

GENDERS = ("男", "女")


class ListingIn(BaseModel):
    listing_id: str = Field(min_length=1, max_length=64, pattern=r"^\S+$")
    case_no: CaseNo
    court: str = Field(min_length=1, max_length=100)
    kind: str = Field(json_schema_extra={"enum": list(KINDS)})
    name: str = Field(min_length=1, max_length=100, description="exactly as the court gave it")
    id_no: str = Field(
        description="resident ID (person) or unified social credit code (organization)"
    )
    gender: str | None = Field(
        default=None, description="男 or 女 (persons); derived from the identity number when absent"
    )
    legal_rep: str | None = Field(default=None, max_length=100)
    basis_doc_no: str = Field(min_length=1, max_length=100)
    basis_unit: str = Field(min_length=1, max_length=100)
    obligation: str = Field(min_length=1, max_length=2000)
    performance: str = Field(min_length=1, max_length=200)
    unperformed_amount: Money | None = None
    circumstance: int = Field(description="Art. 1 ground, 1–6")
    decided_at: DateStr
    filed_at: DateStr | None = Field(
        default=None, description="立案时间 of the execution case (失信规定 Art. 6(五))"
    )
    publish_after: DateStr | None = None
    period_years: int | None = Field(default=None, description="grounds 2–6: 2–5 years")

    _kind = field_validator("kind")(check_kind)
    _id_no = field_validator("id_no")(check_id_no_for_kind)

    @field_validator("gender")
    @classmethod
    def _gender(cls, value: str | None) -> str | None:
        if value is not None and value not in GENDERS:
            raise PydanticCustomError("gender_invalid", "gender must be 男 or 女")
        return value

    @field_validator("circumstance")
    @classmethod
    def _circumstance(cls, value: int) -> int:
        if value not in rules.CIRCUMSTANCES:
            raise PydanticCustomError("circumstance_invalid", "circumstance must be 1–6 (Art. 1)")
        return value

    @field_validator(
        "listing_id", "court", "name", "legal_rep", "basis_doc_no", "basis_unit", "performance"
    )
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        # Surrounding whitespace is never part of a name; everything else is kept as given.
        return value.strip() if value is not None else None


def rule_errors(data: ListingIn) -> list[FieldError]:
    """The 失信 rules across fields (domain.md §1.3, §1.5) that per-field checks cannot see."""
    errors: list[FieldError] = []
    if problem := rules.period_error(data.circumstance, data.period_years):
        errors.append(FieldError("period_years", *problem))
    if data.kind == "person" and rules.is_minor(data.id_no, data.decided_at):
        errors.append(
            FieldError("id_no", "minor_not_listable", "未成年人不得纳入失信被执行人名单（第四条）")
        )
    if data.filed_at is not None and data.filed_at > data.decided_at:
        errors.append(FieldError("filed_at", "filed_at_invalid", "filed_at follows decided_at"))
    if data.publish_after is not None and data.publish_after < data.decided_at:
        errors.append(
            FieldError(
                "publish_after", "publish_after_invalid", "publish_after precedes decided_at"
            )
        )
    return errors


class WithdrawIn(BaseModel):
    reason: str = Field(json_schema_extra={"enum": list(rules.WITHDRAW_REASONS)})
    note: str | None = Field(default=None, max_length=1000)

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if value not in rules.WITHDRAW_REASONS:
            raise PydanticCustomError(
                "reason_unknown", "reason must be one of: " + ", ".join(rules.WITHDRAW_REASONS)
            )
        return value


class UpsertOut(BaseModel):
    listing_id: str
    public_id: str
    status: str
    version: int
    changed: bool


class HistoryOut(BaseModel):
    at: str
    action: str
    actor: str
    version: int
    status: str
    details: dict[str, Any]


class ScreenStatusOut(BaseModel):
    screen_id: str
    acked_version: int
    last_seen_at: str | None
    compliant: bool


class DeletionReviewOut(BaseModel):
    """失信规定 Art. 10 / Art. 2 para 2 (contract §9.3): the court must decide on deletion."""

    ground: str = Field(description="closed:<mode> | art10_4")
    ground_text: str
    event_at: str = Field(description="the event that grounds it")
    due: date | None = Field(description="3 working days after the event; null once kept")
    open: bool
    overdue: bool


class KeepIn(BaseModel):
    note: str | None = Field(default=None, max_length=1000)


class ListingSummaryOut(BaseModel):
    listing_id: str
    public_id: str
    case_no: str
    kind: str
    name: str
    id_no_masked: str
    circumstance: int
    period_years: int | None
    status: str
    publish_at: str
    expires_at: str | None
    deletion_review: DeletionReviewOut | None


class ListingListOut(BaseModel):
    items: list[ListingSummaryOut]
    next_cursor: str | None = None


class ListingOut(BaseModel):
    listing_id: str
    public_id: str
    case_no: str
    court: str
    kind: str
    name: str
    id_no_masked: str
    gender: str | None
    legal_rep: str | None
    basis_doc_no: str
    basis_unit: str
    obligation: str
    performance: str
    unperformed_amount: str | None
    circumstance: int
    circumstance_text: str
    decided_at: date
    filed_at: date | None
    age: int | None
    publish_after: date | None
    period_years: int | None
    publish_at: str
    expires_at: str | None
    status: str
    published_at: str | None
    withdrawn_at: str | None
    withdraw_reason: str | None
    withdraw_note: str | None
    version: int
    disclosure_version: int
    withdrawal_floor: int
    history: list[HistoryOut]
    screens: list[ScreenStatusOut]
    deletion_review: DeletionReviewOut | None = None


class PublicListingOut(BaseModel):
    """One listing as the public sees it (contract §2): masked number, no court-internal ids."""

    public_id: str
    kind: str
    name: str
    id_no_masked: str
    gender: str | None
    court: str
    case_no: str
    basis_doc_no: str
    obligation: str
    performance: str
    unperformed_amount: str | None
    circumstance_text: str
    published_at: str = Field(description="the moment it went public, in court time (+08:00)")
    legal_rep: str | None = Field(default=None, description="organisations only")
    basis_unit: str = Field(description="执行依据制作单位 (失信规定 Art. 6(五))")
    filed_at: str | None = Field(description="立案时间, YYYY-MM-DD (Art. 6(五)); null if not sent")
    age: int | None = Field(description="年龄 of a person on the decision day (Art. 6(二))")


class SearchOut(BaseModel):
    items: list[PublicListingOut]


class BoardOut(BaseModel):
    page: int
    page_size: int
    has_next: bool
    items: list[PublicListingOut]
