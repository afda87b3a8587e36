"""Keyed checkpoints of the audit chain's head (pure part)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from gratifikasi.crypto.audit_checkpoint import Checkpoint, CheckpointError, compare, decode, encode

KEY = bytes(range(32))
POINT = Checkpoint(seq=7, head=b"\x01" * 32, at=dt.datetime(2026, 3, 2, 1, 0, 0))


def test_a_line_round_trips_under_its_key():
    assert decode(KEY, encode(KEY, POINT)) == POINT


@pytest.mark.parametrize("field, value", [("seq", 8), ("head", "02" * 32), ("at", "2026-03-03T01:00:00Z")])
def test_any_changed_field_breaks_the_mac(field, value):
    fields = json.loads(encode(KEY, POINT))
    fields[field] = value
    with pytest.raises(CheckpointError, match="MAC"):
        decode(KEY, json.dumps(fields))


def test_another_key_and_garbage_are_refused():
    with pytest.raises(CheckpointError):
        decode(bytes(32), encode(KEY, POINT))
    for line in ("", "[]", '{"v":1}', "not json", '{"v":1,"seq":true,"head":"","mac":"","at":"x"}'):
        with pytest.raises(CheckpointError):
            decode(KEY, line)


def test_compare_names_truncation_and_rewrite():
    assert compare([POINT], 9, {7: POINT.head}).ok
    assert compare([POINT], 6, {}).reason.startswith("truncated")
    assert compare([POINT], 9, {7: b"\x02" * 32}).reason.startswith("rewritten")
