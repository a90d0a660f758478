"""Attempts in headless Chromium: seeded option shuffling, drawing from a bank, "Try
again", verdicts that go when an answer changes, and unscored checks.

The test course (tests/roots/test-course) has a five-question quiz with two checks
(sub/module) and a bank that draws 4 of 10 questions over 3 objectives (sub/bank).
``window.rightwayQuizSeedSource`` (set before the runtime loads) fixes the seeds
where a test needs them; elsewhere the runtime's own randomness is used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import answer, asked_questions, axe_violations, open_quiz, option_orders
from conftest import PROJECT_ROOT, serve
from scorm_helpers import TEST_ROOT, built_test_course

from rightway_quiz.course.course import load_course
from rightway_quiz.course.loader import load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.grader.grading import grade_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def root_url() -> Iterator[str]:
    html, _packages = built_test_course()
    with serve(html) as url:
        yield url


@pytest.fixture(scope="module")
def quizzes() -> dict[str, Quiz]:
    return {key: loaded.model for key, loaded in load_quizzes(TEST_ROOT / "quizzes").items()}


def seeded(browser: Any, *seeds: int) -> Any:
    """A fresh profile whose attempts take ``seeds`` in turn (per page load)."""
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(
        f"(() => {{ const seeds = {json.dumps(list(seeds))}; let next = 0;"
        " window.rightwayQuizSeedSource = () => seeds[next++ % seeds.length]; })()"
    )
    return context


def open_page(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    return page


def check(page: Any, quiz: Quiz) -> str:
    page.locator(f"#quiz-{quiz.id} button[type=submit]").click()
    return str(page.locator(f"#quiz-{quiz.id}-result").inner_text())


# -- shuffling -------------------------------------------------------------------------


def test_two_fresh_attempts_order_options_differently_and_marking_uses_ids(
    browser: Any, site_url: str, html_dir: Path
) -> None:
    """The course's largest quiz, in two fresh profiles with different seeds."""
    course = load_course(PROJECT_ROOT)
    quiz = max(course.quizzes.values(), key=lambda q: (q.asked_per_attempt, q.id))
    assert quiz.asked_per_attempt >= 10
    page_path = next(
        path
        for path in sorted((html_dir / "en").rglob("*.html"))
        if f'data-quiz-id="{quiz.id}"' in path.read_text(encoding="utf-8")
    )
    page_url = f"{site_url}/en/{page_path.relative_to(html_dir / 'en').as_posix()}"
    orders = []
    for seeds in ((1,), (2,), (1,)):
        context = seeded(browser, *seeds)
        page = open_page(context, page_url)
        orders.append(option_orders(page, quiz))
        if seeds == (2,):
            for question in asked_questions(page, quiz):
                answer(page, quiz, question, right=True)
            total = len(asked_questions(page, quiz))
            assert f"You scored {total} out of {total} (100%)." in check(page, quiz)
        context.close()
    first, second, again = orders
    assert first == again, "the same seed must give the same attempt"
    # Two draws of 10 from a bank of 16-18 share only a few items; those few must be
    # ordered differently, and each attempt's order must differ from the authored one.
    shared = [qid for qid in first if qid in second and len(first[qid]) > 2]
    assert len(shared) >= 2
    assert sum(first[qid] != second[qid] for qid in shared) >= len(shared) // 2
    authored = {q.id: [o.id for o in q.options] for q in quiz.questions}
    for attempt_orders in (first, second):
        shuffled = [qid for qid, order in attempt_orders.items() if len(order) > 2]
        moved = sum(attempt_orders[qid] != authored[qid] for qid in shuffled)
        assert moved >= len(shuffled) // 2, (moved, len(shuffled))
    for qid in shared:
        assert sorted(first[qid]) == sorted(second[qid])  # the same options, moved


