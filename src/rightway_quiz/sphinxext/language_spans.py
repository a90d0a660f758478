"""Text marked as another language keeps its ``lang`` in HTML: ``[Safe Stars]{lang=en}``.

MyST's ``attrs_inline`` reads ``{lang=en}`` but its span renderer copies only
``class`` and ``id``, and docutils' HTML writer writes no other attribute, so the
span came out bare and screen readers read English names with Welsh sounds
(WCAG 3.1.2). The renderer here keeps ``lang`` on the ``inline`` node, for the
source and for every translated message (Sphinx's ``Locale`` transform parses
the Welsh with the same renderer), and the HTML visitor writes it out.
"""

from __future__ import annotations

import re

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

# A BCP 47 tag such as "en", "en-GB" or "ga": anything else is not written into HTML.
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class language_span(nodes.inline):
    """An inline in another language than the page's; ``node["lang"]`` says which."""


class LanguageSpanRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, keeping a span's ``lang`` attribute."""

    def render_span(self, token: SyntaxTreeNode) -> None:
        """An ``inline`` node with ``class`` and ``id``; a ``language_span`` if ``lang`` is valid."""
        language = str(token.attrs.get("lang", ""))
        node = language_span(lang=language) if _LANGUAGE_TAG.match(language) else nodes.inline()
        self.add_line_and_source_path(node, token)
        self.copy_attributes(token, node, ("class", "id"))
        with self.current_node_context(node, append=True):
            self.render_children(token)


def visit_language_span(translator: HTML5Translator, node: language_span) -> None:
    """docutils' ``<span>`` for an inline, with ``lang``."""
    translator.body.append(translator.starttag(node, "span", "", lang=node["lang"]))


def depart_language_span(translator: HTML5Translator, node: language_span) -> None:
    translator.body.append("</span>")


def setup_language_spans(app: Sphinx) -> None:
    """Write ``lang`` on marked spans (``myst_speedup`` parses with the renderer above)."""
    app.add_node(language_span, html=(visit_language_span, depart_language_span))
