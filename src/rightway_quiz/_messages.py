"""The command-line tool's interface language: ``_()`` looks strings up in the ``rightway`` catalog.

The Sphinx extension translates through Sphinx's locale machinery; the tool runs
without Sphinx, so it reads the same catalog (``locale/cy/LC_MESSAGES/rightway``)
with :mod:`gettext`, falling back to the ``.po`` file when the ``.mo`` is missing
or older (a fresh checkout before ``make``).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from functools import cache

import polib

from .i18n import AUTONYMS, LOCALE_DIR, MESSAGE_CATALOG_NAME

LANGUAGES = tuple(sorted(AUTONYMS))
_language = "en"


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """Welsh when the locale (``LC_ALL``, ``LC_MESSAGES`` or ``LANG``) starts with ``cy``, else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "cy" if value.lower().startswith("cy") else "en"
    return "en"


@cache
def _catalog(language: str) -> Callable[[str], str]:
    if language == "en":
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


def set_language(language: str) -> None:
    """Choose the language ``_()`` answers in for the rest of the run."""
    global _language
    _language = language if language in LANGUAGES else "en"


def current_language() -> str:
    """The language set by :func:`set_language`."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return _catalog(_language)(message)
