"""Directives for module content held as data: objectives, scenarios, prompts, articles.

Each directive reads the structured sources (``quizzes/``, ``scenarios/``) and
emits ordinary docutils nodes where they exist (lists, definition lists,
block quotes) and a neutral ``course_part`` node where HTML needs more
(a scenario's section and its hidden model answer).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..course.loader import Loaded
from ..course.model import Article, ArticleList, ScenarioSet
from .course_data import course_data, paragraphs, text_node
from .i18n import _

logger = logging.getLogger(__name__)


class course_part(nodes.General, nodes.Element):
    """A block whose HTML needs more than docutils offers; ``part`` says which."""


class article_backlinks(nodes.General, nodes.Element):
    """Placeholder for the pages that use an article, filled in once all pages are read."""


def setup_content(app: Sphinx) -> None:
    """Register the content directives, their nodes and environment bookkeeping."""
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        course_part,
        html=(visit_course_part_html, depart_course_part_html),
        text=plain,
        latex=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(article_backlinks, html=plain, text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("scenarios", ScenariosDirective)
    app.add_directive("supervision-prompts", PromptsDirective)
    app.add_directive("articles", ArticlesDirective)
    app.add_directive("article-index", ArticleIndexDirective)
    app.add_directive("quotation", QuotationDirective)
    app.connect("env-purge-doc", _purge_article_uses)
    app.connect("env-merge-info", _merge_article_uses)
    app.connect("env-before-read-docs", _note_pages_read)
    app.connect("env-updated", _rewrite_article_indexes)
    app.connect("doctree-resolved", _fill_article_backlinks)


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Non-HTML output shows the text in order."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


# -- article bookkeeping (parallel-safe) -------------------------------------


def _article_uses(env: BuildEnvironment) -> dict[int, set[str]]:
    if not hasattr(env, "rightway_article_uses"):
        env.rightway_article_uses = {}  # type: ignore[attr-defined]
    uses: dict[int, set[str]] = env.rightway_article_uses  # type: ignore[attr-defined]
    return uses


def _index_pages(env: BuildEnvironment) -> set[str]:
    """Pages holding an ``{article-index}``: their backlinks depend on every other page."""
    if not hasattr(env, "rightway_article_index_pages"):
        env.rightway_article_index_pages = set()  # type: ignore[attr-defined]
    pages: set[str] = env.rightway_article_index_pages  # type: ignore[attr-defined]
    return pages


def _purge_article_uses(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for pages in _article_uses(env).values():
        pages.discard(docname)
    _index_pages(env).discard(docname)


def _merge_article_uses(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    merged = set(docnames)
    for number, pages in _article_uses(other).items():
        _article_uses(env).setdefault(number, set()).update(pages & merged)
    _index_pages(env).update(_index_pages(other) & merged)


def _note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.rightway_pages_read = set(docnames)  # type: ignore[attr-defined]


def _rewrite_article_indexes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After an incremental read, write the index pages again: a re-read page may cite new articles.

    The index page itself was not edited, so Sphinx alone would keep its old backlinks.
    """
    read: set[str] = getattr(env, "rightway_pages_read", set())
    if not read:
        return []
    return sorted(_index_pages(env) - read)


def _note_article_use(env: BuildEnvironment, numbers: Iterable[int]) -> None:
    for number in numbers:
        _article_uses(env).setdefault(number, set()).add(env.docname)


# -- objectives ----------------------------------------------------------------


