"""The course's structured sources, loaded once per build and kept on the environment.

The course's models are pydantic classes, and importing pydantic and the models is
about 0.15 s of every Sphinx run. An incremental build that only re-reads a page
with no quiz, scenario or article needs none of them: so the course is kept on the
environment still pickled (``KeptCourse``) and only unpickled (importing the models)
when a directive asks for it, while what every written page needs, the outline's
modules, is kept as plain tuples (``ModuleEntry``). Nothing here imports the course
models until a course must be loaded or read.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from ..course.fingerprint import source_fingerprint
from ..course.paragraphs import split_paragraphs
from .config import get_settings

if TYPE_CHECKING:
    from ..course.course import Course
    from ..course.loader import Loaded
    from ..course.model import Location

#: The environment attribute holding the build's :class:`KeptCourse`.
COURSE_ATTR = "rightway_course"
#: ... and the fingerprint of the sources it was loaded from (see ``source_fingerprint``).
FINGERPRINT_ATTR = "rightway_course_sources"
#: ... and the outline's modules, as :class:`ModuleEntry` tuples.
OUTLINE_ATTR = "rightway_outline"


class CourseSourceError(SphinxError):
    """A quiz, scenario or article file is malformed: the build stops."""

    category = "Course source error"


class ModuleEntry(NamedTuple):
    """One module of ``course.yaml`` (a ``CourseModule``'s fields, without pydantic)."""

    id: str
    page: str
    minutes: int


class KeptCourse:
    """The build's :class:`Course`, pickled with the environment as bytes of its own.

    Unpickling the environment then leaves the course (and the imports of its models)
    alone until :meth:`get` is called.
    """

    def __init__(self, course: Course) -> None:
        self._course: Course | None = course
        self._pickled = pickle.dumps(course, pickle.HIGHEST_PROTOCOL)

    def get(self) -> Course:
        """The course, unpickled the first time it is asked for."""
        if self._course is None:
            # Our own bytes from the environment Sphinx itself unpickled.
            self._course = pickle.loads(self._pickled)
        return self._course

    def __getstate__(self) -> bytes:
        return self._pickled

    def __setstate__(self, state: bytes) -> None:
        self._course, self._pickled = None, state


def setup_course_data(app: Sphinx) -> None:
    """Load and check every source as soon as the builder exists, for every builder."""
    app.connect("builder-inited", _load_course_data)


def course_reused(env: BuildEnvironment) -> bool:
    """Whether this build kept the course of the last one (no source or loader changed)."""
    return bool(getattr(env, "rightway_course_reused", False))


def _load_course_data(app: Sphinx) -> None:
    settings = get_settings(app)
    root = Path(app.confdir)
    fingerprint = source_fingerprint(root, settings.quiz_dir, settings.scenario_dir)
    # The environment comes back from the last build with its course: keep it while
    # neither the sources nor the loader changed (an incremental build saves the read).
    kept = getattr(app.env, COURSE_ATTR, None)
    reused = getattr(app.env, FINGERPRINT_ATTR, None) == fingerprint and isinstance(
        kept, KeptCourse
    )
    app.env.rightway_course_reused = reused  # type: ignore[attr-defined]
    if reused:
        return
    from ..course.course import load_course  # here, not at the top: see the module's note
    from ..course.loader import SourceError

    try:
        course = load_course(root, settings.quiz_dir, settings.scenario_dir)
    except SourceError as error:
        raise CourseSourceError(str(error)) from None
    # On the environment, where directives look; parallel readers get it with the fork.
    setattr(app.env, COURSE_ATTR, KeptCourse(course))
    setattr(app.env, FINGERPRINT_ATTR, fingerprint)
    modules = course.outline.model.modules if course.outline else []
    setattr(app.env, OUTLINE_ATTR, [ModuleEntry(m.id, m.page, m.minutes) for m in modules])


def course_data(env: BuildEnvironment) -> Course:
    """The sources loaded for this build."""
    kept: KeptCourse = getattr(env, COURSE_ATTR)
    return kept.get()


def outline_entries(env: BuildEnvironment) -> list[ModuleEntry]:
    """The modules of ``course.yaml`` in teaching order (none if the course has no outline)."""
    entries: list[ModuleEntry] = getattr(env, OUTLINE_ATTR, [])
    return entries


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
