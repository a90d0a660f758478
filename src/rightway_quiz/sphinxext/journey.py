"""The learner's journey: where a module sits in the course, how long it takes, and its parts.

- ``{module-header} <module id>`` opens a module page: "Module N of M", its time and
  its learning objectives (the ``{objectives}`` box).
- ``{course-start}`` opens the welcome page: how long the course takes, "Start the
  course" and, for a returning learner, "Continue where you left off".
- ``{course-outline}`` lists the modules in teaching order with their times.
- A long module page is divided into parts (``parts.py``); the module header lists them.

Order and times come from ``course.yaml`` (``course_data.outline_entries``). The nodes
hold data only; the words are rendered in the build language when the HTML is
written, so page catalogs never see them. ``rightway.js`` keeps progress (modules
done, the last page visited) from the data ``journey_page_data`` puts on every page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from .content import build_language, objectives_box
from .course_data import ModuleEntry, outline_entries
from .i18n import _
from .quiz import quiz_part

logger = logging.getLogger(__name__)


class journey_node(nodes.General, nodes.Element):
    """A journey block; ``kind`` says which (module-header, course-start, course-outline)."""


def setup_journey(app: Sphinx) -> None:
    """Register the directives, their node and the page data."""
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        journey_node,
        html=(visit_journey_html, depart_journey_html),
        text=plain,
        latex=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_directive("module-header", ModuleHeaderDirective)
    app.add_directive("course-start", CourseStartDirective)
    app.add_directive("course-outline", CourseOutlineDirective)
    app.connect("html-page-context", _add_page_data)


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Other builders show the objectives (the node's children) and nothing else."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


# -- the outline -------------------------------------------------------------------


def outline_modules(env: Any) -> list[ModuleEntry]:
    """The modules of ``course.yaml`` in teaching order (none if the course has no outline)."""
    return outline_entries(env)


def module_for_page(env: Any, docname: str) -> tuple[int, ModuleEntry] | None:
    """The module shown on ``docname`` and its place (0 for the first), if it is one."""
    for index, module in enumerate(outline_modules(env)):
        if module.page == docname:
            return index, module
    return None


def time_text(minutes: int, translate: Callable[[str], str] = build_language) -> str:
    """``about 40 minutes``, or for two hours and more ``about 5 hours (305 minutes)``.

    In the build language, or in ``translate``'s (the parts planner counts both).
    """
    if minutes < 120:
        return translate("about {minutes} minutes").format(minutes=minutes)
    return translate("about {hours} hours ({minutes} minutes)").format(
        hours=round(minutes / 60), minutes=minutes
    )


def module_header_words(node: journey_node, translate: Callable[[str], str]) -> str:
    """The module header's own words ("Module 2 of 7 About 40 minutes Completed").

    What ``_module_header_html`` writes besides the objectives and the list of parts,
    in ``translate``'s language: the parts planner counts them.
    """
    place = translate("Module {number} of {total}").format(
        number=node["number"], total=node["total"]
    )
    return f"{place} {time_text(node['minutes'], translate)} {translate('Completed')}"


# -- directives ---------------------------------------------------------------------


class ModuleHeaderDirective(SphinxDirective):
    """``{module-header} <module id>``: "Module N of M", its time and its objectives."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        module_id = self.arguments[0]
        modules = outline_modules(self.env)
        place = next((i for i, module in enumerate(modules) if module.id == module_id), None)
        if place is None:
            logger.warning(
                "module %r is not in course.yaml",
                module_id,
                type="rightway",
                subtype="journey",
                location=self.get_location(),
            )
            return objectives_box(self, module_id)
        header = journey_node(
            kind="module-header",
            module_id=module_id,
            number=place + 1,
            total=len(modules),
            minutes=modules[place].minutes,
            parts=[],
        )
        header.extend(objectives_box(self, module_id))
        return [header]


class CourseStartDirective(SphinxDirective):
    """``{course-start}``: the course's length, "Start the course" and "Continue"."""

    def run(self) -> list[nodes.Node]:
        return [journey_node(kind="course-start")]


class CourseOutlineDirective(SphinxDirective):
    """``{course-outline}``: the modules in teaching order, with their times."""

    def run(self) -> list[nodes.Node]:
        return [journey_node(kind="course-outline")]


# -- HTML ---------------------------------------------------------------------------------


def visit_journey_html(translator: SphinxTranslator, node: journey_node) -> None:
    """Render a journey block in the build language."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    kind = node["kind"]
    if kind == "module-header":
        body.append(_module_header_html(node))
        return
    if kind == "course-start":
        body.append(_course_start_html(translator))
    elif kind == "course-outline":
        body.append(_course_outline_html(translator))
    raise nodes.SkipNode


def depart_journey_html(translator: SphinxTranslator, node: journey_node) -> None:
    """Close the module header (the other blocks are skipped whole)."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    body.append("</div>")


