"""Quiz sources: every malformed file stops with its file, line and field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightway_quiz.course.loader import SourceError, load_quiz, load_quizzes
from rightway_quiz.course.model import Quiz

BAD = Path(__file__).parent / "fixtures" / "bad-quizzes"
PROJECT_QUIZZES = Path(__file__).resolve().parent.parent / "quizzes"

# file, line, field, the words the author reads
MALFORMED = [
    ("yaml-syntax.yaml", 13, None, "is not valid YAML"),
    ("missing-feedback.yaml", 17, "questions[0].options[1].feedback", "Field required"),
    (
        "answer-not-option.yaml",
        20,
        "questions[0].answer[0]",
        "'c' is not an option of this question",
    ),
    ("duplicate-question.yaml", 22, "questions[1].id", "question id 'q1' is used twice"),
    ("unknown-field.yaml", 16, "questions[0].options[0].feedbak", "Extra inputs are not permitted"),
    (
        "true-false-options.yaml",
        13,
        "questions[0].options",
        'exactly the options "true" and "false"',
    ),
    ("two-answers.yaml", 20, "questions[0].answer", "a single question needs exactly one answer"),
    (
        "unknown-objective.yaml",
        10,
        "questions[0].objective",
        "'lo9' is not an objective of this quiz",
    ),
    ("id-mismatch.yaml", 1, "id", "is 'someone-else' but the file is id-mismatch.yaml"),
    ("pass-mark.yaml", 4, "pass_mark", "less than or equal to 100"),
    ("duplicate-key.yaml", 3, "title", "this key is given twice"),
    ("empty.yaml", None, None, "is empty"),
    ("scenario-missing.yaml", 8, "questions[0].scenario", "needs its scenario text"),
    ("matching-bad-answer.yaml", 18, "questions[0].items[1].answer", "'informed' is not an option"),
]


@pytest.mark.parametrize(
    ("name", "line", "field", "message"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_quiz_names_file_line_and_field(
    name: str, line: int | None, field: str | None, message: str
) -> None:
    with pytest.raises(SourceError) as caught:
        load_quiz(BAD / name)
    error = caught.value
    assert error.path == BAD / name
    assert error.line == line
    assert error.field_name == field
    assert message in error.message
    expected_start = f"{BAD / name}:{line}: " if line else f"{BAD / name}: "
    assert str(error).startswith(expected_start)


def test_every_fixture_is_covered() -> None:
    assert {path.name for path in BAD.glob("*.yaml")} == {name for name, *_ in MALFORMED}


def test_question_ids_are_unique_across_quizzes(tmp_path: Path) -> None:
    source = (BAD / "id-mismatch.yaml").read_text(encoding="utf-8")
    (tmp_path / "first.yaml").write_text(source.replace("someone-else", "first"), encoding="utf-8")
    (tmp_path / "second.yaml").write_text(
        source.replace("someone-else", "second"), encoding="utf-8"
    )
    with pytest.raises(
        SourceError,
        match=r"second.yaml:8: questions\[0\].id: question id 'q1' is already used in quiz 'first'",
    ):
        load_quizzes(tmp_path)


def test_version_changes_with_content_and_not_otherwise(tmp_path: Path) -> None:
    source = (BAD / "id-mismatch.yaml").read_text(encoding="utf-8").replace("someone-else", "v")
    path = tmp_path / "v.yaml"
    path.write_text(source, encoding="utf-8")
    first = load_quiz(path).model.version
    assert load_quiz(path).model.version == first
    path.write_text(source.replace("answer: [a]", "answer: [b]"), encoding="utf-8")
    assert load_quiz(path).model.version != first


def test_course_quizzes_load_and_cover_each_objective_twice() -> None:
    quizzes = load_quizzes(PROJECT_QUIZZES)
    assert set(quizzes) >= {
        "introduction",
        "getting-started",
        "embedding",
        "equality",
        "empowering",
        "participation",
        "accountability",
    }
    for quiz_id, loaded in quizzes.items():
        quiz: Quiz = loaded.model
        assert len(quiz.questions) >= 8, quiz_id
        assert all(count >= 2 for count in quiz.objective_coverage().values()), quiz_id
        assert {q.type for q in quiz.questions} >= {
            "single",
            "multiple",
            "true_false",
            "matching",
            "scenario",
        }, quiz_id
