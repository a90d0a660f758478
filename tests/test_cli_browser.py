"""Round trip: answers downloaded from the quiz in headless Chromium, then ``rightway-quiz grade``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import serve
from grader_support import COURSE_DIR, SCHEMA, course, right_response, run, wrong_response

from rightway_quiz.course.model import Question, Quiz

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test course built with Sphinx (English) and served on 127.0.0.1."""
    from sphinx.testing.util import SphinxTestApp

    out = tmp_path_factory.mktemp("grader-site")
    # SphinxTestApp, not Sphinx: its cleanup undoes the global docutils registrations
    # that would otherwise make later Sphinx tests warn.
    app = SphinxTestApp(
        "html", srcdir=COURSE_DIR, builddir=out, freshenv=True, warning=io.StringIO()
    )
    try:
        app.build()
    finally:
        app.cleanup()
    with serve(out / "html") as url:
        yield url


def click_answer(page: Any, quiz: Quiz, question: Question, *, right: bool) -> None:
    """Answer one question as a learner would, from the quiz's key."""
    response = right_response(question) if right else wrong_response(question)
    prefix = f"{quiz.id}--{question.id}--"
    if isinstance(response, dict):
        for item, option in response.items():
            page.locator(f'[id="{prefix}{item}"]').select_option(option)
        return
    for option in question.option_ids:
        box = page.locator(f'[id="{prefix}{option}"]')
        if option in response:
            box.check()
        elif question.type == "multiple":
            box.uncheck()


def test_downloaded_answers_grade_as_the_browser_marked_them(
    capsys: pytest.CaptureFixture[str], page: Any, quiz_site: str, tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    wrong = {quiz.questions[1].id, quiz.questions[3].id}
    page.goto(f"{quiz_site}/principles/participation.html")
    for question in quiz.questions:
        click_answer(page, quiz, question, right=question.id not in wrong)
    page.get_by_role("button", name="Check my answers").click()
    right = len(quiz.questions) - len(wrong)
    browser_says = page.locator(f"#quiz-{quiz.id}-result").inner_text()
    assert f"You scored {right} out of {len(quiz.questions)}" in browser_says
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    target = tmp_path / "cerys.json"
    download.value.save_as(target)
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))

    status, out, err = run(capsys, "grade", target, "--format", "json")
    assert status == 0, err
    [learner] = json.loads(out)["learners"]
    [result] = learner["quizzes"]
    # No learner field: graded as a learner of its own, named by its file, and flagged.
    assert learner["learner"] == f"no learner named ({target})"
    assert "Answer files that name no learner: 1" in err
    assert (result["score"], result["out_of"]) == (right, len(quiz.questions))
    assert sorted(missed["question"] for missed in result["missed"]) == sorted(wrong)
