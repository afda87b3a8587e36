"""User-facing text of the pure modules: Indonesian, marked for the catalogue, translated when shown.

The rules, the upload inspector and the other pure modules cannot call Flask-Babel, and
they should not pick a language anyway: the same rule answers a reporter reading English
and an export that must stay Indonesian. So they return the Indonesian text as the
catalogue's msgid, and whoever shows it translates it (``gettext(label)`` in a view,
``_(label)`` in a template, ``translate(message)`` from :mod:`gratifikasi.i18n` for a
:class:`Text`). The English lives once, in ``translations/en/LC_MESSAGES/messages.po``.

* :func:`N_` marks a plain msgid (``scripts/i18n.sh`` extracts it) and returns it unchanged.
* :class:`Text` is a msgid with values for its ``%(name)s`` placeholders (a value may be
  another :class:`Text`, translated with it), and optionally a plural form.
* :class:`Joined` strings several messages together, as a sentence list or a ``;`` list.

A msgid made only of placeholders and punctuation (``"(%(basis)s)"`` around a citation) is
left unmarked on purpose: there is nothing to translate, and gettext hands it back unchanged.

``str()`` of either gives the Indonesian text, which is what logs, exports and the tests of
the rules read. ``render`` takes anything with ``gettext``/``ngettext`` methods: the request's
Flask-Babel translations, a :class:`babel.support.Translations` loaded in a test, or
:class:`gettext.NullTranslations` for Indonesian.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Protocol

__all__ = ["INDONESIAN", "Joined", "Message", "N_", "Text", "Translator", "plural_text"]


def N_(message: str) -> str:
    """Marks a message for the catalogue (scripts/i18n.sh extracts N_); callers translate it."""
    return message


class Translator(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


INDONESIAN: Translator = NullTranslations()  # the msgids are the Indonesian text


@dataclass(frozen=True)
class Text:
    """An Indonesian msgid whose ``%(name)s`` placeholders are filled when it is shown.

    With ``plural`` set, ``values[count_key]`` picks singular or plural (English needs it,
    Indonesian does not): mark both with :func:`plural_text` so the catalogue gets them.
    """

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    count_key: str = "n"

    def render(self, translator: Translator) -> str:
        if self.plural is None:
            template = translator.gettext(self.msgid)
        else:
            count = self.values[self.count_key]
            if not isinstance(count, int):
                raise TypeError(f"{self.count_key!r} picks the plural form, so it must be an int")
            template = translator.ngettext(self.msgid, self.plural, count)
        if not self.values:
            return template
        return template % {key: _rendered(value, translator) for key, value in self.values.items()}

    def __str__(self) -> str:
        return self.render(INDONESIAN)


@dataclass(frozen=True)
class Joined:
    """Several messages shown one after another, ``separator`` between them."""

    parts: tuple[Text | Joined, ...]
    separator: str = ""

    def render(self, translator: Translator) -> str:
        return self.separator.join(part.render(translator) for part in self.parts)

    def __str__(self) -> str:
        return self.render(INDONESIAN)


Message = Text | Joined


def plural_text(singular: str, plural: str, count: int, **values: object) -> Text:
    """A :class:`Text` with a plural form (scripts/i18n.sh extracts ``plural_text:1,2``)."""
    return Text(singular, {"n": count, **values}, plural=plural)


def _rendered(value: object, translator: Translator) -> object:
    return value.render(translator) if isinstance(value, (Text, Joined)) else value
