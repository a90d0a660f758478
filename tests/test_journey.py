"""The learner's journey in the built course: module headers, parts, the welcome page, assets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import HTML_DIR, LANGUAGES, PROJECT_ROOT, html_pages, page_html

from rightway_quiz.course.loader import load_outline
from rightway_quiz.course.model import CourseModule
from rightway_quiz.sphinxext.part_words import translated_words
from rightway_quiz.sphinxext.parts import PART_WORD_LIMIT, group_into_parts

WORD = re.compile(r"\w[\w'’-]*")
MODULE_PLACE = {"en": "Module {number} of {total}", "cy": "Modiwl {number} o {total}"}
PART_PLACE = {"en": "Part {number} of {total}", "cy": "Rhan {number} o {total}"}
SCENARIO_PART = {"en": "Scenario: {title}", "cy": "Sefyllfa: {title}"}
MINUTES = {"en": "{minutes} minutes", "cy": "{minutes} munud"}


@pytest.fixture(scope="module")
def modules(html_dir: Path) -> list[CourseModule]:
    return list(load_outline(PROJECT_ROOT).model.modules)


def parse(language: str, page: str) -> Any:
    return lxml.html.fromstring(page_html(HTML_DIR / language / f"{page}.html"))


def words_by_part(document: Any) -> dict[int, int]:
    """Words a learner reads in each part, in document order (the quiz is an activity)."""
    for unread in document.cssselect(
        "form.rightway-quiz, .headerlink, .rightway-part-marker, .rightway-part-next"
    ):
        unread.drop_tree()
    counts: dict[int, int] = {}
    part = 1

    def add(text: str | None) -> None:
        counts[part] = counts.get(part, 0) + len(WORD.findall(text or ""))

    def visit(element: Any) -> None:
        nonlocal part
        classes = (element.get("class") or "").split()
        if "rightway-part-start" in classes:
            part = next(
                int(c.rsplit("-", 1)[1]) for c in classes if re.fullmatch(r"rightway-part-\d+", c)
            )
        add(element.text)
        for child in element:
            visit(child)
            add(child.tail)

    visit(document.cssselect("article")[0])
    return counts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_module_says_where_it_sits_and_how_long_it_takes(
    modules: list[CourseModule], language: str
) -> None:
    for number, module in enumerate(modules, start=1):
        document = parse(language, module.page)
        place = document.cssselect(".rightway-module-header .rightway-module-place")
        assert place, module.page
        text = place[0].text_content()
        expected = MODULE_PLACE[language].format(number=number, total=len(modules))
        assert expected in text, (module.page, text)
        assert MINUTES[language].format(minutes=module.minutes) in text, (module.page, text)
        # The header sits at the top: before the page's first section heading.
        header = document.cssselect(".rightway-module-header")[0]
        first_h2 = document.cssselect("article h2")[0]
        assert header.getparent().index(header) < first_h2.getparent().getparent().index(
            first_h2.getparent()
        )
        assert document.cssselect(".rightway-module-header .rightway-objectives li")
        body = document.cssselect("article")[0].text_content()
        assert "Estimated time" not in body and "Amser: tua" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_modules_come_in_parts_of_at_most_1200_words(
    modules: list[CourseModule], language: str
) -> None:
    too_long = []
    for module in modules:
        document = parse(language, module.page)
        starts = document.cssselect(".rightway-part-start")
        counts = words_by_part(parse(language, module.page))
        if sum(counts.values()) > PART_WORD_LIMIT:
            assert len(starts) >= 2, f"{module.page} ({sum(counts.values())} words) has no parts"
        too_long += [
            f"{language}/{module.page} part {part}: {words} words"
            for part, words in counts.items()
            if words > PART_WORD_LIMIT
        ]
        for number, start in enumerate(starts, start=1):
            marker = start.cssselect(".rightway-part-marker")[0].text_content()
            assert PART_PLACE[language].format(number=number, total=len(starts)) in marker
        # Each part but the first is announced by a link at the end of the one before.
        links = document.cssselect(".rightway-part-next a")
        assert [a.get("href") for a in links] == [f"#{s.get('id')}" for s in starts[1:]]
        header_links = document.cssselect(".rightway-parts a")
        assert [a.get("href") for a in header_links] == [f"#{s.get('id')}" for s in starts]
    assert not too_long, "\n".join(too_long)


def test_both_languages_have_the_same_parts(modules: list[CourseModule]) -> None:
    for module in modules:
        starts = {
            language: [
                s.get("id") for s in parse(language, module.page).cssselect(".rightway-part-start")
            ]
            for language in LANGUAGES
        }
        assert starts["cy"] == starts["en"], module.page


def test_parts_are_as_few_as_the_budget_allows_and_even() -> None:
    assert group_into_parts([10, 100, 800, 300, 400, 200, 900, 50], budget=950) == [
        [0, 1],
        [2, 3, 4],
        [5, 6],
    ]
    assert group_into_parts([0, 300, 300], budget=950) == [[0, 1]]


def test_parts_are_sized_by_their_longest_language() -> None:
    # English alone fits in two parts; the Welsh of the second and third units does not.
    english_only = [(0,), (500,), (400,), (500,)]
    both = [(0, 0), (500, 560), (400, 470), (500, 540)]
    assert group_into_parts(english_only, budget=950) == [[0], [1, 2]]
    assert group_into_parts(both, budget=950) == [[0], [1], [2]]


def test_translated_words_leave_the_markdown_out() -> None:
    text = "Mae [Erthygl 12](https://example.org/a12) yn {term}`hawl <rights>`."
    assert translated_words(text) == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_part_opening_at_a_scenario_is_named_as_one(
    modules: list[CourseModule], language: str
) -> None:
    named = []
    for module in modules:
        document = parse(language, module.page)
        for link in document.cssselect(".rightway-parts a"):
            target = document.get_element_by_id(link.get("href")[1:])
            if "rightway-scenario" not in (target.get("class") or ""):
                continue
            heading = target.cssselect("h3, h4")[0]
            for marker in heading.cssselect(".rightway-part-marker"):
                marker.drop_tree()
            title = heading.text_content().strip()
            assert link.text_content() == SCENARIO_PART[language].format(title=title)
            named.append(link.text_content())
    assert named, "expected at least one part that opens at a scenario"
    # A unit over the budget is a part of its own; the rest is shared out evenly.
    assert group_into_parts([0, 2000, 100, 100], budget=950) == [[0], [1, 2]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_welcome_page_starts_with_the_course_length_and_a_start_button(
    modules: list[CourseModule], language: str
) -> None:
    document = parse(language, "index")
    start = document.cssselect("a[data-rightway-start]")
    assert len(start) == 1
    assert start[0].get("href") == f"{modules[0].page}.html"
    length = document.cssselect(".rightway-course-length")[0].text_content()
    total = sum(module.minutes for module in modules)
    assert str(total) in length and str(len(modules)) in length
    # Before the first section: the learner meets it on the first screen.
    first_section = document.cssselect("article section section")[0]
    order = [element for element in document.iter() if element in (start[0], first_section)]
    assert order[0] is start[0]
    assert document.cssselect("a[data-rightway-continue][hidden]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_welcome_page_lists_the_modules_from_course_yaml(
    modules: list[CourseModule], language: str
) -> None:
    document = parse(language, "index")
    rows = document.cssselect("table.rightway-outline tbody tr")
    assert [row.cssselect("a")[0].get("href") for row in rows] == [
        f"{module.page}.html" for module in modules
    ]
    for row, module in zip(rows, modules, strict=True):
        assert MINUTES[language].format(minutes=module.minutes) in row.text_content()
        titles = parse(language, module.page).cssselect("h1")[0].text_content().rstrip("#")
        assert row.cssselect("a")[0].text_content() == titles
    assert [
        cell.get("data-rightway-module-status")
        for cell in document.cssselect("tbody td[data-rightway-module-status]")
    ] == [module.id for module in modules]


def test_landing_page_says_how_long_the_course_takes(modules: list[CourseModule]) -> None:
    text = (HTML_DIR / "index.html").read_text(encoding="utf-8")
    total = sum(module.minutes for module in modules)
    assert text.count(f"({total} minutes)") == 1
    assert text.count(f"({total} munud)") == 1


# -- assets ---------------------------------------------------------------------------


def assets(document: Any) -> set[str]:
    links = [link.get("href") for link in document.cssselect("link[rel=stylesheet]")]
    scripts = [script.get("src") for script in document.cssselect("script[src]")]
    return {Path(url.split("?")[0]).name for url in links + scripts if url}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_loads_only_the_assets_it_uses(language: str) -> None:
    for path in html_pages(language):
        document = lxml.html.parse(str(HTML_DIR / language / path)).getroot()
        loaded = assets(document)
        has_quiz = bool(document.cssselect("form.rightway-quiz"))
        has_self_assessment = bool(document.cssselect("form.rightway-self-assessment"))
        assert ("rightway-quiz.js" in loaded) == has_quiz, path
        assert ("rightway-self-assessment.js" in loaded) == has_self_assessment, path
        assert ("pygments.css" in loaded) == bool(document.cssselect(".highlight")), path
        assert "sphinx-design.min.css" not in loaded, path
        design = [name for name in loaded if name.startswith("rightway-design-")]
        assert bool(design) == bool(
            re.search(r"\bsd-", lxml.html.tostring(document, encoding=str))
        ), path
        if path.name != "search.html":
            assert "doctools.js" not in loaded and "searchtools.js" not in loaded, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_has_a_level_one_heading(language: str) -> None:
    document = lxml.html.parse(str(HTML_DIR / language / "search.html")).getroot()
    assert len(document.cssselect("h1")) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_module_pages_have_a_skip_link_to_their_quiz(
    modules: list[CourseModule], language: str
) -> None:
    for module in modules:
        document = parse(language, module.page)
        quiz = document.cssselect("form.rightway-quiz")[0]
        skips = [
            a
            for a in document.cssselect("a.skip-to-content")
            if a.get("href") == f"#{quiz.get('id')}"
        ]
        assert len(skips) == 1, module.page
