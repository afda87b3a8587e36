"""Language (Bahasa Indonesia first, English second) and Indonesian number/date formats."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, get_translations, gettext

from .extensions import babel
from .rules.text import Joined, Text

LANGUAGE_COOKIE = "bahasa"


def select_locale() -> str:
    # Indonesian unless the visitor chose English with the switch; the browser's
    # Accept-Language is ignored on purpose so every officer sees the same default. Outside a
    # request (the CLI, the workers) there is no visitor: the default language.
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen is not None and chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def rupiah(value: int | float | Decimal | None) -> str:
    """Rp1.500.000 in Indonesian style whatever the interface language."""
    if value is None:
        return "–"
    return "Rp" + format_decimal(value, format="#,##0", locale="id_ID")


def long_date(value: date | datetime, locale: str = "id") -> str:
    """The one date style: 17 Agustus 2026. A stored time (naive UTC) is shown in WIB:
    1 Januari 2027 pukul 03.30 WIB (English: 1 January 2027, 03:30 WIB)."""
    english = locale.startswith("en")
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
        pattern = "d MMMM y, HH:mm" if english else "d MMMM y 'pukul' HH.mm"
        return format_datetime(aware, pattern, tzinfo=ZoneInfo("Asia/Jakarta"), locale=locale) + " WIB"
    return format_date(value, "d MMMM y", locale=locale)


def tanggal(value: date | datetime | None, style: str = "long") -> str:
    """The ``tanggal`` filter: :func:`long_date` in the visitor's language. ``"full"`` adds
    the weekday (the calendar needs it); any other style gives the one long style."""
    if value is None:
        return "–"
    locale = str(get_locale() or "id")
    text = long_date(value, locale)
    if style == "full":
        return format_date(value, "EEEE", locale=locale) + ", " + text
    return text


def translate(message: str | Text | Joined) -> str:
    """Text from the pure modules in the visitor's language: a msgid (``N_``) or a message.

    The rules return Indonesian msgids and :class:`~gratifikasi.rules.text.Text` messages so
    they stay free of Flask; this is where the catalogue is applied (also the ``translate``
    template filter, for messages with values; a plain label can use ``_()`` in a template).
    """
    if isinstance(message, str):
        return gettext(message)
    return message.render(get_translations())


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["rupiah"] = rupiah
    app.jinja_env.filters["tanggal"] = tanggal
    app.jinja_env.filters["translate"] = translate

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"current_language": str(get_locale() or "id")}
