"""HPKE (RFC 9180) base-mode sealing to a public key.

Used for everything that must be opened by the holder of a private key: data keys
sealed to a key ring, ring keys sealed to officers.

Key encoding (what goes into DB columns): ``suite id (1 byte) || raw key``.
- suite 1, ML-KEM-768 + X25519 hybrid: private = ML-KEM seed (64) || X25519 (32);
  public = ML-KEM encapsulation key (1184) || X25519 (32).
- suite 2, X25519 only: private = 32 bytes, public = 32 bytes.

Blob encoding: ``format version (1 byte) || suite id (1 byte) || HPKE enc || ct``.
The version and suite lead the blob so the default suite can change later while
old blobs still open.

Why ``aad`` goes into the HPKE ``info``: the single-shot HPKE API in
``cryptography`` takes only ``info``. ``info`` feeds the HPKE key schedule, so a
different ``aad`` derives a different AEAD key and opening fails exactly as a
wrong AEAD associated data would. Info, aad, format version and suite id are
length-prefixed together, so none of them can be shifted into another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

from .errors import CryptoError
from .framing import length_prefixed

FORMAT_VERSION = 1
_DOMAIN = b"gratifikasi/seal"

_MLKEM_SEED = 64
_MLKEM_PUBLIC = 1184
_X25519 = 32

# Union types accepted by hpke.Suite for the two suites we use.
_PrivateKey = hpke.MLKEM768X25519PrivateKey | x25519.X25519PrivateKey
_PublicKey = hpke.MLKEM768X25519PublicKey | x25519.X25519PublicKey


@dataclass(frozen=True)
class KeyPair:
    """A serialised key pair. ``private`` must never be stored unwrapped."""

    private: bytes = field(repr=False)
    public: bytes


@dataclass(frozen=True)
class SealingSuite:
    """One HPKE suite together with how its keys are (de)serialised."""

    id: int
    name: str
    hpke_suite: hpke.Suite = field(repr=False, compare=False)
    private_len: int
    public_len: int
    _generate: Callable[[], tuple[bytes, bytes]] = field(repr=False, compare=False)
    _load_private: Callable[[bytes], _PrivateKey] = field(repr=False, compare=False)
    _load_public: Callable[[bytes], _PublicKey] = field(repr=False, compare=False)
    _public_of: Callable[[bytes], bytes] = field(repr=False, compare=False)


# --- ML-KEM-768 + X25519 -------------------------------------------------------


def _hybrid_generate() -> tuple[bytes, bytes]:
    kem = mlkem.MLKEM768PrivateKey.generate()
    dh = x25519.X25519PrivateKey.generate()
    private = kem.private_bytes_raw() + dh.private_bytes_raw()
    public = kem.public_key().public_bytes_raw() + dh.public_key().public_bytes_raw()
    return private, public


def _hybrid_private(raw: bytes) -> hpke.MLKEM768X25519PrivateKey:
    kem = mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:_MLKEM_SEED])
    dh = x25519.X25519PrivateKey.from_private_bytes(raw[_MLKEM_SEED:])
    return hpke.MLKEM768X25519PrivateKey(kem, dh)


def _hybrid_public(raw: bytes) -> hpke.MLKEM768X25519PublicKey:
    kem = mlkem.MLKEM768PublicKey.from_public_bytes(raw[:_MLKEM_PUBLIC])
    dh = x25519.X25519PublicKey.from_public_bytes(raw[_MLKEM_PUBLIC:])
    return hpke.MLKEM768X25519PublicKey(kem, dh)


def _hybrid_public_of(raw_private: bytes) -> bytes:
    # The combined hpke key object exposes no bytes, so derive from the parts.
    kem = mlkem.MLKEM768PrivateKey.from_seed_bytes(raw_private[:_MLKEM_SEED])
    dh = x25519.X25519PrivateKey.from_private_bytes(raw_private[_MLKEM_SEED:])
    return kem.public_key().public_bytes_raw() + dh.public_key().public_bytes_raw()


# --- X25519 only ---------------------------------------------------------------


def _x25519_generate() -> tuple[bytes, bytes]:
    dh = x25519.X25519PrivateKey.generate()
    return dh.private_bytes_raw(), dh.public_key().public_bytes_raw()


def _x25519_public_of(raw_private: bytes) -> bytes:
    return x25519.X25519PrivateKey.from_private_bytes(raw_private).public_key().public_bytes_raw()


MLKEM768_X25519 = SealingSuite(
    id=1,
    name="MLKEM768_X25519/HKDF_SHA256/AES_256_GCM",
    hpke_suite=hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM),
    private_len=_MLKEM_SEED + _X25519,
    public_len=_MLKEM_PUBLIC + _X25519,
    _generate=_hybrid_generate,
    _load_private=_hybrid_private,
    _load_public=_hybrid_public,
    _public_of=_hybrid_public_of,
)

X25519 = SealingSuite(
    id=2,
    name="X25519/HKDF_SHA256/AES_256_GCM",
    hpke_suite=hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM),
    private_len=_X25519,
    public_len=_X25519,
    _generate=_x25519_generate,
    _load_private=x25519.X25519PrivateKey.from_private_bytes,
    _load_public=x25519.X25519PublicKey.from_public_bytes,
    _public_of=_x25519_public_of,
)

# Post-quantum hybrid by default: threat T4 (harvest now, decrypt later).
DEFAULT = MLKEM768_X25519
SUITES: dict[int, SealingSuite] = {s.id: s for s in (MLKEM768_X25519, X25519)}


def _split_key(key: bytes, *, private: bool) -> tuple[SealingSuite, bytes]:
    """Return the suite named by a serialised key's first byte and the raw key."""
    if not isinstance(key, bytes) or len(key) < 1 or key[0] not in SUITES:
        raise CryptoError("invalid key")
    suite = SUITES[key[0]]
    raw = key[1:]
    if len(raw) != (suite.private_len if private else suite.public_len):
        raise CryptoError("invalid key")
    return suite, raw


