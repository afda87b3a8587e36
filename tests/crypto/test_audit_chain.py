from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

import pytest

from gratifikasi.crypto.audit_chain import canonical_bytes, entry_hash, verify_chain

WIB = dt.timezone(dt.timedelta(hours=7))


class Action(enum.Enum):
    READ_IDENTITY = "read-identity"


def make_log(count: int) -> list[tuple[int, dict, bytes]]:
    """A valid chain of ``count`` entries, as rows (id, entry, stored hash)."""
    rows = []
    prev = None
    for seq in range(1, count + 1):
        entry = {
            "seq": seq,
            "actor": f"officer:{seq % 3}",
            "action": "case.view",
            "object": f"complaint:{100 + seq}",
            "at": dt.datetime(2024, 5, 1, 8, 0, seq, tzinfo=dt.timezone.utc),
        }
        prev = entry_hash(prev, entry)
        rows.append((1000 + seq, entry, prev))
    return rows


def test_canonical_bytes_are_sorted_compact_utf8() -> None:
    entry = {"b": 1, "a": "Pengaduan ä", "c": None, "d": True, "e": [1, "x"]}
    assert canonical_bytes(entry) == '{"a":"Pengaduan ä","b":1,"c":null,"d":true,"e":[1,"x"]}'.encode()
    assert canonical_bytes({"a": 1, "b": 2}) == canonical_bytes({"b": 2, "a": 1})


def test_datetimes_are_iso_utc_with_fixed_precision() -> None:
    aware = dt.datetime(2024, 5, 1, 15, 30, tzinfo=WIB)
    naive_utc = dt.datetime(2024, 5, 1, 8, 30)
    assert canonical_bytes({"t": aware}) == b'{"t":"2024-05-01T08:30:00.000000Z"}'
    # Written aware, read back naive from SQLite: same bytes, same hash.
    assert canonical_bytes({"t": aware}) == canonical_bytes({"t": naive_utc})
    assert canonical_bytes({"d": dt.date(2024, 5, 1)}) == b'{"d":"2024-05-01"}'


def test_enums_and_uuids_become_strings() -> None:
    uid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert canonical_bytes({"a": Action.READ_IDENTITY, "u": uid}) == (
        b'{"a":"read-identity","u":"12345678-1234-5678-1234-567812345678"}'
    )


@pytest.mark.parametrize("value", [1.5, Decimal("1.0"), b"raw", {1: "x"}, object()])
def test_ambiguous_values_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        canonical_bytes({"v": value})


def test_entry_hash_depends_on_previous_hash_and_content() -> None:
    entry = {"seq": 1, "action": "x"}
    first = entry_hash(None, entry)
    assert len(first) == 32
    assert entry_hash(first, entry) != first
    assert entry_hash(None, {"seq": 1, "action": "y"}) != first
    with pytest.raises(ValueError):
        entry_hash(b"short", entry)


def test_intact_chain_verifies() -> None:
    result = verify_chain(make_log(20))
    assert result.ok and result.first_broken_id is None and result.checked == 20


def test_empty_chain_verifies() -> None:
    assert verify_chain([]).ok


def test_edited_entry_is_named() -> None:
    rows = make_log(10)
    row_id, entry, stored = rows[4]
    rows[4] = (row_id, {**entry, "actor": "officer:999"}, stored)
    result = verify_chain(rows)
    assert not result.ok
    assert result.first_broken_id == row_id
    assert result.reason == "hash mismatch"
    assert result.checked == 4


def test_edit_with_recomputed_hash_breaks_the_next_link() -> None:
    rows = make_log(10)
    row_id, entry, _ = rows[4]
    edited = {**entry, "object": "complaint:1"}
    rows[4] = (row_id, edited, entry_hash(rows[3][2], edited))
    result = verify_chain(rows)
    assert not result.ok and result.first_broken_id == rows[5][0]


def test_deleted_entry_is_detected() -> None:
    rows = make_log(10)
    del rows[6]
    result = verify_chain(rows)
    assert not result.ok
    assert result.first_broken_id == rows[6][0]
    assert result.reason == "sequence gap (rows deleted or moved)"


def test_deleted_and_renumbered_entry_is_detected() -> None:
    rows = make_log(10)
    del rows[6]
    rows = [
        (row_id, {**entry, "seq": index + 1}, stored)
        for index, (row_id, entry, stored) in enumerate(rows)
    ]
    result = verify_chain(rows)
    assert not result.ok and result.first_broken_id == rows[6][0]


def test_reordered_entries_are_detected() -> None:
    rows = make_log(10)
    rows[3], rows[4] = rows[4], rows[3]
    result = verify_chain(rows)
    assert not result.ok
    assert result.first_broken_id == rows[3][0]  # seq 5 where 4 was due
    assert result.reason == "sequence gap (rows deleted or moved)"
    rows = make_log(10)
    rows.insert(5, rows[2])  # a replayed row
    result = verify_chain(rows)
    assert not result.ok and result.reason.startswith("sequence out of order") and result.first_broken_id == rows[5][0]


def test_entry_without_sequence_number_is_reported() -> None:
    rows = make_log(3)
    row_id, entry, stored = rows[1]
    rows[1] = (row_id, {k: v for k, v in entry.items() if k != "seq"}, stored)
    result = verify_chain(rows)
    assert not result.ok and result.first_broken_id == row_id


def test_truncated_tail_is_caught_with_recorded_head() -> None:
    rows = make_log(10)
    head = rows[-1][2]
    assert verify_chain(rows, expected_last_hash=head).ok
    result = verify_chain(rows[:-2], expected_last_hash=head)
    assert not result.ok and result.first_broken_id == rows[7][0]


def test_stored_hash_may_come_back_as_memoryview() -> None:
    rows = [(i, e, memoryview(h)) for i, e, h in make_log(3)]
    assert verify_chain(rows).ok  # type: ignore[arg-type]
