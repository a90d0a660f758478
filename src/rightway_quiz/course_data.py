"""The course's structured sources, loaded once per build and shared by the directives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from .config import get_settings
from .loader import (
    Loaded,
    SourceError,
    load_articles,
    load_quizzes,
    load_scenario_sets,
)
from .model import ArticleList, Location, Quiz, ScenarioSet


class CourseSourceError(SphinxError):
    """A quiz, scenario or article file is malformed: the build stops."""

    category = "Course source error"


@dataclass(frozen=True)
class CourseData:
    """Every quiz, scenario set and article summary of the course."""

    quizzes: dict[str, Loaded[Quiz]]
    scenario_sets: dict[str, Loaded[ScenarioSet]]
    articles: Loaded[ArticleList] | None


# Keyed by source folder: directives see the environment, not the application.
_COURSE_DATA: dict[Path, CourseData] = {}


def setup_course_data(app: Sphinx) -> None:
    """Load and check every source as soon as the builder exists, for every builder."""
    app.connect("builder-inited", _load_course_data)


def _load_course_data(app: Sphinx) -> None:
    settings = get_settings(app)
    quiz_dir = Path(app.confdir, settings.quiz_dir)
    scenario_dir = Path(app.confdir, settings.scenario_dir)
    try:
        articles_path = scenario_dir / "articles.yaml"
        _COURSE_DATA[Path(app.srcdir)] = CourseData(
            quizzes=load_quizzes(quiz_dir),
            scenario_sets=load_scenario_sets(scenario_dir),
            articles=load_articles(scenario_dir) if articles_path.exists() else None,
        )
    except SourceError as error:
        raise CourseSourceError(str(error)) from None


def course_data(env: BuildEnvironment) -> CourseData:
    """The sources loaded for this build."""
    return _COURSE_DATA[Path(env.srcdir)]


def text_node(
    node_class: type[nodes.TextElement], text: str, loaded: Loaded[Any], location: Location
) -> nodes.TextElement:
    """A translatable text node that remembers its source file and line.

    Sphinx's gettext builder extracts it into the page's catalog and its Locale
    transform replaces it with the translation, like any paragraph of the page.
    """
    node = node_class(text, text)
    node.source = str(loaded.path)
    node.line = loaded.line_of(location)
    return node


def paragraphs(text: str, loaded: Loaded[Any], location: Location) -> list[nodes.Element]:
    """Blank-line separated text as translatable paragraphs, one message each."""
    blocks = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return [text_node(nodes.paragraph, block, loaded, location) for block in blocks if block]
