"""The audit log: one row per write by a court client, a party or the system.

Append-only: nothing in the code updates or deletes these rows, and the migrations add
database triggers that refuse UPDATE and DELETE on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    actor = fields.CharField(max_length=80)  # "court-key:ck_…", "party:…", "system"
    action = fields.CharField(max_length=60)  # "case.created", "disclosure.withdrawn", …
    target_type = fields.CharField(max_length=40)
    target_id = fields.CharField(max_length=80, db_index=True)
    request_id = fields.CharField(max_length=64, null=True)
    # Never personal data: ids, codes, field names that changed.
    details: dict[str, object] = fields.JSONField(default=dict)

    class Meta:
        table = "audit_entry"
