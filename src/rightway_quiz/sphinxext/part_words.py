"""Words of a module page in every language, counted as its built HTML will show them.

The parts of a module (``parts.py``) must be the same in every build, so nothing here
depends on the build language: a translatable block's words come from its source
text (English) and from each language's page catalog; an interface string's from the
extension's own catalog in each language (``rightway_quiz.i18n``). Words the HTML
writes around a node are counted too: a scenario's "Show a model answer", the
self-assessment's ratings, labels and buttons, a diagram's drawing (its words again)
and the module header's place, time and list of parts. The quiz is left out: it is an
activity rather than reading (a "check yourself" question on the way is counted).
``tests/test_journey.py`` counts the built page the same
way, and checks that no part is over the limit in any language.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterator, Sequence
from html import unescape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from ..i18n import translator
from .config import get_settings
from .content import article_list_text, course_part
from .diagram_svg import draw
from .diagrams import diagram, diagram_words
from .journey import journey_node, module_header_words
from .quiz import quiz_part
from .self_assessment import self_assessment

#: The language the pages are written in: its words are the doctree's own.
SOURCE_LANGUAGE = "en"
WORD = re.compile(r"\w[\w'’-]*")
# Markdown a catalog's msgstr carries that a reader never sees: link targets, role
# names, a reference's target in angle brackets.
MARKUP = re.compile(r"\]\([^)]*\)|\{[\w:.-]+\}|<[^<>`\s]*>(?=`)")
TAG = re.compile(r"<[^>]*>")
# What the self-assessment form writes for each statement, and once for the form
# (``self_assessment.py``): ratings and labels, then column headings and buttons.
STATEMENT_WORDS = ("Not yet", "Partly", "Fully", "Our next action", "Who will do it")
FORM_WORDS = (
    *("Statement", "Where are we?", "Our next action", "Who will do it"),
    *("Print", "Download as CSV", "Clear this section"),
)

#: Words of one stretch of a page in each language, the source language's first.
Words = tuple[int, ...]


def count(text: str) -> int:
    """Words in plain text."""
    return len(WORD.findall(text))


def translated_words(text: str) -> int:
    """Words a reader sees in a catalog's translation (its Markdown markup left out)."""
    return count(MARKUP.sub("]", text))


def add(*words: Words) -> Words:
    """Words of several stretches together, language by language."""
    return tuple(sum(column) for column in zip(*words, strict=True))


def _is_quiz(node: nodes.Node) -> bool:
    """The module's scored quiz (a "check yourself" question on the way is read, and counted)."""
    return isinstance(node, quiz_part) and node["part"] == "quiz"


def _in_quiz(node: nodes.Node) -> bool:
    parent: nodes.Node | None = node
    while parent is not None:
        if _is_quiz(parent):
            return True
        parent = parent.parent
    return False


def page_catalogs(app: Any, docname: str) -> dict[str, gettext.NullTranslations]:
    """The page's catalog in each language of the course but the source language.

    A language without a compiled catalog for the page shows it in the source language.
    """
    domain = docname_to_domain(docname, app.config.gettext_compact)
    catalogs: dict[str, gettext.NullTranslations] = {}
    for language in get_settings(app).languages:
        if language == SOURCE_LANGUAGE:
            continue
        catalogs[language] = gettext.NullTranslations()
        for folder in app.config.locale_dirs:
            localedir = Path(app.srcdir, folder)
            if (localedir / language / "LC_MESSAGES" / f"{domain}.mo").is_file():
                catalogs[language] = gettext.translation(domain, localedir, [language])
                break
    return catalogs


