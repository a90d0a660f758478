"""The ``quiz`` and ``check`` directives: questions from ``quizzes/<id>.yaml``.

``{quiz} <id>`` renders the scored quiz (its whole bank: the browser runtime
draws an attempt's items and shuffles options); ``{check} <check id>`` renders
one unscored "check yourself" question from a quiz's ``checks:``.

Flow: directive (parse) → ``quiz_part`` nodes holding the data and the
translatable text → ``visit_quiz_part_html`` (render). The nodes carry answer
keys as option ids, so a translation can change the words but never which
answer is right. Other builders (gettext, text, LaTeX) see plain text.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..course.loader import Loaded
from ..course.model import Location, Question, Quiz
from .course_data import course_data, paragraphs, text_node
from .i18n import _

logger = logging.getLogger(__name__)
MIN_QUESTIONS_PER_OBJECTIVE = 2


class quiz_part(nodes.General, nodes.Element):
    """One part of a quiz; ``part`` says which (quiz, question, option, …)."""


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


# -- render: HTML -------------------------------------------------------------


def interface_strings() -> dict[str, str]:
    """The runtime's words, in the build language, handed to JS as JSON."""
    return {
        "correct": str(_("Correct")),
        "incorrect": str(_("Not quite")),
        "score": str(_("You scored {score} out of {max} ({percent}%).")),
        "passed": str(_("You have passed this quiz.")),
        "notPassed": str(
            _("Not passed yet: you need {passMark}% to pass. Read the feedback, then try again.")
        ),
        "answerAll": str(_("Please answer every question. Not answered yet: {questions}.")),
        "restored": str(_("Your earlier answers have been restored.")),
        "questionNumber": str(_("Question {number} of {total}")),
        "chooseFirst": str(_("Choose an answer, then check it.")),
    }


class _QuizRenderer:
    """Opening and closing HTML for each ``quiz_part``."""

    skip_children: ClassVar[set[str]] = {"title", "stem", "item"}

    def __init__(self, translator: SphinxTranslator) -> None:
        self.translator = translator

    @staticmethod
    def quiz_of(node: nodes.Element) -> quiz_part:
        """The quiz, or the check, that ``node`` belongs to."""
        parent: nodes.Element | None = node
        while parent is not None and parent.get("part") not in {"quiz", "check"}:
            parent = parent.parent
        assert isinstance(parent, quiz_part)
        return parent

    @staticmethod
    def question_of(node: nodes.Element) -> quiz_part:
        parent = node.parent
        assert isinstance(parent, quiz_part)
        return parent

    def field_name(self, node: nodes.Element) -> str:
        question = node if node.get("part") == "question" else self.question_of(node)
        return f"{self.quiz_of(node)['quiz_id']}--{question['question_id']}"


