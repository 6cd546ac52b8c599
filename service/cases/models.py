"""Enforcement cases, as the court's case system sends them (contract §1.2); their parties are
:class:`service.parties.models.Party`."""

from __future__ import annotations

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

    # Reverse relations (parties, events, bindings, …) are declared by the models pointing here.

    class Meta:
        table = "case"
