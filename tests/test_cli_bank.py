"""Banked quizzes in the grader: ``take`` draws and shuffles as the browser does, and the
cohort report's item statistics count only the attempts that asked each question."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from grader_support import answer_document, right_response, run

from rightway_quiz.course.course import Course, load_course
from rightway_quiz.course.drawing import draw, option_order, text_hash
from rightway_quiz.course.model import Quiz
from rightway_quiz.grader import take as take_module
from rightway_quiz.grader.grading import Grader
from rightway_quiz.grader.report import build_report

TEST_ROOT = Path(__file__).parent / "roots" / "test-course"
QUIZ_JS = (
    Path(__file__).parents[1]
    / "src"
    / "rightway_quiz"
    / "sphinxext"
    / "static"
    / "rightway-quiz.js"
)
SEEDS = (1, 7, 12_345, 2**31 + 5, 4_294_967_295)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(TEST_ROOT)


@pytest.fixture(scope="module")
def bank(course: Course) -> Quiz:
    return course.quizzes["bank"]


def _typed(quiz: Quiz, seed: int) -> str:
    """The right answers as a learner types them in the attempt with ``seed``."""
    lines: list[str] = []
    for question in draw(quiz, seed):
        shown = [question.option_ids[position] for position in option_order(question, seed)]
        response = right_response(question)
        if isinstance(response, dict):
            lines += [str(shown.index(response[item.id]) + 1) for item in question.items]
        else:
            lines.append(",".join(str(shown.index(option) + 1) for option in response))
    return "\n".join(lines) + "\n"


def _take(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    quiz: Quiz,
    seed: int,
) -> tuple[str, dict[str, Any]]:
    monkeypatch.setattr(take_module, "new_seed", lambda: seed)
    monkeypatch.setattr("sys.stdin", io.StringIO(_typed(quiz, seed)))
    target = tmp_path / f"answers-{seed}.json"
    status, out, err = run(capsys, "take", quiz.id, "-o", target, "--course-dir", TEST_ROOT)
    assert status == 0, err
    return out, json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_take_asks_a_draw_that_covers_every_objective_and_marks_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    bank: Quiz,
    seed: int,
) -> None:
    out, document = _take(capsys, monkeypatch, tmp_path, bank, seed)
    asked = [entry["question_id"] for entry in document["answers"]]
    assert asked == [q.id for q in draw(bank, seed)]
    assert len(asked) == bank.draw == 4
    objectives = {q.objective for q in bank.questions if q.id in asked}
    assert objectives == {objective.id for objective in bank.objectives}
    assert f"Question 4 of {bank.draw}" in out and "Question 5 of" not in out
    assert "You scored 4 out of 4 (100%)." in out


def test_different_attempts_draw_different_questions(bank: Quiz) -> None:
    draws = {tuple(q.id for q in draw(bank, seed)) for seed in SEEDS}
    assert len(draws) > 1


def test_take_shows_options_in_the_attempts_order_but_keeps_an_ordered_scale(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    bank: Quiz,
) -> None:
    scale = next(q for q in bank.questions if not q.shuffle)
    seed = next(s for s in range(1, 500) if scale in draw(bank, s))
    out, _document = _take(capsys, monkeypatch, tmp_path, bank, seed)
    for question in draw(bank, seed):
        order = option_order(question, seed)
        texts = [question.options[position].text for position in order]
        listed = "\n".join(f"  {number}) {text}" for number, text in enumerate(texts, 1))
        assert listed in out, question.id
    assert option_order(scale, seed) == list(range(len(scale.options)))
    shuffled = [
        q for s in SEEDS for q in draw(bank, s) if option_order(q, s) != list(range(len(q.options)))
    ]
    assert shuffled and scale not in shuffled


def test_the_hash_is_fnv1a_over_utf16_code_units() -> None:
    assert text_hash("") == 0x811C9DC5
    assert text_hash("a") == 0xE40C292C
    assert text_hash("bank-q1") != text_hash("bank-q2")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_python_draws_exactly_what_the_browser_draws(bank: Quiz, tmp_path: Path) -> None:
    script = tmp_path / "draw.js"
    script.write_text(
        "global.window = {}; global.document = {readyState: 'loading', addEventListener() {}};\n"
        f"require({json.dumps(str(QUIZ_JS))});\n"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(cases.map(([b, n, s, a]) => window.RightwayQuiz.draw(b, n, s, a))));\n",
        encoding="utf-8",
    )
    avoid = [q.id for q in bank.questions[:4]]
    cases = [(seed, previous) for seed in SEEDS for previous in ([], avoid)]
    items = [{"id": q.id, "objective": q.objective} for q in bank.questions]
    payload = json.dumps([[items, bank.draw, seed, previous] for seed, previous in cases])
    node = subprocess.run(
        ["node", str(script)], input=payload, capture_output=True, text=True, check=True
    )
    in_python = [[q.id for q in draw(bank, seed, previous)] for seed, previous in cases]
    assert json.loads(node.stdout) == in_python


def _drawn(bank: Quiz, ids: list[str], right: set[str]) -> dict[str, Any]:
    document = answer_document(bank, right)
    document["answers"] = [a for a in document["answers"] if a["question_id"] in ids]
    return document


def test_item_statistics_count_only_the_attempts_that_asked_the_question(
    course: Course, bank: Quiz
) -> None:
    ids = [q.id for q in bank.questions]
    grader = Grader(course)
    # Ann's draw: questions 1, 5, 8 and 9, all right; Bryn's: 2, 5, 8 and 10, all wrong.
    first, second = [ids[0], ids[4], ids[7], ids[8]], [ids[1], ids[4], ids[7], ids[9]]
    grader.add_answer_data(_drawn(bank, first, set(first)), "ann.json", learner="Ann")
    grader.add_answer_data(_drawn(bank, second, set()), "bryn.json", learner="Bryn")
    assert grader.gradebook.ok, grader.gradebook.rejections
    stats = {q.question: q for q in build_report(grader.gradebook).questions}
    assert (stats[ids[0]].attempts, stats[ids[0]].right, stats[ids[0]].facility) == (1, 1, 1.0)
    assert (stats[ids[1]].attempts, stats[ids[1]].right, stats[ids[1]].facility) == (1, 0, 0.0)
    assert (stats[ids[4]].attempts, stats[ids[4]].facility) == (2, 0.5)
    assert (stats[ids[2]].attempts, stats[ids[2]].facility) == (0, None)
    assert stats[ids[2]].discrimination is None


def test_the_report_of_a_banked_quiz_shows_an_unasked_question_as_no_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank: Quiz
) -> None:
    ids = [q.id for q in bank.questions]
    asked = [ids[0], ids[4], ids[7], ids[8]]
    path = tmp_path / "ann.json"
    document = _drawn(bank, asked, set(asked)) | {"learner": "Ann"}
    path.write_text(json.dumps(document), encoding="utf-8")
    status, out, err = run(capsys, "report", path, "--format", "json", "--course-dir", TEST_ROOT)
    assert status == 0, err
    questions = {q["question"]: q for q in json.loads(out)["questions"]}
    assert questions[ids[0]]["facility"] == 1.0 and questions[ids[1]]["facility"] is None
    status, out, err = run(capsys, "report", path, "--format", "html", "--course-dir", TEST_ROOT)
    assert status == 0, err
    assert (
        "chart-facility" in out and f'<th scope="row">{ids[1]}</th><td class="number">0</td>' in out
    )
