"""The course as the command-line tool sees it: quizzes, scenarios, articles and their Welsh.

The tool reads the same sources as the HTML course. Welsh quiz and scenario
text comes from the page catalogs Sphinx extracts (``locale/cy/LC_MESSAGES``):
each YAML text is one message per blank-line separated paragraph, so a text is
translated paragraph by paragraph and falls back to English where a paragraph
has no translation yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polib

from .loader import (
    ARTICLES_FILE,
    SourceError,
    load_articles,
    load_quizzes,
    load_scenario_sets,
)
from .model import Article, Question, Quiz, ScenarioSet

#: The course's principles in teaching order (AUTHORING.md); others sort after, by id.
PRINCIPLE_ORDER = (
    "introduction",
    "getting-started",
    "embedding",
    "equality",
    "empowering",
    "participation",
    "accountability",
)
QUIZ_DIR = "quizzes"
SCENARIO_DIR = "scenarios"
CONTENT_LOCALE_DIR = Path("locale")


def principle_sort_key(principle: str) -> tuple[int, str]:
    """Teaching order first, then alphabetical for principles the list does not know."""
    if principle in PRINCIPLE_ORDER:
        return PRINCIPLE_ORDER.index(principle), principle
    return len(PRINCIPLE_ORDER), principle


def find_course_dir(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """``explicit``; else the current folder if it has ``quizzes/``; else the repository root."""
    if explicit is not None:
        return explicit
    here = Path.cwd() if cwd is None else cwd
    if (here / QUIZ_DIR).is_dir():
        return here
    return Path(__file__).resolve().parents[2]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]


@dataclass(frozen=True)
class ContentTranslations:
    """Welsh (or another language's) text for the course's sources, from the page catalogs."""

    language: str
    messages: dict[str, str] = field(default_factory=dict, repr=False)
    # The same feedback is shown to many learners: translate each text once.
    _blocks: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, course_dir: Path, language: str) -> ContentTranslations:
        """Every translated, non-fuzzy message of ``locale/<language>/LC_MESSAGES/**/*.po``."""
        messages: dict[str, str] = {}
        folder = course_dir / CONTENT_LOCALE_DIR / language / "LC_MESSAGES"
        if language != "en" and folder.is_dir():
            for po_path in sorted(folder.rglob("*.po")):
                try:
                    catalog = polib.pofile(str(po_path))
                except (OSError, ValueError) as error:
                    raise SourceError(po_path, None, None, f"cannot be read ({error})") from error
                for entry in catalog.translated_entries():
                    messages.setdefault(entry.msgid, entry.msgstr)
        return cls(language, messages)

    def text(self, source: str) -> str:
        """A one-paragraph text (a title, a stem, an option) in this language, else as written."""
        if not self.messages:
            return source
        exact = source.strip()
        return self.messages.get(exact) or self.messages.get(" ".join(exact.split())) or source

    def paragraphs(self, source: str) -> list[str]:
        """A text's paragraphs, each translated where a translation exists."""
        return [self.messages.get(block, block) for block in _paragraphs(source)]

    def block(self, source: str) -> str:
        """A multi-paragraph text in this language, paragraphs separated by a blank line."""
        found = self._blocks.get(source)
        if found is None:
            found = self._blocks[source] = "\n\n".join(self.paragraphs(source))
        return found


@dataclass(frozen=True)
class Course:
    """Every quiz, scenario set and article summary of one course folder."""

    root: Path
    quizzes: dict[str, Quiz]
    scenario_sets: dict[str, ScenarioSet]
    articles: dict[int, Article]

    @cached_property
    def questions(self) -> dict[str, tuple[Quiz, Question]]:
        """Every question by id (ids are unique across quizzes), with its quiz."""
        return {q.id: (quiz, q) for quiz in self.quizzes.values() for q in quiz.questions}

    def principles(self) -> list[str]:
        """Every principle that has a quiz or scenarios, in teaching order."""
        found = {quiz.principle for quiz in self.quizzes.values()} | set(self.scenario_sets)
        return sorted(found, key=principle_sort_key)

    def quizzes_for(self, principle: str) -> list[Quiz]:
        """The quizzes of one principle, by id."""
        return sorted(
            (quiz for quiz in self.quizzes.values() if quiz.principle == principle),
            key=lambda quiz: quiz.id,
        )

    def translations(self, language: str) -> ContentTranslations:
        """Content text in ``language`` (English needs none)."""
        return ContentTranslations.load(self.root, language)


def load_course(root: Path) -> Course:
    """Read and check ``quizzes/`` and, if present, ``scenarios/`` (with ``articles.yaml``)."""
    quiz_dir = root / QUIZ_DIR
    if not quiz_dir.is_dir():
        raise SourceError(
            quiz_dir, None, None, "no such folder: use --course-dir to say where the course is"
        )
    quizzes = {key: loaded.model for key, loaded in load_quizzes(quiz_dir).items()}
    scenario_dir = root / SCENARIO_DIR
    scenario_sets: dict[str, ScenarioSet] = {}
    articles: dict[int, Article] = {}
    if scenario_dir.is_dir():
        scenario_sets = {
            key: loaded.model for key, loaded in load_scenario_sets(scenario_dir).items()
        }
        if (scenario_dir / ARTICLES_FILE).exists():
            articles = load_articles(scenario_dir).model.by_number()
    return Course(root=root, quizzes=quizzes, scenario_sets=scenario_sets, articles=articles)


def article_numbers(numbers: Iterable[int]) -> list[int]:
    """Distinct article numbers in ascending order."""
    return sorted(set(numbers))
