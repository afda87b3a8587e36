"""Cryptography for gratifikasi: sealing, field encryption, key rings, officer keys.

Nothing in this package imports Flask or SQLAlchemy, so every primitive can be
tested alone. Modules:

- :mod:`.sealing`        HPKE (ML-KEM-768 + X25519) sealing to a public key
- :mod:`.fields`         per-record data keys and AES-256-GCM column encryption
- :mod:`.kdf`            Argon2id parameters and HKDF
- :mod:`.officer_keys`   officer key pairs wrapped by password and recovery key
- :mod:`.rings`          key rings per purpose, membership and rotation
- :mod:`.receipt_codes`  receipt/access codes for reporters without accounts
- :mod:`.audit_chain`    hash chain for the audit log
- :mod:`.session_keys`   an unlocked private key held in a session row
"""

from .errors import CodeProblem, CryptoError, InvalidCodeFormat

__all__ = ["CodeProblem", "CryptoError", "InvalidCodeFormat"]
