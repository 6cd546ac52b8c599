"""Enforcement cases and their parties, as the court's case system sends them (contract §1.2)."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class Case(Model):
    id = fields.UUIDField(primary_key=True)
    case_no = fields.CharField(max_length=64, unique=True)  # normalised, full-width brackets
    court = fields.CharField(max_length=100)
    filed_at = fields.DateField()
    cause = fields.CharField(max_length=200, null=True)
    amount = fields.DecimalField(max_digits=15, decimal_places=2, null=True)
    handler_name = fields.CharField(max_length=50, null=True)
    handler_phone_enc = fields.TextField(null=True)
    # Kept current by the events package: the latest pushed node and the case's state.
    status = fields.CharField(max_length=30, default="in_progress")
    last_node = fields.CharField(max_length=40, null=True)
    last_node_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    parties: fields.ReverseRelation[Party]

    class Meta:
        table = "case"


class Party(Model):
    """A party (applicant, respondent) or an agent. Identity numbers and phones are stored only
    encrypted (``*_enc``) and as keyed hashes (``*_hash``) for look-ups."""

    id = fields.UUIDField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="parties", on_delete=fields.CASCADE
    )
    case_id: uuid.UUID  # the FK column tortoise adds, declared for the type checker
    party_id = fields.CharField(max_length=64)  # the case system's own id
    role = fields.CharField(max_length=20)  # applicant | respondent | agent
    kind = fields.CharField(max_length=20)  # person | organization
    name = fields.CharField(max_length=100)
    id_no_enc = fields.TextField()
    id_no_hash = fields.CharField(max_length=64, db_index=True)
    phone_enc = fields.TextField(null=True)
    phone_hash = fields.CharField(max_length=64, null=True, db_index=True)
    legal_rep = fields.CharField(max_length=100, null=True)
    represents = fields.CharField(max_length=64, null=True)  # party_id of the represented party
    # A party left out of a later upsert is kept (bindings and notifications refer to it)
    # but no longer receives anything.
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "party"
        unique_together = (("case", "party_id"),)
