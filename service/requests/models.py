"""Tables of the requests listed persons and applicants file (contract §9.4).

* :class:`ListingRequest` — a respondent's (or their agent's) 纠正 (失信规定 Art. 11) or
  early-deletion (信用修复, Art. 2 para 2) request about the case's published listings.
* :class:`PropertyLead` — an applicant's 财产线索.
* :class:`ResumptionRequest` — an applicant's 申请恢复执行 after 终本 (终本规定 Art. 9).
* :class:`RequestChange` — the status history of any of them (first row ``received``).
* :class:`RequestAttachment` — their files, stored as objection files are
  (``service.filings.attachments``), under ``<data dir>/request-files``.

Every request row has a ``form_key``: the filer's idempotency key (the H5 form's hidden key, or
the API's ``Idempotency-Key`` header), unique per filer, so a form sent twice files once.
"""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case
from service.parties.models import Party


class _Request(Model):
    id = fields.UUIDField(primary_key=True)
    receipt_no = fields.CharField(max_length=24, unique=True)
    case: fields.ForeignKeyRelation[Case]
    party: fields.ForeignKeyRelation[Party]
    filed_by: fields.ForeignKeyRelation[Party]
    case_id: uuid.UUID
    party_id: uuid.UUID
    filed_by_id: uuid.UUID
    form_key = fields.CharField(max_length=64)
    channel = fields.CharField(max_length=4)
    status = fields.CharField(max_length=20, default="received")
    received_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        abstract = True


class ListingRequest(_Request):
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="listing_requests", on_delete=fields.CASCADE
    )
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="listing_requests", on_delete=fields.CASCADE
    )
    filed_by: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="listing_requests_filed", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=20)  # correction | early_deletion
    ground = fields.CharField(max_length=20, null=True)  # correction: Art. 11 item
    grounds = fields.TextField()  # the requester's reasons
    listing_ids: list[str] = fields.JSONField(default=list)  # the listings it concerns
    review_due = fields.DateField()  # Art. 12: 15 days

    class Meta:
        table = "listing_request"
        unique_together = (("filed_by", "form_key"),)
        indexes = (("status", "received_at"),)


class PropertyLead(_Request):
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="property_leads", on_delete=fields.CASCADE
    )
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="property_leads", on_delete=fields.CASCADE
    )
    filed_by: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="property_leads_filed", on_delete=fields.CASCADE
    )
    description = fields.TextField()

    class Meta:
        table = "property_lead"
        unique_together = (("filed_by", "form_key"),)
        indexes = (("status", "received_at"),)


class ResumptionRequest(_Request):
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="resumption_requests", on_delete=fields.CASCADE
    )
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="resumption_requests", on_delete=fields.CASCADE
    )
    filed_by: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="resumption_requests_filed", on_delete=fields.CASCADE
    )
    reason = fields.TextField()

    class Meta:
        table = "resumption_request"
        unique_together = (("filed_by", "form_key"),)
        indexes = (("status", "received_at"),)


class RequestChange(Model):
    id = fields.IntField(primary_key=True)
    request_type = fields.CharField(max_length=20)  # listing | lead | resumption
    request_id = fields.UUIDField()
    status = fields.CharField(max_length=20)
    at = fields.DatetimeField()
    note = fields.CharField(max_length=1000, null=True)
    actor = fields.CharField(max_length=64)

    class Meta:
        table = "request_change"
        indexes = (("request_type", "request_id"),)


class RequestAttachment(Model):
    id = fields.UUIDField(primary_key=True)
    request_type = fields.CharField(max_length=20)
    request_id = fields.UUIDField()
    storage_id = fields.CharField(max_length=64, unique=True)
    filename = fields.CharField(max_length=120)
    content_type = fields.CharField(max_length=40)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    uploaded_at = fields.DatetimeField()

    class Meta:
        table = "request_attachment"
        indexes = (("request_type", "request_id"),)
