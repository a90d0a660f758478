"""A bilingual "page not found" page, Welsh first, in each language's build.

Without one a host shows its own English 404 to a Welsh learner. Both languages
are on every copy (a learner who followed a broken link may read either), so the
text comes from the ``rightway`` catalog for each language, not the build's.
``tools.landing`` writes the same page at the top of the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from sphinx.application import Sphinx

from ..i18n import translator
from .config import get_settings


def _(message: str) -> str:
    """Mark a message for the catalog; it is translated per language below."""
    return message


TITLE = _("Page not found")
EXPLANATION = _("There is no page at this address. It may have moved when the course was updated.")
START = _("Go to the start of the course")


def not_found_sections(languages: list[str], link: Callable[[str], str]) -> str:
    """One ``<section lang>`` per language, in course order, each linking to its start page."""
    sections: list[str] = []
    for language in languages:
        translate = translator(language)
        heading = "h1" if not sections else "h2"
        sections.append(
            f'<section class="rightway-not-found" lang="{language}">'
            f"<{heading}>{escape(translate(TITLE))}</{heading}>"
            f"<p>{escape(translate(EXPLANATION))}</p>"
            f'<p><a href="{escape(link(language))}" hreflang="{language}">'
            f"{escape(translate(START))}</a></p></section>"
        )
    return "\n".join(sections)


def _collect_not_found(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    language = app.config.language or "en"
    languages = get_settings(app).languages
    # Every section links to this build's start page: a one-language SCORM package holds
    # no other language, and that page's language switch leads to the other side.
    body = not_found_sections(languages, lambda _target: "index.html")
    yield ("404", {"title": translator(language)(TITLE), "body": body}, "page.html")


def setup_not_found(app: Sphinx) -> None:
    """Add ``404.html`` to every HTML build."""
    app.connect("html-collect-pages", _collect_not_found)