def suite_of_key(key: bytes, *, private: bool) -> SealingSuite:
    """Which suite a serialised public or private key belongs to."""
    return _split_key(key, private=private)[0]


@dataclass(frozen=True)
class LoadedPrivateKey:
    """A parsed private key, for opening many blobs with one key.

    Parsing is not free (the hybrid key is re-expanded from its ML-KEM seed,
    about as costly as one open), so bulk work such as a ring rotation should
    load once with :func:`load_private_key` and pass this object instead of bytes.
    """

    suite: SealingSuite
    key: _PrivateKey = field(repr=False, compare=False)


@dataclass(frozen=True)
class LoadedPublicKey:
    """A parsed public key, for sealing many values to one recipient."""

    suite: SealingSuite
    key: _PublicKey = field(repr=False, compare=False)


def _parse(key: bytes, *, private: bool) -> tuple[SealingSuite, Any]:
    suite, raw = _split_key(key, private=private)
    loader = suite._load_private if private else suite._load_public
    try:
        return suite, loader(raw)
    except ValueError:
        raise CryptoError("invalid key") from None


def load_private_key(private_key: bytes | LoadedPrivateKey) -> LoadedPrivateKey:
    """Parse a serialised private key once; malformed keys raise :class:`CryptoError`."""
    if isinstance(private_key, LoadedPrivateKey):
        return private_key
    return LoadedPrivateKey(*_parse(private_key, private=True))


def load_public_key(public_key: bytes | LoadedPublicKey) -> LoadedPublicKey:
    """Parse a serialised public key once; malformed keys raise :class:`CryptoError`."""
    if isinstance(public_key, LoadedPublicKey):
        return public_key
    return LoadedPublicKey(*_parse(public_key, private=False))


def generate_keypair(suite: SealingSuite = DEFAULT) -> KeyPair:
    """Create a fresh key pair for ``suite``, serialised for storage."""
    private, public = suite._generate()
    prefix = bytes([suite.id])
    return KeyPair(private=prefix + private, public=prefix + public)


def public_key_from_private(private_key: bytes) -> bytes:
    """Recompute the serialised public key that belongs to a private key."""
    suite, raw = _split_key(private_key, private=True)
    return bytes([suite.id]) + suite._public_of(raw)


def _hpke_info(suite: SealingSuite, info: bytes, aad: bytes) -> bytes:
    return length_prefixed(_DOMAIN, bytes([FORMAT_VERSION, suite.id]), info, aad)


def seal(
    public_key: bytes | LoadedPublicKey, plaintext: bytes, *, info: bytes, aad: bytes = b""
) -> bytes:
    """Encrypt ``plaintext`` so that only the holder of the private key can read it.

    ``info`` names the purpose/context; ``aad`` is extra context that must match
    on opening. Both are bound into the HPKE key schedule, neither is stored.
    """
    recipient = load_public_key(public_key)
    suite = recipient.suite
    body = suite.hpke_suite.encrypt(plaintext, recipient.key, info=_hpke_info(suite, info, aad))
    return bytes([FORMAT_VERSION, suite.id]) + body


def open_sealed(
    private_key: bytes | LoadedPrivateKey, blob: bytes, *, info: bytes, aad: bytes = b""
) -> bytes:
    """Decrypt a blob made by :func:`seal`; any mismatch raises :class:`CryptoError`."""
    recipient = load_private_key(private_key)
    suite = recipient.suite
    if isinstance(blob, (bytearray, memoryview)):
        blob = bytes(blob)  # database drivers may hand back either
    if not isinstance(blob, bytes) or len(blob) < 2:
        raise CryptoError()
    if blob[0] != FORMAT_VERSION or blob[1] != suite.id:
        # A blob for another suite can never open with this key.
        raise CryptoError()
    try:
        return suite.hpke_suite.decrypt(blob[2:], recipient.key, info=_hpke_info(suite, info, aad))
    except (InvalidTag, ValueError):
        raise CryptoError() from None
