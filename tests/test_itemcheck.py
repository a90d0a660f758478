"""The item-writing check: each rule fails on a bad fixture, names quiz and item, and
passes a fixed one; the real quizzes pass it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from rightway_quiz.course.itemcheck import ItemProblem, check_course_dir, check_quizzes, main
from rightway_quiz.course.model import Quiz

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def option(option_id: str, text: str) -> dict[str, str]:
    return {"id": option_id, "text": text, "feedback": f"Why {text} is or is not right."}


def single(
    qid: str, key: str, texts: tuple[str, ...] = ("Ann", "Bea", "Cai", "Dee")
) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "single",
        "objective": "lo1",
        "stem": f"Stem {qid}?",
        "options": [option(oid, text) for oid, text in zip("abcd", texts, strict=False)],
        "answer": [key],
        "explanation": "Because.",
    }


def true_false(qid: str, key: str, stem: str = "Children have rights.") -> dict[str, Any]:
    return {
        "id": qid,
        "type": "true_false",
        "objective": "lo1",
        "stem": stem,
        "options": [option("true", "True"), option("false", "False")],
        "answer": [key],
        "explanation": "Because.",
    }


def multiple(qid: str, keys: list[str]) -> dict[str, Any]:
    item = single(qid, "a")
    item.update(type="multiple", answer=keys)
    return item


def quiz(questions: list[dict[str, Any]], **extra: Any) -> Quiz:
    data: dict[str, Any] = {
        "id": "fixture",
        "title": "Fixture",
        "principle": "participation",
        "objectives": [{"id": "lo1", "text": "One."}],
        "questions": questions,
    }
    data.update(extra)
    return Quiz.model_validate(data)


def balanced() -> list[dict[str, Any]]:
    """A small course that breaks no rule: keys spread, true and false even, counts vary."""
    return [
        single("s1", "a"),
        single("s2", "b"),
        single("s3", "c"),
        single("s4", "d"),
        true_false("t1", "true"),
        true_false("t2", "false"),
        multiple("m1", ["a", "b"]),
        multiple("m2", ["a", "b", "c"]),
    ]


def rules(problems: list[ItemProblem]) -> set[str]:
    return {problem.rule for problem in problems}


def test_a_balanced_course_has_no_problems() -> None:
    assert check_quizzes([quiz(balanced())]) == []


def test_key_as_the_longest_option_too_often_names_each_cued_item() -> None:
    questions = balanced()
    for item in questions[:2]:  # 2 of 4 single items: 50% > 30%
        item["options"][ord(item["answer"][0]) - ord("a")]["text"] = "A much longer right answer"
    problems = [p for p in check_quizzes([quiz(questions)]) if p.rule == "longest-key"]
    assert {(p.quiz, p.item) for p in problems} == {("fixture", "s1"), ("fixture", "s2")}
    assert "2 of 4 (50%)" in problems[0].message
    questions[1] = single("s2", "b")  # 1 of 4: 25%, within the limit
    assert "longest-key" not in rules(check_quizzes([quiz(questions)]))


def test_true_false_keys_must_be_balanced() -> None:
    questions = [*balanced(), true_false("t3", "true"), true_false("t4", "true")]
    problems = [p for p in check_quizzes([quiz(questions)]) if p.rule == "true-share"]
    assert {p.item for p in problems} == {"t1", "t3", "t4"}  # 3 of 4 are "true"
    assert "75%" in problems[0].message


def test_true_or_false_stem_is_named() -> None:
    questions = balanced()
    questions[4] = true_false("t1", "true", "True or false: children have rights.")
    problems = check_quizzes([quiz(questions)])
    assert [(p.item, p.rule) for p in problems] == [("t1", "true-or-false-stem")]


def test_multiple_response_items_must_vary_in_how_many_are_right() -> None:
    questions = balanced()
    questions[7] = multiple("m2", ["c", "d"])
    problems = [p for p in check_quizzes([quiz(questions)]) if p.rule == "multiple-count"]
    assert {p.item for p in problems} == {"m1", "m2"}


def test_matching_needs_a_spare_option() -> None:
    matching = {
        "id": "match",
        "type": "matching",
        "objective": "lo1",
        "stem": "Match them.",
        "items": [
            {"id": "i1", "text": "One", "answer": "a"},
            {"id": "i2", "text": "Two", "answer": "b"},
        ],
        "options": [option("a", "Ay"), option("b", "Bee")],
        "explanation": "Because.",
    }
    problems = check_quizzes([quiz([*balanced(), matching])])
    assert [(p.item, p.rule) for p in problems] == [("match", "matching-options")]
    matching["options"].append(option("c", "Sea"))
    assert check_quizzes([quiz([*balanced(), matching])]) == []


def test_one_key_position_may_not_hold_more_than_35_percent() -> None:
    questions = balanced()
    questions[1] = single("s2", "a")  # keys a, a, c, d: 50% in position 1
    problems = [p for p in check_quizzes([quiz(questions)]) if p.rule == "key-position"]
    assert {p.item for p in problems} == {"s1", "s2"}
    assert "option 1 of 4" in problems[0].message


def test_a_bank_must_cover_every_objective_in_one_draw() -> None:
    objectives = [{"id": f"lo{n}", "text": f"Objective {n}."} for n in (1, 2, 3)]
    questions = balanced()
    questions[0]["objective"] = "lo2"
    problems = check_quizzes([quiz(questions, objectives=objectives, draw=2)])
    coverage = [(p.item, p.message) for p in problems if p.rule == "bank-coverage"]
    assert (
        "lo3",
        "no question in the bank assesses this objective, so no draw can cover it",
    ) in coverage
    assert any(item == "draw" and "2 questions for 3 objectives" in m for item, m in coverage)
    questions[1]["objective"] = "lo3"
    assert check_quizzes([quiz(questions, objectives=objectives, draw=3)]) == []


def test_an_option_without_feedback_is_named() -> None:
    # The loader already refuses this; the check still says so for models built another way.
    good = quiz(balanced())
    first = good.questions[0]
    blank = first.options[2].model_copy(update={"feedback": " "})
    broken_question = first.model_copy(
        update={"options": [*first.options[:2], blank, first.options[3]]}
    )
    broken = good.model_copy(update={"questions": [broken_question, *good.questions[1:]]})
    problems = check_quizzes([broken])
    assert [(p.item, p.rule, p.message) for p in problems] == [
        ("s1", "feedback", "option 'c' has no feedback")
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Not quite. Article 31 is about play", True),
        ("Correct: it is Article 12", True),
        ("Right — ask her first", True),
        ("Wrong, because", True),
        ("No.", True),
        ("Yes, always", True),
        ("Right to be heard", False),
        ("No one decides for her", False),
        ("Nobody asked", False),
        ("Correctly recorded views", False),
    ],
)
def test_an_option_that_starts_with_a_verdict_is_named(text: str, flagged: bool) -> None:
    questions = copy.deepcopy(balanced())
    questions[2]["options"][0]["text"] = text
    problems = [p for p in check_quizzes([quiz(questions)]) if p.rule == "verdict-word"]
    assert [p.item for p in problems] == (["s3"] if flagged else [])


def test_checks_are_held_to_the_per_item_rules_but_not_counted_course_wide() -> None:
    check = true_false("c1", "true", "True or false: a check.")
    problems = check_quizzes([quiz(balanced(), checks=[check])])
    assert [(p.item, p.rule) for p in problems] == [("c1", "true-or-false-stem")]


def test_the_command_prints_each_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    (tmp_path / "quizzes").mkdir()
    questions = balanced()
    questions[4] = true_false("t1", "true", "True or false: children have rights.")
    data = quiz(questions).model_dump(mode="json", exclude_defaults=True)
    (tmp_path / "quizzes" / "fixture.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.strip() == (
        'fixture: t1: the stem starts "True or false": the options already say so'
        " [true-or-false-stem]"
    )


def test_the_course_quizzes_pass_the_item_check() -> None:
    problems = check_course_dir(PROJECT_ROOT)
    assert problems == [], "\n".join(str(problem) for problem in problems)
