"""Personal data at rest: AES-256-GCM encryption and keyed hashes.

Identity numbers and phone numbers are stored twice, and never in clear:

* ``*_enc`` — AES-256-GCM ciphertext, for the few places that must read the value back
  (sending an SMS, showing a handler's phone to a bound party);
* ``*_hash`` — HMAC-SHA256 under a key derived from the data key, for equality look-ups
  (binding a WeChat user to a case by name + identity number) without decrypting anything.

Ciphertexts carry the id of the key that made them (``v1.<kid>.<base64>``), so the data key can
be rotated: the new key encrypts, old keys listed in ``MICROCOURT_DATA_KEYS_OLD`` still decrypt,
and ``microcourt rotate-data-key`` re-encrypts rows at leisure (docs/operations.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = "v1"


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"microcourt-key-id" + key).hexdigest()[:8]


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=purpose).derive(key)


class DecryptionError(ValueError):
    """The ciphertext is damaged or was made with a key we no longer hold."""


@dataclass
class Vault:
    primary: bytes
    old: tuple[bytes, ...] = ()

    def __post_init__(self) -> None:
        self._enc_keys = {
            _key_id(k): AESGCM(_derive(k, b"microcourt personal data v1"))
            for k in (self.primary, *self.old)
        }
        self._primary_id = _key_id(self.primary)
        self._hash_key = _derive(self.primary, b"microcourt lookup hash v1")

    @property
    def primary_key_id(self) -> str:
        return self._primary_id

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._enc_keys[self._primary_id].encrypt(nonce, plaintext.encode(), None)
        token = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{_VERSION}.{self._primary_id}.{token}"

    def decrypt(self, ciphertext: str) -> str:
        try:
            version, kid, token = ciphertext.split(".", 2)
            aes = self._enc_keys[kid]
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            if version != _VERSION:
                raise DecryptionError("unknown ciphertext version")
            return aes.decrypt(raw[:12], raw[12:], None).decode()
        except DecryptionError:
            raise
        except Exception as exc:
            raise DecryptionError("cannot decrypt personal data") from exc

    def needs_rotation(self, ciphertext: str) -> bool:
        return not ciphertext.startswith(f"{_VERSION}.{self._primary_id}.")

    def lookup_hash(self, value: str, purpose: str) -> str:
        """Keyed hash for equality look-ups; ``purpose`` separates id numbers from phones."""
        message = purpose.encode() + b"\x00" + value.encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()


_vault: Vault | None = None


def init_vault(primary: bytes, old: tuple[bytes, ...] = ()) -> Vault:
    """Called once per process at start-up with the keys from settings."""
    global _vault
    _vault = Vault(primary, old)
    return _vault


def vault() -> Vault:
    if _vault is None:
        raise RuntimeError("privacy vault used before init_vault() (start-up not run?)")
    return _vault