def visit_quiz_part_html(translator: SphinxTranslator, node: quiz_part) -> None:
    """Open the HTML element for a quiz part."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    renderer = _QuizRenderer(translator)
    part = node["part"]
    if part == "quiz":
        quiz_id = node["quiz_id"]
        body.append(
            f'<form class="rightway-quiz" id="quiz-{escape(quiz_id)}" novalidate'
            f' data-quiz-id="{escape(quiz_id)}" data-quiz-version="{escape(node["version"])}"'
            f' data-pass-mark="{node["pass_mark"]}" data-draw="{node["draw"]}"'
            f' data-language="{escape(translator.config.language or "en")}"'
            f" data-strings='{escape(json.dumps(interface_strings(), ensure_ascii=False))}'"
            f' aria-labelledby="quiz-{escape(quiz_id)}-title">'
        )
    elif part == "check":
        # No accessible name: a page with several checks must not fill up with form landmarks.
        body.append(
            f'<form class="rightway-check" id="check-{escape(node["check_id"])}" novalidate'
            f' data-check-id="{escape(node["check_id"])}"'
            f" data-strings='{escape(json.dumps(interface_strings(), ensure_ascii=False))}'>"
        )
    elif part == "title":
        quiz = renderer.quiz_of(node)
        title = escape(node.astext())
        body.append(
            f'<h3 class="rightway-quiz-title" id="quiz-{escape(quiz["quiz_id"])}-title">{title}</h3>'
            f'<p class="rightway-quiz-intro">'
            + escape(
                str(
                    _(
                        "Answer every question, then choose “Check my answers”. "
                        "You need {pass_mark}% to pass, and you can try again as often as you like."
                    )
                ).format(pass_mark=quiz["pass_mark"])
            )
            + "</p>"
        )
        raise nodes.SkipNode
    elif part == "question":
        name = renderer.field_name(node)
        body.append(
            f'<div class="rightway-question" id="{escape(name)}"'
            f' data-question-id="{escape(node["question_id"])}" data-type="{node["qtype"]}"'
            f' data-objective="{escape(node["objective"])}"'
            f' data-shuffle="{"true" if node["shuffle"] else "false"}"'
            f' data-articles="{" ".join(str(a) for a in node["articles"])}"'
            f' data-correct="{escape(" ".join(node["correct"]))}">'
        )
    elif part == "scenario":
        body.append('<div class="rightway-question-scenario">')
    elif part == "stem":
        _render_stem(body, renderer, node)
        raise nodes.SkipNode
    elif part == "item":
        _render_match_item(body, renderer, node)
        raise nodes.SkipNode
    elif part == "option":
        _render_option(body, translator, renderer, node)
        raise nodes.SkipNode
    elif part == "feedback":
        option = renderer.question_of(node)
        body.append(
            f'<div class="rightway-feedback" hidden data-feedback-for="{escape(option["option_id"])}">'
        )
    elif part == "explanation":
        body.append(
            '</div></fieldset><div class="rightway-question-result" hidden>'
            '<p class="rightway-verdict"></p><div class="rightway-explanation">'
        )


def _render_stem(body: list[str], renderer: _QuizRenderer, node: quiz_part) -> None:
    question = renderer.question_of(node)
    if question["number"]:
        number = str(_("Question {number} of {total}")).format(
            number=question["number"], total=question["total"]
        )
    else:
        number = str(_("Check yourself (not scored)"))
    hint = ""
    if question["qtype"] == "multiple":
        hint = f'<span class="rightway-hint">{escape(str(_("Choose all that apply.")))}</span>'
    elif question["qtype"] == "matching":
        hint = (
            f'<span class="rightway-hint">{escape(str(_("Choose a match for each item.")))}</span>'
        )
    body.append(
        f'<fieldset class="rightway-fieldset"><legend>'
        f'<span class="rightway-question-number">{escape(number)}</span> '
        f'<span class="rightway-stem">{escape(node.astext())}</span>{hint}</legend>'
        f'<div class="rightway-choices">'
    )


def _option_texts(question: nodes.Element) -> list[tuple[str, str]]:
    return [
        (child["option_id"], child.children[0].astext())
        for child in question.children
        if isinstance(child, quiz_part) and child["part"] == "option"
    ]


def _render_match_item(body: list[str], renderer: _QuizRenderer, node: quiz_part) -> None:
    question = renderer.question_of(node)
    field_id = f"{renderer.field_name(node)}--{node['item_id']}"
    choices = "".join(
        f'<option value="{escape(option_id)}">{escape(text)}</option>'
        for option_id, text in _option_texts(question)
    )
    body.append(
        f'<div class="rightway-match" data-item-id="{escape(node["item_id"])}"'
        f' data-answer="{escape(node["answer"])}">'
        f'<label for="{escape(field_id)}">{escape(node.astext())}</label>'
        f'<select id="{escape(field_id)}" name="{escape(field_id)}">'
        f'<option value="">{escape(str(_("Choose a match")))}</option>{choices}</select>'
        f'<p class="rightway-match-verdict" hidden></p></div>'
    )


def _render_option(
    body: list[str], translator: SphinxTranslator, renderer: _QuizRenderer, node: quiz_part
) -> None:
    question = renderer.question_of(node)
    name = renderer.field_name(node)
    option_id = escape(node["option_id"])
    text_node_, feedback = node.children
    if question["qtype"] == "matching":
        # Matching options are the drop-downs' choices; here only their feedback lives.
        body.append(
            f'<div class="rightway-option rightway-option-feedback-only" data-option-id="{option_id}">'
        )
    else:
        input_type = "checkbox" if question["qtype"] == "multiple" else "radio"
        field_id = f"{escape(name)}--{option_id}"
        body.append(
            f'<div class="rightway-option" data-option-id="{option_id}">'
            f'<input type="{input_type}" name="{escape(name)}" id="{field_id}" value="{option_id}">'
            f'<label for="{field_id}">{escape(text_node_.astext())}</label>'
        )
    feedback.walkabout(translator)
    body.append("</div>")


def depart_quiz_part_html(translator: SphinxTranslator, node: quiz_part) -> None:
    """Close the HTML element for a quiz part."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    part = node["part"]
    if part == "quiz":
        body.append(_actions_html(node))
        body.append("</form>")
    elif part == "check":
        body.append(
            '<div class="rightway-quiz-actions">'
            f'<button type="submit" class="rightway-button">{escape(str(_("Check my answer")))}</button>'
            '</div><div class="rightway-check-result" role="status" aria-live="polite"></div></form>'
        )
    elif part in {"scenario", "feedback", "question"}:
        body.append("</div>")
    elif part == "explanation":
        body.append("</div></div>")


def _actions_html(node: quiz_part) -> str:
    quiz_id = escape(node["quiz_id"])
    return (
        '<div class="rightway-quiz-actions">'
        f'<button type="submit" class="rightway-button rightway-primary">{escape(str(_("Check my answers")))}</button>'
        f'<button type="button" class="rightway-button" data-action="retry" hidden>{escape(str(_("Try again")))}</button>'
        f'<button type="button" class="rightway-button" data-action="download">{escape(str(_("Download my answers")))}</button>'
        "</div>"
        f'<div class="rightway-quiz-result" id="quiz-{quiz_id}-result" role="status" aria-live="polite" tabindex="-1"></div>'
    )
