"""A link on every page to the same page in the other language(s).

Relative URLs, so the link works from ``file://`` and inside an LMS frame:
``_build/html/cy/principles/participation.html`` links to
``../../en/principles/participation.html``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..i18n import AUTONYMS
from .config import get_settings


def setup_language_switch(app: Sphinx) -> None:
    """Give every HTML page the ``rightway_alternates`` its template renders."""
    app.connect("html-page-context", _add_alternates)


def alternate_url(pagename: str, target_language: str) -> str:
    """The relative URL of ``pagename`` in the sibling folder of ``target_language``."""
    depth = pagename.count("/") + 1
    return "../" * depth + f"{target_language}/{pagename}.html"


def _add_alternates(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    current = app.config.language or "en"
    context["rightway_alternates"] = [
        {"lang": lang, "name": AUTONYMS.get(lang, lang), "url": alternate_url(pagename, lang)}
        for lang in get_settings(app).languages
        if lang != current
    ]