def _module_header_html(node: journey_node) -> str:
    place = str(_("Module {number} of {total}")).format(number=node["number"], total=node["total"])
    time = time_text(node["minutes"])
    html = (
        f'<div class="rightway-module-header" data-rightway-module="{escape(node["module_id"])}">'
        f'<p class="rightway-module-place"><span class="rightway-module-number">{escape(place)}</span>'
        f' <span class="rightway-module-time">{escape(time[:1].upper() + time[1:])}</span>'
        f' <span class="rightway-module-done" data-rightway-module-done hidden>'
        f'<span aria-hidden="true">✓ </span>{escape(str(_("Completed")))}</span></p>'
    )
    if node["parts"]:
        items = "".join(
            f'<li><a href="#{escape(anchor)}">{escape(title)}</a></li>'
            for anchor, title in node["parts"]
        )
        html += (
            f'<nav class="rightway-parts" aria-label="{escape(str(_("Parts of this module")))}">'
            f'<p class="rightway-parts-title">{escape(str(_("This module has {count} parts:")).format(count=len(node["parts"])))}</p>'
            f"<ol>{items}</ol></nav>"
        )
    return html


def _page_uri(translator: SphinxTranslator, page: str) -> str:
    builder: Any = translator.builder
    return str(builder.get_relative_uri(builder.current_docname, page))


def _page_title(translator: SphinxTranslator, page: str) -> str:
    titles = translator.builder.env.titles
    return titles[page].astext() if page in titles else page


def _course_start_html(translator: SphinxTranslator) -> str:
    modules = outline_modules(translator.builder.env)
    if not modules:
        return ""
    minutes = sum(module.minutes for module in modules)
    length = str(_("{count} modules, {time} in all. You can take them one at a time.")).format(
        count=len(modules), time=time_text(minutes)
    )
    first = _page_uri(translator, modules[0].page)
    return (
        '<div class="rightway-course-start">'
        f'<p class="rightway-course-length">{escape(length)}</p>'
        '<p class="rightway-progress" data-rightway-progress hidden></p>'
        '<p class="rightway-start-actions">'
        f'<a class="rightway-button rightway-primary" href="{escape(first)}" data-rightway-start>'
        f"{escape(str(_('Start the course')))}</a>"
        f'<a class="rightway-button" href="{escape(first)}" data-rightway-continue hidden>'
        f"{escape(str(_('Continue where you left off')))}"
        '<span class="rightway-continue-title" data-rightway-continue-title></span></a>'
        "</p></div>"
    )


def _course_outline_html(translator: SphinxTranslator) -> str:
    modules = outline_modules(translator.builder.env)
    if not modules:
        return ""
    rows = "".join(
        f'<tr><td>{number}. <a href="{escape(_page_uri(translator, module.page))}">'
        f"{escape(_page_title(translator, module.page))}</a></td>"
        f"<td>{escape(time_text(module.minutes))}</td>"
        f'<td data-rightway-module-status="{escape(module.id)}"></td></tr>'
        for number, module in enumerate(modules, start=1)
    )
    total = time_text(sum(module.minutes for module in modules))
    return (
        '<div class="table-wrapper"><table class="rightway-outline">'
        f"<caption>{escape(str(_('The modules, in the order to take them')))}</caption>"
        f'<thead><tr><th scope="col">{escape(str(_("Module")))}</th>'
        f'<th scope="col">{escape(str(_("Time")))}</th>'
        f'<th scope="col">{escape(str(_("Done")))}</th></tr></thead>'
        f"<tbody>{rows}</tbody>"
        f'<tfoot><tr><th scope="row">{escape(str(_("In all")))}</th>'
        f"<td>{escape(total)}</td><td></td></tr></tfoot>"
        "</table></div>"
    )


# -- data for rightway.js ------------------------------------------------------------------


def journey_strings() -> dict[str, str]:
    """What rightway.js says about progress, in the build language."""
    return {
        "completed": str(_("completed")),
        "done": str(_("Done")),
        "notYet": str(_("Not yet")),
        "progress": str(_("{done} of {total} modules done.")),
        "passedModule": str(_("You have completed module {number} of {total}: {title}.")),
        "nextModule": str(_("Next module: {title}")),
        "courseDone": str(_("You have completed every module of the course.")),
        "welcome": str(_("Back to the welcome page")),
    }


def journey_page_data(app: Sphinx, pagename: str) -> dict[str, Any]:
    """The course's modules (id, page, title) and the words rightway.js needs."""
    builder: Any = app.builder
    titles = app.env.titles
    return {
        "modules": [
            {
                "id": module.id,
                "page": builder.get_target_uri(module.page),
                "title": titles[module.page].astext() if module.page in titles else module.page,
            }
            for module in outline_modules(app.env)
        ],
        "home": builder.get_target_uri(app.config.root_doc),
        "strings": journey_strings(),
    }


def _add_page_data(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    data = journey_page_data(app, pagename)
    context["rightway_journey_modules"] = json.dumps(data["modules"], ensure_ascii=False)
    context["rightway_journey_home"] = data["home"]
    context["rightway_journey_strings"] = json.dumps(data["strings"], ensure_ascii=False)
    quizzes = [] if doctree is None else list(doctree.findall(quiz_part))
    quiz_ids = [node["quiz_id"] for node in quizzes if node["part"] == "quiz"]
    context["rightway_quiz_anchor"] = f"quiz-{quiz_ids[0]}" if quiz_ids else ""
