"""The command-line tool's interface language: ``_()`` answers in the language chosen for the run."""

from __future__ import annotations

from ..i18n import LANGUAGES, default_language, translator

__all__ = ["LANGUAGES", "_", "current_language", "default_language", "set_language"]

_language = "en"


def set_language(language: str) -> None:
    """Choose the language ``_()`` answers in for the rest of the run."""
    global _language
    _language = language if language in LANGUAGES else "en"


def current_language() -> str:
    """The language set by :func:`set_language`."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return translator(_language)(message)