class ObjectivesDirective(SphinxDirective):
    """``{objectives} <quiz id>``: the learning objectives of a module."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        loaded = course_data(self.env).quiz_sources.get(self.arguments[0])
        if loaded is None:
            logger.warning(
                "unknown quiz %r for objectives",
                self.arguments[0],
                type="rightway",
                subtype="quiz",
                location=self.get_location(),
            )
            return []
        self.env.note_dependency(str(loaded.path))
        box = nodes.container(classes=["rightway-objectives"])
        box += nodes.paragraph(
            "", str(_("By the end of this module you will be able to:")), classes=["rightway-lead"]
        )
        items = nodes.bullet_list()
        for index, objective in enumerate(loaded.model.objectives):
            item = nodes.list_item(ids=[f"objective-{objective.id}"])
            item += text_node(
                nodes.paragraph, objective.text, loaded, ("objectives", index, "text")
            )
            items += item
        box += items
        return [box]


# -- scenarios and prompts -----------------------------------------------------


class _ScenarioSetDirective(SphinxDirective):
    required_arguments = 1

    def scenario_set(self) -> Loaded[ScenarioSet] | None:
        loaded = course_data(self.env).scenario_sources.get(self.arguments[0])
        if loaded is None:
            logger.warning(
                "no scenarios/%s.yaml",
                self.arguments[0],
                type="rightway",
                subtype="scenarios",
                location=self.get_location(),
            )
            return None
        self.env.note_dependency(str(loaded.path))
        return loaded


def article_list_text(numbers: Iterable[int]) -> str:
    """``Rights engaged: Article 12, Article 13`` in the build language."""
    names = ", ".join(str(_("Article {number}")).format(number=number) for number in numbers)
    return str(_("Rights engaged: {articles}")).format(articles=names)


class ScenariosDirective(_ScenarioSetDirective):
    """``{scenarios} <principle>``: rights-language scenarios with hidden model answers."""

    def run(self) -> list[nodes.Node]:
        loaded = self.scenario_set()
        if loaded is None:
            return []
        result: list[nodes.Node] = []
        for index, scenario in enumerate(loaded.model.scenarios):
            here = ("scenarios", index)
            section = course_part(part="scenario", scenario_id=scenario.id)
            section += course_part(
                "",
                text_node(nodes.paragraph, scenario.title, loaded, (*here, "title")),
                part="title",
            )
            section.extend(paragraphs(scenario.situation, loaded, (*here, "situation")))
            if scenario.ask:
                ask = text_node(nodes.paragraph, scenario.ask, loaded, (*here, "ask"))
            else:
                ask = nodes.paragraph("", str(_("What would you say or do?")))
            ask["classes"].append("rightway-ask")
            section += ask
            answer = course_part(part="model-answer")
            answer.extend(paragraphs(scenario.model_answer, loaded, (*here, "model_answer")))
            answer += nodes.paragraph(
                "", article_list_text(scenario.articles), classes=["rightway-articles-engaged"]
            )
            section += answer
            result.append(section)
        return result


class PromptsDirective(_ScenarioSetDirective):
    """``{supervision-prompts} <principle>``: questions for a supervision session."""

    def run(self) -> list[nodes.Node]:
        loaded = self.scenario_set()
        if loaded is None:
            return []
        items = nodes.enumerated_list(classes=["rightway-prompts"])
        for index, prompt in enumerate(loaded.model.prompts):
            item = nodes.list_item(ids=[f"prompt-{prompt.id}"])
            item += text_node(nodes.paragraph, prompt.text, loaded, ("prompts", index, "text"))
            if prompt.probes:
                probes = nodes.bullet_list(classes=["rightway-probes"])
                for probe_index, probe in enumerate(prompt.probes):
                    probes += nodes.list_item(
                        "",
                        text_node(
                            nodes.paragraph,
                            probe,
                            loaded,
                            ("prompts", index, "probes", probe_index),
                        ),
                    )
                item += probes
            if prompt.articles:
                item += nodes.paragraph(
                    "", article_list_text(prompt.articles), classes=["rightway-articles-engaged"]
                )
            items += item
        return [items]


# -- articles ------------------------------------------------------------------


def _article_entry(loaded: Loaded[ArticleList], index: int, article: Article) -> nodes.Element:
    entry = nodes.definition_list_item()
    label = str(_("Article {number}")).format(number=article.number)
    entry += nodes.term("", label, ids=[f"article-{article.number}"])
    definition = nodes.definition()
    title = text_node(nodes.paragraph, article.title, loaded, ("articles", index, "title"))
    title["classes"].append("rightway-article-title")
    definition += title
    definition += text_node(
        nodes.paragraph, article.summary, loaded, ("articles", index, "summary")
    )
    entry += definition
    return entry


class ArticlesDirective(SphinxDirective):
    """``{articles} 3 13 42``: UNCRC articles with plain-language summaries."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        articles = course_data(self.env).article_source
        if articles is None:
            logger.warning(
                "no scenarios/articles.yaml",
                type="rightway",
                subtype="articles",
                location=self.get_location(),
            )
            return []
        self.env.note_dependency(str(articles.path))
        numbers: list[int] = []
        for word in self.arguments[0].split():
            if not word.isdigit():
                logger.warning(
                    "%r is not an article number",
                    word,
                    type="rightway",
                    subtype="articles",
                    location=self.get_location(),
                )
                continue
            numbers.append(int(word))
        by_number = articles.model.by_number()
        listing = nodes.definition_list(classes=["rightway-articles"])
        for number in numbers:
            if number not in by_number:
                logger.warning(
                    "article %d has no summary in articles.yaml",
                    number,
                    type="rightway",
                    subtype="articles",
                    location=self.get_location(),
                )
                continue
            index = articles.model.articles.index(by_number[number])
            listing += _article_entry(articles, index, by_number[number])
        _note_article_use(self.env, numbers)
        return [listing]


