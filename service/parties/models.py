"""Bindings of WeChat users to parties (contract §4.2).

This issue creates only the table and the read used by delivery; sign-in and the binding
endpoints come with issue 4 and write here.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case, Party


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
    updated_at = fields.DatetimeField()

    class Meta:
        table = "party_preference"
