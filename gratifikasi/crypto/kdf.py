"""Key derivation: Argon2id for passwords, HKDF-SHA256 for high-entropy secrets.

Argon2id is only for low-entropy secrets typed by people (officer passwords).
HKDF is for secrets that already carry >= 100 bits of entropy (receipt codes,
recovery keys), where a slow hash adds nothing but latency.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
MIN_SALT_BYTES = 16

# Upper bounds stop a tampered stored blob from asking for absurd work (DoS).
_MAX_TIME_COST = 64
_MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB
_MAX_PARALLELISM = 64
_PARAMS_FORMAT = ">III"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters, stored next to each derived-key blob.

    Storing them lets the production parameters rise later: old blobs still open
    with the parameters they were made with and are re-wrapped on next login.
    """

    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        if not 1 <= self.parallelism <= _MAX_PARALLELISM:
            raise ValueError("parallelism out of range")
        if not 1 <= self.time_cost <= _MAX_TIME_COST:
            raise ValueError("time_cost out of range")
        # Argon2 itself requires at least 8 KiB per lane.
        if not 8 * self.parallelism <= self.memory_kib <= _MAX_MEMORY_KIB:
            raise ValueError("memory_kib out of range")

    def encode(self) -> bytes:
        """Fixed 12-byte encoding for storage inside wrapped-key blobs."""
        return struct.pack(_PARAMS_FORMAT, self.time_cost, self.memory_kib, self.parallelism)

    @classmethod
    def decode(cls, data: bytes) -> Argon2Params:
        """Inverse of :meth:`encode`; raises ValueError on bad input."""
        if len(data) != ENCODED_PARAMS_BYTES:
            raise ValueError("bad Argon2 parameter encoding")
        return cls(*struct.unpack(_PARAMS_FORMAT, data))

    def weaker_than(self, other: Argon2Params) -> bool:
        """True if any cost of ``self`` is below the matching cost of ``other``."""
        return (
            self.time_cost < other.time_cost
            or self.memory_kib < other.memory_kib
            or self.parallelism < other.parallelism
        )


ENCODED_PARAMS_BYTES = struct.calcsize(_PARAMS_FORMAT)

# RFC 9106 section 4, second recommended option: t=3, m=64 MiB, p=4.
PRODUCTION = Argon2Params(time_cost=3, memory_kib=64 * 1024, parallelism=4)
# Only for tests: keeps the suite fast. Never use for real passwords.
FAST_FOR_TESTS = Argon2Params(time_cost=1, memory_kib=64, parallelism=1)


def derive_key(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    """Derive a 32-byte key from a low-entropy secret with Argon2id."""
    if len(salt) < MIN_SALT_BYTES:
        raise ValueError("salt must be at least 16 bytes")
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def hkdf(secret: bytes, *, salt: bytes, info: bytes, length: int = KEY_BYTES) -> bytes:
    """HKDF-SHA256 (RFC 5869) for secrets that are already high-entropy."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(secret)


def new_salt() -> bytes:
    """16 random bytes, enough for both Argon2id and HKDF salts."""
    return os.urandom(MIN_SALT_BYTES)
