"""The grader's page templates (``templates/``): HTML autoescaped, Markdown escaped alike.

Every value a template prints is escaped unless it is already markup: HTML by
Jinja2's autoescaping, Markdown by :func:`markdown_text`, so nothing in an answer
file or a course text becomes markup. Templates call ``_()`` from their context
(the run's translator), so strings in templates are extracted like those in code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from ._output import HTML_STYLE, markdown_text


def _markdown_finalize(value: object) -> Markup:
    """Escape a printed value for Markdown; a macro's output (already escaped) stays as it is.

    Returning :class:`Markup` tells Jinja2's autoescaping the value is done with,
    so it does not HTML-escape Markdown.
    """
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(markdown_text(str(value)))


@cache
def _environment(kind: str) -> jinja2.Environment:
    loader = jinja2.PackageLoader("rightway_quiz.grader", "templates")
    options: dict[str, Any] = {
        "loader": loader,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    if kind == "html":
        environment = jinja2.Environment(autoescape=True, **options)
        environment.globals["style"] = Markup(HTML_STYLE)
    else:
        environment = jinja2.Environment(autoescape=True, finalize=_markdown_finalize, **options)
    return environment


def render_pieces(name: str, gettext: Callable[[str], str], **context: Any) -> Iterator[str]:
    """Render ``templates/<name>`` in pieces as it goes (lazy iterators stay lazy)."""
    kind = "html" if name.endswith(".html.j2") else "md"
    template = _environment(kind).get_template(name)
    return template.generate(_=gettext, **context)


def render(name: str, gettext: Callable[[str], str], **context: Any) -> str:
    """Render ``templates/<name>`` whole."""
    return "".join(render_pieces(name, gettext, **context))
