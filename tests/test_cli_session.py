"""``rightway-quiz list``, ``prompt`` and ``take``: supervision sessions in the terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from grader_support import SCHEMA, course, right_response, run, wrong_response

from rightway_quiz.course.drawing import draw, option_order
from rightway_quiz.grader import take as take_module


def test_list_shows_quizzes_scenarios_and_prompts_by_principle(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _err = run(capsys, "list")
    assert status == 0
    test_course = course()
    # Teaching order: equality comes before participation.
    assert out.index("(equality)\n") < out.index("(participation)\n")
    for quiz in test_course.quizzes.values():
        assert f"quiz {quiz.id}: {quiz.title} ({len(quiz.questions)} questions" in out
    for scenario_set in test_course.scenario_sets.values():
        for scenario in scenario_set.scenarios:
            assert f"scenario {scenario.id}: {scenario.title}" in out
        for prompt in scenario_set.prompts:
            assert f"prompt {prompt.id}: {prompt.text}" in out


def test_list_one_principle_and_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "list", "--principle", "equality")
    assert status == 0 and "participation" not in out
    status, _out, err = run(capsys, "list", "--principle", "nope")
    assert status == 2 and "unknown principle 'nope'" in err and len(err.strip().splitlines()) == 1


def test_prompt_is_repeatable_with_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    firsts = {run(capsys, "prompt", "--seed", "4")[1] for _ in range(3)}
    assert len(firsts) == 1
    shown = {run(capsys, "prompt", "--seed", str(seed))[1] for seed in range(12)}
    assert len(shown) > 1


def test_prompt_shows_model_answer_and_articles_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario = course().scenario_sets["participation"].scenarios[0]
    status, out, _err = run(
        capsys, "prompt", "--principle", "participation", "--kind", "scenario", "--seed", "1"
    )
    assert status == 0 and scenario.title in out and "Model answer" not in out
    status, out, _err = run(
        capsys,
        "prompt",
        "--principle",
        "participation",
        "--kind",
        "scenario",
        "--seed",
        "1",
        "--answer",
    )
    assert "Model answer:" in out and scenario.model_answer.strip() in out
    assert "Article 12: Respect for the views of the child" in out


def test_prompt_appends_notes_to_a_supervision_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "supervision.md"
    args = ("prompt", "--principle", "equality", "--kind", "scenario", "--record", record)
    status, _out, err = run(
        capsys, *args, "--notes", "Talked about the *active offer*.", "--supervisee", "Sam"
    )
    assert status == 0 and str(record) in err
    monkeypatch.setattr("sys.stdin", io.StringIO("Second session.\n"))
    status, _out, _err = run(capsys, *args)
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# Supervision record\n")
    assert text.count("\n## ") == 2 and "(equality-s1)" in text
    assert "Talked about the \\*active offer\\*." in text and "Supervisee: Sam" in text
    assert "Second session." in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["supervision.md"]


SEED = 20_260_101


def _typed_answers(quiz_id: str, right: bool, seed: int = SEED) -> str:
    """What a learner types at the ``take`` prompts of the attempt with ``seed``: option
    numbers as shown (drawn questions, shuffled options), from the quiz's key."""
    quiz = course().quizzes[quiz_id]
    lines: list[str] = []
    for question in draw(quiz, seed):
        shown = [question.option_ids[position] for position in option_order(question, seed)]
        response = right_response(question) if right else wrong_response(question)
        if isinstance(response, dict):
            lines += [str(shown.index(response[item.id]) + 1) for item in question.items]
        else:
            lines.append(",".join(str(shown.index(option) + 1) for option in response))
    return "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def _known_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``take`` here is the attempt with :data:`SEED`, so the test knows what it shows."""
    monkeypatch.setattr(take_module, "new_seed", lambda: SEED)


def test_take_writes_the_browser_answer_format_and_marks_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "answers.json"
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("0\nbanana\n" + _typed_answers("participation", right=True))
    )
    status, out, err = run(capsys, "take", "participation", "-o", target, "--learner", "Alys")
    assert status == 0, err
    assert "Type one number from 1 to" in out  # "0" and "banana" are asked again
    quiz = course().quizzes["participation"]
    assert f"You scored {len(quiz.questions)} out of {len(quiz.questions)} (100%)." in out
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert (document["quiz_id"], document["quiz_version"], document["learner"]) == (
        quiz.id,
        quiz.version,
        "Alys",
    )
    status, out, _err = run(capsys, "grade", target, "--format", "json")
    assert status == 0 and json.loads(out)["learners"][0]["quizzes"][0]["percent"] == 100


def test_take_with_wrong_answers_shows_feedback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(_typed_answers("equality", right=False)))
    status, out, _err = run(capsys, "take", "equality", "-o", tmp_path / "a.json")
    assert status == 0
    quiz = course().quizzes["equality"]
    assert "You scored 0 out of 2 (0%)." in out
    wrong = quiz.questions[0]
    assert next(o.feedback for o in wrong.options if o.id not in wrong.answer) in out


def test_take_stopped_early_saves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    status, _out, err = run(capsys, "take", "participation", "-o", tmp_path / "a.json")
    assert status == 1 and "no answers were saved" in err
    assert list(tmp_path.iterdir()) == []


def test_take_unknown_quiz(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _out, err = run(capsys, "take", "nope", "-o", tmp_path / "a.json")
    assert status == 2 and "unknown quiz 'nope'" in err


@pytest.mark.parametrize("command", [[], ["list"], ["grade"], ["report"], ["prompt"], ["take"]])
def test_help_everywhere(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    status, out, _err = run(capsys, *command, "--help")
    assert status == 0 and out.startswith("usage: rightway-quiz") and "--help" in out


def test_usage_mistake_exits_2_with_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "grade")
    assert status == 2 and err.strip().splitlines()[-1].startswith("rightway-quiz grade: error:")


def test_course_dir_without_quizzes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _out, err = run(capsys, "list", "--course-dir", tmp_path)
    assert status == 1 and f"{tmp_path / 'quizzes'}: no such folder" in err


def test_broken_quiz_source_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "bad.yaml").write_text("id: bad\nid: again\n", encoding="utf-8")
    status, _out, err = run(capsys, "list", "--course-dir", tmp_path)
    assert status == 1 and "bad.yaml:2: id: this key is given twice" in err
    assert len(err.strip().splitlines()) == 1


def test_default_course_dir_is_the_current_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader_support import COURSE_DIR

    from rightway_quiz.grader.cli import main

    monkeypatch.chdir(COURSE_DIR)
    assert main(["list"]) == 0
    assert "quiz equality" in capsys.readouterr().out
