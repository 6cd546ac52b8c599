"""Staff accounts: create, disable, reset a password, check a sign-in (contract §9.7).

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second recommended
profile); a second factor (TOTP, RFC 6238, via pyotp) is required for ``admin`` and
``disclosure`` and optional for the others.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.transactions import in_transaction

from service import clock
from service.audit import service as audit
from service.console.models import ROLES, StaffAccount
from service.privacy import vault

#: The court this deployment serves. Accounts carry their court so a second court is a row.
DEFAULT_COURT = "default"
#: Roles whose sign-in needs a TOTP code.
TOTP_REQUIRED = frozenset({"admin", "disclosure"})
ISSUER = "microcourt"
MIN_PASSWORD = 10
MAX_PASSWORD = 200

_hasher = PasswordHasher()  # argon2id
# A hash to verify against when the username is unknown, so both cost the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A refused account operation (the CLI shows the message, the console its ``code``'s
    Chinese text)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Created:
    account: StaffAccount
    password: str | None  # set when generated: shown once
    totp_uri: str | None  # shown once


def actor(username: str) -> str:
    """The audit log's name for a staff member."""
    return f"staff:{username}"


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(
            f"password must be {MIN_PASSWORD}-{MAX_PASSWORD} characters", "password_length"
        )


def _check_username(username: str) -> None:
    if not (1 <= len(username) <= 40) or not all(c.isalnum() or c in "._-" for c in username):
        raise AccountError("username: 1-40 letters, digits, '.', '_' or '-'", "username_invalid")


def totp_uri(username: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


async def create(
    username: str,
    role: str,
    password: str | None,
    *,
    with_totp: bool = False,
    court_code: str = DEFAULT_COURT,
    by: str = "cli",
) -> Created:
    _check_username(username)
    if role not in ROLES:
        raise AccountError("role must be one of: " + ", ".join(ROLES), "role_unknown")
    generated = password is None
    password = password if password is not None else generate_password()
    _check_password(password)
    secret = pyotp.random_base32() if (with_totp or role in TOTP_REQUIRED) else None
    now = clock.now()
    async with in_transaction() as conn:
        if (
            await StaffAccount.filter(court_code=court_code, username=username)
            .using_db(conn)
            .exists()
        ):
            raise AccountError(f"account {username} exists", "account_exists")
        account = await StaffAccount.create(
            court_code=court_code,
            username=username,
            role=role,
            password_hash=_hasher.hash(password),
            totp_secret_enc=vault().encrypt(secret) if secret else None,
            created_at=now,
            updated_at=now,
            using_db=conn,
        )
        await audit.record(
            by, "staff.created", "staff", username, {"role": role, "totp": bool(secret)}, using=conn
        )
    return Created(
        account, password if generated else None, totp_uri(username, secret) if secret else None
    )


async def find(username: str, court_code: str = DEFAULT_COURT) -> StaffAccount | None:
    return await StaffAccount.get_or_none(court_code=court_code, username=username)


async def require(username: str, court_code: str = DEFAULT_COURT) -> StaffAccount:
    account = await find(username, court_code)
    if account is None:
        raise AccountError(f"no account {username}", "account_unknown")
    return account


async def disable(
    username: str, *, court_code: str = DEFAULT_COURT, by: str = "cli"
) -> StaffAccount:
    """Disable an account. Its sessions are refused from the next request on (the session
    check reads the account); the caller also deletes them from Redis."""
    account = await require(username, court_code)
    if account.disabled_at is None:
        now = clock.now()
        async with in_transaction() as conn:
            await (
                StaffAccount.filter(id=account.id)
                .using_db(conn)
                .update(disabled_at=now, updated_at=now)
            )
            await audit.record(by, "staff.disabled", "staff", username, using=conn)
        account.disabled_at = now
    return account


async def reset_password(
    username: str, password: str | None, *, court_code: str = DEFAULT_COURT, by: str = "cli"
) -> str | None:
    """Set a new password (generated when None, and returned to be shown once)."""
    account = await require(username, court_code)
    generated = password is None
    password = password if password is not None else generate_password()
    _check_password(password)
    now = clock.now()
    async with in_transaction() as conn:
        await (
            StaffAccount.filter(id=account.id)
            .using_db(conn)
            .update(password_hash=_hasher.hash(password), updated_at=now)
        )
        await audit.record(by, "staff.password_reset", "staff", username, using=conn)
    return password if generated else None


async def reset_totp(username: str, *, court_code: str = DEFAULT_COURT, by: str = "cli") -> str:
    """Enrol a new TOTP secret (a lost phone, or a second factor for a viewer or clerk); the
    old one stops working. Returns the ``otpauth://`` URI, to be shown once."""
    account = await require(username, court_code)
    secret = pyotp.random_base32()
    now = clock.now()
    async with in_transaction() as conn:
        await (
            StaffAccount.filter(id=account.id)
            .using_db(conn)
            .update(totp_secret_enc=vault().encrypt(secret), updated_at=now)
        )
        await audit.record(by, "staff.totp_reset", "staff", username, using=conn)
    return totp_uri(username, secret)


def password_matches(account: StaffAccount | None, password: str) -> bool:
    """Constant work whether or not the account exists."""
    try:
        return _hasher.verify(account.password_hash if account else _DUMMY_HASH, password) and (
            account is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_totp(account: StaffAccount) -> bool:
    return account.totp_secret_enc is not None or account.role in TOTP_REQUIRED


def totp_matches(account: StaffAccount, code: str) -> bool:
    """A code of the current 30-second step or the one either side (clock drift)."""
    if account.totp_secret_enc is None or not (code.isdigit() and len(code) == 6):
        return False
    secret = vault().decrypt(account.totp_secret_enc)
    return pyotp.TOTP(secret).verify(code, for_time=clock.now(), valid_window=1)


async def get_active(account_id: int) -> StaffAccount | None:
    return await StaffAccount.get_or_none(id=account_id, disabled_at=None)


async def all_accounts(court_code: str = DEFAULT_COURT) -> list[StaffAccount]:
    return await StaffAccount.filter(court_code=court_code).order_by("username")
