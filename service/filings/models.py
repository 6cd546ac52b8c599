"""Tables of the applicant filings (contract §1.8, §4.4, §4.5).

* :class:`RightsList` — one published version of the applicant rights list. Immutable once
  any :class:`Acknowledgement` names it (enforced in ``rights.publish``).
* :class:`Acknowledgement` — one applicant's acknowledgement of their case's version; one per
  applicant party (an agent acknowledges for the party they represent).
* :class:`RightsReminder` — a reminder already sent for ``(case, version, n)``; the unique key
  makes the cron idempotent.
* :class:`Objection`, :class:`ObjectionChange`, :class:`ObjectionAttachment` — a 终本
  objection, its status history (first row ``received``) and its files (stored under the data
  folder by random id, never in a served folder).
"""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case
from service.parties.models import Party


class RightsList(Model):
    version = fields.CharField(max_length=12, primary_key=True)
    title = fields.CharField(max_length=100)
    items: list[dict[str, object]] = fields.JSONField(default=list)  # [{"no": 1, "text": "…"}]
    content_sha256 = fields.CharField(max_length=64)
    # Seeded by the service itself (not the court's text yet): shown to the court and parties.
    seeded = fields.BooleanField(default=False)
    note = fields.CharField(max_length=200, null=True)
    published_at = fields.DatetimeField()  # first publication; orders versions, never changes
    updated_at = fields.DatetimeField()

    class Meta:
        table = "rights_list"


class Acknowledgement(Model):
    id = fields.UUIDField(primary_key=True)
    receipt_no = fields.CharField(max_length=24, unique=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="rights_acknowledgements", on_delete=fields.CASCADE
    )
    # The applicant the acknowledgement is for, and who pressed the button (same, or an agent).
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="rights_acknowledgements", on_delete=fields.CASCADE
    )
    acting_party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="rights_acknowledgements_made", on_delete=fields.CASCADE
    )
    case_id: uuid.UUID
    party_id: uuid.UUID
    acting_party_id: uuid.UUID
    version = fields.CharField(max_length=12)
    content_sha256 = fields.CharField(max_length=64)
    acknowledged_at = fields.DatetimeField()
    channel = fields.CharField(max_length=4)  # H5 | MP
    client_address = fields.CharField(max_length=64)
    user_agent = fields.CharField(max_length=300)
    actor = fields.CharField(max_length=40)  # the signed-in WeChat user (hashed)

    class Meta:
        table = "rights_acknowledgement"
        unique_together = (("case", "party"),)


class RightsReminder(Model):
    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="rights_reminders", on_delete=fields.CASCADE
    )
    case_id: uuid.UUID
    version = fields.CharField(max_length=12)
    number = fields.IntField()  # 1-based: the n-th configured reminder day
    event_id = fields.CharField(max_length=64)
    sent_at = fields.DatetimeField()

    class Meta:
        table = "rights_reminder"
        unique_together = (("case", "version", "number"),)


class Objection(Model):
    id = fields.UUIDField(primary_key=True)
    receipt_no = fields.CharField(max_length=24, unique=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="objections", on_delete=fields.CASCADE
    )
    # The applicant objecting, and who filed it (same, or their agent).
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="objections", on_delete=fields.CASCADE
    )
    filed_by: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="objections_filed", on_delete=fields.CASCADE
    )
    case_id: uuid.UUID
    party_id: uuid.UUID
    filed_by_id: uuid.UUID
    grounds: list[str] = fields.JSONField(default=list)
    request = fields.TextField()
    facts = fields.TextField()
    contact_address = fields.CharField(max_length=200)
    phone_enc = fields.TextField()
    channel = fields.CharField(max_length=4)
    status = fields.CharField(max_length=20, default="received")
    received_at = fields.DatetimeField()
    filing_due = fields.DateField()
    decision_due = fields.DateField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "objection"
        indexes = (("status", "received_at"),)


class ObjectionChange(Model):
    id = fields.IntField(primary_key=True)
    objection: fields.ForeignKeyRelation[Objection] = fields.ForeignKeyField(
        "models.Objection", related_name="changes", on_delete=fields.CASCADE
    )
    objection_id: uuid.UUID
    status = fields.CharField(max_length=20)
    at = fields.DatetimeField()  # when it happened (the court's "at"; receipt time for received)
    note = fields.CharField(max_length=500, null=True)
    actor = fields.CharField(max_length=64)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "objection_change"


class ObjectionAttachment(Model):
    id = fields.UUIDField(primary_key=True)
    objection: fields.ForeignKeyRelation[Objection] = fields.ForeignKeyField(
        "models.Objection", related_name="attachments", on_delete=fields.CASCADE
    )
    objection_id: uuid.UUID
    storage_id = fields.CharField(max_length=64, unique=True)  # file name under the data folder
    filename = fields.CharField(max_length=120)  # as uploaded, for display only
    content_type = fields.CharField(max_length=40)  # from the content, not the name
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    uploaded_at = fields.DatetimeField()

    class Meta:
        table = "objection_attachment"
