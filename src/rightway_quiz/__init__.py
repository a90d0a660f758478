"""The Right Way course: Sphinx extension, quiz engine, SCORM packager and grader.

The public names below load on first use (PEP 562), so ``rightway-quiz`` and the
SCORM packager start without importing Sphinx and everything else they never use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .answers import AnswerFile, InputError, read_answer_file
    from .grading import Attempt, Gradebook, Grader, LearnerResult, grade_files, grade_rows
    from .loader import SourceError, load_articles, load_quiz, load_quizzes, load_scenario_sets
    from .model import Question, Quiz, Scenario, ScenarioSet
    from .report import CohortReport, build_report
    from .sources import Course, load_course

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_PUBLIC = {
    "AnswerFile": "answers",
    "InputError": "answers",
    "read_answer_file": "answers",
    "Attempt": "grading",
    "Gradebook": "grading",
    "Grader": "grading",
    "LearnerResult": "grading",
    "grade_files": "grading",
    "grade_rows": "grading",
    "SourceError": "loader",
    "load_articles": "loader",
    "load_quiz": "loader",
    "load_quizzes": "loader",
    "load_scenario_sets": "loader",
    "Question": "model",
    "Quiz": "model",
    "Scenario": "model",
    "ScenarioSet": "model",
    "CohortReport": "report",
    "build_report": "report",
    "Course": "sources",
    "load_course": "sources",
}

__all__ = [
    "AnswerFile",
    "Attempt",
    "CohortReport",
    "Course",
    "Gradebook",
    "Grader",
    "InputError",
    "LearnerResult",
    "Question",
    "Quiz",
    "Scenario",
    "ScenarioSet",
    "SourceError",
    "__version__",
    "build_report",
    "grade_files",
    "grade_rows",
    "load_articles",
    "load_course",
    "load_quiz",
    "load_quizzes",
    "load_scenario_sets",
    "read_answer_file",
    "setup",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    from .config import setup_config
    from .content import setup_content
    from .course_data import setup_course_data
    from .i18n import setup_i18n
    from .language_switch import setup_language_switch
    from .myst_speedup import PooledMystParser, speed_up_myst
    from .quiz import setup_quiz
    from .scorm import setup_scorm
    from .search_cy import setup_welsh_search
    from .self_assessment import setup_self_assessment
    from .theme import setup_theme

    speed_up_myst()
    if "myst_parser" in app.extensions:
        app.add_source_parser(PooledMystParser, override=True)
    setup_config(app)
    setup_i18n(app)
    setup_theme(app)
    setup_language_switch(app)
    setup_course_data(app)
    setup_quiz(app)
    setup_content(app)
    setup_self_assessment(app)
    setup_scorm(app)
    setup_welsh_search(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
