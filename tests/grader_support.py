"""Helpers for the ``rightway-quiz`` tests: a small course, answer files built from its keys."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from rightway_quiz.course.course import Course, load_course
from rightway_quiz.course.model import Question, Quiz
from rightway_quiz.grader.cli import main

COURSE_DIR = Path(__file__).parent / "fixtures" / "grader-course"
SCHEMA = (
    Path(__file__).parent.parent
    / "src"
    / "rightway_quiz"
    / "grader"
    / "schemas"
    / "answers.schema.json"
)


def course() -> Course:
    """The test course (two quizzes: participation with five question types, equality)."""
    return load_course(COURSE_DIR)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``rightway-quiz ARGV`` against the test course: exit status, stdout, stderr."""
    args = [str(a) for a in argv]
    if "--course-dir" not in args:
        args += ["--course-dir", str(COURSE_DIR)]
    status = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def right_response(question: Question) -> list[str] | dict[str, str]:
    """The right answer, read from the quiz's key (never hard-coded)."""
    return question.correct_response()


def wrong_response(question: Question) -> list[str] | dict[str, str]:
    """A wrong answer: the first option that is not right (or one item mismatched)."""
    if question.type == "matching":
        key = dict(right_response(question))  # type: ignore[arg-type]
        first = next(iter(key))
        key[first] = next(o for o in question.option_ids if o != key[first])
        return key
    return [next(o for o in question.option_ids if o not in question.answer)]


def entry(question: Question, response: list[str] | dict[str, str]) -> dict[str, Any]:
    """One entry of a browser file's ``answers``."""
    if isinstance(response, dict):
        return {"question_id": question.id, "matches": response}
    return {"question_id": question.id, "options": sorted(response)}


def answer_document(quiz: Quiz, right: set[str] | None = None, **extra: Any) -> dict[str, Any]:
    """A browser answer file; questions whose ids are in ``right`` (default: all) answered right."""
    right = {q.id for q in quiz.questions} if right is None else right
    return {
        "format": "rightway-answers",
        "format_version": 1,
        "quiz_id": quiz.id,
        "quiz_version": quiz.version,
        "language": "en",
        "page": f"principles/{quiz.principle}.html",
        "submitted_at": "2026-03-01T10:00:00.000Z",
        "answers": [
            entry(q, right_response(q) if q.id in right else wrong_response(q))
            for q in quiz.questions
        ],
        **extra,
    }


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def csv_answer(response: list[str] | dict[str, str]) -> str:
    """A response as a CSV ``answer`` cell."""
    if isinstance(response, dict):
        return ";".join(f"{item}={option}" for item, option in response.items())
    return ";".join(response)


def csv_rows(quiz: Quiz, learner: str, right: set[str] | None = None) -> list[list[str]]:
    """One learner's rows for a quiz: learner, quiz, question, answer."""
    right = {q.id for q in quiz.questions} if right is None else right
    return [
        [
            learner,
            quiz.id,
            q.id,
            csv_answer(right_response(q) if q.id in right else wrong_response(q)),
        ]
        for q in quiz.questions
    ]


def write_csv(
    path: Path,
    rows: list[list[str]],
    header: tuple[str, ...] = ("learner", "quiz", "question", "answer"),
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


COUNTS = re.compile(
    r"Answers read: ([\d,]+); graded: ([\d,]+); rejected: ([\d,]+); blank: ([\d,]+)\."
)


def all_counts(err: str) -> tuple[int, int, int, int]:
    """(answers, graded, rejected, blank) from the counts line, checking that they add up."""
    found = COUNTS.search(err)
    assert found, err
    total, graded, rejected, blank = (int(n.replace(",", "")) for n in found.groups())
    assert graded + rejected + blank == total
    return total, graded, rejected, blank


def counts(err: str) -> tuple[int, int, int]:
    """(answers, graded, rejected) where no row is blank."""
    total, graded, rejected, blank = all_counts(err)
    assert blank == 0, err
    return total, graded, rejected


class Terminal:
    """Standard error as a terminal: records what is written, and ``isatty()`` (what the
    progress bars look at) says yes."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass
