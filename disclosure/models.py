"""失信 listings, their history, and the deployment's disclosure version (contract §1.6, §3.3).

Identity numbers are stored only encrypted (``id_no_enc``) and as a keyed hash (``id_no_hash``,
for the "name + full identity number" search); everything shown anywhere uses the stored
masked form (``id_no_masked``, contract §2).
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import PartialIndex
from tortoise.models import Model

# The statuses of disclosure.rules.LIVE, spelled out: an index predicate is fixed SQL, and the
# public queries repeat it literally so that PostgreSQL can use the index.
LIVE_SQL = "status IN ('scheduled', 'published')"


class LiveIndex(PartialIndex):
    """A B-tree index over the live listings only (``WHERE status IN ('scheduled',
    'published')``); tortoise's ``PartialIndex`` spells only ``column = value`` conditions."""

    def __init__(self, *, fields: tuple[str, ...], name: str, **_: Any) -> None:
        super().__init__(fields=fields, name=name)
        self.extra = f" WHERE {LIVE_SQL}"


class Listing(Model):
    id = fields.UUIDField(primary_key=True)
    # Random, unguessable id used in public URLs; never the court's listing_id.
    public_id = fields.CharField(max_length=32, unique=True)
    listing_id = fields.CharField(max_length=64, unique=True)  # the court's own id
    case_no = fields.CharField(max_length=64, db_index=True)  # normalised, full-width brackets
    court = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=20)  # person | organization
    name = fields.CharField(max_length=100, db_index=True)  # exactly as the court gave it
    id_no_enc = fields.TextField()
    id_no_hash = fields.CharField(max_length=64, db_index=True)
    id_no_masked = fields.CharField(max_length=18)
    gender = fields.CharField(max_length=4, null=True)
    legal_rep = fields.CharField(max_length=100, null=True)
    basis_doc_no = fields.CharField(max_length=100)
    basis_unit = fields.CharField(max_length=100)
    obligation = fields.TextField()
    performance = fields.CharField(max_length=200)
    unperformed_amount = fields.DecimalField(max_digits=15, decimal_places=2, null=True)
    circumstance = fields.SmallIntField()
    decided_at = fields.DateField()
    # 失信规定 Art. 6: 立案时间 (the execution case's filing date, as the court sent it) and
    # 年龄 (a person's age in completed years on decided_at, from the identity number).
    filed_at = fields.DateField(null=True)
    age = fields.SmallIntField(null=True)
    publish_after = fields.DateField(null=True)
    period_years = fields.SmallIntField(null=True)
    # Derived in disclosure.rules: when the listing becomes public and when its period ends.
    publish_at = fields.DatetimeField(db_index=True)
    expires_at = fields.DatetimeField(null=True, db_index=True)
    status = fields.CharField(max_length=20, db_index=True)  # scheduled|published|withdrawn|expired
    published_at = fields.DatetimeField(null=True, db_index=True)  # set when scheduled
    withdrawn_at = fields.DatetimeField(null=True)
    withdraw_reason = fields.CharField(max_length=40, null=True)
    withdraw_note = fields.TextField(null=True)
    expired_at = fields.DatetimeField(null=True)
    # Deletion review (失信规定 Art. 10, Art. 2 para 2; contract §9.3): the case's closure or
    # Art. 10(4) asks the court to decide. ``deletion_review_due`` is set while a review is open
    # (3 working days); ``deletion_review_ground`` / ``_at`` keep the last ground and the time
    # of the event behind it, so a review the court closed is not reopened for the same event.
    deletion_review_ground = fields.CharField(max_length=40, null=True)
    deletion_review_at = fields.DatetimeField(null=True)
    deletion_review_due = fields.DateField(null=True, db_index=True)
    # Keyed hash of the validated input: re-sending the same content changes nothing.
    content_hash = fields.CharField(max_length=64)
    version = fields.BigIntField()  # disclosure version of the listing's latest change
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    history: fields.ReverseRelation[ListingHistory]

    class Meta:
        table = "disclosure_listing"
        indexes = (
            ("name", "status"),
            # The public search by name: equality on name, newest first (scanned backwards
            # for ORDER BY published_at DESC, id DESC), stopping after 20 rows — no sort of
            # every listing of a common name (docs/performance.md "Public search").
            LiveIndex(fields=("name", "published_at", "id"), name="idx_listing_live_name"),
        )


class ListingHistory(Model):
    """One row per change of a listing: created, corrected, published, withdrawn, expired."""

    id = fields.BigIntField(primary_key=True)
    listing: fields.ForeignKeyRelation[Listing] = fields.ForeignKeyField(
        "models.Listing", related_name="history", on_delete=fields.CASCADE
    )
    at = fields.DatetimeField()
    action = fields.CharField(max_length=20)
    actor = fields.CharField(max_length=80)
    version = fields.BigIntField()
    status = fields.CharField(max_length=20)  # status after the change
    # Field names that changed, reasons, notes — never personal data in clear.
    details: dict[str, object] = fields.JSONField(default=dict)

    class Meta:
        table = "disclosure_history"


class DisclosureState(Model):
    """The single row (id 1) holding the deployment's disclosure version.

    ``version`` rises on every publish, withdrawal, expiry and correction; ``withdrawal_floor``
    is the version of the latest change that removed or altered something already public, so a
    screen that acknowledged an older version may still show it (contract §3.3).
    """

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)
    withdrawal_floor = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "disclosure_state"


class PublicRecord(Model):
    """A record of the public lists beyond 失信 (contract §9.6): 终本案件 (``list = terminated``)
    and 限制消费 (``list = restricted``); what each shows is in disclosure/lists.py.

    Identity numbers as for listings: encrypted, keyed hash, masked. A record is public from
    its creation until withdrawn (``status``: published → withdrawn); a withdrawn record's page
    answers 410 and no search or board shows it.
    """

    id = fields.UUIDField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    list = fields.CharField(max_length=20)  # terminated | restricted
    record_id = fields.CharField(max_length=64)  # the court's own id, unique per list
    case_no = fields.CharField(max_length=64, db_index=True)
    court = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=20)  # person | organization
    name = fields.CharField(max_length=100)
    id_no_enc = fields.TextField()
    id_no_hash = fields.CharField(max_length=64, db_index=True)
    id_no_masked = fields.CharField(max_length=18)
    legal_rep = fields.CharField(max_length=100, null=True)  # restricted, organisations
    filed_at = fields.DateField(null=True)  # 立案时间
    decided_at = fields.DateField()  # 终本日期 | 限制消费令作出日期
    target_amount = fields.DecimalField(max_digits=15, decimal_places=2, null=True)  # 执行标的
    unperformed_amount = fields.DecimalField(max_digits=15, decimal_places=2, null=True)
    status = fields.CharField(max_length=20, db_index=True)  # published | withdrawn
    published_at = fields.DatetimeField()
    withdrawn_at = fields.DatetimeField(null=True)
    withdraw_reason = fields.CharField(max_length=40, null=True)
    withdraw_note = fields.TextField(null=True)
    content_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "disclosure_public_record"
        unique_together = (("list", "record_id"),)
        indexes = (("list", "name", "status"),)
