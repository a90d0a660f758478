"""The course's structured sources, loaded once per build and kept on the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from ..course.course import Course, load_course, source_fingerprint, split_paragraphs
from ..course.loader import Loaded, SourceError
from ..course.model import Location
from .config import get_settings

#: The environment attribute holding the build's :class:`Course`.
COURSE_ATTR = "rightway_course"
#: ... and the fingerprint of the sources it was loaded from (see ``source_fingerprint``).
FINGERPRINT_ATTR = "rightway_course_sources"


class CourseSourceError(SphinxError):
    """A quiz, scenario or article file is malformed: the build stops."""

    category = "Course source error"


def setup_course_data(app: Sphinx) -> None:
    """Load and check every source as soon as the builder exists, for every builder."""
    app.connect("builder-inited", _load_course_data)


def _load_course_data(app: Sphinx) -> None:
    settings = get_settings(app)
    root = Path(app.confdir)
    fingerprint = source_fingerprint(root, settings.quiz_dir, settings.scenario_dir)
    # The environment comes back from the last build with its course: keep it while
    # neither the sources nor the loader changed (an incremental build saves the read).
    if getattr(app.env, FINGERPRINT_ATTR, None) == fingerprint and hasattr(app.env, COURSE_ATTR):
        return
    try:
        course = load_course(root, settings.quiz_dir, settings.scenario_dir)
    except SourceError as error:
        raise CourseSourceError(str(error)) from None
    # On the environment, where directives look; parallel readers get it with the fork.
    setattr(app.env, COURSE_ATTR, course)
    setattr(app.env, FINGERPRINT_ATTR, fingerprint)


def course_data(env: BuildEnvironment) -> Course:
    """The sources loaded for this build."""
    course: Course = getattr(env, COURSE_ATTR)
    return course


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
    return [text_node(nodes.paragraph, block, loaded, location) for block in split_paragraphs(text)]
