"""Exports for KPK and the UPG: the semester recap as streamed CSV and XLSX.

No Flask here: the row generators take a SQLAlchemy session, the writers take any
iterable of rows and yield bytes, so a view can stream them and a test can measure them.
"""
from .recap import RECAP_HEADER, recap_rows
from .safe import neutralise
from .semester import Semester
from .writers import csv_chunks, xlsx_chunks

__all__ = ["RECAP_HEADER", "Semester", "csv_chunks", "neutralise", "recap_rows", "xlsx_chunks"]