def test_a_reload_shows_the_same_attempt(
    page: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    """No seed hook: the runtime's own random seed, kept in browser storage."""
    bank = quizzes["bank"]
    page.goto(f"{root_url}/en/sub/bank.html")
    before = option_orders(page, bank)
    first = asked_questions(page, bank)[0]
    answer(page, bank, first, right=True)
    page.reload()
    assert option_orders(page, bank) == before
    assert [q.id for q in asked_questions(page, bank)] == list(before)
    assert "restored" in str(page.locator(f"#quiz-{bank.id}-result").inner_text())


def test_an_ordered_scale_keeps_its_order(
    browser: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    bank = quizzes["bank"]
    scale = next(q for q in bank.questions if not q.shuffle)
    for seed in range(1, 40):
        context = seeded(browser, seed)
        page = open_page(context, f"{root_url}/en/sub/bank.html")
        orders = option_orders(page, bank)
        context.close()
        if scale.id in orders:
            assert orders[scale.id] == scale.option_ids
            return
    pytest.fail(f"{scale.id} was never drawn in 39 attempts")


def test_matching_drop_downs_follow_the_shuffled_order(
    browser: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    sample = quizzes["sample"]
    matching = next(q for q in sample.questions if q.type == "matching")
    seen = set()
    for seed in range(1, 9):
        context = seeded(browser, seed)
        page = open_page(context, f"{root_url}/en/sub/module.html")
        open_quiz(page, sample.id)
        choices = page.evaluate(
            "id => Array.from(document.querySelectorAll('[data-question-id=\"' + id + '\"] select'))"
            ".map(s => Array.from(s.options).map(o => o.value))",
            matching.id,
        )
        context.close()
        assert all(c[0] == "" for c in choices)  # "Choose a match" stays first
        assert all(c == choices[0] for c in choices)  # every item's list in one order
        seen.add(tuple(choices[0][1:]))
    assert len(seen) == 2  # both orders of its two options turn up


# -- banks -----------------------------------------------------------------------------


def test_two_hundred_draws_each_cover_every_objective_and_avoid_the_last_draw(
    page: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    bank = quizzes["bank"]
    page.goto(f"{root_url}/en/sub/bank.html")
    open_quiz(page, bank.id)
    draws = page.evaluate(
        """count => {
          const bank = Array.from(document.querySelectorAll('#quiz-bank .rightway-question'))
            .map(q => ({id: q.dataset.questionId, objective: q.dataset.objective}));
          const draws = [];
          let previous = [];
          for (let seed = 1; seed <= 200; seed++) {
            previous = RightwayQuiz.draw(bank, count, seed * 2654435761 >>> 0, previous);
            draws.push(previous);
          }
          return draws;
        }""",
        bank.draw,
    )
    objective = {q.id: q.objective for q in bank.questions}
    every = {o.id for o in bank.objectives}
    assert len(draws) == 200
    for index, drawn in enumerate(draws):
        assert len(drawn) == len(set(drawn)) == bank.draw
        assert {objective[qid] for qid in drawn} == every
        if index:  # 6 questions were not just asked, enough for a whole new draw
            assert not set(drawn) & set(draws[index - 1])
    assert set().union(*map(set, draws)) == set(objective)  # every question gets asked


#: Two fixed draws: seed 2 asks the matching question (one select per item), seed 3 a stem
#: with an apostrophe, which the page shows typographically (child’s, not child's).
@pytest.mark.parametrize("seed", [2, 3])
def test_only_the_drawn_questions_are_shown_numbered_and_reachable(
    browser: Any, root_url: str, quizzes: dict[str, Quiz], seed: int
) -> None:
    bank = quizzes["bank"]
    context = seeded(browser, seed)
    page = open_page(context, f"{root_url}/en/sub/bank.html")
    asked = asked_questions(page, bank)
    assert len(asked) == bank.draw
    numbers = page.locator("#quiz-bank .rightway-question:not([hidden]) .rightway-question-number")
    assert numbers.all_inner_texts() == [f"Question {n} of 4" for n in range(1, 5)]
    # Tab through the whole form, from its first field until the focus leaves it: every
    # drawn question's fields take focus, no other question's do, and so does the name
    # field of the record of learning (which belongs to no question).
    page.locator(
        "#quiz-bank input:not([disabled]), #quiz-bank select:not([disabled])"
    ).first.focus()
    reached: set[str] = set()
    name_field_reached = False
    for _ in range(60):
        where = page.evaluate(
            """() => {
              const focused = document.activeElement;
              const question = focused.closest('.rightway-question');
              return {
                inForm: focused.closest('#quiz-bank') !== null,
                question: question ? question.dataset.questionId : null,
                nameField: focused.id === 'quiz-bank-learner',
              };
            }"""
        )
        if not where["inForm"]:
            break
        if where["question"]:
            reached.add(where["question"])
        name_field_reached = name_field_reached or where["nameField"]
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never left the quiz form")
    assert reached == {q.id for q in asked}
    assert name_field_reached
    # What a screen reader is given: a group (fieldset) per drawn question, none for the
    # rest, named by the stem as the page shows it.
    for question in bank.questions:
        stem = page.locator(f'#quiz-bank [data-question-id="{question.id}"] .rightway-stem')
        groups = page.locator("#quiz-bank").get_by_role("group", name=stem.text_content())
        assert groups.count() == (1 if question in asked else 0), question.id
    assert axe_violations(page) == []
    context.close()


def test_retry_draws_new_questions_and_the_score_counts_only_those_asked(
    browser: Any, root_url: str, quizzes: dict[str, Quiz], tmp_path: Path
) -> None:
    bank = quizzes["bank"]
    context = seeded(browser, 11, 12)
    page = open_page(context, f"{root_url}/en/sub/bank.html")
    first = asked_questions(page, bank)
    for question in first:
        answer(page, bank, question, right=question is not first[0])
    assert "You scored 3 out of 4 (75%)." in check(page, bank)
    results = page.evaluate("RightwayQuiz.result('bank')")
    assert [r["questionId"] for r in results["responses"]] == [q.id for q in first]
    # The grader re-marks the downloaded file: the same questions, the same score.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my answers").click()
    saved = tmp_path / "first.json"
    download_info.value.save_as(saved)
    assert [a["question_id"] for a in json.loads(saved.read_text())["answers"]] == [
        q.id for q in first
    ]
    page.get_by_role("button", name="Try again").click()
    second = asked_questions(page, bank)
    assert len(second) == bank.draw and not {q.id for q in second} & {q.id for q in first}
    assert page.locator("#quiz-bank input:checked").count() == 0
    for question in second:
        answer(page, bank, question, right=True)
    assert "You scored 4 out of 4 (100%)." in check(page, bank)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my answers").click()
    download_info.value.save_as(tmp_path / "second.json")
    context.close()
    book = grade_files(load_course(TEST_ROOT), [saved, tmp_path / "second.json"])
    assert book.ok
    assert [(a.score, a.out_of, a.passed) for a in book.attempts] == [(3, 4, False), (4, 4, True)]


def test_try_again_keeps_right_answers_and_clears_the_rest(
    browser: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    sample = quizzes["sample"]
    context = seeded(browser, 5, 6)
    page = open_page(context, f"{root_url}/en/sub/module.html")
    before = option_orders(page, sample)
    wrong = sample.questions[1]
    for question in sample.questions:
        answer(page, sample, question, right=question is not wrong)
    assert "4 out of 5" in check(page, sample)
    page.get_by_role("button", name="Try again").click()
    assert option_orders(page, sample) != before  # a new attempt, a new order
    kept = page.evaluate("RightwayQuiz.getResponses('sample')")
    for question in sample.questions:
        expected = question.correct_response() if question is not wrong else []
        assert kept[question.id] == expected, question.id
    assert page.locator("#quiz-sample .rightway-question-result:not([hidden])").count() == 0
    answer(page, sample, wrong, right=True)
    assert "5 out of 5" in check(page, sample)
    context.close()


def test_changing_an_answer_clears_only_that_questions_verdict(
    page: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    sample = quizzes["sample"]
    page.goto(f"{root_url}/en/sub/module.html")
    for question in sample.questions:
        answer(page, sample, question, right=True)
    check(page, sample)
    verdicts = page.locator("#quiz-sample .rightway-question-result:not([hidden])")
    assert verdicts.count() == 5
    changed = next(q for q in sample.questions if q.type == "single")
    answer(page, sample, changed, right=False)
    assert verdicts.count() == 4
    box = page.locator(f'[data-question-id="{changed.id}"]')
    assert box.locator(".rightway-feedback:not([hidden])").count() == 0
    assert "rightway-is-correct" not in (box.get_attribute("class") or "")


# -- checks ----------------------------------------------------------------------------


def test_a_check_marks_on_the_spot_and_never_reaches_a_score(
    page: Any, root_url: str, quizzes: dict[str, Quiz]
) -> None:
    sample = quizzes["sample"]
    page.add_init_script(
        "for (const kind of ['result', 'change', 'reset'])"
        " document.addEventListener('rightway:quiz-' + kind, e => {"
        " window.rwEvents = (window.rwEvents || []).concat([e.target.className]); });"
    )
    page.goto(f"{root_url}/en/sub/module.html")
    assert page.locator("form.rightway-check").count() == 2
    check_one = sample.checks[0]
    form = page.locator(f"#check-{check_one.id}")
    form.get_by_role("button", name="Check my answer").click()
    assert form.locator(".rightway-check-result").inner_text() == "Choose an answer, then check it."
    wrong = next(o for o in check_one.options if o.id not in check_one.answer)
    form.locator(f'input[value="{wrong.id}"]').check()
    form.get_by_role("button", name="Check my answer").click()
    status = form.locator(".rightway-check-result")
    assert status.get_attribute("aria-live") == "polite"
    assert "Not quite" in status.inner_text() and wrong.feedback in status.inner_text()
    form.locator(f'input[value="{check_one.answer[0]}"]').check()
    assert status.inner_text() == ""
    assert form.locator(".rightway-question-result").is_hidden()
    form.get_by_role("button", name="Check my answer").click()
    assert "Correct" in status.inner_text()
    assert page.evaluate("window.rwEvents || []") == []
    assert [q["id"] for q in page.evaluate("RightwayQuiz.quizzes().map(q => ({id: q.id}))")] == [
        "sample"
    ]
    assert check_one.id not in json.dumps(page.evaluate("RightwayQuiz.getResponses('sample')"))
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert check_one.id not in stored
    assert axe_violations(page) == []


def test_a_check_speaks_welsh(page: Any, root_url: str) -> None:
    page.goto(f"{root_url}/cy/sub/module.html")
    form = page.locator("#check-sample-c1")
    assert "Gwiriwch eich hun (heb farc)" in form.inner_text()
    assert "Barn pwy y mae’n rhaid ei chlywed yn ôl Erthygl 12?" in form.inner_text()
    form.get_by_role("button", name="Gwirio fy ateb").click()
    assert form.locator(".rightway-check-result").inner_text() == "Dewiswch ateb cyn ei wirio."
