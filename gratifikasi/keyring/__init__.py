"""Flask-side key management: officer keys, rings, session unlocking, the record vault,
identity disclosure and crypto-shredding. The primitives are in gratifikasi.crypto; feature
services reach them only through this package (the ring purposes and the error a damaged or
misplaced ciphertext raises are re-exported here)."""

from ..crypto.errors import CryptoError
from ..crypto.rings import RingPurpose


class KeyringError(Exception):
    """A refused key operation; the message is Indonesian and can be shown as is."""


class NoAccess(KeyringError):
    """The officer holds no key that opens this record (not a member, or no unlocked key)."""


__all__ = ["CryptoError", "KeyringError", "NoAccess", "RingPurpose"]
