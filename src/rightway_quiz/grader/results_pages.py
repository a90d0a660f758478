"""``grade`` results as pages: a Markdown record per learner, or a self-contained HTML page.

Both come from ``templates/`` (``grades.md.j2``, ``grades.html.j2``), which escape
every value they print: nothing in an answer file becomes markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .gradebook import Gradebook
from .messages import Translator
from .naming import Namer
from .results import Record, article_list, counts_of, versions_line, yes_no
from .templating import render_pieces


def _page_context(meta: Record, learners: Iterator[Record], _: Translator) -> dict[str, Any]:
    return {
        "counts": counts_of(meta, _),
        "versions": versions_line(meta, _),
        "learners": learners,
        "older_versions": meta["older_versions"],
        "yes_no": lambda passed: yes_no(passed, _),
        "article_list": lambda articles: article_list(articles, _),
    }


def render_markdown(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer, _: Translator
) -> Iterator[str]:
    """A Markdown record per learner, for a supervision file; all text is escaped."""
    return render_pieces("grades.md.j2", _, **_page_context(meta, learners, _))


def render_html(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer, _: Translator
) -> Iterator[str]:
    """A self-contained, accessible page; every learner and course text is escaped."""
    title = _("Quiz results")
    language = meta["language"] or _.language
    context = _page_context(meta, learners, _)
    return render_pieces("grades.html.j2", _, language=language, title=title, **context)
