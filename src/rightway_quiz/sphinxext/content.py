"""Directives for module content held as data: objectives, scenarios, prompts, quotations.

Each directive reads the structured sources (``quizzes/``, ``scenarios/``) and
emits ordinary docutils nodes where they exist (lists, definition lists,
block quotes) and a neutral ``course_part`` node where HTML needs more
(a scenario's section and its hidden model answer). Articles: ``articles.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from .course_data import course_data, paragraphs, text_node
from .i18n import _

if TYPE_CHECKING:
    from ..course.loader import Loaded
    from ..course.model import ScenarioSet

logger = logging.getLogger(__name__)


class course_part(nodes.General, nodes.Element):
    """A block whose HTML needs more than docutils offers; ``part`` says which."""


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
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("scenarios", ScenariosDirective)
    app.add_directive("supervision-prompts", PromptsDirective)
    app.add_directive("quotation", QuotationDirective)


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Non-HTML output shows the text in order."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


# -- objectives ----------------------------------------------------------------


class ObjectivesDirective(SphinxDirective):
    """``{objectives} <quiz id>``: the learning objectives of a module."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        return objectives_box(self, self.arguments[0])


def objectives_box(directive: SphinxDirective, quiz_id: str) -> list[nodes.Node]:
    """The objectives of quiz ``quiz_id`` as a boxed list (none, with a warning, if unknown)."""
    loaded = course_data(directive.env).quiz_sources.get(quiz_id)
    if loaded is None:
        logger.warning(
            "unknown quiz %r for objectives",
            quiz_id,
            type="rightway",
            subtype="quiz",
            location=directive.get_location(),
        )
        return []
    directive.env.note_dependency(str(loaded.path))
    box = nodes.container(classes=["rightway-objectives"])
    box += nodes.paragraph(
        "", str(_("By the end of this module you will be able to:")), classes=["rightway-lead"]
    )
    items = nodes.bullet_list()
    for index, objective in enumerate(loaded.model.objectives):
        item = nodes.list_item(ids=[f"objective-{objective.id}"])
        item += text_node(nodes.paragraph, objective.text, loaded, ("objectives", index, "text"))
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


def build_language(message: str) -> str:
    """``message`` in the build language."""
    return str(_(message))


def article_list_text(
    numbers: Iterable[int], translate: Callable[[str], str] = build_language
) -> str:
    """``Rights engaged: Article 12, Article 13`` in the build language (or ``translate``'s)."""
    names = ", ".join(translate("Article {number}").format(number=number) for number in numbers)
    return translate("Rights engaged: {articles}").format(articles=names)


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


def heading_label_html(label: str) -> str:
    """A label shown above a heading and heard with it: "Part 2 of 4: <heading>"."""
    return (
        f'<span class="rightway-part-marker">{escape(label)}'
        '<span class="visually-hidden">: </span></span>'
    )


def visit_course_part_html(translator: SphinxTranslator, node: course_part) -> None:
    """Open the HTML element for a content part."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    part = node["part"]
    if part == "scenario":
        anchor = f"scenario-{escape(node['scenario_id'])}"
        classes = " ".join(["rightway-scenario", *node["classes"]])
        body.append(
            f'<section class="{escape(classes)}" id="{anchor}" aria-labelledby="{anchor}-title">'
        )
    elif part == "title":
        anchor = f"scenario-{escape(node.parent['scenario_id'])}"
        # A long module may start a part here (journey.py): "Part 3 of 5" above the heading.
        label = node.parent.get("rightway_part_label")
        marker = heading_label_html(label) if label else ""
        body.append(f'<h3 id="{anchor}-title">{marker}{escape(node.astext())}</h3>')
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