class ArticleIndexDirective(SphinxDirective):
    """``{article-index}``: every article the course uses, linked to the pages that use it."""

    def run(self) -> list[nodes.Node]:
        articles = course_data(self.env).article_source
        if articles is None:
            return []
        self.env.note_dependency(str(articles.path))
        _index_pages(self.env).add(self.env.docname)
        listing = nodes.definition_list(classes=["rightway-articles", "rightway-article-index"])
        for index, article in enumerate(articles.model.articles):
            entry = _article_entry(articles, index, article)
            definition = entry.children[-1]
            assert isinstance(definition, nodes.definition)
            definition += article_backlinks(number=article.number)
            listing += entry
        return [listing]


def _fill_article_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    uses = _article_uses(app.env)
    for placeholder in list(doctree.findall(article_backlinks)):
        pages = sorted(uses.get(placeholder["number"], set()) - {docname})
        entry = placeholder.parent.parent
        if not pages:
            # Only articles the course uses are listed.
            entry.parent.remove(entry)
            continue
        line = nodes.paragraph(classes=["rightway-article-uses"])
        line += nodes.Text(str(_("Used in:")) + " ")
        for position, page in enumerate(pages):
            if position:
                line += nodes.Text(", ")
            uri = app.builder.get_relative_uri(docname, page) + f"#article-{placeholder['number']}"
            title = app.env.titles[page].astext() if page in app.env.titles else page
            line += nodes.reference("", title, internal=True, refuri=uri)
        placeholder.replace_self(line)


# -- quotations ----------------------------------------------------------------


class QuotationDirective(SphinxDirective):
    """``{quotation}`` with ``:source:``: an attributed quotation from a source document."""

    has_content = True
    option_spec = {"source": directives.unchanged_required}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        if "source" not in self.options:
            logger.warning(
                "a quotation needs its :source:",
                type="rightway",
                subtype="quotation",
                location=self.get_location(),
            )
        quote = nodes.block_quote(classes=["rightway-quotation"])
        self.state.nested_parse(self.content, self.content_offset, quote)
        if "source" in self.options:
            attribution = nodes.attribution(self.options["source"], self.options["source"])
            attribution.source, attribution.line = self.get_source_info()
            quote += attribution
        return [quote]


# -- HTML ------------------------------------------------------------------------


def visit_course_part_html(translator: SphinxTranslator, node: course_part) -> None:
    """Open the HTML element for a content part."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    part = node["part"]
    if part == "scenario":
        anchor = f"scenario-{escape(node['scenario_id'])}"
        body.append(
            f'<section class="rightway-scenario" id="{anchor}" aria-labelledby="{anchor}-title">'
        )
    elif part == "title":
        anchor = f"scenario-{escape(node.parent['scenario_id'])}"
        body.append(f'<h3 id="{anchor}-title">{escape(node.astext())}</h3>')
        raise nodes.SkipNode
    elif part == "model-answer":
        body.append(
            f'<details class="rightway-model-answer"><summary>{escape(str(_("Show a model answer")))}</summary>'
        )


def depart_course_part_html(translator: SphinxTranslator, node: course_part) -> None:
    """Close the HTML element for a content part."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    if node["part"] == "scenario":
        body.append("</section>")
    elif node["part"] == "model-answer":
        body.append("</details>")
