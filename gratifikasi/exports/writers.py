"""Streaming writers: rows in, bytes out, in memory that does not grow with the row count.

* :func:`csv_chunks` writes a few hundred rows into a small buffer, yields it, and starts
  again. Text cells are neutralised against formula injection (:mod:`.safe`).
* :func:`xlsx_chunks` uses XlsxWriter's ``constant_memory`` mode (each row is flushed to a
  temporary file as soon as the next one starts, strings are written inline instead of
  into a shared table held in memory), with formulas and URLs never inferred from text.
  An XLSX file is a zip that can only be finished at the end, so the workbook is
  written to a private temporary directory and then streamed from disk in chunks; the
  directory is removed when the generator ends or is closed.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

import xlsxwriter

from .safe import FORMULA_TRIGGERS, neutralise

CSV_ROWS_PER_CHUNK = 500
FILE_CHUNK_BYTES = 64 * 1024
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

Row = Sequence[object]


def _csv_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return neutralise(value)


def csv_chunks(header: Row, rows: Iterable[Row]) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so Excel reads the Indonesian text right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_text(cell) for cell in header])
    yield "\ufeff".encode() + buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    pending = 0
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
        pending += 1
        if pending == CSV_ROWS_PER_CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue().encode()


def xlsx_chunks(header: Row, rows: Iterable[Row], *, sheet_name: str = "Rekap") -> Iterator[bytes]:
    """An XLSX workbook with one sheet: a bold header row, then the rows."""
    with tempfile.TemporaryDirectory(prefix="gratifikasi-xlsx-") as folder:
        path = os.path.join(folder, "export.xlsx")
        workbook = xlsxwriter.Workbook(path, {**XLSX_OPTIONS, "tmpdir": folder})
        try:
            _write_sheet(workbook, header, rows, sheet_name)
        finally:
            workbook.close()
        with open(path, "rb") as handle:
            while chunk := handle.read(FILE_CHUNK_BYTES):
                yield chunk


def _write_sheet(workbook: xlsxwriter.Workbook, header: Row, rows: Iterable[Row], sheet_name: str) -> None:
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    as_date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # Excel's own "typed with an apostrophe" flag: shown as text, nothing visible added.
    as_text = workbook.add_format({"quote_prefix": True})
    for column, title in enumerate(header):
        sheet.write_string(0, column, str(title), bold)
    sheet.freeze_panes(1, 0)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_string(row_number, column, "ya" if value else "tidak")
            elif isinstance(value, (int, float)):
                sheet.write_number(row_number, column, value)
            elif isinstance(value, (date, datetime)):
                sheet.write_datetime(row_number, column, value, as_date)
            else:
                text = str(value)
                if text.startswith(FORMULA_TRIGGERS):
                    sheet.write_string(row_number, column, text, as_text)
                else:
                    sheet.write_string(row_number, column, text)
