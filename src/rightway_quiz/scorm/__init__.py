"""SCORM 1.2 and 2004 (4th edition) packages of the built course.

Two halves:

- in Sphinx (``setup_scorm``): every HTML page gets ``rightway-scorm.js``, which
  does nothing unless a SCO launch page frames it, and each HTML build writes a
  summary of its modules for the packager;
- after Sphinx (``python -m rightway_quiz.scorm _build/html _build/scorm``):
  launch pages, manifests and zips, one per language, version and the
  bilingual course.

Each module is a SCO whose launch page (``sco/<module>.html``) talks to the LMS
and frames the real course page. Content pages report quiz events to it, so
following links inside the course, or switching language, never ends the LMS
session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._course import LanguageBuild, Module, QuizInfo
from ._package import PACKAGE_VERSIONS, build_packages, package_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "PACKAGE_VERSIONS",
    "LanguageBuild",
    "Module",
    "QuizInfo",
    "build_packages",
    "package_name",
    "setup_scorm",
]

#: Runs before rightway-quiz.js (default priority 500), so it can tell the quiz
#: runtime to leave saving to the LMS before the quiz restores browser storage.
CONTENT_SCRIPT_PRIORITY = 400


def setup_scorm(app: Sphinx) -> None:
    """Add the content-page runtime to HTML builds and write the packager's summary."""
    from ._summary import setup_course_summary  # Sphinx's half; the packager runs without it

    app.connect("builder-inited", _add_content_script)
    setup_course_summary(app)


def _add_content_script(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_js_file("rightway-scorm.js", priority=CONTENT_SCRIPT_PRIORITY, defer="defer")
