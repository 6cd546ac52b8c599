"""Court client keys (contract §1.1)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CourtKey(Model):
    """A court system's key. The secret is stored encrypted: HMAC verification needs it back."""

    key_id = fields.CharField(max_length=40, primary_key=True)
    name = fields.CharField(max_length=100)
    secret_enc = fields.TextField()
    scopes = fields.CharField(max_length=200)  # comma-separated
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "court_key"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(s for s in self.scopes.split(",") if s)
