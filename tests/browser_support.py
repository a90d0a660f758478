"""Shared by the browser tests: axe checks and answering a quiz on the page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.base import AXE_SCRIPT

from rightway_quiz.course.model import Question, Quiz

# WCAG 2.2 AA, the standard the UK public sector regulations ask for. Only violations are
# returned: axe otherwise hands back every passing node too, which on a module page
# costs more time than the checks themselves.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

# axe is injected once per document (a second run on the same page, say after a resize,
# reuses it) and only what the report needs crosses back to Python.
RUN_AXE = """([context, options]) => axe.run(context, options).then(results =>
    results.violations.map(violation =>
        `${violation.id}: ${violation.help} at ${violation.nodes[0].target}`))"""


def axe_violations(page: Any, within: str | None = None) -> list[str]:
    """Every axe violation on the page (or ``within`` the elements a selector matches),
    one line each, with the first offending element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    context: object = {"include": [[within]]} if within else {"exclude": []}
    return list(page.evaluate(RUN_AXE, [context, AXE_OPTIONS]))


def open_quiz(page: Any, quiz_id: str) -> Any:
    """Scroll to a quiz, as a learner reaching it does, and wait for its questions (they
    load on the way to it: sphinxext/quiz_bank.py). ``page`` may be a frame. The form."""
    form = page.locator(f"#quiz-{quiz_id}")
    form.scroll_into_view_if_needed()
    form.locator(".rightway-question").first.wait_for(state="attached")
    return form


def open_every_quiz(page: Any) -> None:
    """Bring in every quiz's questions on the page, as a learner reading to the end does."""
    for quiz_id in page.eval_on_selector_all(
        "form.rightway-quiz", "forms => forms.map(form => form.dataset.quizId)"
    ):
        open_quiz(page, quiz_id)


def answer(page: Any, quiz: Quiz, question: Question, *, right: bool) -> None:
    """Answer one question with the mouse: right from the YAML key, or wrong on purpose."""
    open_quiz(page, quiz.id)
    if question.type == "matching":
        for index, item in enumerate(question.items):
            choice = item.answer
            if not right and index == 0:
                choice = next(o for o in question.option_ids if o != item.answer)
            page.locator(field_id(quiz, question, item.id)).select_option(choice)
        return
    if question.type == "multiple":
        chosen = set(question.answer) if right else {wrong_option(question)}
        for option in question.option_ids:
            box = page.locator(field_id(quiz, question, option))
            box.set_checked(option in chosen)
        return
    option = question.answer[0] if right else wrong_option(question)
    page.locator(field_id(quiz, question, option)).check()


def asked_questions(page: Any, quiz: Quiz) -> list[Question]:
    """The questions this attempt asks (all of them, unless the quiz draws from a bank)."""
    open_quiz(page, quiz.id)
    shown = page.evaluate(
        "id => Array.from(document.querySelectorAll("
        "'#quiz-' + id + ' .rightway-question:not([hidden])')).map(q => q.dataset.questionId)",
        quiz.id,
    )
    by_id = {question.id: question for question in quiz.questions}
    return [by_id[question_id] for question_id in shown]


def option_orders(page: Any, quiz: Quiz) -> dict[str, list[str]]:
    """Each asked question's option ids in the order the learner sees them."""
    open_quiz(page, quiz.id)
    return dict(
        page.evaluate(
            "id => Object.fromEntries(Array.from(document.querySelectorAll("
            "'#quiz-' + id + ' .rightway-question:not([hidden])')).map(q => [q.dataset.questionId,"
            " Array.from(q.querySelectorAll('.rightway-option')).map(o => o.dataset.optionId)]))",
            quiz.id,
        )
    )


def field_id(quiz: Quiz, question: Question, suffix: str) -> str:
    return f'[id="{quiz.id}--{question.id}--{suffix}"]'


def wrong_option(question: Question) -> str:
    return next(option for option in question.option_ids if option not in question.answer)
