"""What each PDF says, as plain data for its Typst template.

Scenarios, prompts and article summaries come from the course model and its
Welsh (``Course.translations``); page text (objectives, key points, case study
questions, workshop plans, the self-assessment) from the built HTML of the same
language (``html_text``). Every document is a dict with a ``kind`` the template
dispatches on.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightway_quiz.course.course import CONTENT_LOCALE_DIR, ContentTranslations, Course
from rightway_quiz.course.model import CourseModule, Scenario

from . import strings
from .html_text import Element, Page, blocks, heading_of, json_attribute, section_blocks
from .strings import Strings

Document = dict[str, Any]
ARTICLES_DIRECTIVE = re.compile(r"^```\{articles\}\s+([\d\s]+)$", re.MULTILINE)


def content_translations(course: Course, language: str) -> ContentTranslations:
    """``Course.translations``, read from the compiled page catalogs when they are current.

    ``make`` compiles them before the HTML; reading ``.mo`` files is about ten times
    faster than parsing every ``.po``. Same rule as the course model: the first
    catalog (in path order) that translates a message wins; fuzzy entries never
    reach a ``.mo``.
    """
    folder = course.root / CONTENT_LOCALE_DIR / language / "LC_MESSAGES"
    po_files = sorted(folder.rglob("*.po")) if language != "en" else []
    mo_files = [path.with_suffix(".mo") for path in po_files]
    current = all(
        mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime
        for po, mo in zip(po_files, mo_files, strict=True)
    )
    if not po_files or not current:
        return course.translations(language)
    messages: dict[str, str] = {}
    for mo in mo_files:
        with mo.open("rb") as handle:
            catalog: dict[str, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalog.items():
            if isinstance(msgid, str) and msgid and msgstr:
                messages.setdefault(msgid, msgstr)
    return ContentTranslations(language, messages)


@dataclass(frozen=True)
class Module:
    """One module of the course in one language: its page and its sources."""

    outline: CourseModule
    page: Page
    source: Path

    @property
    def id(self) -> str:
        return self.outline.id

    @property
    def title(self) -> str:
        return self.page.title


class PackBuilder:
    """Every document of the pack for one language."""

    def __init__(self, course: Course, html_dir: Path, language: str) -> None:
        self.course = course
        self.language = language
        self.html_dir = html_dir / language
        self.tr: ContentTranslations = content_translations(course, language)
        self.say = Strings(language)
        outline = course.outline.model.modules if course.outline else []
        self.modules = [
            Module(
                entry,
                Page.load(self.html_dir / f"{entry.page}.html"),
                course.root / "course" / f"{entry.page}.md",
            )
            for entry in outline
        ]
        self.site_title = self.modules[0].page.site_title if self.modules else ""

    def documents(self) -> dict[str, Document]:
        """File stem → document, in a stable order."""
        found: dict[str, Document] = {}
        for module in self.modules:
            if self.scenarios(module):
                found[f"cards-{module.id}"] = self.cards_document(module)
            found[f"handout-{module.id}"] = self.handout_document(module)
        found["pocket-guide"] = self.pocket_guide()
        found.update(self.workshop_packs())
        found["self-assessment"] = self.self_assessment()
        return found

    def _base(self, kind: str, title: str) -> Document:
        return {"kind": kind, "title": title, "lang": self.language, "site": self.site_title}

    # -- scenario cards ----------------------------------------------------------
    def scenarios(self, module: Module) -> list[Scenario]:
        found = self.course.scenario_sets.get(module.id)
        return list(found.scenarios) if found else []

    def article_name(self, number: int) -> str:
        label = self.say(strings.ARTICLE, number=number)
        article = self.course.articles.get(number)
        return f"{label}: {self.tr.text(article.title)}" if article else label

    def card(self, scenario: Scenario) -> dict[str, Any]:
        return {
            "title": self.tr.text(scenario.title),
            "situation": self.tr.paragraphs(scenario.situation),
            "ask": self.tr.text(scenario.ask) if scenario.ask else "",
            "answer": self.tr.paragraphs(scenario.model_answer),
            "articles": [self.article_name(number) for number in scenario.articles],
        }

    def cards_part(self, module: Module) -> dict[str, Any]:
        return {
            "title": self.say(strings.CARDS_TITLE, module=module.title),
            "how_to": self.say(strings.CARDS_HOW_TO),
            "answer_label": self.say(strings.MODEL_ANSWER),
            "articles_label": self.say(strings.ARTICLES),
            "cards": [self.card(scenario) for scenario in self.scenarios(module)],
        }

    def cards_document(self, module: Module) -> Document:
        part = self.cards_part(module)
        return {**self._base("cards", part["title"]), "cards": part}

    # -- module handouts ---------------------------------------------------------
    def article_numbers(self, module: Module) -> list[int]:
        """The page's own ``{articles}`` list, else every article its scenarios use."""
        found = ARTICLES_DIRECTIVE.search(module.source.read_text(encoding="utf-8"))
        if found:
            return [int(number) for number in found.group(1).split()]
        return sorted({n for scenario in self.scenarios(module) for n in scenario.articles})

    def handout_part(self, module: Module) -> dict[str, Any]:
        page = module.page
        key_points = page.section("key-points")
        rights = page.section("the-rights-involved")
        case_studies = []
        for section in page.sections_starting("case-study"):
            lists = section.find_all("ul")
            questions = lists[-1] if lists else None
            lead = _paragraph_before(section, questions)
            case_studies.append(
                {
                    "title": heading_of(section),
                    "lead": lead,
                    "questions": [item.text() for item in questions.find_all("li")]
                    if questions
                    else [],
                }
            )
        articles = []
        for number in self.article_numbers(module):
            article = self.course.articles.get(number)
            if article is not None:
                articles.append(
                    {
                        "name": self.article_name(number),
                        "summary": self.tr.text(article.summary),
                    }
                )
        return {
            "title": self.say(strings.HANDOUT_TITLE, module=module.title),
            "objectives": page.objectives(),
            "key_points_heading": heading_of(key_points) if key_points else "",
            "key_points": section_blocks(key_points) if key_points else [],
            "articles_heading": heading_of(rights) if rights else self.say(strings.ARTICLES),
            "articles": articles,
            "case_studies": case_studies,
        }

    def handout_document(self, module: Module) -> Document:
        part = self.handout_part(module)
        return {**self._base("handout", part["title"]), "handout": part}

    # -- supervisor's pocket guide -----------------------------------------------
    def pocket_guide(self) -> Document:
        sections = []
        for module in self.modules:
            found = self.course.scenario_sets.get(module.id)
            if not found or not found.prompts:
                continue
            prompts = []
            for prompt in found.prompts:
                names = ", ".join(self.say(strings.ARTICLE, number=n) for n in prompt.articles)
                prompts.append(
                    {
                        "text": self.tr.text(prompt.text),
                        "probes": [self.tr.text(probe) for probe in prompt.probes],
                        "articles": self.say("Rights engaged: {articles}", articles=names)
                        if prompt.articles
                        else "",
                    }
                )
            sections.append({"title": module.title, "prompts": prompts})
        title = self.say(strings.POCKET_GUIDE_TITLE)
        return {
            **self._base("pocket", title),
            "intro": self.say(strings.POCKET_GUIDE_INTRO),
            "sections": sections,
        }

    # -- workshop packs ----------------------------------------------------------
    def workshop_packs(self) -> dict[str, Document]:
        page = Page.load(self.html_dir / "guides" / "workshops.html")
        by_page = {module.outline.page: module for module in self.modules}
        packs: dict[str, Document] = {}
        sections = page.sections_starting("workshop-") + page.sections_starting("refresher")
        for number, section in enumerate(sections, start=1):
            module = _linked_module(section, by_page)
            name = heading_of(section)
            pack: Document = {
                **self._base("workshop", self.say(strings.WORKSHOP_PACK_TITLE, workshop=name)),
                "name": name,
                "plan": section_blocks(section),
                "cards": self.cards_part(module) if module and self.scenarios(module) else None,
                "handout": self.handout_part(module) if module else None,
            }
            packs[f"workshop-{number}"] = pack
        return packs

    # -- team self-assessment ----------------------------------------------------
    def self_assessment(self) -> Document:
        page = next(module.page for module in self.modules if module.id == "getting-started")
        section = page.section("children-s-rights-self-assessment")
        if section is None:
            raise LookupError("getting-started has no children-s-rights-self-assessment section")
        intro: list[dict[str, Any]] = []
        for child in section.elements:
            if child.tag == "section":
                break
            if child.tag in {"p", "ul", "ol"}:
                intro.extend(blocks(Element("div", {}, [child])))
        principles = []
        headers: list[str] = []
        ratings: list[str] = []
        for subsection in section.find_all("section"):
            form = subsection.find("form", cls="rightway-self-assessment")
            if form is None:
                continue
            headers = json_attribute(form, "data-csv-headers")
            ratings = list(json_attribute(form, "data-rating-labels").values())
            statements = [legend.text() for legend in form.find_all("legend")]
            principles.append({"title": heading_of(subsection), "statements": statements})
        return {
            **self._base("self-assessment", heading_of(section)),
            "intro": intro[:-1]
            if intro
            else [],  # the last paragraph is about the web form's buttons
            "headers": headers[1:],
            "ratings": ratings,
            "fields": [
                self.say(strings.TEAM),
                self.say(strings.DATE),
                self.say(strings.COMPLETED_BY),
            ],
            "principles": principles,
        }


def _paragraph_before(section: Element, target: Element | None) -> str:
    """The paragraph just before ``target`` in ``section`` (a list's lead-in)."""
    previous = ""
    for element in section.iter():
        if element is target:
            return previous
        if element.tag == "p":
            previous = element.text()
    return ""


def _linked_module(section: Element, by_page: dict[str, Module]) -> Module | None:
    """The module a workshop is about: the first module page its text links to."""
    for link in section.find_all("a", cls="internal"):
        target = link.attrs.get("href", "").split("#")[0].removesuffix(".html")
        page = target.removeprefix("../")
        if page in by_page:
            return by_page[page]
    return None
