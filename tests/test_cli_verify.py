"""``rightway-quiz verify``: a record of learning is confirmed, or refuted with a reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from grader_support import SCHEMA, answer_document, course, run, write_json

from rightway_quiz.grader.answer_files import parse_answer_data
from rightway_quiz.grader.verify import shown_code, verification_code

LEARNER = "Siân ap Dafydd"


def record_file(tmp_path: Path, right: set[str] | None = None, **extra: Any) -> tuple[Path, str]:
    """A passing answers file as the course writes it, and the code its record shows."""
    quiz = course().quizzes["participation"]
    document = answer_document(quiz, right, learner=LEARNER, attempt_id="2f1c-attempt", **extra)
    code = shown_code(verification_code(parse_answer_data(document)))
    marked = len(quiz.questions) if right is None else len(right)
    percent = round(100 * marked / len(quiz.questions))
    document.setdefault(
        "result",
        {"score": marked, "max": len(quiz.questions), "percent": percent, "passed": percent >= 80},
    )
    document.setdefault("verification_code", code)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    return write_json(tmp_path / "atebion-sian-ap-dafydd-cyfranogiad.json", document), code


def test_a_true_record_is_confirmed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, code = record_file(tmp_path)
    status, out, err = run(capsys, "verify", path, "--code", code, "--lang", "en")
    assert status == 0, err
    assert out.startswith("Confirmed:")
    assert LEARNER in out and code in out and "100%" in out


def test_a_code_is_read_however_it_was_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code = record_file(tmp_path)
    typed = " ".join(code.replace("-", "").lower())
    assert run(capsys, "verify", path, "--code", typed, "--lang", "en")[0] == 0


def test_a_wrong_code_is_refuted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, code = record_file(tmp_path)
    wrong = ("B" if code[0] != "B" else "C") + code[1:]
    status, _out, err = run(capsys, "verify", path, "--code", wrong, "--lang", "en")
    assert status == 1
    assert err.startswith("Refuted:")
    assert "does not match these answers" in err and wrong.replace("-", "") in err


def test_an_edited_score_in_the_file_is_refuted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quiz = course().quizzes["participation"]
    right = {q.id for q in quiz.questions[:-1]}  # all but one right: a real score below 100
    path, code = record_file(
        tmp_path,
        right,
        result={
            "score": len(quiz.questions),
            "max": len(quiz.questions),
            "percent": 100,
            "passed": True,
        },
    )
    status, _out, err = run(capsys, "verify", path, "--code", code, "--lang", "en")
    assert status == 1
    assert "the file says" in err and "100%" in err


def test_an_edited_score_on_the_record_is_refuted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code = record_file(tmp_path)
    assert run(capsys, "verify", path, "--code", code, "--score", "100", "--lang", "en")[0] == 0
    status, _out, err = run(capsys, "verify", path, "--code", code, "--score", "90", "--lang", "en")
    assert status == 1 and "the record says 90%" in err


def test_changed_answers_or_name_no_longer_match_the_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code = record_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["learner"] = "Someone Else"
    write_json(path, document)
    status, _out, err = run(capsys, "verify", path, "--code", code, "--lang", "en")
    assert status == 1 and "does not match these answers" in err
    # Without --code, the code the file carries is checked.
    assert run(capsys, "verify", path, "--lang", "en")[0] == 1


def test_a_fail_is_never_confirmed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = course().quizzes["participation"]
    path, code = record_file(tmp_path, right=set())
    status, _out, err = run(capsys, "verify", path, "--code", code, "--lang", "en")
    assert status == 1 and "do not pass" in err and quiz.title in err


def test_welsh_verdicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, code = record_file(tmp_path)
    status, out, _err = run(capsys, "verify", path, "--code", code, "--lang", "cy")
    assert status == 0 and out.startswith("Wedi’i gadarnhau:")
    status, _out, err = run(capsys, "verify", path, "--code", "AAAAA-AAAAA", "--lang", "cy")
    assert status == 1 and err.startswith("Wedi’i wrthbrofi:") and "nid yw’r cod" in err
