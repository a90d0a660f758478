"""The learner's journey: where a module sits in the course, how long it takes, and its parts.

- ``{module-header} <module id>`` opens a module page: "Module N of M", its time and
  its learning objectives (the ``{objectives}`` box).
- ``{course-start}`` opens the welcome page: how long the course takes, "Start the
  course" and, for a returning learner, "Continue where you left off".
- ``{course-outline}`` lists the modules in teaching order with their times.
- A long module page is divided into parts of at most about ``PART_WORD_LIMIT`` words:
  its top-level sections, grouped in order. Each part's first heading says
  "Part N of M", each part ends with a link to the next, and the module header lists
  them. One page, so a SCORM SCO still covers one module.

Order and times come from ``course.yaml`` (``course_data(env).outline``). The nodes
hold data only; the words are rendered in the build language when the HTML is
written, so page catalogs never see them. ``rightway.js`` keeps progress (modules
done, the last page visited) from the data ``journey_page_data`` puts on every page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..course.model import CourseModule, Outline
from .content import course_part, heading_label_html, objectives_box
from .course_data import course_data
from .i18n import _
from .quiz import quiz_part

logger = logging.getLogger(__name__)

#: The most words a learner should meet in one part of a module (reading, not the quiz).
PART_WORD_LIMIT = 1200
#: Parts are grouped by the English source's words, so both languages get the same parts;
#: Welsh runs longer, so the English budget leaves it room under the limit.
PART_SOURCE_BUDGET = 950
#: Attributes of a part's first block (set while reading): its part number and how many.
PART_NUMBER = "rightway_part"
PART_COUNT = "rightway_parts"
WORD = re.compile(r"\w[\w'’-]*")


class journey_node(nodes.General, nodes.Element):
    """A journey block; ``kind`` says which (module-header, course-start, course-outline)."""


def setup_journey(app: Sphinx) -> None:
    """Register the directives, their node, the part transforms and the page data."""
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
    app.add_transform(PlanModuleParts)
    app.add_post_transform(MarkModuleParts)
    app.connect("html-page-context", _add_page_data)


def _visit_plain(translator: Any, node: nodes.Element) -> None:
    """Other builders show the objectives (the node's children) and nothing else."""


def _depart_plain(translator: Any, node: nodes.Element) -> None:
    """Nothing to close."""


# -- the outline -------------------------------------------------------------------


def outline_modules(env: Any) -> list[CourseModule]:
    """The modules of ``course.yaml`` in teaching order (none if the course has no outline)."""
    outline: Any = course_data(env).outline
    if outline is None:
        return []
    model: Outline = outline.model
    return list(model.modules)


def module_for_page(env: Any, docname: str) -> tuple[int, CourseModule] | None:
    """The module shown on ``docname`` and its place (0 for the first), if it is one."""
    for index, module in enumerate(outline_modules(env)):
        if module.page == docname:
            return index, module
    return None


def time_text(minutes: int) -> str:
    """``about 40 minutes``, or for two hours and more ``about 5 hours (305 minutes)``."""
    if minutes < 120:
        return str(_("about {minutes} minutes")).format(minutes=minutes)
    return str(_("about {hours} hours ({minutes} minutes)")).format(
        hours=round(minutes / 60), minutes=minutes
    )


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


# -- parts ------------------------------------------------------------------------------


def _top_sections(page: nodes.section) -> list[nodes.section]:
    return [child for child in page.children if isinstance(child, nodes.section)]


def _page_section(doctree: nodes.document) -> nodes.section | None:
    return next(iter(doctree.findall(nodes.section)), None)


def _read_text(node: nodes.Node) -> Iterator[str]:
    """The text a learner reads: not the quiz, which is an activity rather than reading."""
    if isinstance(node, quiz_part):
        return
    if isinstance(node, nodes.Text):
        yield node.astext()
        return
    for child in node.children:
        yield from _read_text(child)


def count_words(node: nodes.Node) -> int:
    """Words of reading in ``node``."""
    return sum(len(WORD.findall(text)) for text in _read_text(node))


def _can_start_part(node: nodes.Node) -> bool:
    """A block inside a long section where a part may begin: a subsection or a scenario."""
    return isinstance(node, nodes.section) or (
        isinstance(node, course_part) and node.get("part") == "scenario"
    )


def _units(page: nodes.section, budget: int) -> list[tuple[nodes.Element, int]]:
    """Where parts may begin, with the words up to the next such place.

    A top-level section is one unit; one longer than ``budget`` is cut before each
    of its subsections and scenarios.
    """
    units: list[tuple[nodes.Element, int]] = []
    for section in _top_sections(page):
        words = count_words(section)
        if words <= budget or not any(_can_start_part(c) for c in section.children):
            units.append((section, words))
            continue
        start: nodes.Element = section
        run = 0
        for child in section.children:
            if isinstance(child, nodes.Element) and _can_start_part(child):
                units.append((start, run))
                start, run = child, 0
            run += count_words(child)
        units.append((start, run))
    return units


def group_into_parts(words: list[int], budget: int = PART_SOURCE_BUDGET) -> list[list[int]]:
    """Indexes of consecutive units in as few parts as the budget allows, as even as possible.

    ``words[0]`` is the text before the first unit (it opens the first part); a unit
    longer than the budget makes a part of its own.
    """
    sizes = list(words[1:])
    if not sizes:
        return []
    sizes[0] += words[0]
    count = _fewest_parts(sizes, budget)
    # best[k][i]: the smallest largest part when the first i units make k parts.
    infinity = float("inf")
    best = [[infinity] * (len(sizes) + 1) for _ in range(count + 1)]
    cut = [[0] * (len(sizes) + 1) for _ in range(count + 1)]
    best[0][0] = 0
    prefix = [0]
    for size in sizes:
        prefix.append(prefix[-1] + size)
    for k in range(1, count + 1):
        for i in range(k, len(sizes) + 1):
            for j in range(k - 1, i):
                largest = max(best[k - 1][j], prefix[i] - prefix[j])
                if largest < best[k][i]:
                    best[k][i], cut[k][i] = largest, j
    bounds = [len(sizes)]
    for k in range(count, 0, -1):
        bounds.append(cut[k][bounds[-1]])
    bounds.reverse()
    return [list(range(bounds[i], bounds[i + 1])) for i in range(count)]


def _fewest_parts(sizes: list[int], budget: int) -> int:
    parts, total = 1, 0
    for size in sizes:
        if total and total + size > budget:
            parts, total = parts + 1, 0
        total += size
    return parts


class PlanModuleParts(SphinxTransform):
    """Decide a module page's parts from its English words, before translation.

    Sphinx's Locale transform (priority 20) translates afterwards, so both languages
    get the same parts. Each part's first block remembers its number.
    """

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        page = _page_section(self.document)
        if page is None or module_for_page(self.env, self.env.docname) is None:
            return
        preamble = sum(count_words(c) for c in page.children if not isinstance(c, nodes.section))
        units = _units(page, PART_SOURCE_BUDGET)
        parts = group_into_parts([preamble] + [words for _, words in units])
        if len(parts) < 2:
            return
        for number, part in enumerate(parts, start=1):
            start = units[part[0]][0]
            start[PART_NUMBER] = number
            start[PART_COUNT] = len(parts)


def part_label(number: int, total: int) -> str:
    """``Part 2 of 4`` in the build language."""
    return str(_("Part {number} of {total}")).format(number=number, total=total)


class MarkModuleParts(SphinxPostTransform):
    """Show the parts: "Part N of M" on each first heading, a link to each next part."""

    formats = ("html",)
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        starts = [
            node for node in self.document.findall(nodes.Element) if PART_NUMBER in node.attributes
        ]
        for start in starts:
            number, total = start[PART_NUMBER], start[PART_COUNT]
            label = part_label(number, total)
            start["classes"] += ["rightway-part-start", f"rightway-part-{number}"]
            if number > 1:
                link = _next_part_link(start, label)
                start.parent.insert(start.parent.index(start), link)
            if isinstance(start, nodes.section):
                title = start.next_node(nodes.title)
                if title is not None:
                    title.insert(0, _part_marker(label))
            else:
                start["rightway_part_label"] = label
        for header in self.document.findall(journey_node):
            if header["kind"] == "module-header":
                header["parts"] = [(part_anchor(start), part_title(start)) for start in starts]


def part_anchor(start: nodes.Element) -> str:
    """The id a link to the part's first block points at."""
    if isinstance(start, course_part):
        return f"scenario-{start['scenario_id']}"
    return str(start["ids"][0]) if start["ids"] else ""


def part_title(start: nodes.Element) -> str:
    """The heading of the part's first block, without its "Part N of M" marker."""
    if isinstance(start, course_part):
        titles = [c for c in start.children if isinstance(c, course_part) and c["part"] == "title"]
        return titles[0].astext() if titles else ""
    title = start.next_node(nodes.title)
    if title is None:
        return ""
    return "".join(
        child.astext() for child in title.children if not isinstance(child, nodes.raw)
    ).strip()


def _part_marker(label: str) -> nodes.raw:
    return nodes.raw("", heading_label_html(label), format="html")


def _next_part_link(start: nodes.Element, label: str) -> nodes.raw:
    text = str(_("Next: {part}, {title}")).format(part=label, title=part_title(start))
    return nodes.raw(
        "",
        f'<p class="rightway-part-next"><a href="#{escape(part_anchor(start))}">{escape(text)}</a></p>',
        format="html",
    )


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
