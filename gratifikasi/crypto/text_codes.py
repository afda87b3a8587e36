"""Human-typed codes: an unambiguous 31-symbol alphabet with a mod-31 check character.

Used by receipt/access codes and by officers' recovery keys.

Alphabet: digits 2-9 and the letters A-Z without I, L and O (and without the
digits 0 and 1), so no pair of symbols is easily confused. That leaves 31
symbols; 31 is prime, which is what makes the check character work.

Check character (a weighted mod-31 sum, in the style of the ISO 7064 "pure"
systems): reading from the right, the check character has position 0 and weight 1,
the data character at position k has weight 3**k mod 31, and a valid code has

    sum(weight_k * value_k) == 0  (mod 31).

- A single substitution at position k changes the sum by weight_k * (new - old).
  Both factors are non-zero mod 31 and 31 is prime, so the product is non-zero.
- Swapping different neighbours at positions k, k+1 changes the sum by
  (a - b) * 3**k * (1 - 3), again a product of non-zero factors mod 31.
Because 3 is a primitive root mod 31, the first 30 weights are all distinct, so
codes of up to 30 symbols also catch swaps of characters two apart.
"""

from __future__ import annotations

import math
import secrets

from .errors import CodeProblem, InvalidCodeFormat

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_RADIX = 3  # a primitive root modulo 31
# 3 has order 30 mod 31, so weight(k) = 3**(k mod 30): a table of 30 covers any length.
_WEIGHTS = [pow(_RADIX, k, 31) for k in range(30)]
GROUP_SIZE = 4
_SEPARATORS = str.maketrans("", "", " -\t\r\n")

if BASE != 31:  # the check-character proof above needs this prime alphabet size
    raise RuntimeError("text code alphabet must have 31 symbols")


def bits_of_entropy(symbols: int) -> float:
    """Entropy in bits of ``symbols`` independent uniformly random symbols."""
    return symbols * math.log2(BASE)


def random_symbols(count: int) -> str:
    """``count`` symbols drawn uniformly with the OS CSPRNG."""
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def weight(position: int) -> int:
    """Weight of the symbol ``position`` places left of the check character (which is 0)."""
    return _WEIGHTS[position % len(_WEIGHTS)]


def _weighted_sum(symbols: str, first_position: int) -> int:
    total = 0
    position = first_position + len(symbols) - 1
    for symbol in symbols:
        total += weight(position) * _VALUE[symbol]
        position -= 1
    return total % BASE


def check_symbol(data: str) -> str:
    """The check character to append to ``data`` (symbols from :data:`ALPHABET`)."""
    return ALPHABET[(-_weighted_sum(data, first_position=1)) % BASE]


def is_valid(code: str) -> bool:
    """True if the last symbol of ``code`` is the right check character for the rest."""
    return _weighted_sum(code, first_position=0) == 0


def with_check(data: str) -> str:
    """Append the check character."""
    return data + check_symbol(data)


def group(code: str, size: int = GROUP_SIZE) -> str:
    """Split into dash-separated groups for display and copying."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def normalise(text: str, *, length: int) -> str:
    """Uppercase, drop spaces and dashes, and check length, symbols and check character.

    Raises :class:`InvalidCodeFormat` naming what is wrong.
    """
    compact = text.translate(_SEPARATORS)
    if not compact.isascii():
        # Checked before upper(), which maps e.g. "ß" to "SS".
        raise InvalidCodeFormat(CodeProblem.BAD_CHARACTER)
    compact = compact.upper()
    if len(compact) != length:
        raise InvalidCodeFormat(CodeProblem.WRONG_LENGTH)
    if any(symbol not in _VALUE for symbol in compact):
        raise InvalidCodeFormat(CodeProblem.BAD_CHARACTER)
    if not is_valid(compact):
        raise InvalidCodeFormat(CodeProblem.TYPO_DETECTED)
    return compact
