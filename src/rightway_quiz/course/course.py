"""The course as the command-line tool sees it: quizzes, scenarios, articles and their Welsh.

The tool reads the same sources as the HTML course. Welsh quiz and scenario
text comes from the page catalogs Sphinx extracts (``locale/cy/LC_MESSAGES``):
each YAML text is one message per blank-line separated paragraph, so a text is
translated paragraph by paragraph and falls back to English where a paragraph
has no translation yet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SourceError
from .facts import versions_hash
from .fingerprint import OUTLINE_FILE, QUIZ_DIR, SCENARIO_DIR
from .fingerprint import source_fingerprint as source_fingerprint  # re-exported: its old home
from .paragraphs import split_paragraphs as split_paragraphs  # re-exported: its old home

# The loader and the model (PyYAML, pydantic) are imported by load_course, not here: a
# grading run whose course facts are kept (see facts.py) finds the course without them.
if TYPE_CHECKING:
    from .loader import Loaded
    from .model import Article, ArticleList, Outline, Quiz, ScenarioSet

CONTENT_LOCALE_DIR = Path("locale")


#: Names another course folder for the tool when ``--course-dir`` is not given.
COURSE_DIR_VARIABLE = "RIGHTWAY_COURSE_DIR"
#: The course an installed wheel carries (written by ``setup.py``'s build hook).
PACKAGED_COURSE_DIR = Path(__file__).resolve().parents[1] / "course_data"
#: The repository checkout this module runs from, if it runs from one (editable install).
CHECKOUT_DIR = Path(__file__).resolve().parents[3]


def find_course_dir(
    explicit: Path | None = None,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """Which course the tool reads, first found of:

    ``explicit`` (``--course-dir``); ``$RIGHTWAY_COURSE_DIR``; the current folder if
    it has ``quizzes/``; the repository checkout the tool runs from; the course the
    installed package carries.
    """
    if explicit is not None:
        return explicit
    named = (os.environ if environ is None else environ).get(COURSE_DIR_VARIABLE, "").strip()
    if named:
        return Path(named)
    here = Path.cwd() if cwd is None else cwd
    if (here / QUIZ_DIR).is_dir():
        return here
    if (CHECKOUT_DIR / QUIZ_DIR).is_dir() and (CHECKOUT_DIR / "pyproject.toml").is_file():
        return CHECKOUT_DIR
    return PACKAGED_COURSE_DIR


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
            import polib

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
        return [self.messages.get(block, block) for block in split_paragraphs(source)]

    def block(self, source: str) -> str:
        """A multi-paragraph text in this language, paragraphs separated by a blank line."""
        found = self._blocks.get(source)
        if found is None:
            found = self._blocks[source] = "\n\n".join(self.paragraphs(source))
        return found


@dataclass(frozen=True)
class Course:
    """Every quiz, scenario set and article summary of one course folder, with their sources."""

    root: Path
    outline: Loaded[Outline] | None
    quiz_sources: dict[str, Loaded[Quiz]]
    scenario_sources: dict[str, Loaded[ScenarioSet]]
    article_source: Loaded[ArticleList] | None

    @cached_property
    def quizzes(self) -> dict[str, Quiz]:
        """Every quiz by id."""
        return {key: loaded.model for key, loaded in self.quiz_sources.items()}

    @cached_property
    def scenario_sets(self) -> dict[str, ScenarioSet]:
        """Every principle's scenarios and prompts, by principle."""
        return {key: loaded.model for key, loaded in self.scenario_sources.items()}

    @cached_property
    def articles(self) -> dict[int, Article]:
        """The article summaries by number (none when the course has no ``articles.yaml``)."""
        return {} if self.article_source is None else self.article_source.model.by_number()

    def principle_sort_key(self, principle: str) -> tuple[int, str]:
        """Teaching order (``course.yaml``) first, then alphabetical for modules it does not list."""
        listed = len(self.outline.model.modules) if self.outline else 0
        position = self.outline.model.position(principle) if self.outline else None
        return (listed if position is None else position), principle

    def principles(self) -> list[str]:
        """Every principle that has a quiz or scenarios, in teaching order."""
        found = {quiz.principle for quiz in self.quizzes.values()} | set(self.scenario_sources)
        return sorted(found, key=self.principle_sort_key)

    def quizzes_for(self, principle: str) -> list[Quiz]:
        """The quizzes of one principle, by id."""
        return sorted(
            (quiz for quiz in self.quizzes.values() if quiz.principle == principle),
            key=lambda quiz: quiz.id,
        )

    def translations(self, language: str) -> ContentTranslations:
        """Content text in ``language`` (English needs none)."""
        return ContentTranslations.load(self.root, language)


def course_version(course: Course) -> str:
    """A short hash over every quiz's version, sorted: outputs say which course marked them."""
    return versions_hash((quiz.id, quiz.version) for quiz in course.quizzes.values())


def load_course(
    root: Path, quiz_dir: str | Path = QUIZ_DIR, scenario_dir: str | Path = SCENARIO_DIR
) -> Course:
    """Read and check ``quizzes/`` and, if present, ``scenarios/`` (with ``articles.yaml``)."""
    from .loader import (
        ARTICLES_FILE,
        load_articles,
        load_outline,
        load_quizzes,
        load_scenario_sets,
    )

    quiz_path = root / quiz_dir
    if not quiz_path.is_dir():
        raise SourceError(
            quiz_path, None, None, "no such folder: use --course-dir to say where the course is"
        )
    scenario_path = root / scenario_dir
    has_scenarios = scenario_path.is_dir()
    return Course(
        root=root,
        outline=load_outline(root) if (root / OUTLINE_FILE).exists() else None,
        quiz_sources=load_quizzes(quiz_path),
        scenario_sources=load_scenario_sets(scenario_path) if has_scenarios else {},
        article_source=(
            load_articles(scenario_path)
            if has_scenarios and (scenario_path / ARTICLES_FILE).exists()
            else None
        ),
    )
