"""The course's one translation front end: which catalog, where it lives, and a translator.

Sphinx (``sphinxext.i18n``) and the command-line tool read the same ``rightway``
catalog. This module imports nothing from Sphinx, so the grader and the SCORM
packager can use it without loading Sphinx.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

import polib

MESSAGE_CATALOG_NAME = "rightway"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Each language's name in that language: used for the language switch.
AUTONYMS = {"cy": "Cymraeg", "en": "English"}
LANGUAGES = tuple(sorted(AUTONYMS))


def default_language(
    environ: Mapping[str, str] | None = None, system_locale: str | None = None
) -> str:
    """Welsh when ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starts with ``cy``, else English.

    Windows sets none of those: there the user's locale (``Welsh_United Kingdom``,
    ``cy_GB``) decides, read with ``locale.getlocale`` unless ``system_locale`` is given.
    """
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "cy" if value.lower().startswith(("cy", "cym")) else "en"
    if system_locale is None:
        system_locale = locale.getlocale()[0] or ""
    return "cy" if system_locale.lower().startswith(("cy", "welsh")) else "en"


@cache
def translator(language: str) -> Callable[[str], str]:
    """``gettext`` for ``language`` from the ``rightway`` catalog (English: the message itself).

    Reads the compiled ``.mo``, or the ``.po`` when the ``.mo`` is missing or older
    (a fresh checkout before ``make``).
    """
    if language not in LANGUAGES or language == "en":
        return str
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{MESSAGE_CATALOG_NAME}.po"
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as handle:
            return gettext.GNUTranslations(handle).gettext
    if not po_path.exists():
        return str
    table = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path)).translated_entries()}
    return lambda message: table.get(message, message)
