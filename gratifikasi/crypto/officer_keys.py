"""Officer key pairs, wrapped under the password and under a recovery key.

At enrolment an officer gets an HPKE key pair. The private key is stored twice:

- wrapped under Argon2id(password): ``version || b"P" || Argon2 params (12) ||
  salt (16) || nonce (12) || AES-256-GCM ciphertext+tag``. The parameters travel
  with the blob, so production costs can be raised later (see :func:`needs_rewrap`).
- wrapped under a random recovery key shown once: ``version || b"R" || salt (16)
  || nonce || ciphertext+tag``, key = HKDF-SHA256(recovery key). The recovery key
  has ~134 bits of entropy, so a slow hash is not needed.

Changing the password re-wraps the same private key; nothing else is re-encrypted.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import symmetric, text_codes
from .errors import CryptoError
from .kdf import ENCODED_PARAMS_BYTES, MIN_SALT_BYTES, Argon2Params, derive_key, hkdf, new_salt
from .sealing import DEFAULT, SealingSuite, generate_keypair, suite_of_key

FORMAT_VERSION = 1
_PASSWORD_KIND = b"P"
_RECOVERY_KIND = b"R"
_PASSWORD_CONTEXT = b"gratifikasi/officer-key/password"
_RECOVERY_CONTEXT = b"gratifikasi/officer-key/recovery"
_RECOVERY_HKDF_INFO = b"gratifikasi/officer-key/recovery-kek/v1"

RECOVERY_RANDOM_SYMBOLS = 27  # ~133.8 bits
RECOVERY_SYMBOLS = RECOVERY_RANDOM_SYMBOLS + 1  # + check character

_PASSWORD_PREFIX = bytes([FORMAT_VERSION]) + _PASSWORD_KIND
_RECOVERY_PREFIX = bytes([FORMAT_VERSION]) + _RECOVERY_KIND
_PASSWORD_HEADER_BYTES = 2 + ENCODED_PARAMS_BYTES + MIN_SALT_BYTES
_RECOVERY_HEADER_BYTES = 2 + MIN_SALT_BYTES


@dataclass(frozen=True)
class OfficerKeyMaterial:
    """What enrolment produces.

    Store ``public_key``, ``password_wrapped`` and ``recovery_wrapped``. Show
    ``recovery_key_text`` once and never store it. ``private_key`` is returned so
    the new officer can be logged in without a second Argon2 run; keep it in
    memory only.
    """

    public_key: bytes
    password_wrapped: bytes
    recovery_wrapped: bytes
    recovery_key_text: str = field(repr=False)
    private_key: bytes = field(repr=False)


def _password_bytes(password: str) -> bytes:
    # NFC so the same password typed on different keyboards/OSes gives one key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _checked_private_key(private_key: bytes) -> bytes:
    suite_of_key(private_key, private=True)  # raises CryptoError if malformed
    return private_key


def wrap_with_password(private_key: bytes, password: str, params: Argon2Params) -> bytes:
    """Wrap ``private_key`` under a key derived from ``password`` with Argon2id."""
    salt = new_salt()
    header = _PASSWORD_PREFIX + params.encode() + salt
    key = derive_key(_password_bytes(password), salt, params)
    return symmetric.encrypt(key, private_key, header=header, context=_PASSWORD_CONTEXT)


def _split_password_blob(wrapped: bytes) -> tuple[bytes, Argon2Params, bytes]:
    header = wrapped[:_PASSWORD_HEADER_BYTES]
    if len(header) != _PASSWORD_HEADER_BYTES or header[:2] != _PASSWORD_PREFIX:
        raise CryptoError()
    try:
        params = Argon2Params.decode(header[2 : 2 + ENCODED_PARAMS_BYTES])
    except ValueError:
        raise CryptoError() from None
    return header, params, header[2 + ENCODED_PARAMS_BYTES :]


def wrapped_params(wrapped: bytes) -> Argon2Params:
    """The Argon2id parameters a password-wrapped blob was made with."""
    return _split_password_blob(wrapped)[1]


def needs_rewrap(wrapped: bytes, params: Argon2Params) -> bool:
    """True if the blob was made with weaker parameters than ``params``.

    Call after a successful login and re-wrap with :func:`rewrap_for_new_password`
    (same password) when it says so.
    """
    return wrapped_params(wrapped).weaker_than(params)


def unlock_with_password(wrapped: bytes, password: str) -> bytes:
    """Unwrap the private key; a wrong password raises :class:`CryptoError`."""
    header, params, salt = _split_password_blob(wrapped)
    key = derive_key(_password_bytes(password), salt, params)
    return _checked_private_key(
        symmetric.decrypt(key, wrapped, header=header, context=_PASSWORD_CONTEXT)
    )


def rewrap_for_new_password(private_key: bytes, new_password: str, params: Argon2Params) -> bytes:
    """New password-wrapped blob for the same private key (fresh salt and nonce)."""
    return wrap_with_password(_checked_private_key(private_key), new_password, params)


def _recovery_kek(recovery_symbols: str, salt: bytes) -> bytes:
    return hkdf(recovery_symbols.encode("ascii"), salt=salt, info=_RECOVERY_HKDF_INFO)


def wrap_with_recovery_key(private_key: bytes, recovery_key_text: str) -> bytes:
    """Wrap ``private_key`` under a recovery key (as made by :func:`new_recovery_key`)."""
    symbols = text_codes.normalise(recovery_key_text, length=RECOVERY_SYMBOLS)
    salt = new_salt()
    header = _RECOVERY_PREFIX + salt
    return symmetric.encrypt(
        _recovery_kek(symbols, salt), private_key, header=header, context=_RECOVERY_CONTEXT
    )


def new_recovery_key() -> str:
    """A fresh recovery key formatted for display, e.g. ``ABCD-EFGH-...`` (7 groups)."""
    symbols = text_codes.random_symbols(RECOVERY_RANDOM_SYMBOLS)
    return text_codes.group(text_codes.with_check(symbols))


def unlock_with_recovery(wrapped: bytes, recovery_key_text: str) -> bytes:
    """Unwrap with the recovery key; spaces, dashes and case are ignored.

    A typo caught by the check character raises
    :class:`~gratifikasi.crypto.errors.InvalidCodeFormat`; a well-formed but
    wrong key raises :class:`CryptoError`.
    """
    symbols = text_codes.normalise(recovery_key_text, length=RECOVERY_SYMBOLS)
    header = wrapped[:_RECOVERY_HEADER_BYTES]
    if len(header) != _RECOVERY_HEADER_BYTES or header[:2] != _RECOVERY_PREFIX:
        raise CryptoError()
    kek = _recovery_kek(symbols, header[2:])
    return _checked_private_key(
        symmetric.decrypt(kek, wrapped, header=header, context=_RECOVERY_CONTEXT)
    )


def enrol(password: str, params: Argon2Params, suite: SealingSuite = DEFAULT) -> OfficerKeyMaterial:
    """Create an officer's key pair and both wrapped copies of its private key."""
    keypair = generate_keypair(suite)
    recovery_key_text = new_recovery_key()
    return OfficerKeyMaterial(
        public_key=keypair.public,
        password_wrapped=wrap_with_password(keypair.private, password, params),
        recovery_wrapped=wrap_with_recovery_key(keypair.private, recovery_key_text),
        recovery_key_text=recovery_key_text,
        private_key=keypair.private,
    )
