"""The ``quiz`` and ``check`` directives: questions from ``quizzes/<id>.yaml``.

``{quiz} <id>`` renders the scored quiz (its whole bank: the browser runtime
draws an attempt's items and shuffles options; the questions go to a script the
page loads on the way to the quiz, see ``quiz_bank.py``); ``{check} <check id>`` renders
one unscored "check yourself" question from a quiz's ``checks:``.

Flow: directive (parse) → ``quiz_part`` nodes holding the data and the
translatable text → ``quiz_html.visit_quiz_part_html`` (render). The nodes carry answer
keys as option ids, so a translation can change the words but never which
answer is right. Other builders (gettext, text, LaTeX) see plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .course_data import course_data, paragraphs, text_node
from .quiz_html import depart_quiz_part_html, visit_quiz_part_html
from .quiz_nodes import quiz_part

if TYPE_CHECKING:
    from ..course.loader import Loaded
    from ..course.model import Location, Question, Quiz

__all__ = ["CheckDirective", "QuizDirective", "quiz_part", "setup_quiz"]

logger = logging.getLogger(__name__)
MIN_QUESTIONS_PER_OBJECTIVE = 2


def setup_quiz(app: Sphinx) -> None:
    """Register the directive, its node and the HTML assets."""
    app.add_node(
        quiz_part,
        html=(visit_quiz_part_html, depart_quiz_part_html),
        text=(_visit_plain, _depart_plain),
        latex=(_visit_plain, _depart_plain),
        man=(_visit_plain, _depart_plain),
        texinfo=(_visit_plain, _depart_plain),
    )
    app.add_directive("quiz", QuizDirective)
    app.add_directive("check", CheckDirective)
    app.connect("builder-inited", _add_assets)


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("rightway-quiz.css")
        app.add_js_file("rightway-quiz.js", defer="defer")


# -- parse -------------------------------------------------------------------


class QuizDirective(SphinxDirective):
    """``{quiz} <quiz id>``: the quiz with that id."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        quiz_id = self.arguments[0]
        loaded = course_data(self.env).quiz_sources.get(quiz_id)
        if loaded is None:
            logger.warning(
                "unknown quiz %r (no quizzes/%s.yaml)",
                quiz_id,
                quiz_id,
                type="rightway",
                subtype="quiz",
                location=self.get_location(),
            )
            return []
        self.env.note_dependency(str(loaded.path))
        self._warn_thin_objectives(loaded.model)
        return [build_quiz_node(loaded)]

    def _warn_thin_objectives(self, quiz: Quiz) -> None:
        for objective, count in quiz.objective_coverage().items():
            if count < MIN_QUESTIONS_PER_OBJECTIVE:
                logger.warning(
                    "quiz %r assesses objective %r with %d question(s); it needs at least %d",
                    quiz.id,
                    objective,
                    count,
                    MIN_QUESTIONS_PER_OBJECTIVE,
                    type="rightway",
                    subtype="objective",
                    location=self.get_location(),
                )


class CheckDirective(SphinxDirective):
    """``{check} <check id>``: one unscored question from a quiz's ``checks:``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        check_id = self.arguments[0]
        for loaded in course_data(self.env).quiz_sources.values():
            check = loaded.model.check(check_id)
            if check is not None:
                self.env.note_dependency(str(loaded.path))
                return [build_check_node(loaded, check)]
        logger.warning(
            "unknown check %r (no quiz in quizzes/ has it under checks:)",
            check_id,
            type="rightway",
            subtype="check",
            location=self.get_location(),
        )
        return []


def build_quiz_node(loaded: Loaded[Quiz]) -> quiz_part:
    """The neutral node tree of a quiz: its whole bank, with how many an attempt draws."""
    quiz = loaded.model
    root = quiz_part(
        part="quiz",
        quiz_id=quiz.id,
        version=quiz.version,
        pass_mark=quiz.pass_mark,
        draw=quiz.asked_per_attempt,
    )
    root += quiz_part("", text_node(nodes.paragraph, quiz.title, loaded, ("title",)), part="title")
    total = len(quiz.questions)
    for index, question in enumerate(quiz.questions):
        root += _question_node(loaded, ("questions", index), question, index + 1, total)
    return root


def build_check_node(loaded: Loaded[Quiz], check: Question) -> quiz_part:
    """The neutral node tree of one check: a question with no number and no score."""
    index = loaded.model.checks.index(check)
    root = quiz_part(part="check", quiz_id=loaded.model.id, check_id=check.id)
    root += _question_node(loaded, ("checks", index), check, 0, 0)
    return root


def _question_node(
    loaded: Loaded[Quiz], here: Location, question: Question, number: int, total: int
) -> quiz_part:
    node = quiz_part(
        part="question",
        question_id=question.id,
        qtype=question.type,
        number=number,
        total=total,
        objective=question.objective,
        articles=list(question.articles),
        correct=[] if question.type == "matching" else list(question.answer),
        shuffle=question.shuffle,
    )
    if question.scenario:
        node += quiz_part(
            "", *paragraphs(question.scenario, loaded, (*here, "scenario")), part="scenario"
        )
    node += quiz_part(
        "", text_node(nodes.paragraph, question.stem, loaded, (*here, "stem")), part="stem"
    )
    for item_index, item in enumerate(question.items):
        node += quiz_part(
            "",
            text_node(nodes.paragraph, item.text, loaded, (*here, "items", item_index, "text")),
            part="item",
            item_id=item.id,
            answer=item.answer,
        )
    for option_index, option in enumerate(question.options):
        where = (*here, "options", option_index)
        node += quiz_part(
            "",
            text_node(nodes.paragraph, option.text, loaded, (*where, "text")),
            quiz_part(
                "", *paragraphs(option.feedback, loaded, (*where, "feedback")), part="feedback"
            ),
            part="option",
            option_id=option.id,
        )
    node += quiz_part(
        "", *paragraphs(question.explanation, loaded, (*here, "explanation")), part="explanation"
    )
    return node


# -- render: other builders ---------------------------------------------------


def _visit_plain(translator: Any, node: quiz_part) -> None:
    """Non-HTML output shows the quiz's text in order."""


def _depart_plain(translator: Any, node: quiz_part) -> None:
    """Nothing to close."""
