"""HTML for the quiz's nodes: the form, its questions and options, and the runtime's words.

Written with escaping throughout; settings reach the JavaScript runtime through
``data-`` attributes, never string-templated JS.
"""

from __future__ import annotations

import json
from html import escape
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxTranslator

from .download_names import answers_file_name, quiz_title
from .i18n import _
from .quiz_bank import mark_bank_start, move_bank_out
from .quiz_nodes import quiz_part
from .record import record_button_html, record_fields_html, record_strings_attribute

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
        "bankFailed": str(
            _("The questions could not be loaded. Check your connection, then reload the page.")
        ),
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
    if part in _OPENERS:
        if part == "question" and renderer.quiz_of(node)["part"] == "quiz":
            mark_bank_start(translator)
        body.append(_OPENERS[part](translator, renderer, node))
    elif part == "title":
        body.append(_title_html(renderer, node))
        raise nodes.SkipNode
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


def _quiz_open(translator: SphinxTranslator, renderer: _QuizRenderer, node: quiz_part) -> str:
    quiz_id = node["quiz_id"]
    return (
        f'<form class="rightway-quiz" id="quiz-{escape(quiz_id)}" novalidate'
        f' data-quiz-id="{escape(quiz_id)}" data-quiz-version="{escape(node["version"])}"'
        f' data-pass-mark="{node["pass_mark"]}" data-draw="{node["draw"]}"'
        f' data-language="{escape(translator.config.language or "en")}"'
        f" data-strings='{escape(json.dumps(interface_strings(), ensure_ascii=False))}'"
        f' data-download-name="{escape(answers_file_name(quiz_title(node), quiz_id))}"'
        f"{record_strings_attribute()}"
        f' aria-labelledby="quiz-{escape(quiz_id)}-title">'
    )


def _check_open(translator: SphinxTranslator, renderer: _QuizRenderer, node: quiz_part) -> str:
    # No accessible name: a page with several checks must not fill up with form landmarks.
    return (
        f'<form class="rightway-check" id="check-{escape(node["check_id"])}" novalidate'
        f' data-check-id="{escape(node["check_id"])}"'
        f" data-strings='{escape(json.dumps(interface_strings(), ensure_ascii=False))}'>"
    )


def _question_open(translator: SphinxTranslator, renderer: _QuizRenderer, node: quiz_part) -> str:
    name = renderer.field_name(node)
    return (
        f'<div class="rightway-question" id="{escape(name)}"'
        f' data-question-id="{escape(node["question_id"])}" data-type="{node["qtype"]}"'
        f' data-objective="{escape(node["objective"])}"'
        f' data-shuffle="{"true" if node["shuffle"] else "false"}"'
        f' data-articles="{" ".join(str(a) for a in node["articles"])}"'
        f' data-correct="{escape(" ".join(node["correct"]))}">'
    )


_OPENERS = {"quiz": _quiz_open, "check": _check_open, "question": _question_open}


def _title_html(renderer: _QuizRenderer, node: quiz_part) -> str:
    quiz = renderer.quiz_of(node)
    intro = str(
        _(
            "Answer every question, then choose “Check my answers”. "
            "You need {pass_mark}% to pass, and you can try again as often as you like."
        )
    ).format(pass_mark=quiz["pass_mark"])
    return (
        f'<h3 class="rightway-quiz-title" id="quiz-{escape(quiz["quiz_id"])}-title">'
        f"{escape(node.astext())}</h3>"
        f'<p class="rightway-quiz-intro">{escape(intro)}</p>'
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
        move_bank_out(translator, node["quiz_id"])
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
        record_fields_html(node["quiz_id"]) + '<div class="rightway-quiz-actions">'
        f'<button type="submit" class="rightway-button rightway-primary">{escape(str(_("Check my answers")))}</button>'
        f'<button type="button" class="rightway-button" data-action="retry" hidden>{escape(str(_("Try again")))}</button>'
        f'<button type="button" class="rightway-button" data-action="download">{escape(str(_("Download my answers")))}</button>'
        f"{record_button_html()}"
        "</div>"
        f'<div class="rightway-quiz-result" id="quiz-{quiz_id}-result" role="status" aria-live="polite" tabindex="-1"></div>'
    )
