"""The course content: every module is complete, and written in our own words."""

from __future__ import annotations

import html
import itertools
import posixpath
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import LANGUAGES, PROJECT_ROOT, page_html

from rightway_quiz.course.course import load_course
from rightway_quiz.course.loader import load_outline
from tools.originality_check import (
    RUN_LENGTH,
    find_copied_runs,
    read_fingerprints,
    seed_fingerprints,
    seeds_dir,
    strip_quotations,
    write_fingerprints,
)

OUTLINE = load_outline(PROJECT_ROOT).model
MODULES = {module.id: module.page for module in OUTLINE.modules}
# The five principle modules are the ones under principles/.
PRINCIPLES = tuple(m.id for m in OUTLINE.modules if m.page.startswith("principles/"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_has_its_parts(html_dir: Path, language: str, module: str) -> None:
    page = lxml.html.fromstring(page_html(html_dir / language / f"{MODULES[module]}.html"))
    objectives = page.cssselect(".rightway-objectives li")
    assert 3 <= len(objectives) <= 5
    assert len(page.cssselect("section.rightway-scenario")) >= 3
    assert all(
        s.cssselect("details.rightway-model-answer")
        for s in page.cssselect("section.rightway-scenario")
    )
    assert len(page.cssselect("ol.rightway-prompts > li")) >= 4
    questions = page.cssselect("form.rightway-quiz .rightway-question")
    assert len(questions) >= 8
    covered: dict[str, int] = {}
    for question in questions:
        covered[question.get("data-objective")] = covered.get(question.get("data-objective"), 0) + 1
    objective_ids = {li.get("id").removeprefix("objective-") for li in objectives}
    assert set(covered) == objective_ids
    assert min(covered.values()) >= 2
    if module in PRINCIPLES:
        assert page.cssselect(".sd-card"), "a case study card"
        assert page.cssselect(".sd-tab-set"), "practice for services and practitioners"


def test_course_text_is_in_our_own_words() -> None:
    """Checked against the stored seed fingerprints: no seed text is needed, or kept."""
    hits = find_copied_runs(PROJECT_ROOT)
    assert hits == [], "\n".join(f"{path}: {run}" for path, run in hits)


def test_stored_fingerprints_match_the_seed_documents() -> None:
    seeds = seeds_dir(PROJECT_ROOT)
    if not seeds.is_dir():
        pytest.skip(f"seed documents not at {seeds}: the stored fingerprints are used as they are")
    assert read_fingerprints() == seed_fingerprints(seeds), (
        "run python -m tools.originality --refresh"
    )


def test_originality_check_catches_a_copied_sentence(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed_sentence = (
        "Every worker who visits the small red house on the hill must bring the blue "
        "notebook and a spare pencil for the children who live there"
    )
    (seeds / "guide.txt").write_text(f"Preamble. {seed_sentence}. The end.", encoding="utf-8")
    stored = tmp_path / "fingerprints.bin"
    write_fingerprints(seed_fingerprints(seeds), stored)
    assert seed_sentence.encode() not in stored.read_bytes()  # fingerprints, never text

    words = " ".join(seed_sentence.split()[2 : 2 + RUN_LENGTH + 2])
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "page.md").write_text(f"# Page\n\nWe wrote: {words}\n", encoding="utf-8")
    (tmp_path / "course" / "quoted.md").write_text(
        f"# Page\n\n:::{{quotation}}\n:source: The guide\n{words}\n:::\n", encoding="utf-8"
    )
    (tmp_path / "course" / "own.md").write_text(
        "# Page\n\nA worker brings a notebook and pencils when visiting children at home.\n",
        encoding="utf-8",
    )
    hits = find_copied_runs(tmp_path, read_fingerprints(stored))
    assert [path.name for path, _ in hits] == ["page.md"]
    assert ":::{quotation}" not in strip_quotations((tmp_path / "course" / "quoted.md").read_text())


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_course_order_in_menu_next_links_and_scorm(html_dir: Path, language: str) -> None:
    """course.yaml, the menu, the Next links and the SCORM manifest agree."""
    order = [module.page for module in OUTLINE.modules]
    assert len(PRINCIPLES) == 5
    index = lxml.html.parse(str(html_dir / language / "index.html")).getroot()
    menu = [
        link.get("href").removesuffix(".html")
        for link in index.cssselect(".sidebar-tree a.reference.internal")
    ]
    assert [page for page in menu if page in order] == order
    for here, following in itertools.pairwise(order):
        page = lxml.html.parse(str(html_dir / language / f"{here}.html")).getroot()
        next_link = page.cssselect("a.next-page")[0].get("href")
        expected = posixpath.relpath(f"{following}.html", posixpath.dirname(here) or ".")
        assert next_link == expected, (here, next_link)
    titles = [
        lxml.html.parse(str(html_dir / language / f"{page}.html"))
        .getroot()
        .cssselect("h1")[0]
        .text_content()
        .rstrip("#")
        .strip()
        for page in order
    ]
    with zipfile.ZipFile(html_dir.parent / "scorm" / f"rightway-{language}-scorm12.zip") as package:
        manifest = package.read("imsmanifest.xml").decode("utf-8")
    items = re.findall(r"<item [^>]*>\s*<title>(.*?)</title>", manifest)
    assert [html.unescape(title) for title in items] == titles


COURSE = load_course(PROJECT_ROOT)


def test_every_cited_article_has_a_summary() -> None:
    """Quizzes, scenarios and prompts cite only articles the course summarises."""
    known = set(COURSE.articles)
    cited: list[tuple[str, int]] = []
    for quiz in COURSE.quizzes.values():
        cited += [(question.id, n) for question in quiz.questions for n in question.articles]
    for scenario_set in COURSE.scenario_sets.values():
        cited += [(s.id, n) for s in scenario_set.scenarios for n in s.articles]
        cited += [(p.id, n) for p in scenario_set.prompts for n in p.articles]
    assert cited
    missing = [(where, number) for where, number in cited if number not in known]
    assert missing == []


@pytest.mark.parametrize("principle", sorted(MODULES))
def test_every_prompt_is_ready_for_supervision(principle: str) -> None:
    prompts = COURSE.scenario_sets[principle].prompts
    for prompt in prompts:
        assert 1 <= len(prompt.probes) <= 2, prompt.id
        assert prompt.articles, prompt.id
        assert prompt.audience, prompt.id
    assert sum("one-to-one" in prompt.audience for prompt in prompts) >= 5


def test_every_workshop_has_notes_variants_and_feedback() -> None:
    page = (PROJECT_ROOT / "course" / "guides" / "workshops.md").read_text(encoding="utf-8")
    workshops = re.split(r"^## ", page, flags=re.M)[1:]
    plans = [w for w in workshops if "### 60-minute plan" in w]
    assert len(plans) >= 7, "a workshop for every module"
    for workshop in plans:
        title = workshop.splitlines()[0]
        for heading in (
            "### Facilitator notes",
            "### 30-minute version",
            "### 90-minute version",
            "### Feedback form",
        ):
            assert heading in workshop, (title, heading)
