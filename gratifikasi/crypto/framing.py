"""Unambiguous byte encodings shared by the crypto modules.

Why: associated data, HPKE ``info`` strings and hash inputs are built from several
parts. Plain concatenation is ambiguous (``"ab" + "c" == "a" + "bc"``), so every
part is written with a 4-byte big-endian length in front of it.
"""

from __future__ import annotations

import struct

_MAX_PART = 0xFFFFFFFF


def to_bytes(part: bytes | str | int) -> bytes:
    """Encode one context part: str as UTF-8, int as signed decimal text, bytes as is."""
    if isinstance(part, bool):
        # bool is an int subclass; True would silently become "1".
        raise TypeError("booleans are not valid context parts")
    if isinstance(part, bytes):
        return part
    if isinstance(part, str):
        return part.encode("utf-8")
    if isinstance(part, int):
        return str(part).encode("ascii")
    raise TypeError(f"unsupported context part type: {type(part).__name__}")


def length_prefixed(*parts: bytes | str | int) -> bytes:
    """Join parts so that no two different part lists give the same bytes."""
    out = bytearray()
    for part in parts:
        data = to_bytes(part)
        if len(data) > _MAX_PART:
            raise ValueError("context part too long")
        out += struct.pack(">I", len(data))
        out += data
    return bytes(out)
