"""Flask-side key management: officer keys, rings, session unlocking, the record vault,
identity disclosure and crypto-shredding. The primitives are in gratifikasi.crypto."""

from ..crypto.rings import RingPurpose


class KeyringError(Exception):
    """A refused key operation; the message is Indonesian and can be shown as is."""


class NoAccess(KeyringError):
    """The officer holds no key that opens this record (not a member, or no unlocked key)."""


__all__ = ["KeyringError", "NoAccess", "RingPurpose"]
