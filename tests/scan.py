"""Search every cell of every table for secrets: what a stolen database would reveal."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import MetaData, select

from gratifikasi.extensions import db


def database_hits(needles: Iterable[bytes | str]) -> list[str]:
    """'table.column' for every cell containing any needle (as text or UTF-8 bytes)."""
    wanted = [n.encode() if isinstance(n, str) else n for n in needles]
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    hits = []
    with db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in zip(table.columns, row, strict=True):
                    if value is None:
                        continue
                    raw = bytes(value) if isinstance(value, (bytes, bytearray, memoryview)) else str(value).encode()
                    if any(n in raw for n in wanted):
                        hits.append(f"{table.name}.{column.name}")
    return hits
