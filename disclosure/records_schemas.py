"""Bodies of the 终本案件 and 限制消费 lists (contract §9.6): court input, public output."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from service.schemas import KINDS, CaseNo, DateStr, Money, check_id_no_for_kind, check_kind


class _RecordIn(BaseModel):
    record_id: str = Field(min_length=1, max_length=64, pattern=r"^\S+$")
    case_no: CaseNo
    court: str = Field(min_length=1, max_length=100)
    kind: str = Field(json_schema_extra={"enum": list(KINDS)})
    name: str = Field(min_length=1, max_length=100, description="exactly as the court gave it")
    id_no: str = Field(
        description="resident ID (person) or unified social credit code (organization)"
    )
    filed_at: DateStr | None = Field(default=None, description="立案时间 of the execution case")

    _kind = field_validator("kind")(check_kind)
    _id_no = field_validator("id_no")(check_id_no_for_kind)

    @field_validator("record_id", "court", "name")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class TerminatedCaseIn(_RecordIn):
    """终本案件: the national site's section (domain.md §1.15 ◐) less 性别."""

    terminated_at: DateStr = Field(description="终本日期 (the ruling's date)")
    target_amount: Money | None = Field(default=None, description="执行标的")
    unperformed_amount: Money | None = Field(default=None, description="未履行金额")


class RestrictionIn(_RecordIn):
    """限制消费: the order's subject (and, for a unit, who is bound with it: Art. 3)."""

    issued_at: DateStr = Field(description="限制消费令作出日期")
    legal_rep: str | None = Field(
        default=None,
        max_length=100,
        description="organisations: 法定代表人、主要负责人 bound with it (Art. 3 para 2)",
    )

    @field_validator("legal_rep")
    @classmethod
    def _rep(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class RecordWithdrawIn(BaseModel):
    reason: str = Field(description="one of the list's reasons (see the operation)")
    note: str | None = Field(default=None, max_length=1000)


class RecordUpsertOut(BaseModel):
    record_id: str
    public_id: str
    status: str
    changed: bool


class RecordCourtOut(BaseModel):
    record_id: str
    public_id: str
    list: str
    case_no: str
    status: str
    published_at: str
    withdrawn_at: str | None
    withdraw_reason: str | None
    withdraw_note: str | None


class PublicRecordOut(BaseModel):
    public_id: str
    kind: str
    name: str
    id_no_masked: str
    court: str
    case_no: str
    filed_at: str | None
    published_at: str = Field(description="when it went public, court time (+08:00)")
    terminated_at: str | None = Field(default=None, description="终本案件: 终本日期")
    target_amount: str | None = Field(default=None, description="终本案件: 执行标的")
    unperformed_amount: str | None = Field(default=None, description="终本案件: 未履行金额")
    issued_at: str | None = Field(default=None, description="限制消费: 限制消费令作出日期")
    legal_rep: str | None = Field(default=None, description="限制消费, organisations")


class RecordSearchOut(BaseModel):
    items: list[PublicRecordOut]


class RecordBoardOut(BaseModel):
    page: int
    page_size: int
    has_next: bool
    items: list[PublicRecordOut]
