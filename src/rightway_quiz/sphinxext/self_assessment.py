"""The ``self-assessment`` directive: a team rates itself against a principle's statements.

The statements are the directive's bullet list (translated with the page);
the browser keeps ratings, actions and owners in localStorage, prints them,
and downloads them as CSV (``rightway-self-assessment.js``).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from .download_names import self_assessment_file_name
from .i18n import _

logger = logging.getLogger(__name__)


class self_assessment(nodes.General, nodes.Element):
    """A principle's statements, each to be rated, given an action and an owner."""


def setup_self_assessment(app: Sphinx) -> None:
    """Register the directive, its node and its script."""
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        self_assessment,
        html=(visit_self_assessment_html, None),
        text=plain,
        latex=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_directive("self-assessment", SelfAssessmentDirective)
    app.connect("builder-inited", _add_assets)


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_js_file("rightway-self-assessment.js", defer="defer")


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Non-HTML output shows the statements as a list."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


class SelfAssessmentDirective(SphinxDirective):
    """``{self-assessment} <principle>`` with a bullet list of statements."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = self_assessment(principle=self.arguments[0])
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        lists = [child for child in node.children if isinstance(child, nodes.bullet_list)]
        if len(lists) != 1 or len(node.children) != 1:
            logger.warning(
                "a self-assessment holds one bullet list of statements and nothing else",
                type="rightway",
                subtype="self-assessment",
                location=self.get_location(),
            )
            return []
        return [node]


RATINGS = ("not-yet", "partly", "fully")


def _rating_labels() -> dict[str, str]:
    return {"not-yet": str(_("Not yet")), "partly": str(_("Partly")), "fully": str(_("Fully"))}


def visit_self_assessment_html(translator: SphinxTranslator, node: self_assessment) -> None:
    """Render the statements as a form: a rating, an action and an owner for each."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    principle = escape(node["principle"])
    labels = _rating_labels()
    body.append(
        f'<form class="rightway-self-assessment" data-principle="{principle}"'
        f" data-rating-labels='{escape(json.dumps(labels, ensure_ascii=False))}'"
        f" data-csv-headers='{escape(json.dumps(_csv_headers(), ensure_ascii=False))}'"
        f' data-download-name="{escape(self_assessment_file_name())}"'
        f' data-summary="{escape(_summary_template())}"'
        f' data-language="{escape(translator.config.language or "en")}">'
    )
    # Column headings for the grid; each control also has its own label.
    body.append(
        '<div class="rightway-statement-headings" aria-hidden="true">'
        f"<span>{escape(str(_('Statement')))}</span>"
        f"<span>{escape(str(_('Where are we?')))}</span>"
        f"<span>{escape(str(_('Our next action')))}</span>"
        f"<span>{escape(str(_('Who will do it')))}</span>"
        "</div>"
    )
    statements = node.children[0].children
    for index, item in enumerate(statements, start=1):
        field = f"sa-{principle}-{index}"
        statement = escape(item.astext())
        radios = "".join(
            f'<label><input type="radio" name="{field}-rating" value="{value}"> {escape(labels[value])}</label>'
            for value in RATINGS
        )
        body.append(
            f'<fieldset class="rightway-statement" data-statement="{index}">'
            f"<legend>{statement}</legend>"
            f'<div class="rightway-ratings" role="group" aria-label="{escape(str(_("Where are we?")))}">{radios}</div>'
            f'<label for="{field}-action">{escape(str(_("Our next action")))}</label>'
            f'<input type="text" id="{field}-action" name="{field}-action" autocomplete="off">'
            f'<label for="{field}-owner">{escape(str(_("Who will do it")))}</label>'
            f'<input type="text" id="{field}-owner" name="{field}-owner" autocomplete="off">'
            "</fieldset>"
        )
    body.append(
        '<div class="rightway-self-assessment-actions rightway-quiz-actions">'
        f'<button type="button" class="rightway-button" data-action="print">{escape(str(_("Print")))}</button>'
        f'<button type="button" class="rightway-button" data-action="csv">{escape(str(_("Download as CSV")))}</button>'
        f'<button type="button" class="rightway-button" data-action="clear">{escape(str(_("Clear this section")))}</button>'
        "</div>"
        '<p class="rightway-self-assessment-summary" role="status" aria-live="polite"></p>'
        '<p class="rightway-self-assessment-status" role="status" aria-live="polite"></p>'
        "</form>"
    )
    raise nodes.SkipNode


def _summary_template() -> str:
    """Where the team stands on one principle; the script fills in the counts."""
    return str(
        _(
            "Where we stand: {not_yet} not yet, {partly} partly, {fully} fully, "
            "{unrated} still to rate"
        )
    )


def _csv_headers() -> list[str]:
    return [
        str(_("Principle")),
        str(_("Statement")),
        str(_("Where are we?")),
        str(_("Our next action")),
        str(_("Who will do it")),
    ]
