"""Notifications and what delivery needs to know about WeChat users (contract §1.5, §5).

A :class:`Notification` is one message to one party on one channel. Its ``status`` only
moves forward (``notifiers.delivery`` enforces this with conditional updates):

    created → sending → sent → delivered
    created/failed_temporary → sending → failed_temporary (retry at next_attempt_at)
    sending/sent → failed_permanent (a fallback row on the next channel is created)
    created → undeliverable (channel ``none``: nothing left to try)
    created → suppressed (the recipient opted out of this node; contract §4.3)

A fallback is a *new* row (``previous`` points at the failed one), unique per
``(event, party, channel)``, so no chain can create the same fallback twice.
"""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from service.cases.models import Case
from service.events.models import Event
from service.parties.models import Party

CHANNELS = ("wechat_oa", "wechat_mp", "sms", "none")
STATUSES = (
    "created",
    "sending",
    "sent",
    "delivered",
    "failed_temporary",
    "failed_permanent",
    "undeliverable",
    "suppressed",
)
CLAIMABLE = ("created", "failed_temporary")
FINAL = ("delivered", "failed_permanent", "undeliverable", "suppressed")


class Notification(Model):
    id = fields.UUIDField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="notifications", on_delete=fields.CASCADE
    )
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="notifications", on_delete=fields.CASCADE
    )
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "models.Party", related_name="notifications", on_delete=fields.CASCADE
    )
    # The row this one falls back from (a plain column: aerich cannot create self-FKs).
    previous_id = fields.UUIDField(null=True)
    # The FK columns tortoise adds, declared for the type checker.
    event_id: uuid.UUID
    case_id: uuid.UUID
    party_id: uuid.UUID
    channel = fields.CharField(max_length=16)
    status = fields.CharField(max_length=20, default="created")
    kind = fields.CharField(max_length=20, default="progress")  # message kind in templates
    openid = fields.CharField(max_length=64, null=True)  # wechat_oa / wechat_mp recipient
    # Message variables (contract §5), rendered once at creation from node, case and data.
    variables: dict[str, str | None] = fields.JSONField(default=dict)
    attempts = fields.IntField(default=0)
    last_error_code = fields.CharField(max_length=40, null=True)
    next_attempt_at = fields.DatetimeField()
    sending_until = fields.DatetimeField(null=True)  # lease of the worker that claimed it
    wechat_msgid = fields.BigIntField(null=True, db_index=True)
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "notification"
        unique_together = (("event", "party", "channel"),)
        indexes = (("status", "next_attempt_at"), ("case", "created_at"))


class DeliveryAttempt(Model):
    """Every try leaves a trace: written with its outcome when the try settles; a try whose
    worker died is written as ``recovered`` by the run that recovers the row."""

    id = fields.BigIntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", related_name="attempt_log", on_delete=fields.CASCADE
    )
    number = fields.IntField()
    channel = fields.CharField(max_length=16)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    # sent | retry | deferred | permanent | alert | recovered ("started": rows of older runs)
    outcome = fields.CharField(max_length=20, default="started")
    error_code = fields.CharField(max_length=40, null=True)
    detail = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "delivery_attempt"


class OaFollower(Model):
    """Whether an OA user follows the account, from ``subscribe``/``unsubscribe`` events.

    No row means "never heard": delivery then tries the OA, and WeChat's 43004 falls back.
    """

    openid = fields.CharField(max_length=64, primary_key=True)
    follows = fields.BooleanField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "oa_follower"


class MpSubscription(Model):
    """Accepted MP subscribe-message authorisations: one accepted one-time subscription
    allows one message (``remaining``; ``None`` = long-term)."""

    id = fields.IntField(primary_key=True)
    openid = fields.CharField(max_length=64)
    template_id = fields.CharField(max_length=64)
    remaining = fields.IntField(null=True, default=0)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "mp_subscription"
        unique_together = (("openid", "template_id"),)


class WeChatReceipt(Model):
    """``TEMPLATESENDJOBFINISH`` as received; kept so a receipt that overtakes the worker's
    own ``sent`` update is still applied (the worker looks here after recording the msgid)."""

    msgid = fields.BigIntField(primary_key=True)
    openid = fields.CharField(max_length=64)
    status = fields.CharField(max_length=60)
    received_at = fields.DatetimeField()

    class Meta:
        table = "wechat_receipt"


class ManualService(Model):
    """An undeliverable notification served by other means (post, in person, …) by court
    staff: it closes the notification in the 待人工送达 list. One per notification."""

    id = fields.BigIntField(primary_key=True)
    notification: fields.OneToOneRelation[Notification] = fields.OneToOneField(
        "models.Notification", related_name="manual_service", on_delete=fields.CASCADE
    )
    notification_id: uuid.UUID
    method = fields.CharField(max_length=20)  # see notifiers.manual_service.METHODS
    served_on = fields.DateField()
    note = fields.CharField(max_length=500, null=True)
    actor = fields.CharField(max_length=80)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "notification_manual_service"
