"""A long module page in parts of at most ``PART_WORD_LIMIT`` words, in every language.

A module page's top-level sections are grouped in order into parts; a section too
long for one part is cut before its subsections and scenarios. Each part's first
heading says "Part N of M", each part ends with a link to the next, and the module
header (``journey.py``) lists them. One page, so a SCORM SCO still covers one module.

Parts are planned before Sphinx translates the page, from words that do not depend
on the build language (``part_words.py``): each unit is measured in every language
of the course, as its built HTML will show it, and a part is as long as its longest
language. Welsh runs longer than English, by how much differs from paragraph to
paragraph, and both builds plan the same parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .content import course_part, heading_label_html
from .i18n import _
from .journey import journey_node, module_for_page
from .part_words import Measure, Words, add, listed_parts, page_catalogs

#: The most words a learner should meet in one part of a module (reading, not the quiz).
PART_WORD_LIMIT = 1200
#: What the planner allows a part in its longest language. ``part_words`` counts the
#: words the built page shows, as the tests do; measured against the built pages it is
#: at most 5 words short for a stretch (and never more than 16 over), so a little room.
PART_BUDGET = PART_WORD_LIMIT - 20
#: Attributes of a part's first block (set while reading): its part number and how many.
PART_NUMBER = "rightway_part"
PART_COUNT = "rightway_parts"
#: How often the plan is redone with the module header's list of parts counted in.
PLAN_ROUNDS = 5


def setup_parts(app: Sphinx) -> None:
    """Plan parts before translation; mark them in HTML after."""
    app.add_transform(PlanModuleParts)
    app.add_post_transform(MarkModuleParts)


# -- planning -----------------------------------------------------------------------


def _top_sections(page: nodes.section) -> list[nodes.section]:
    return [child for child in page.children if isinstance(child, nodes.section)]


def _can_start_part(node: nodes.Node) -> bool:
    """A block inside a long section where a part may begin: a subsection or a scenario."""
    return isinstance(node, nodes.section) or (
        isinstance(node, course_part) and node.get("part") == "scenario"
    )


def _units(page: nodes.section, measure: Measure) -> list[tuple[nodes.Element, Words]]:
    """Where parts may begin, with the words up to the next such place.

    A top-level section is one unit; one longer than ``PART_BUDGET`` in any language
    is cut before each of its subsections and scenarios.
    """
    units: list[tuple[nodes.Element, Words]] = []
    for section in _top_sections(page):
        words = measure(section)
        if max(words) <= PART_BUDGET or not any(_can_start_part(c) for c in section.children):
            units.append((section, words))
            continue
        start: nodes.Element = section
        run: Words = measure.nothing
        for child in section.children:
            if isinstance(child, nodes.Element) and _can_start_part(child):
                units.append((start, run))
                start, run = child, measure.nothing
            run = add(run, measure(child))
        units.append((start, run))
    return units


def group_into_parts(words: Sequence[int | Words], budget: int = PART_BUDGET) -> list[list[int]]:
    """Indexes of consecutive units in as few parts as the budget allows, as even as possible.

    Each entry is a unit's words, one number or one per language; a part's size is its
    longest language's. ``words[0]`` is the text before the first unit (it opens the
    first part); a unit longer than the budget makes a part of its own.
    """
    sizes = [(size,) if isinstance(size, int) else tuple(size) for size in words[1:]]
    if not sizes:
        return []
    first = words[0]
    sizes[0] = add(sizes[0], (first,) * len(sizes[0]) if isinstance(first, int) else first)
    prefix: list[Words] = [(0,) * len(sizes[0])]
    for size in sizes:
        prefix.append(add(prefix[-1], size))

    def cost(start: int, end: int) -> int:
        return max(b - a for a, b in zip(prefix[start], prefix[end], strict=True))

    count = _fewest_parts(len(sizes), cost, budget)
    # best[k][i]: the smallest longest part when the first i units make k parts.
    infinity = float("inf")
    best = [[infinity] * (len(sizes) + 1) for _ in range(count + 1)]
    cut = [[0] * (len(sizes) + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for i in range(k, len(sizes) + 1):
            for j in range(k - 1, i):
                longest = max(best[k - 1][j], cost(j, i))
                if longest < best[k][i]:
                    best[k][i], cut[k][i] = longest, j
    bounds = [len(sizes)]
    for k in range(count, 0, -1):
        bounds.append(cut[k][bounds[-1]])
    bounds.reverse()
    return [list(range(bounds[i], bounds[i + 1])) for i in range(count)]


def _fewest_parts(units: int, cost: Any, budget: int) -> int:
    """Greedy is fewest here: a part that fits still fits with a unit taken off."""
    parts, start = 1, 0
    for end in range(1, units + 1):
        if end - 1 > start and cost(start, end) > budget:
            parts, start = parts + 1, end - 1
    return parts


class PlanModuleParts(SphinxTransform):
    """Decide a module page's parts from its words in every language, before translation.

    Sphinx's Locale transform (priority 20) translates afterwards, so both languages
    get the same parts. Each part's first block remembers its number.
    """

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        page = next(iter(self.document.findall(nodes.section)), None)
        if page is None or module_for_page(self.env, self.env.docname) is None:
            return
        measure = Measure(self.document, page_catalogs(self.app, self.env.docname))
        preamble = add(
            measure.nothing,
            *(measure(child) for child in page.children if not isinstance(child, nodes.section)),
        )
        units = _units(page, measure)
        parts = plan_parts(preamble, units, lambda starts: listed_parts(measure, starts))
        if len(parts) < 2:
            return
        for number, part in enumerate(parts, start=1):
            start = units[part[0]][0]
            start[PART_NUMBER] = number
            start[PART_COUNT] = len(parts)


def plan_parts(
    preamble: Words,
    units: Sequence[tuple[nodes.Element, Words]],
    listed: Callable[[list[nodes.Element]], Words],
) -> list[list[int]]:
    """Group ``units`` into parts, the first part holding the module header's list of them.

    The list names every part, so its length depends on the plan: plan, count the list
    into the first part, and plan again until the plan stays the same.
    """
    parts = group_into_parts([preamble] + [words for _, words in units])
    for _round in range(PLAN_ROUNDS):
        if len(parts) < 2:
            break  # one part: the header lists none
        header = add(preamble, listed([units[part[0]][0] for part in parts]))
        again = group_into_parts([header] + [words for _, words in units])
        if again == parts:
            break
        parts = again
    return parts


# -- HTML -----------------------------------------------------------------------------


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
    """The part's name: its first heading, or "Scenario: …" for a part opening at one.

    A scenario's own title ("Elin wants to speak Welsh") alone would read as the name
    of a section in the list of parts; the label says it is a scenario.
    """
    if isinstance(start, course_part):
        titles = [c for c in start.children if isinstance(c, course_part) and c["part"] == "title"]
        title = titles[0].astext() if titles else ""
        return str(_("Scenario: {title}")).format(title=title)
    heading = start.next_node(nodes.title)
    if heading is None:
        return ""
    return "".join(
        child.astext() for child in heading.children if not isinstance(child, nodes.raw)
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
