"""LED screens (contract §1.7, §3): registry, per-screen version and acknowledgements.

Per-screen bookkeeping (docs/architecture.md "From a listing to a screen"):

* ``version`` rises by one whenever the pages this screen should show change (content or
  geometry); ``content_hash`` is the digest of the pages at ``version``. Polls that find the
  same digest write nothing.
* ``floor_seen`` / ``floor_version``: the latest global withdrawal floor this screen has been
  evaluated against, and the per-screen version that was current right after that evaluation
  — i.e. the first per-screen version whose content is at or after that floor. A screen is
  compliant when it has acknowledged ``floor_version`` (or later) of the current floor.
* ``last_seen_at`` is kept in Redis on every request and flushed here periodically; readers
  merge both (``disclosure.led.screens``).
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Screen(Model):
    screen_id = fields.CharField(max_length=64, primary_key=True)
    name = fields.CharField(max_length=100, default="")
    location = fields.CharField(max_length=200, default="")
    rows = fields.SmallIntField()
    cols = fields.SmallIntField()
    mode = fields.CharField(max_length=8)  # pull | push
    push_url = fields.CharField(max_length=500, null=True)
    refresh_seconds = fields.IntField()
    lease_seconds = fields.IntField()
    # The bearer token: keyed hash to check it, ciphertext to sign pushes with it.
    token_hash = fields.CharField(max_length=64)
    token_enc = fields.TextField()
    version = fields.BigIntField(default=0)
    content_hash = fields.CharField(max_length=64, default="")
    floor_seen = fields.BigIntField(default=0)
    floor_version = fields.BigIntField(default=0)
    acked_version = fields.BigIntField(default=0)
    acked_at = fields.DatetimeField(null=True)
    last_seen_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "led_screen"
