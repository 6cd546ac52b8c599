"""Staff accounts of the console (contract §9.7).

An account belongs to a court (``court_code``): a deployment serves one court today, and a
high court serving every court of its province adds rows, not a fork. Passwords are argon2id
hashes; the TOTP secret is encrypted with the data key (it must be read back to check a code).
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

ROLES = ("viewer", "clerk", "disclosure", "admin")


class StaffAccount(Model):
    id = fields.IntField(primary_key=True)
    court_code = fields.CharField(max_length=40)
    username = fields.CharField(max_length=40)
    role = fields.CharField(max_length=20)  # viewer | clerk | disclosure | admin
    password_hash = fields.CharField(max_length=200)  # argon2id, PHC string
    totp_secret_enc = fields.TextField(null=True)  # vault-encrypted base32 secret
    disabled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "staff_account"
        unique_together = (("court_code", "username"),)
