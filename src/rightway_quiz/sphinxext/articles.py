"""UNCRC articles: ``{articles}`` lists summaries, ``{article-index}`` links each to its pages.

Which page cites which article is noted while reading (parallel-safe); the
index page's "Used in" links are filled when it is written, and it is written
again after any incremental read, since a re-read page may cite new articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .course_data import course_data, text_node
from .i18n import _

if TYPE_CHECKING:
    from ..course.loader import Loaded
    from ..course.model import Article, ArticleList

logger = logging.getLogger(__name__)


class article_backlinks(nodes.General, nodes.Element):
    """Placeholder for "Used in" links, filled once every page has been read."""


def setup_articles(app: Sphinx) -> None:
    """Register the article directives and their environment bookkeeping."""
    plain = (_visit_plain, _depart_plain)
    app.add_node(article_backlinks, html=plain, text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_directive("articles", ArticlesDirective)
    app.add_directive("article-index", ArticleIndexDirective)
    app.connect("env-purge-doc", _purge_article_uses)
    app.connect("env-merge-info", _merge_article_uses)
    app.connect("env-before-read-docs", _note_pages_read)
    app.connect("env-updated", _rewrite_article_indexes)
    app.connect("doctree-resolved", _fill_article_backlinks)


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """The placeholder is replaced before writing; nothing to open."""


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


def _backlinks(env: BuildEnvironment) -> tuple[dict[int, list[str]], dict[str, str]]:
    """What the index pages' "Used in" links show: the pages citing each article, their titles."""
    uses = {number: sorted(pages) for number, pages in _article_uses(env).items() if pages}
    cited = {page for pages in uses.values() for page in pages}
    titles = {page: env.titles[page].astext() for page in cited if page in env.titles}
    return uses, titles


def _note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.rightway_pages_read = set(docnames)  # type: ignore[attr-defined]
    # Before any page is purged and read again: what the backlinks showed until now.
    env.rightway_backlinks_before = _backlinks(env)  # type: ignore[attr-defined]


def _rewrite_article_indexes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After an incremental read, write the index pages again if their backlinks changed.

    A re-read page may cite new articles, or stop citing one, or have a new title; the
    index page itself was not edited, so Sphinx alone would keep its old backlinks. An
    edit that changes none of that leaves the index page as it was (one page less to
    write on most edits).
    """
    read: set[str] = getattr(env, "rightway_pages_read", set())
    if not read or getattr(env, "rightway_backlinks_before", None) == _backlinks(env):
        return []
    return sorted(_index_pages(env) - read)


def _note_article_use(env: BuildEnvironment, numbers: Iterable[int]) -> None:
    for number in numbers:
        _article_uses(env).setdefault(number, set()).add(env.docname)


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
