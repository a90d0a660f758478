"""SCORM 1.2 and 2004 (4th edition) packages of the built course.

Two halves:

- in Sphinx (``rightway_quiz.sphinxext.scorm_notes``): every HTML page gets
  ``rightway-scorm.js``, which does nothing unless a SCO launch page frames it,
  and each HTML build writes a summary of its modules for the packager;
- here, after Sphinx, importing nothing from Sphinx or ``sphinxext`` (``python -m rightway_quiz.scorm _build/html _build/scorm``):
  launch pages, manifests and zips, one per language, version and the
  bilingual course.

Each module is a SCO whose launch page (``sco/<module>.html``) talks to the LMS
and frames the real course page. Content pages report quiz events to it, so
following links inside the course, or switching language, never ends the LMS
session.
"""

from __future__ import annotations

from ._course import LanguageBuild, Module, QuizInfo
from ._package import PACKAGE_VERSIONS, Built, build_packages, package_name

__all__ = [
    "PACKAGE_VERSIONS",
    "Built",
    "LanguageBuild",
    "Module",
    "QuizInfo",
    "build_packages",
    "package_name",
]
