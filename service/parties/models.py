"""Parties of a case (contract §1.2), the bindings of WeChat users to them (§4.2) and the
users' message preferences (§4.3)."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case


class Party(Model):
    """A party (applicant, respondent) or an agent. Identity numbers and phones are stored only
    encrypted (``*_enc``) and as keyed hashes (``*_hash``) for look-ups; the access code only as
    a keyed hash."""

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
    # The case's 查询码 for this party (contract §9.1), only as a keyed hash; null: none given.
    access_code_hash = fields.CharField(max_length=64, null=True)
    represents = fields.CharField(max_length=64, null=True)  # party_id of the represented party
    # A party left out of a later upsert is kept (bindings and notifications refer to it)
    # but no longer receives anything.
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "party"
        unique_together = (("case", "party_id"),)


class Binding(Model):
    """A WeChat user (OA openid and/or MP openid) bound to one party of one case."""

    id = fields.UUIDField(primary_key=True)
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="bindings", on_delete=fields.CASCADE
    )
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="bindings", on_delete=fields.CASCADE
    )
    oa_openid = fields.CharField(max_length=64, null=True, db_index=True)
    mp_openid = fields.CharField(max_length=64, null=True, db_index=True)
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "binding"


class Preference(Model):
    """A WeChat user's message preferences (contract §4.3), keyed like ``oa:<openid>``.

    ``opted_out`` lists node codes the user does not want; legally significant nodes ignore it
    (and quiet hours). Quiet hours are local (Asia/Shanghai) times; start == end means none.
    """

    user_key = fields.CharField(max_length=80, primary_key=True)
    opted_out: list[str] = fields.JSONField(default=list)
    quiet_start = fields.CharField(max_length=5, null=True)  # "HH:MM"
    quiet_end = fields.CharField(max_length=5, null=True)
    # 长辈模式: the party pages in larger type for this user (issue 18), on every device.
    large_text = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "party_preference"
