"""Request and response bodies of the court's case endpoint (contract §1.2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from service.errors import FieldError
from service.schemas import KINDS, CaseNo, DateStr, Money, Phone, check_id_no_for_kind, check_kind

ROLES = ("applicant", "respondent", "agent")


class HandlerIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    phone: Phone | None = None


class PartyIn(BaseModel):
    party_id: str = Field(min_length=1, max_length=64)
    role: str = Field(json_schema_extra={"enum": list(ROLES)})
    kind: str = Field(json_schema_extra={"enum": list(KINDS)})
    name: str = Field(min_length=1, max_length=100)
    id_no: str = Field(
        description="resident ID (person) or unified social credit code (organization)"
    )
    phone: Phone | None = None
    legal_rep: str | None = Field(default=None, max_length=100)
    represents: str | None = Field(
        default=None, max_length=64, description="agents: party_id represented"
    )
    access_code: str | None = Field(
        default=None,
        min_length=6,
        max_length=32,
        pattern=r"^[0-9A-Za-z]+$",
        description="the case's 查询码 for this party, as printed on the notice (6–32 letters "
        "or digits, compared case-insensitively); a second factor for binding (§9.1). Stored "
        "only as a keyed hash; omitted on a later upsert, the stored one is kept.",
    )

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        if value not in ROLES:
            raise PydanticCustomError("role_unknown", "role must be one of: " + ", ".join(ROLES))
        return value

    _kind = field_validator("kind")(check_kind)
    _id_no = field_validator("id_no")(check_id_no_for_kind)

    @field_validator("name", "legal_rep")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None


class CaseIn(BaseModel):
    case_no: CaseNo
    court: str = Field(min_length=1, max_length=100)
    filed_at: DateStr
    cause: str | None = Field(default=None, max_length=200)
    amount: Money | None = None
    handler: HandlerIn | None = None
    parties: list[PartyIn] = Field(min_length=1, max_length=100)


def party_reference_errors(case: CaseIn) -> list[FieldError]:
    """Checks across parties that pydantic's per-field validation cannot express."""
    ids = {p.party_id for p in case.parties}
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, party in enumerate(case.parties):
        if party.party_id in seen:
            errors.append(
                FieldError(
                    f"parties[{index}].party_id", "party_duplicate", "party_id appears twice"
                )
            )
        seen.add(party.party_id)
        if party.role == "agent" and party.represents not in ids:
            errors.append(
                FieldError(
                    f"parties[{index}].represents",
                    "represents_unknown",
                    "an agent must name the party_id of another party in this case",
                )
            )
    return errors


class CaseOut(BaseModel):
    case_id: str
    case_no: str


CaseStatus = Literal["in_progress", "suspended", "terminated", "closed"]


def money_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"