class Measure:
    """Words of any node of one page in each language, whichever language is being built."""

    def __init__(self, document: nodes.document, catalogs: dict[str, gettext.NullTranslations]):
        self.languages = (SOURCE_LANGUAGE, *catalogs)
        self.interface: list[Callable[[str], str]] = [translator(lang) for lang in self.languages]
        # Per translatable block: the text a reader sees in each language (a language
        # whose catalog lacks the message shows the source).
        self.texts: dict[int, tuple[str, ...]] = {}
        for node, message in extract_messages(document):
            if _in_quiz(node):
                continue
            translations = [catalog.gettext(message) for catalog in catalogs.values()]
            self.texts[id(node)] = (
                node.astext(),
                *(
                    MARKUP.sub("]", text) if text != message else node.astext()
                    for text in translations
                ),
            )

    @property
    def nothing(self) -> Words:
        """No words, in every language."""
        return (0,) * len(self.languages)

    def said(self, render: Callable[[Callable[[str], str]], str]) -> Words:
        """Words of interface text, rendered in each language by ``render(translate)``."""
        return tuple(count(render(translate)) for translate in self.interface)

    def text(self, node: nodes.Element, language: int) -> str:
        """A translatable block's text in one language (by its index)."""
        return self.texts.get(id(node), (node.astext(),) * len(self.languages))[language]

    def __call__(self, node: nodes.Node) -> Words:
        """The words of ``node`` in each language, as its HTML shows them."""
        if _is_quiz(node):
            return self.nothing
        if id(node) in self.texts:
            return tuple(map(count, self.texts[id(node)]))
        if isinstance(node, nodes.Text):
            # Not translated: names, code, numbers. The same in every language.
            return (count(node.astext()),) * len(self.languages)
        if isinstance(node, nodes.paragraph) and "rightway-articles-engaged" in node["classes"]:
            numbers = [int(number) for number in re.findall(r"\d+", node.astext())]
            return self.said(lambda translate: article_list_text(numbers, translate))
        if isinstance(node, nodes.paragraph) and node["classes"] in (
            ["rightway-lead"],
            ["rightway-ask"],
        ):
            return self._interface_paragraph(node)
        children = add(self.nothing, *(self(child) for child in node.children))
        return add(children, self._added_by_html(node))

    def _interface_paragraph(self, node: nodes.paragraph) -> Words:
        """A paragraph of interface text a directive wrote in the build language."""
        message = {
            "rightway-lead": "By the end of this module you will be able to:",
            "rightway-ask": "What would you say or do?",
        }[node["classes"][0]]
        return self.said(lambda translate: translate(message))

    def _added_by_html(self, node: nodes.Node) -> Words:
        """Words the HTML writes around ``node`` that its doctree does not hold."""
        if isinstance(node, course_part) and node["part"] == "model-answer":
            return self.said(lambda translate: translate("Show a model answer"))
        if isinstance(node, quiz_part) and node["part"] == "check":
            return self.said(
                lambda translate: (
                    f"{translate('Check yourself (not scored)')} {translate('Check my answer')}"
                )
            )
        if isinstance(node, journey_node) and node["kind"] == "module-header":
            return self.said(lambda translate: module_header_words(node, translate))
        if isinstance(node, self_assessment):
            statements = len(node.children[0].children)
            return self.said(
                lambda translate: " ".join(
                    [translate(text) for text in STATEMENT_WORDS] * statements
                    + [translate(text) for text in FORM_WORDS]
                )
            )
        if isinstance(node, diagram):
            return add(*(self._diagram_extra(node, language) for language in self._indexes()))
        return self.nothing

    def _indexes(self) -> Iterator[int]:
        return iter(range(len(self.languages)))

    def _diagram_extra(self, node: diagram, language: int) -> Words:
        """The drawing's words, and the headings of the words below it, in one language."""
        translate = self.interface[language]
        words = diagram_words(node, lambda block: self.text(block, language))
        extra = count(unescape(TAG.sub(" ", draw(words))))
        extra += count(translate("The diagram in words"))
        if words.centre:
            extra += count(translate("At the centre: {centre}").format(centre=""))
        return tuple(extra if index == language else 0 for index in self._indexes())


def listed_parts(measure: Measure, starts: Sequence[nodes.Element]) -> Words:
    """Words of the module header's list of parts: its lead line and each part's name."""
    lead = measure.said(
        lambda translate: translate("This module has {count} parts:").format(count=len(starts))
    )
    names = [lead]
    for start in starts:
        if isinstance(start, course_part):
            titles = [c for c in start.children if isinstance(c, course_part)]
            names.append(measure(titles[0]) if titles else measure.nothing)
            names.append(
                measure.said(lambda translate: translate("Scenario: {title}").format(title=""))
            )
        else:
            heading = start.next_node(nodes.title)
            names.append(measure(heading) if heading is not None else measure.nothing)
    return add(*names)
