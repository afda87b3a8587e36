"""The English catalogue as the pages use it, for tests of the pure rules (no Flask app).

Loaded from the compiled ``messages.mo``: a msgid missing there comes back Indonesian, so an
English assertion fails when the catalogue entry is missing.
"""
from __future__ import annotations

from pathlib import Path

from babel.support import Translations

import gratifikasi
from gratifikasi.rules.text import Joined, Text

CATALOGUE_DIR = Path(gratifikasi.__file__).parent / "translations"
ENGLISH = Translations.load(str(CATALOGUE_DIR), ["en"])


def english(message: str | Text | Joined) -> str:
    """What an English visitor reads for a msgid or a message."""
    return ENGLISH.gettext(message) if isinstance(message, str) else message.render(ENGLISH)
