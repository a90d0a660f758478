"""Question banks, checks and drawn attempts on the Python side: the model, the loader
and the grader re-marking exactly what an attempt asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from grader_support import answer_document, csv_answer, right_response, write_csv, wrong_response

from rightway_quiz.course.course import load_course
from rightway_quiz.course.loader import SourceError, load_quiz, load_quizzes
from rightway_quiz.course.model import Quiz
from rightway_quiz.grader.grading import Grader, grade_files

TEST_ROOT = Path(__file__).parent / "roots" / "test-course"


@pytest.fixture(scope="module")
def bank() -> Quiz:
    return load_quizzes(TEST_ROOT / "quizzes")["bank"].model


def drawn(bank: Quiz, ids: list[str], right: set[str]) -> dict[str, Any]:
    """A browser answer file of one drawn attempt: exactly the questions it asked."""
    document = answer_document(bank, right)
    document["answers"] = [a for a in document["answers"] if a["question_id"] in ids]
    return document


def grade(bank: Quiz, *documents: dict[str, Any]) -> list[tuple[int, int, int, bool]]:
    grader = Grader(load_course(TEST_ROOT))
    for index, document in enumerate(documents):
        grader.add_answer_data(document, f"attempt{index}.json", learner="Ann")
    assert grader.gradebook.ok, grader.gradebook.rejections
    return [(a.score, a.out_of, a.percent, a.passed) for a in grader.gradebook.attempts]


# -- the model and the loader -------------------------------------------------------------


def test_the_test_bank_draws_four_of_ten_across_three_objectives(bank: Quiz) -> None:
    assert (bank.draw, len(bank.questions), bank.asked_per_attempt) == (4, 10, 4)
    assert set(bank.objective_coverage().values()) >= {3, 4}


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _sample(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((TEST_ROOT / "quizzes" / "sample.yaml").read_text())
    return data


def test_a_draw_larger_than_the_bank_names_file_line_and_field(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    data["draw"] = 9
    with pytest.raises(
        SourceError, match=r"sample.yaml:\d+: draw: draws 9 questions but the bank has 5"
    ):
        load_quiz(_write(tmp_path, data))


def test_a_check_may_not_reuse_a_question_id(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    data["checks"][1]["id"] = "sample-q2"
    with pytest.raises(SourceError) as caught:
        load_quiz(_write(tmp_path, data))
    assert caught.value.field_name == "checks[1].id"
    assert "already used by a question or check" in caught.value.message


def test_a_check_id_is_unique_across_the_course(tmp_path: Path) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    _write(folder, _sample(tmp_path))
    other = _sample(tmp_path)
    other["id"] = "other"
    for index, question in enumerate(other["questions"]):
        question["id"] = f"other-q{index}"
    other["checks"] = other["checks"][:1]
    _write(folder, other)
    with pytest.raises(
        SourceError, match=r"checks\[0\].id: check id 'sample-c1' is already used in quiz"
    ):
        load_quizzes(folder)


def test_a_check_must_name_an_objective_of_its_quiz(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    data["checks"][0]["objective"] = "nowhere"
    with pytest.raises(SourceError) as caught:
        load_quiz(_write(tmp_path, data))
    assert caught.value.field_name == "checks[0].objective"


def test_editing_a_check_keeps_the_quiz_version(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    before = load_quiz(_write(tmp_path, data)).model.version
    data["checks"][0]["stem"] = "A reworded check?"
    assert load_quiz(_write(tmp_path, data)).model.version == before
    data["questions"][0]["stem"] = "A reworded question?"
    assert load_quiz(_write(tmp_path, data)).model.version != before


# -- the grader re-marks what was asked -----------------------------------------------------


def test_a_drawn_attempt_is_marked_out_of_the_questions_asked(bank: Quiz) -> None:
    asked = ["bank-q1", "bank-q5", "bank-q7", "bank-q10"]
    assert grade(bank, drawn(bank, asked, set(asked))) == [(4, 4, 100, True)]
    assert grade(bank, drawn(bank, asked, set(asked[1:]))) == [(3, 4, 75, False)]


def test_an_answers_file_from_an_earlier_draw_marks_against_its_own_draw(bank: Quiz) -> None:
    first = ["bank-q2", "bank-q6", "bank-q8", "bank-q9"]
    second = ["bank-q3", "bank-q5", "bank-q7", "bank-q10"]
    results = grade(bank, drawn(bank, first, set(first[:2])), drawn(bank, second, set(second)))
    assert results == [(2, 4, 50, False), (4, 4, 100, True)]


def test_a_drawn_attempt_that_leaves_questions_out_still_counts_the_draw(bank: Quiz) -> None:
    """Deleting entries from a file cannot turn 1 right answer into 100%."""
    assert grade(bank, drawn(bank, ["bank-q1"], {"bank-q1"})) == [(1, 4, 25, False)]


def test_an_unanswered_drawn_question_counts_as_asked_and_missed(bank: Quiz) -> None:
    asked = ["bank-q1", "bank-q5", "bank-q7", "bank-q10"]
    document = drawn(bank, asked, set(asked))
    document["answers"][1]["options"] = []
    grader = Grader(load_course(TEST_ROOT))
    grader.add_answer_data(document, "a.json", learner="Ann")
    attempt = grader.gradebook.attempts[0]
    assert (attempt.score, attempt.out_of) == (3, 4)
    assert [question.id for question, _outcome in attempt.missed()] == ["bank-q5"]


def test_a_drawn_attempt_in_a_csv_is_marked_out_of_its_rows(bank: Quiz, tmp_path: Path) -> None:
    questions = {q.id: q for q in bank.questions}
    asked = ["bank-q4", "bank-q6", "bank-q8", "bank-q10"]
    rows = [
        ["Ann", bank.id, qid, csv_answer(right_response(questions[qid]))] for qid in asked[:3]
    ] + [["Ann", bank.id, asked[3], csv_answer(wrong_response(questions[asked[3]]))]]
    book = grade_files(load_course(TEST_ROOT), [write_csv(tmp_path / "export.csv", rows)])
    assert book.ok
    (attempt,) = book.attempts
    assert (attempt.score, attempt.out_of, attempt.percent, attempt.passed) == (3, 4, 75, False)
    assert [question.id for question, _outcome in attempt.missed()] == ["bank-q10"]


def test_a_quiz_without_draw_still_counts_every_question() -> None:
    sample = load_quizzes(TEST_ROOT / "quizzes")["sample"].model
    document = answer_document(sample)
    document["answers"] = document["answers"][:2]
    grader = Grader(load_course(TEST_ROOT))
    grader.add_answer_data(document, "a.json", learner="Ann")
    attempt = grader.gradebook.attempts[0]
    assert (attempt.score, attempt.out_of) == (2, 5)
    assert len(attempt.missed()) == 3


# -- the {check} directive ---------------------------------------------------------------


def test_an_unknown_check_is_a_warning_with_its_location(make_app: Any, tmp_path: Path) -> None:
    import re
    import shutil

    shutil.copytree(TEST_ROOT, tmp_path / "src")
    page = tmp_path / "src" / "sub" / "module.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{check} nowhere\n```\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=tmp_path / "src")
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert re.search(
        r"module.md:\d+: WARNING: unknown check 'nowhere'.*\[rightway.check\]", warnings
    )
    html = (app.outdir / "sub" / "module.html").read_text(encoding="utf-8")
    # The two placed checks render as unscored forms, outside the scored quiz.
    assert html.count('<form class="rightway-check"') == 2
    quiz_form = html[html.index('<form class="rightway-quiz"') :]
    assert "sample-c1" not in quiz_form[: quiz_form.index("</form>")]
    assert "Check yourself (not scored)" in html
