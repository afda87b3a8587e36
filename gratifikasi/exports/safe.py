"""Formula-injection guard for spreadsheet cells (CSV opened in Excel or LibreOffice).

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be
run as a formula (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``, ``@SUM(1)``). Prefixing a
single quote makes the spreadsheet show it as text. Numbers are left alone: they are
written as numbers, never as text.
"""
from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The value to write: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
