"""``rightway-quiz grade``: re-marking, every bad input, personal data, output formats."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from grader_support import (
    COURSE_DIR,
    all_counts,
    answer_document,
    counts,
    course,
    csv_rows,
    run,
    write_csv,
    write_json,
)

from rightway_quiz.grader import answers as answers_module
from rightway_quiz.grader._progress import ProgressBar
from rightway_quiz.grader.cli import main

# -- re-marking ------------------------------------------------------------------------------


def test_all_right_browser_file_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = course().quizzes["participation"]
    path = write_json(tmp_path / "alys.json", answer_document(quiz, learner="Alys"))
    status, out, err = run(capsys, "grade", path)
    total = len(quiz.questions)
    assert status == 0
    assert re.search(rf"Alys\s+participation\s+{total}/{total}\s+100%\s+passed", out)
    assert counts(err) == (total, total, 0)


def test_score_in_the_file_is_ignored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = course().quizzes["participation"]
    document = answer_document(quiz, right=set(), learner="Alys", score=5, percent=100, passed=True)
    status, out, _err = run(
        capsys, "grade", write_json(tmp_path / "a.json", document), "--format", "json"
    )
    result = json.loads(out)["learners"][0]["quizzes"][0]
    assert (result["score"], result["percent"], result["passed"]) == (0, 0, False)
    assert status == 0


def test_score_column_in_a_csv_is_ignored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    rows = [[*row, "100"] for row in csv_rows(quiz, "Bryn", right=set())]
    path = write_csv(tmp_path / "a.csv", rows, ("learner", "quiz", "question", "answer", "score"))
    status, out, _err = run(capsys, "grade", path, "--format", "json")
    assert json.loads(out)["learners"][0]["quizzes"][0]["score"] == 0
    assert status == 0


def test_missed_questions_come_with_feedback_and_articles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    missed = quiz.questions[0]
    right = {q.id for q in quiz.questions} - {missed.id}
    path = write_json(tmp_path / "a.json", answer_document(quiz, right=right))
    _status, out, _err = run(capsys, "grade", path, "--format", "json")
    learner = json.loads(out)["learners"][0]
    [entry] = learner["quizzes"][0]["missed"]
    wrong_option = next(o for o in missed.options if o.id not in missed.answer)
    assert entry["question"] == missed.id
    assert entry["feedback"] == [wrong_option.feedback]
    assert entry["explanation"] == missed.explanation
    assert [a["number"] for a in learner["articles"]] == sorted(set(missed.articles))
    assert learner["principles"][0]["principle"] == quiz.principle
    assert learner["quizzes"][0]["passed"] is (learner["quizzes"][0]["percent"] >= quiz.pass_mark)


def test_older_quiz_version_is_reported_not_marked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    document = answer_document(quiz, learner="Alys", quiz_version="0123456789ab")
    status, out, err = run(capsys, "grade", write_json(tmp_path / "old.json", document))
    assert status == 1
    assert "older version" in out and "Alys: participation" in out
    assert (
        f"answered against quiz version 0123456789ab; 'participation' is now version {quiz.version}"
        in err
    )
    assert counts(err) == (len(quiz.questions), 0, len(quiz.questions))


def test_older_quiz_version_in_a_csv_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    rows = [[*row, quiz.version] for row in csv_rows(quiz, "Bryn")]
    rows[1][4] = "0123456789ab"
    path = write_csv(
        tmp_path / "a.csv", rows, ("learner", "quiz", "question", "answer", "quiz_version")
    )
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    assert f"{path}: row 3: answered against quiz version 0123456789ab" in err
    assert counts(err) == (2, 1, 1)


# -- bad input: one line naming the file (and row), non-zero exit, no traceback ------------------


def _one_error_line(err: str, *needles: str) -> None:
    lines = [line for line in err.splitlines() if all(needle in line for needle in needles)]
    assert lines, f"no line with {needles} in:\n{err}"


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.json": (b"", "is empty"),
    "blank.csv": (b"  \r\n\r\n", "is empty"),
    "not-json.json": (b"this is not json\n", "is not valid JSON (line 1, column 1"),
    "array.json": (b"[1, 2]\n", "is not a rightway answer file"),
    "other-format.json": (b'{"format": "something-else"}', "is not a rightway answer file"),
    "future.json": (
        b'{"format": "rightway-answers", "format_version": 9}',
        "answer format version 9",
    ),
    "no-answers.json": (
        b'{"format": "rightway-answers", "format_version": 1, "quiz_id": "participation", "quiz_version": ""}',
        "answers: Field required",
    ),
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV file"),
    "no-header.csv": (b"a,b,c\n1,2,3\n", "is not an answers CSV: its first row needs the columns"),
    "latin1.json": ('{"learner": "Siân"}'.encode("cp1252"), "is not UTF-8 text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), message)


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _out, err = run(capsys, "grade", tmp_path / "nowhere.csv")
    assert status == 1
    _one_error_line(err, str(tmp_path / "nowhere.csv"), "no such file")


def test_a_folder_is_not_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _out, err = run(capsys, "grade", tmp_path)
    assert status == 1
    _one_error_line(err, str(tmp_path), "is not a file")


def test_unknown_quiz_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = answer_document(course().quizzes["equality"])
    document["quiz_id"] = "no-such-quiz"
    path = write_json(tmp_path / "a.json", document)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "answer 1", "unknown quiz id 'no-such-quiz'")
    assert counts(err) == (2, 0, 2)


def test_unknown_question_id_names_the_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = csv_rows(course().quizzes["equality"], "Bryn")
    rows.insert(1, ["Bryn", "equality", "equality-q99", "a"])
    path = write_csv(tmp_path / "a.csv", rows)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "row 3", "unknown question id 'equality-q99'")
    assert counts(err) == (3, 2, 1)


def test_question_from_another_quiz(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["Bryn", "equality", "participation-q1", "a"]])
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "row 2", "belongs to quiz 'participation'")


def test_duplicate_answers_in_csv_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    rows = csv_rows(quiz, "Bryn")
    path = write_csv(tmp_path / "a.csv", [*rows, rows[0]])
    document = answer_document(quiz)
    document["answers"].append(document["answers"][0])
    json_path = write_json(tmp_path / "b.json", document)
    status, _out, err = run(capsys, "grade", path, json_path)
    assert status == 1
    _one_error_line(err, str(path), "row 4", "duplicate answer")
    _one_error_line(err, str(json_path), "answer 3", "duplicate answer")
    assert counts(err) == (6, 4, 2)


def test_option_that_does_not_exist(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = course().quizzes["participation"]
    matching = next(q for q in quiz.questions if q.type == "matching")
    rows = [
        ["Alys", quiz.id, quiz.questions[0].id, "zz"],
        ["Alys", quiz.id, matching.id, f"{matching.items[0].id}=nope"],
        ["Alys", quiz.id, matching.id, "nonsense"],
    ]
    path = write_csv(tmp_path / "a.csv", rows)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "row 2", "'zz' is not an option of question")
    _one_error_line(err, str(path), "row 3", "'nope' is not an option of question")
    _one_error_line(err, str(path), "row 4", "is not an item=option pair")


def test_two_options_for_a_single_answer_question(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    single = quiz.questions[0]
    path = write_csv(
        tmp_path / "a.csv", [["Bryn", quiz.id, single.id, " ; ".join(single.option_ids[:2])]]
    )
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, "row 2", "takes one option; the answer gives 2")


def test_short_and_empty_rows_are_counted_and_blank_is_not_a_rejection(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "learner,quiz,question,answer\nBryn,equality\n\n,equality,equality-q1,a\n", encoding="utf-8"
    )
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, "row 2", "has too few columns (2; the first row has 4)")
    assert "row 3" not in err
    _one_error_line(err, "row 4", "the learner is empty")
    assert all_counts(err) == (3, 0, 2, 1)


def test_huge_json_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(
        '{"format": "rightway-answers", "pad": "' + "x" * 1_100_000 + '"}', encoding="utf-8"
    )
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "is too large")


def test_huge_csv_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "big.csv", csv_rows(course().quizzes["equality"], "Bryn") * 50)
    monkeypatch.setattr(answers_module, "MAX_CSV_BYTES", 1_000)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "is too large")


def test_huge_csv_field_rejects_only_its_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = csv_rows(course().quizzes["equality"], "Bryn")
    path = tmp_path / "a.csv"
    write_csv(path, rows)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write('Cai,equality,equality-q1,"' + "a" * 200_000 + '"\r\n')
        handle.write("Cai,equality,equality-q2,true\r\n")
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _one_error_line(err, str(path), "row 4", "field larger than field limit")
    assert counts(err) == (4, 3, 1)


def test_unclosed_quote_over_lines_is_read_as_csv_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'learner,quiz,question,answer\r\n"Bryn\r\nJones",equality,equality-q1,a\r\nCai,equality,equality-q2,true\r\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "grade", path, "--format", "json")
    learners = [learner["learner"] for learner in json.loads(out)["learners"]]
    assert learners == ["Bryn\nJones", "Cai"]  # read with universal newlines
    assert counts(err) == (2, 2, 0)
    assert status == 0


# -- encodings from Excel ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_excel_encodings_are_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    rows = csv_rows(
        course().quizzes["equality"], "Siân Llŷr" if encoding != "cp1252" else "Siân Müller"
    )
    header = ("Learner", "Quiz", "Question", "Answer")
    path = write_csv(tmp_path / f"{encoding}.csv", rows, header, encoding)
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 0, err
    assert json.loads(out)["learners"][0]["learner"] == rows[0][0]


def test_semicolon_separated_csv_from_a_welsh_or_european_excel(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    text = "dysgwr;cwis;cwestiwn;ateb\n" + "".join(
        ";".join(row) + "\n" for row in csv_rows(quiz, "Bryn")
    )
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    status, out, _err = run(capsys, "grade", path, "--format", "json")
    assert status == 0
    assert json.loads(out)["learners"][0]["quizzes"][0]["percent"] == 100


# -- personal data and safe output ---------------------------------------------------------------------


def test_csv_output_neutralises_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    names = ['=HYPERLINK("http://x")', "+44", "-1", "@SUM(A1)", "\tTab", "\rCR"]
    rows = [row for name in names for row in csv_rows(quiz, name)]
    path = write_csv(tmp_path / "a.csv", rows)
    status, out, _err = run(capsys, "grade", path, "--format", "csv")
    assert status == 0
    learners = {row["learner"] for row in csv.DictReader(io.StringIO(out))}
    assert learners == {"'" + name for name in names}


def test_html_output_escapes_learner_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    path = write_csv(tmp_path / "a.csv", csv_rows(quiz, "<script>alert(1)</script>", right=set()))
    status, out, _err = run(capsys, "grade", path, "--format", "html")
    assert status == 0
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<html lang="en">' in out


def test_markdown_output_escapes_learner_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    path = write_csv(tmp_path / "a.csv", csv_rows(quiz, "[x](http://evil) <b>"))
    _status, out, _err = run(capsys, "grade", path, "--format", "md")
    assert "## \\[x\\](http://evil) \\<b\\>" in out


def test_pseudonymise_gives_stable_codes_and_no_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    path = write_csv(
        tmp_path / "a.csv", csv_rows(quiz, "Alys Jones") + csv_rows(quiz, "Bryn Evans")
    )
    outputs = []
    for salt in ("pepper", "pepper", "secret"):
        _status, out, err = run(
            capsys, "grade", path, "--format", "json", "--pseudonymise", "--salt", salt
        )
        assert "Alys" not in out + err and "Bryn" not in out + err
        outputs.append([learner["learner"] for learner in json.loads(out)["learners"]])
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    assert all(re.fullmatch(r"L-[0-9a-f]{10}", code) for code in outputs[0])


def test_rejections_on_screen_do_not_name_learners(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", [["Alys Jones", "equality", "equality-q1", "nope"]])
    _status, _out, err = run(capsys, "grade", path)
    assert "Alys" not in err


def test_output_file_is_the_only_thing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    source = write_csv(tmp_path / "in.csv", csv_rows(quiz, "Bryn"))
    before = {p.name for p in COURSE_DIR.rglob("*")}
    status, out, _err = run(capsys, "grade", source, "-o", tmp_path / "out.html")
    assert status == 0 and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.html"]
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert {p.name for p in COURSE_DIR.rglob("*")} == before


def test_output_cannot_overwrite_an_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, _out, err = run(capsys, "grade", source, "--format", "csv", "-o", source)
    assert status == 2 and "is one of the input files" in err
    assert source.read_text(encoding="utf-8").startswith("learner,quiz")


def test_rejected_list_has_every_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [["Bryn", "equality", "equality-q1", f"bad{i}"] for i in range(30)]
    path = write_csv(tmp_path / "a.csv", rows)
    status, _out, err = run(capsys, "grade", path, "--rejected", tmp_path / "rejected.csv")
    assert status == 1
    assert "… and 10 more rejected" in err
    listed = list(
        csv.DictReader(io.StringIO((tmp_path / "rejected.csv").read_text(encoding="utf-8-sig")))
    )
    assert [int(r["number"]) for r in listed] == list(range(2, 32))
    assert counts(err) == (30, 0, 30)


@pytest.mark.parametrize("output_format", ["table", "csv", "json", "md", "html"])
def test_every_format_says_the_same_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output_format: str
) -> None:
    quiz = course().quizzes["participation"]
    right = {q.id for q in quiz.questions[:3]}
    path = write_json(tmp_path / "a.json", answer_document(quiz, right=right, learner="Alys"))
    status, out, _err = run(capsys, "grade", path, "--format", output_format)
    assert status == 0
    assert f"3/{len(quiz.questions)}" in out or '"score": 3' in out or ",3,5," in out


def test_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen, pipe = Terminal(), io.StringIO()
    for stream in (screen, pipe):
        bar = ProgressBar("Grading", stream)
        bar(10_000_000, 20_000_000)
        bar.close()
    assert "50%" in screen.getvalue() and pipe.getvalue() == ""


def test_no_progress_bar_when_output_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    _status, _out, err = run(capsys, "grade", path)
    assert "\r" not in err


# -- the real course: keys come from the loader -----------------------------------------------------------


def test_real_course_quizzes_grade_full_marks_from_their_keys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from conftest import PROJECT_ROOT

    from rightway_quiz import load_course

    real = load_course(PROJECT_ROOT)
    if not real.quizzes:
        pytest.skip("the course has no quizzes yet")
    paths = [
        write_json(tmp_path / f"{quiz_id}.json", answer_document(quiz, learner="Alys"))
        for quiz_id, quiz in real.quizzes.items()
    ]
    status = main(
        ["grade", *map(str, paths), "--format", "json", "--course-dir", str(PROJECT_ROOT)]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert all(q["percent"] == 100 for q in json.loads(out)["learners"][0]["quizzes"])
