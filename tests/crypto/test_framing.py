from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gratifikasi.crypto.framing import length_prefixed


def test_known_encoding() -> None:
    assert length_prefixed(b"ab", "c", 12) == b"\x00\x00\x00\x02ab\x00\x00\x00\x01c\x00\x00\x00\x0212"


def test_split_point_matters() -> None:
    assert length_prefixed("ab", "c") != length_prefixed("a", "bc")
    assert length_prefixed("", "a") != length_prefixed("a", "")
    assert length_prefixed("a") != length_prefixed("a", "")


def test_booleans_are_refused() -> None:
    with pytest.raises(TypeError):
        length_prefixed(True)


@given(st.lists(st.binary(max_size=8), max_size=5), st.lists(st.binary(max_size=8), max_size=5))
def test_property_injective(a: list[bytes], b: list[bytes]) -> None:
    if a != b:
        assert length_prefixed(*a) != length_prefixed(*b)
