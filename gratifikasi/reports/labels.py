"""Bilingual labels of the report's categories, picked by the visitor's language.

The category texts live beside their enums as (Indonesian, English) pairs, so the
catalogue does not need to repeat them.
"""
from __future__ import annotations

from flask_babel import get_locale

from ..rules.report_fields import HUBUNGAN_LABELS, PERISTIWA_LABELS

__all__ = ["HUBUNGAN_LABELS", "PERISTIWA_LABELS", "english", "label"]


def english() -> bool:
    return str(get_locale() or "id") == "en"


def label(pair: tuple[str, str]) -> str:
    """The Indonesian or English text of a (id, en) pair for the current request."""
    return pair[1] if english() else pair[0]
