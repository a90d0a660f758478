"""Drawn, shuffled attempts through an LMS (scorm-again in headless Chromium): a resume
shows the same questions in the same order with the same answers, interactions name
exactly the questions asked, and the largest attempt fits SCORM 1.2's suspend_data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import answer, asked_questions, option_orders
from conftest import BUILD_DIR, PROJECT_ROOT, serve
from scorm_helpers import TEST_ROOT, built_test_course, lms_site
from scorm_lms import Lms, hosted, interactions, no_errors, tokens

from rightway_quiz.course.course import load_course
from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.scorm import package_name
from rightway_quiz.scorm.identifiers import scorm_token

pytestmark = pytest.mark.browser
BANK_SCO = "sco/sub--bank.html"
SCORM_12_SUSPEND_LIMIT = 4096


@pytest.fixture(scope="module")
def bank() -> Quiz:
    return load_quizzes(TEST_ROOT / "quizzes")["bank"].model


@pytest.fixture(scope="module")
def lms_url() -> Iterator[str]:
    _, packages = built_test_course()
    with serve(lms_site(packages)) as url:
        yield url


@pytest.fixture
def lms(page: Any, lms_url: str) -> Iterator[Lms]:
    yield from hosted(page, lms_url)


def wait_for_result(frame: Any, quiz: Quiz) -> str:
    frame.wait_for_function(
        "id => document.querySelector('#quiz-' + id + ' .rightway-quiz-result').textContent !== ''",
        arg=quiz.id,
    )
    return str(frame.locator(f"#quiz-{quiz.id}-result").inner_text())


def answers_of(frame: Any, quiz: Quiz) -> dict[str, Any]:
    responses = dict(frame.evaluate("id => RightwayQuiz.getResponses(id)", quiz.id))
    responses.pop("@")
    return responses


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_resume_restores_the_drawn_questions_their_order_and_answers(
    lms: Lms, bank: Quiz, version: str
) -> None:
    lms.launch("en", version, module_sco=BANK_SCO)
    frame = lms.content("en", "sub/bank")
    asked = asked_questions(frame, bank)
    orders = option_orders(frame, bank)
    for question in asked:
        answer(frame, bank, question, right=question is not asked[0])
    frame.locator(f"#quiz-{bank.id} button[type=submit]").click()
    assert "You scored 3 out of 4 (75%)." in wait_for_result(frame, bank)
    given = answers_of(frame, bank)
    # One interaction per question asked, none for the rest of the bank.
    recorded = interactions(lms.values(), version)
    assert set(recorded) == tokens(q.id for q in asked)
    assert recorded[scorm_token(asked[0].id)]["result"] == (
        "wrong" if version == "1.2" else "incorrect"
    )
    lms.close()
    suspend = lms.values()["cmi.suspend_data"]
    assert len(suspend) <= SCORM_12_SUSPEND_LIMIT
    assert json.loads(suspend)["q"][bank.id][1] == 1
    no_errors(lms)

    record = lms.stored_record()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("en", version, cmi=record, module_sco=BANK_SCO)
    resumed = lms.content("en", "sub/bank")
    assert "You scored 3 out of 4 (75%)." in wait_for_result(resumed, bank)
    assert [q.id for q in asked_questions(resumed, bank)] == [q.id for q in asked]
    assert option_orders(resumed, bank) == orders
    assert answers_of(resumed, bank) == given
    # Restoring is not a new attempt: the LMS is not told the score again.
    assert not any(c["fn"] == lms.method("set") and "score" in c["args"][0] for c in lms.calls())


def test_a_new_attempt_after_a_resume_draws_again(lms: Lms, bank: Quiz) -> None:
    lms.launch("en", "2004", module_sco=BANK_SCO)
    frame = lms.content("en", "sub/bank")
    first = asked_questions(frame, bank)
    for question in first:
        answer(frame, bank, question, right=False)
    frame.locator(f"#quiz-{bank.id} button[type=submit]").click()
    wait_for_result(frame, bank)
    frame.get_by_role("button", name="Try again").click()
    second = asked_questions(frame, bank)
    assert not {q.id for q in first} & {q.id for q in second}
    lms.close()
    record = lms.stored_record()
    lms.page.goto(f"{lms.base}/host.html")
    lms.launch("en", "2004", cmi=record, module_sco=BANK_SCO)
    resumed = lms.content("en", "sub/bank")
    assert [q.id for q in asked_questions(resumed, bank)] == [q.id for q in second]


@pytest.fixture(scope="module")
def course_lms_url() -> Iterator[str]:
    packages = BUILD_DIR / "scorm"
    if not (packages / package_name("en", "12")).exists():
        pytest.fail(f"{packages} is not built: run `make` (or `make test`) first")
    with serve(lms_site(packages)) as url:
        yield url


def test_the_largest_attempt_fits_scorm_12_suspend_data(
    page: Any, course_lms_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The course quiz that asks most, answered with the longest responses it allows."""
    course = load_course(PROJECT_ROOT)
    quiz = max(course.quizzes.values(), key=lambda q: (q.asked_per_attempt, q.id))
    html = BUILD_DIR / "html" / "en"
    module = next(
        path.relative_to(html).with_suffix("").as_posix()
        for path in sorted(html.rglob("*.html"))
        if f'data-quiz-id="{quiz.id}"' in path.read_text(encoding="utf-8")
    )
    for lms in hosted(page, course_lms_url):
        lms.launch("en", "1.2", module_sco=f"sco/{module.replace('/', '--')}.html")
        frame = lms.content("en", module)
        for question in asked_questions(frame, quiz):
            if question.type == "multiple":  # every box ticked: the longest response
                for option in question.option_ids:
                    frame.locator(f'[id="{quiz.id}--{question.id}--{option}"]').check()
            else:
                answer(frame, quiz, question, right=True)
        frame.locator(f"#quiz-{quiz.id} button[type=submit]").click()
        wait_for_result(frame, quiz)
        lms.close()
        suspend = lms.values()["cmi.suspend_data"]
        with capsys.disabled():
            print(
                f"\nsuspend_data for {quiz.id} ({quiz.asked_per_attempt} asked): {len(suspend)} chars"
            )
        assert len(suspend) <= SCORM_12_SUSPEND_LIMIT
        saved = json.loads(suspend)["q"][quiz.id]
        assert saved[1] == 1 and "@" in saved[2]
        no_errors(lms)
