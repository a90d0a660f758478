"""The ``diagram`` directive: a drawing from ``diagrams/<id>.yaml`` with the same content in words.

The directive emits neutral nodes: a ``diagram`` holding translatable paragraphs
(title, summary, centre, loop) and a list of items. Sphinx's gettext builder
extracts those paragraphs into the page's catalog and its Locale transform
translates them, so the Welsh drawing is drawn from Welsh words. HTML gets an
inline SVG (``diagram_svg.py``) followed by the words as an expandable list;
every other builder gets the words only.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from .config import get_settings
from .course_data import text_node
from .diagram_svg import DiagramWords, draw
from .i18n import _

if TYPE_CHECKING:
    from ..course.diagrams import Diagram
    from ..course.loader import Loaded
    from ..course.model import Location

logger = logging.getLogger(__name__)

#: The environment attribute holding the folder of diagram sources.
FOLDER_ATTR = "rightway_diagram_dir"


class diagram(nodes.General, nodes.Element):
    """A diagram: ``key``, ``layout`` and ``open`` attributes; its words as children."""


class diagram_item(nodes.General, nodes.Element):
    """One item of a diagram: label, optional caption and detail, and branches."""


def setup_diagrams(app: Sphinx) -> None:
    """Register the directive and its nodes (their rules are in ``rightway.css``)."""
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        diagram,
        html=(visit_diagram_html, None),
        text=plain,
        latex=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(diagram_item, html=plain, text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_directive("diagram", DiagramDirective)
    app.connect("builder-inited", _note_folder)


def _note_folder(app: Sphinx) -> None:
    # On the environment, where directives look (they no longer reach the app).
    setattr(app.env, FOLDER_ATTR, Path(app.confdir, get_settings(app).diagram_dir))


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Other builders show the words: title, summary, then the items in order."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


# -- parse -------------------------------------------------------------------


def _part(
    node_class: type[nodes.TextElement],
    text: str,
    loaded: Loaded[Diagram],
    location: Location,
    role: str,
) -> nodes.TextElement:
    node = text_node(node_class, text, loaded, location)
    node["classes"].append(f"rightway-diagram-{role}")
    return node


class DiagramDirective(SphinxDirective):
    """``{diagram} <id>``: draw ``diagrams/<id>.yaml``; ``:open:`` shows the words unfolded."""

    required_arguments = 1
    option_spec = {"open": directives.flag}  # noqa: RUF012 (docutils' own API)

    def run(self) -> list[nodes.Node]:
        # The course models load only for a page with a diagram (see course_data's note).
        from ..course.diagrams import load_diagram
        from ..course.loader import SourceError

        folder: Path = getattr(self.env, FOLDER_ATTR)
        try:
            loaded = load_diagram(folder, self.arguments[0])
        except SourceError as error:
            logger.warning(
                "diagram %r: %s",
                self.arguments[0],
                error,
                type="rightway",
                subtype="diagram",
                location=self.get_location(),
            )
            return []
        self.env.note_dependency(str(loaded.path))
        model = loaded.model
        key = f"rightway-diagram-{model.id}"
        node = diagram(ids=[key], key=key, layout=model.layout, open="open" in self.options)
        self.set_source_info(node)
        node += _part(nodes.paragraph, model.title, loaded, ("title",), "title")
        node += _part(nodes.paragraph, model.summary, loaded, ("summary",), "summary")
        if model.centre:
            node += _part(nodes.paragraph, model.centre, loaded, ("centre",), "centre")
        items: nodes.Element = (
            nodes.enumerated_list() if model.layout == "flow" else nodes.bullet_list()
        )
        for index, item in enumerate(model.items):
            here: Location = ("items", index)
            entry = diagram_item()
            entry += _part(nodes.paragraph, item.label, loaded, (*here, "label"), "label")
            if item.caption:
                entry += _part(nodes.paragraph, item.caption, loaded, (*here, "caption"), "caption")
            if item.detail:
                entry += _part(nodes.paragraph, item.detail, loaded, (*here, "detail"), "detail")
            if item.branches:
                branches = nodes.bullet_list()
                for number, branch in enumerate(item.branches):
                    branches += nodes.list_item(
                        "",
                        _part(
                            nodes.paragraph, branch, loaded, (*here, "branches", number), "branch"
                        ),
                    )
                entry += branches
            items += nodes.list_item("", entry)
        node += items
        if model.loop:
            node += _part(nodes.paragraph, model.loop, loaded, ("loop",), "loop")
        return [node]


# -- HTML --------------------------------------------------------------------


def _astext(block: nodes.Element) -> str:
    return block.astext()


def _role(
    node: nodes.Element, role: str, text: Callable[[nodes.Element], str] = _astext
) -> str | None:
    """The text of the child paragraph playing ``role``, if any."""
    for child in node.children:
        if isinstance(child, nodes.paragraph) and f"rightway-diagram-{role}" in child["classes"]:
            return text(child)
    return None


def _items(node: diagram) -> list[diagram_item]:
    return list(node.findall(diagram_item))


def _branches(item: diagram_item, text: Callable[[nodes.Element], str] = _astext) -> list[str]:
    return [
        text(paragraph)
        for paragraph in item.findall(nodes.paragraph)
        if "rightway-diagram-branch" in paragraph["classes"]
    ]


def diagram_words(node: diagram, text: Callable[[nodes.Element], str] = _astext) -> DiagramWords:
    """The words of a diagram node, as the drawing needs them: by default its text as
    it stands (translated, in the build); ``text`` gives each block's text otherwise
    (the part planner asks for one language's)."""
    return DiagramWords(
        key=node["key"],
        layout=node["layout"],
        title=_role(node, "title", text) or "",
        summary=_role(node, "summary", text) or "",
        centre=_role(node, "centre", text),
        loop=_role(node, "loop", text),
        items=[
            (_role(item, "label", text) or "", _role(item, "caption", text), _branches(item, text))
            for item in _items(node)
        ],
    )


def visit_diagram_html(translator: SphinxTranslator, node: diagram) -> None:
    """The drawing, its caption, then the same content in words (a list to unfold)."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    words = diagram_words(node)
    body.append(
        translator.starttag(  # type: ignore[attr-defined]
            node, "figure", CLASS=f"rightway-diagram rightway-diagram-{words.layout}"
        )
    )
    body.append(f'<div class="rightway-diagram-canvas">{draw(words)}</div>')
    body.append(f'<figcaption class="rightway-diagram-caption">{escape(words.title)}</figcaption>')
    body.append(
        f'<details class="rightway-diagram-words"{" open" if node["open"] else ""}>'
        f"<summary>{escape(str(_('The diagram in words')))}</summary>"
        f"<p>{escape(words.summary)}</p>"
    )
    if words.centre:
        body.append(
            f"<p>{escape(str(_('At the centre: {centre}')).format(centre=words.centre))}</p>"
        )
    tag = "ol" if words.layout == "flow" else "ul"
    body.append(f"<{tag}>")
    for item in _items(node):
        body.append(f"<li><strong>{escape(_role(item, 'label') or '')}</strong>")
        said = [text for role in ("caption", "detail") if (text := _role(item, role))]
        if said:
            body.append(" – " + escape(" ".join(said)))
        branches = _branches(item)
        if branches:
            body.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in branches) + "</ul>")
        body.append("</li>")
    body.append(f"</{tag}>")
    if words.loop:
        body.append(f"<p>{escape(words.loop)}</p>")
    body.append("</details></figure>\n")
    raise nodes.SkipNode
