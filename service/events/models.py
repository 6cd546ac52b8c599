"""Case-progress events as the court's case system reports them (contract §1.3)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case


class Event(Model):
    """One accepted node event. ``(court_key, event_id)`` is the idempotency key; ``content_hash``
    (sha256 of the normalised case number, node code, instant and canonical data) tells a
    harmless repeat (``duplicate``) from a changed event under a used id (``event_conflict``)."""

    id = fields.UUIDField(primary_key=True)
    court_key = fields.CharField(max_length=64)
    event_id = fields.CharField(max_length=64)
    content_hash = fields.CharField(max_length=64)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="events", on_delete=fields.CASCADE
    )
    node = fields.CharField(max_length=40)
    occurred_at = fields.DatetimeField()
    data: dict[str, object] = fields.JSONField(default=dict)
    received_at = fields.DatetimeField()

    class Meta:
        table = "event"
        unique_together = (("court_key", "event_id"),)
        indexes = (("case", "occurred_at"),)
