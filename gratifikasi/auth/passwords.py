"""Password hashing (Argon2id) and the password policy. No Flask imports."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..rules.text import N_

# argon2-cffi's defaults are RFC 9106's second recommended option (Argon2id, t=3, 64 MiB, p=4).
_production_hasher = PasswordHasher()
# Tests swap this in through config (PASSWORD_HASH_FAST) so the suite stays quick.
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

# A hash of a throwaway password, verified against when the user name is unknown so both
# cases take the same time and the response reveals nothing.
_DUMMY_PASSWORD = "dummy-password-for-timing"


def hasher(fast: bool = False) -> PasswordHasher:
    return _fast_hasher if fast else _production_hasher


def hash_password(password: str, *, fast: bool = False) -> str:
    return hasher(fast).hash(password)


def verify_password(stored_hash: str | None, password: str, *, fast: bool = False) -> bool:
    ph = hasher(fast)
    if stored_hash is None:
        ph.verify(_dummy_hash(fast), _DUMMY_PASSWORD)
        return False
    try:
        return ph.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=2)
def _dummy_hash(fast: bool) -> str:
    return hasher(fast).hash(_DUMMY_PASSWORD)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


Problem = tuple[str, dict[str, int]]


def password_problems(
    password: str, *, username: str = "", min_length: int = 12, max_length: int = 128
) -> list[Problem]:
    """Each rule the password breaks, as (Indonesian message template, parameters)."""
    problems: list[Problem] = []
    if len(password) < min_length:
        problems.append((N_("Kata sandi minimal %(n)d karakter."), {"n": min_length}))
    if len(password) > max_length:
        problems.append((N_("Kata sandi maksimal %(n)d karakter."), {"n": max_length}))
    folded = password.casefold()
    if folded in common_passwords() or _is_repetitive(folded):
        problems.append((N_("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain."), {}))
    if username and username.casefold() in folded:
        problems.append((N_("Kata sandi tidak boleh memuat nama pengguna."), {}))
    return problems


def describe(problems: list[Problem]) -> str:
    """Problems as one Indonesian sentence (for the CLI)."""
    return " ".join(text % params if params else text for text, params in problems)


def _is_repetitive(password: str) -> bool:
    # "aaaaaaaaaaaa" or "abcabcabcabc": a short unit repeated is as weak as a listed one.
    for unit in range(1, 5):
        if len(password) >= unit * 3 and password == (password[:unit] * (len(password) // unit + 1))[: len(password)]:
            return True
    return False
