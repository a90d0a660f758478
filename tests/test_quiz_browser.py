"""A course quiz clicked in headless Chromium: marking, feedback, keyboard, storage, download."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from browser_support import (
    answer,
    asked_questions,
    axe_violations,
    field_id,
    open_quiz,
    option_orders,
    wrong_option,
)
from conftest import PROJECT_ROOT

from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz

pytestmark = pytest.mark.browser
QUIZ_ID = "participation"
PAGE = "principles/participation.html"
SCHEMA = PROJECT_ROOT / "src" / "rightway_quiz" / "grader" / "schemas" / "answers.schema.json"


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quizzes(PROJECT_ROOT / "quizzes")[QUIZ_ID].model


def result_text(page: Any, quiz: Quiz) -> str:
    return str(page.locator(f"#quiz-{quiz.id}-result").inner_text())


def test_all_right_gives_full_score_and_a_pass(page: Any, site_url: str, quiz: Quiz) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    page.evaluate(
        "document.addEventListener('rightway:quiz-result',"
        " e => { window.rwResults = (window.rwResults || []).concat([e.detail]); })"
    )
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Check my answers").click()
    total = len(asked_questions(page, quiz))
    assert f"You scored {total} out of {total} (100%)." in result_text(page, quiz)
    assert "You have passed this quiz." in result_text(page, quiz)
    results = page.evaluate("window.rwResults")
    assert results and results[-1]["score"] == total and results[-1]["passed"] is True
    assert {r["questionId"] for r in results[-1]["responses"]} == {
        q.id for q in asked_questions(page, quiz)
    }


_STRAIGHT_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _as_shown(text: str) -> str:
    """Source or page text, comparable: white space collapsed, quotes straight (Sphinx's
    smart quotes show the source's "YoVo's" as "YoVo’s")."""
    return " ".join(text.split()).translate(_STRAIGHT_QUOTES)


def test_wrong_option_feedback_is_announced(page: Any, site_url: str, quiz: Quiz) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    wrong = next(q for q in asked_questions(page, quiz) if q.type in {"single", "scenario"})
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=question is not wrong)
    page.get_by_role("button", name="Check my answers").click()
    region = page.locator(f"#quiz-{quiz.id}-result")
    assert region.get_attribute("aria-live") == "polite"
    feedback = next(o.feedback for o in wrong.options if o.id == wrong_option(wrong))
    assert _as_shown(feedback) in _as_shown(region.inner_text())
    total = len(asked_questions(page, quiz))
    assert f"You scored {total - 1} out of {total}" in region.inner_text()
    # Focus moves to the result; the feedback also shows beside the chosen option, in words.
    assert page.evaluate("document.activeElement.id") == f"quiz-{quiz.id}-result"
    question_box = page.locator(f'[id="{quiz.id}--{wrong.id}"]')
    assert "Not quite" in question_box.locator(".rightway-verdict").inner_text()


def test_quiz_can_be_completed_with_the_keyboard_only(page: Any, site_url: str, quiz: Quiz) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    open_quiz(page, quiz.id)
    page.evaluate(
        f"document.querySelector('#quiz-{quiz.id} input:enabled, #quiz-{quiz.id} select:enabled')"
        ".focus()"
    )
    for question in asked_questions(page, quiz):
        if question.type == "matching":
            for item in question.items:
                assert page.evaluate("document.activeElement.tagName") == "SELECT"
                label = next(o.text for o in question.options if o.id == item.answer)
                page.keyboard.type(
                    label[:6]
                )  # type-ahead selects the option, as a keyboard user does
                page.locator(field_id(quiz, question, item.id)).select_option(item.answer)
                page.keyboard.press("Tab")
            continue
        order = option_orders(page, quiz)[question.id]  # the attempt's shuffled order
        if question.type == "multiple":
            for option in order:
                assert page.evaluate("document.activeElement.type") == "checkbox"
                if option in question.answer:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
            continue
        # A radio group is one tab stop; arrows move within it, checking as they go.
        assert page.evaluate("document.activeElement.type") == "radio"
        target = order.index(question.answer[0])
        page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    # The optional name field (for the answers file and record of learning) comes next.
    assert page.evaluate("document.activeElement.className") == "rightway-learner-name"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    total = len(asked_questions(page, quiz))
    assert f"You scored {total} out of {total}" in result_text(page, quiz)


