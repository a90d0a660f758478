"""The extension's own interface strings (buttons, labels, messages) and catalog tools."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "rightway"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Translate an interface string into the build's language (lazily).
_ = get_translation(MESSAGE_CATALOG_NAME)

#: Each language's name in that language: used for the language switch.
AUTONYMS = {"cy": "Cymraeg", "en": "English"}


def setup_i18n(app: Sphinx) -> None:
    """Load the extension's catalog for the build language."""
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
