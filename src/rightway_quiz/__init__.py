"""The Right Way course: Sphinx extension, quiz engine, SCORM packager and grader."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .answers import AnswerFile, InputError, read_answer_file
from .config import setup_config
from .content import setup_content
from .course_data import setup_course_data
from .grading import Attempt, Gradebook, Grader, LearnerResult, grade_files, grade_rows
from .i18n import setup_i18n
from .language_switch import setup_language_switch
from .loader import SourceError, load_articles, load_quiz, load_quizzes, load_scenario_sets
from .model import Question, Quiz, Scenario, ScenarioSet
from .myst_speedup import speed_up_myst
from .quiz import setup_quiz
from .report import CohortReport, build_report
from .scorm import setup_scorm
from .search_cy import setup_welsh_search
from .self_assessment import setup_self_assessment
from .sources import Course, load_course
from .theme import setup_theme

__version__ = "0.1.0"
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


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    speed_up_myst()
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
