"""The Right Way course: course model, Sphinx extension, SCORM packager and grader.

The public names below load on first use (PEP 562), so ``rightway-quiz`` and the
SCORM packager start without importing what they never use. The Sphinx extension
is ``rightway_quiz.sphinxext`` (``extensions = ["rightway_quiz.sphinxext"]``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .course.course import Course, load_course
    from .course.loader import (
        SourceError,
        load_articles,
        load_quiz,
        load_quizzes,
        load_scenario_sets,
    )
    from .course.model import Question, Quiz, Scenario, ScenarioSet
    from .grader.answer_files import AnswerFile, read_answer_file
    from .grader.answers import InputError
    from .grader.gradebook import Attempt, Gradebook, LearnerResult
    from .grader.grading import Grader, grade_files, grade_rows
    from .grader.report import CohortReport, build_report

from ._version import __version__

#: Public name -> the module that defines it.
_PUBLIC = {
    "AnswerFile": "grader.answer_files",
    "InputError": "grader.answers",
    "read_answer_file": "grader.answer_files",
    "Attempt": "grader.gradebook",
    "Gradebook": "grader.gradebook",
    "Grader": "grader.grading",
    "LearnerResult": "grader.gradebook",
    "grade_files": "grader.grading",
    "grade_rows": "grader.grading",
    "SourceError": "course.loader",
    "load_articles": "course.loader",
    "load_quiz": "course.loader",
    "load_quizzes": "course.loader",
    "load_scenario_sets": "course.loader",
    "Question": "course.model",
    "Quiz": "course.model",
    "Scenario": "course.model",
    "ScenarioSet": "course.model",
    "CohortReport": "grader.report",
    "build_report": "grader.report",
    "Course": "course.course",
    "load_course": "course.course",
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
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
