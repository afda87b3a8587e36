"""Exceptions raised by the crypto package.

Why only two classes: callers must not be able to tell (or log, or show) *which*
check failed when decryption goes wrong. A wrong key, a flipped bit, a blob moved
to another row and a truncated blob all look the same from outside.
"""

from __future__ import annotations

from enum import StrEnum


class CryptoError(Exception):
    """Something could not be decrypted, unwrapped or verified.

    The message is deliberately generic. Never add detail about which part failed.
    """

    def __init__(self, message: str = "decryption failed") -> None:
        super().__init__(message)


class CodeProblem(StrEnum):
    """Why a typed code (receipt code, access code, recovery key) was rejected."""

    WRONG_LENGTH = "wrong-length"
    BAD_CHARACTER = "bad-character"
    TYPO_DETECTED = "typo-detected"


class InvalidCodeFormat(ValueError):
    """A code typed by a person is malformed; ``reason`` says how, for the UI.

    This is about the *shape* of the code (length, characters, check character),
    which the user can see anyway, so naming the reason leaks nothing secret.
    """

    def __init__(self, reason: CodeProblem) -> None:
        super().__init__(f"invalid code: {reason.value}")
        self.reason = reason
