"""The extension's interface strings, translated through Sphinx's locale machinery."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..i18n import AUTONYMS, LOCALE_DIR, MESSAGE_CATALOG_NAME

__all__ = ["AUTONYMS", "_", "setup_i18n"]

#: Translate an interface string into the build's language (lazily).
_ = get_translation(MESSAGE_CATALOG_NAME)


def setup_i18n(app: Sphinx) -> None:
    """Load the extension's catalog for the build language."""
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