def test_reload_keeps_answers_and_result(page: Any, site_url: str, quiz: Quiz) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    first = asked_questions(page, quiz)[0]
    answer(page, quiz, first, right=True)
    page.reload()
    open_quiz(page, quiz.id)
    if first.type == "matching":
        assert (
            page.locator(field_id(quiz, first, first.items[0].id)).input_value()
            == first.items[0].answer
        )
    else:
        assert page.locator(field_id(quiz, first, first.answer[0])).is_checked()
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Check my answers").click()
    page.reload()
    open_quiz(page, quiz.id)
    assert "You have passed this quiz." in result_text(page, quiz)


def test_downloaded_answers_validate_against_the_schema(
    page: Any, site_url: str, quiz: Quiz, tmp_path: Path
) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Check my answers").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my answers").click()
    target = tmp_path / "answers.json"
    download_info.value.save_as(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["quiz_id"] == quiz.id and data["quiz_version"] == quiz.version
    assert {a["question_id"] for a in data["answers"]} == {
        q.id for q in asked_questions(page, quiz)
    }
    assert "score" not in data


def test_quiz_page_passes_axe_before_and_after_submitting(
    page: Any, site_url: str, quiz: Quiz
) -> None:
    for language in ("en", "cy"):
        page.goto(f"{site_url}/{language}/{PAGE}")
        assert axe_violations(page) == [], language
        for question in asked_questions(page, quiz):
            answer(page, quiz, question, right=question.type != "multiple")
        page.locator(f"#quiz-{quiz.id} button[type=submit]").click()
        assert axe_violations(page) == [], language


def test_welsh_quiz_speaks_welsh(page: Any, site_url: str, quiz: Quiz) -> None:
    page.goto(f"{site_url}/cy/{PAGE}")
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Gwirio fy atebion").click()
    total = len(asked_questions(page, quiz))
    assert f"Cawsoch chi {total} allan o {total} (100%)." in result_text(page, quiz)
    assert "Rydych chi wedi pasio’r cwis hwn." in result_text(page, quiz)


def test_quiz_is_usable_at_320_pixels(phone_page: Any, site_url: str, quiz: Quiz) -> None:
    phone_page.goto(f"{site_url}/en/{PAGE}")
    overflow = phone_page.evaluate(
        f"Array.from(document.querySelectorAll('#quiz-{quiz.id} *'))"
        ".filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".map(el => el.tagName + '.' + el.className)"
    )
    assert overflow == []


def test_quiz_works_from_a_file_url_with_nothing_fetched_from_outside(
    page: Any, html_dir: Path, quiz: Quiz
) -> None:
    """Opened straight from disk (a shared drive, an unzipped package): no server at all."""
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith("file://") else outside.append(request.url),
    )
    page.goto((html_dir / "cy" / PAGE).as_uri())
    for question in asked_questions(page, quiz):
        answer(page, quiz, question, right=True)
    page.get_by_role("button", name="Gwirio fy atebion").click()
    total = len(asked_questions(page, quiz))
    assert f"Cawsoch chi {total} allan o {total} (100%)." in result_text(page, quiz)
    page.reload()
    open_quiz(page, quiz.id)
    assert f"{total} allan o {total}" in result_text(page, quiz)
    assert outside == []


@pytest.mark.parametrize(
    ("language", "failed"),
    [
        ("en", "The questions could not be loaded."),
        ("cy", "Doedd dim modd llwytho’r cwestiynau."),
    ],
)
def test_questions_that_fail_to_load_are_reported_and_asked_for_again(
    page: Any, site_url: str, quiz: Quiz, language: str, failed: str
) -> None:
    """The questions come from their own script on the way to the quiz; if it cannot be
    fetched, the learner is told where the questions would be, "Check my answers" sends
    nothing anywhere, and pressing it again tries again."""
    page.route("**/rightway-bank-*", lambda route: route.abort())
    url = f"{site_url}/{language}/{PAGE}"
    page.goto(url)
    form = page.locator(f"#quiz-{quiz.id}")
    form.scroll_into_view_if_needed()
    alert = form.locator(".rightway-quiz-bank-error[role=alert]")
    alert.wait_for()
    assert failed in alert.inner_text()
    page.unroute("**/rightway-bank-*")
    form.locator("button[type=submit]").click()
    form.locator(".rightway-question").first.wait_for(state="attached")
    assert page.url == url
    assert form.locator(".rightway-quiz-bank").count() == 0
    assert form.get_attribute("aria-busy") is None
