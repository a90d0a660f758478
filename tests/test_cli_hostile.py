"""``rightway-quiz grade`` with messy and hostile input: nothing lost, nothing leaked, nothing crashes.

One test per defect of issue 16, each asserting the counts, the message and the exit status.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from grader_support import (
    COURSE_DIR,
    Terminal,
    all_counts,
    answer_document,
    counts,
    course,
    csv_rows,
    right_response,
    run,
    write_csv,
    write_json,
)

from rightway_quiz.grader import cli as cli_module
from rightway_quiz.grader import grading as grading_module

HEADER = "learner,quiz,question,answer\r\n"


def _rows_text(learners: list[str], quiz_id: str = "equality") -> str:
    quiz = course().quizzes[quiz_id]
    return "".join(
        ",".join(row) + "\r\n" for learner in learners for row in csv_rows(quiz, learner)
    )


def _line_with(err: str, *needles: str) -> str:
    lines = [line for line in err.splitlines() if all(needle in line for needle in needles)]
    assert lines, f"no line with {needles} in:\n{err}"
    return lines[0]


# -- 1. rows silently lost ------------------------------------------------------------------


def test_unclosed_quote_rejects_its_row_and_grades_every_later_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    later = [f"Learner {n}" for n in range(250)]  # 250 learners x 2 questions = 500 rows
    questions = len(course().quizzes["equality"].questions)
    path = tmp_path / "a.csv"
    path.write_text(
        HEADER + 'Siân,equality,equality-q1,"b\r\n' + _rows_text(later), encoding="utf-8"
    )
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 1
    _line_with(err, "row 2", "a quote opened in this row is never closed")
    assert "is not an option" not in err
    rows = 1 + len(later) * questions
    assert counts(err) == (rows, rows - 1, 1)
    assert len(json.loads(out)["learners"]) == len(later)


def test_extra_unquoted_fields_are_a_rejection_not_a_truncation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    multiple = next(q for q in course().quizzes["participation"].questions if q.type == "multiple")
    path = tmp_path / "a.csv"
    path.write_text(
        "learner;quiz;question;answer\n"
        f"Siân;participation;{multiple.id};{';'.join(multiple.option_ids[:4])}\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 1
    fields = 3 + min(4, len(multiple.option_ids))
    _line_with(err, "row 2", f"has {fields} fields but the first row has 4")
    assert counts(err) == (1, 0, 1)
    assert json.loads(out)["learners"] == []


def test_trailing_empty_fields_are_not_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(HEADER + _rows_text(["Bryn"]).replace("\r\n", ",,\r\n"), encoding="utf-8")
    status, _out, err = run(capsys, "grade", path)
    questions = len(course().quizzes["equality"].questions)
    assert (status, counts(err)) == (0, (questions, questions, 0))


# -- 2. learners silently merged ---------------------------------------------------------------


def test_answer_files_without_a_learner_are_kept_apart_and_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    questions = len(quiz.questions)
    for folder in ("alys", "bryn"):
        (tmp_path / folder).mkdir()
        write_json(tmp_path / folder / "answers-participation.json", answer_document(quiz))
    files = [tmp_path / f / "answers-participation.json" for f in ("alys", "bryn")]
    status, out, err = run(capsys, "grade", *files, "--format", "json")
    learners = json.loads(out)["learners"]
    assert len(learners) == 2
    assert [lr["quizzes"][0]["score"] for lr in learners] == [questions, questions]
    assert all("answers-participation.json" in lr["learner"] for lr in learners)
    _line_with(err, "Answer files that name no learner: 2")
    assert status == 0


def test_learner_and_attempt_id_fields_are_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    first = answer_document(quiz, learner="Siân", attempt_id="a1")
    write_json(tmp_path / "one.json", first)
    write_json(tmp_path / "copy.json", first)
    status, out, err = run(
        capsys, "grade", tmp_path / "one.json", tmp_path / "copy.json", "--format", "json"
    )
    learners = json.loads(out)["learners"]
    assert [lr["learner"] for lr in learners] == ["Siân"]
    assert len(learners[0]["quizzes"]) == 1
    _line_with(err, "copy.json", "the same attempt as an earlier file; read once")
    assert status == 0


# -- 3. pseudonymise leaks ------------------------------------------------------------------


def test_pseudonymised_output_holds_no_name_anywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    csv_path = tmp_path / "Siân-Jones.csv"
    write_csv(csv_path, [*csv_rows(quiz, "Siân Jones"), ["Siân Jones", "Siân Jones", "x", "y"]])
    old = answer_document(quiz, learner="Bryn Evans", quiz_version="old")
    json_path = write_json(tmp_path / "Bryn-Evans.json", old)
    for output_format in ("json", "csv", "html", "md", "table"):
        rejected = tmp_path / f"rejected-{output_format}.csv"
        status, out, err = run(
            capsys,
            "grade",
            csv_path,
            json_path,
            "--format",
            output_format,
            "--pseudonymise",
            "--salt",
            "pepper",
            "--rejected",
            rejected,
        )
        everything = out + err + rejected.read_text(encoding="utf-8-sig")
        for name in ("Siân", "Jones", "Bryn", "Evans"):
            assert name not in everything, (output_format, everything)
        assert status == 1
        assert "F-" in everything  # files are named by code


def test_pseudonymise_without_a_salt_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIGHTWAY_SALT", raising=False)
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, out, err = run(capsys, "grade", path, "--pseudonymise")
    assert status == 2 and out == ""
    assert "--pseudonymise needs a secret salt" in err and "Answers read" not in err
    monkeypatch.setenv("RIGHTWAY_SALT", "pepper")
    status, out, _err = run(capsys, "grade", path, "--pseudonymise")
    assert status == 0 and "Bryn" not in out


def test_salt_without_pseudonymise_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, _out, err = run(capsys, "grade", path, "--salt", "pepper")
    assert status == 2 and "--salt is only used with --pseudonymise" in err


def test_names_are_matched_and_coded_alike_whatever_their_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    forms = ["Siân", unicodedata.normalize("NFD", "Siân") + " ", "SIÂN"]
    rows = [
        [forms[index % 3], quiz.id, question.id, ";".join(sorted(right_response(question)))]  # type: ignore[arg-type]
        for index, question in enumerate(quiz.questions)
    ]
    path = write_csv(tmp_path / "a.csv", rows)
    for extra in ((), ("--pseudonymise", "--salt", "pepper")):
        status, out, err = run(capsys, "grade", path, "--format", "json", *extra)
        learners = json.loads(out)["learners"]
        assert len(learners) == 1 and len(learners[0]["quizzes"]) == 1
        assert learners[0]["quizzes"][0]["score"] == len(quiz.questions)
        assert status == 0, err


# -- 4. encodings --------------------------------------------------------------------------------


def test_windows_1252_accent_deep_in_the_file_is_read_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    learners = [f"Learner {n}" for n in range(1600)] + ["Siân Müller"]  # accent at row 3,202
    path = tmp_path / "a.csv"
    path.write_bytes((HEADER + _rows_text(learners)).encode("cp1252"))
    status, out, err = run(capsys, "grade", path, "--format", "json")
    rows = len(learners) * len(course().quizzes["equality"].questions)
    assert (status, counts(err)) == (0, (rows, rows, 0))
    assert json.loads(out)["learners"][-1]["learner"] == "Siân Müller"


def test_a_stray_byte_in_utf8_rejects_its_row_with_the_true_row_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    learners = ["Siân Llŷr", *[f"Learner {n}" for n in range(1600)]]
    text = (HEADER + _rows_text(learners)).encode("utf-8")
    lines = text.split(b"\r\n")
    lines[3001] = lines[3001].replace(b"Learner", b"Learn\xe9r")  # file row 3,002
    path = tmp_path / "a.csv"
    path.write_bytes(b"\r\n".join(lines))
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 1
    _line_with(err, "row 3002", "holds bytes that are not valid UTF-8")
    _line_with(err, "is not all valid UTF-8")
    rows = len(learners) * len(course().quizzes["equality"].questions)
    assert counts(err) == (rows, rows - 1, 1)
    assert json.loads(out)["learners"][0]["learner"] == "Siân Llŷr"  # no mojibake


def test_a_utf8_file_with_a_mark_and_a_bad_byte_is_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    body = (HEADER + _rows_text(["Bryn"])).encode("utf-8").replace(b"Bryn", b"Br\xffn", 1)
    path.write_bytes(b"\xef\xbb\xbf" + body)
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    _line_with(err, "row 2", "not valid UTF-8")
    questions = len(course().quizzes["equality"].questions)
    assert counts(err) == (questions, questions - 1, 1)


# -- 5. no traceback, and one bad file does not stop the rest --------------------------------------


HOSTILE_FILES: dict[str, tuple[bytes, str]] = {
    "nested.json": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "is nested too deeply"),
    "digits.json": (
        b'{"format": "rightway-answers", "format_version": ' + b"9" * 5000 + b"}",
        "is not valid JSON",
    ),
    "only-bom.csv": (b"\xff\xfe", "is empty"),
    "mixed.csv": (
        HEADER.encode() + "Siân,equality,equality-q1,a\r\n".encode() + b"M\xfcller,x,y,z\r\n",
        "row 3: holds bytes that are not valid UTF-8",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_file_is_reported_and_the_rest_graded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, message = HOSTILE_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    good = write_csv(tmp_path / "good.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, out, err = run(capsys, "grade", bad, good)
    assert status == 1
    _line_with(err, name, message)
    assert "Bryn" in out


def test_report_to_markdown_is_refused_before_grading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write_csv(tmp_path / "good.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, _out, err = run(capsys, "report", good, "-o", tmp_path / "r.md")
    assert status == 2 and "cannot write .md" in err and "Answers read" not in err
    assert not (tmp_path / "r.md").exists()


def _cli(
    *args: str | bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    start = "from rightway_quiz.grader.cli import entrypoint; entrypoint()"
    return subprocess.run(
        [sys.executable, "-c", start, *args, "--course-dir", str(COURSE_DIR)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/Si\xe2n.csv"
    Path(os.fsdecode(name)).write_text(HEADER + "Bryn,equality,equality-q1,nope\r\n", "utf-8")
    done = _cli("grade", name, "--format", "json")
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1
    assert "Si\ufffdn.csv: row 2".encode() in done.stderr
    assert json.loads(done.stdout)["rejected"][0]["source"].endswith("Si\ufffdn.csv")


def test_welsh_on_a_cp1252_terminal(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Llŷr"))
    done = _cli("grade", str(path), "--lang", "cy", env={"PYTHONIOENCODING": "cp1252"})
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0
    assert b"Ll\\u0177r" in done.stdout  # shown as an escape, not a crash


def test_running_a_command_imports_no_sphinx() -> None:
    code = (
        "import sys; from rightway_quiz.grader.cli import main; "
        f"status = main(['list', '--course-dir', {str(COURSE_DIR)!r}]); "
        "print(sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


# -- 6. outputs written whole, checked first ---------------------------------------------------------


def test_a_run_stopped_half_way_leaves_last_weeks_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = course().quizzes["equality"]
    first = write_csv(tmp_path / "a.csv", [["Bryn", quiz.id, "equality-q1", "nope"]])
    second = write_csv(tmp_path / "b.csv", csv_rows(quiz, "Cai"))
    results, rejected = tmp_path / "results.html", tmp_path / "rejected.csv"
    results.write_text("last week", encoding="utf-8")
    rejected.write_text("last week", encoding="utf-8")
    real_add_path = grading_module.Grader.add_path

    def stop_at_second(self: grading_module.Grader, path: Path) -> None:
        if path == second:
            raise KeyboardInterrupt
        real_add_path(self, path)

    monkeypatch.setattr(grading_module.Grader, "add_path", stop_at_second)
    status, _out, _err = run(capsys, "grade", first, second, "-o", results, "--rejected", rejected)
    assert status == 130
    assert results.read_text(encoding="utf-8") == "last week"
    assert rejected.read_text(encoding="utf-8") == "last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.csv",
        "b.csv",
        "rejected.csv",
        "results.html",
    ]


def test_output_and_rejected_cannot_be_one_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    same = tmp_path / "out.csv"
    status, _out, err = run(capsys, "grade", source, "-o", same, "--rejected", same)
    assert status == 2 and "-o and --rejected name the same file" in err
    assert not same.exists()


def test_missing_output_folder_is_found_before_grading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, _out, err = run(capsys, "grade", source, "-o", tmp_path / "nope" / "r.html")
    assert status == 2 and "does not exist" in err and "Answers read" not in err


def test_take_refuses_a_missing_folder_before_asking(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(cli_module, "_reader", lambda prompt: asked.append(prompt) or "1")
    status, _out, err = run(capsys, "take", "equality", "-o", tmp_path / "nope" / "a.json")
    assert status == 2 and "does not exist" in err and asked == []


def test_take_saves_the_answers_elsewhere_when_the_path_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = course().quizzes["equality"]
    replies = iter(["1"] * 50)
    monkeypatch.setattr(cli_module, "_reader", lambda prompt: next(replies))
    monkeypatch.setattr(cli_module, "_say", lambda text: None)
    target = tmp_path / "answers.json"
    real_replacing = cli_module.replacing

    def failing(path: Path, *, csv: bool = False):  # type: ignore[no-untyped-def]
        if path == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_replacing(path, csv=csv)

    monkeypatch.setattr(cli_module, "replacing", failing)
    status, _out, err = run(capsys, "take", quiz.id, "-o", target)
    assert status == 1
    _line_with(err, "answers.json", "cannot be written (Permission denied)")
    saved = Path(_line_with(err, "Answers saved to").split("Answers saved to ", 1)[1])
    try:
        assert (
            saved != target and json.loads(saved.read_text(encoding="utf-8"))["quiz_id"] == quiz.id
        )
    finally:
        saved.unlink()


# -- 7. smaller ones ------------------------------------------------------------------------------------


def test_option_ids_and_true_false_in_any_case_and_in_welsh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    rows = []
    for question in quiz.questions:
        right = right_response(question)
        if question.type == "true_false":
            assert isinstance(right, list)
            answers = {"true": ["TRUE", "Gwir"], "false": ["FALSE", "gau"]}[right[0]]
            rows += [[f"L{n}", quiz.id, question.id, answer] for n, answer in enumerate(answers)]
        elif question.type != "matching":
            assert isinstance(right, list)
            text = ";".join(option.upper() for option in right)
            rows += [[f"L{n}", quiz.id, question.id, text] for n in range(2)]
    path = write_csv(tmp_path / "a.csv", rows)
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert counts(err) == (len(rows), len(rows), 0)
    for learner in json.loads(out)["learners"]:
        assert learner["quizzes"][0]["score"] == len(rows) // 2
    assert status == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("prompt", "--principle", "nope"),
        ("take", "nope", "-o", "x.json"),
        ("list", "--principle", "nope"),
    ],
)
def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    status, _out, err = run(capsys, *argv)
    assert status == 2 and "nope" in err


def test_control_characters_in_names_are_escaped_on_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    forged = "Evil\x1b[2J\r\nAlys  participation  5/5  100%  passed"
    document = answer_document(quiz, learner=forged, answers=[{"question_id": "x\x1b[31m"}])
    path = write_json(tmp_path / "a.json", document)
    status, out, err = run(capsys, "grade", path)
    assert "\x1b" not in out + err and "\r" not in out + err
    assert "Evil\\x1b[2J\\r\\nAlys" in out
    assert [line for line in out.splitlines() if line.startswith("Alys")] == []
    assert status == 1


def test_blank_and_delimiter_only_rows_are_counted_as_blank(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "learner;quiz;question;answer\n;;;\n\n  ;  ;;\n" + _rows_text(["Bryn"]).replace(",", ";"),
        encoding="utf-8",
    )
    status, _out, err = run(capsys, "grade", path)
    questions = len(course().quizzes["equality"].questions)
    assert all_counts(err) == (questions + 3, questions, 0, 3)
    assert status == 0


def test_the_json_rejected_list_says_when_it_is_cut(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grading_module, "KEPT_REJECTIONS", 3)
    rows = [["Bryn", "equality", "equality-q1", f"bad{i}"] for i in range(5)]
    status, out, err = run(capsys, "grade", write_csv(tmp_path / "a.csv", rows), "--format", "json")
    document = json.loads(out)
    assert (len(document["rejected"]), document["rejected_listed_all"]) == (3, False)
    assert "… and" not in err or "more rejected" in err
    assert document["counts"]["rejected"] == 5 and status == 1


def test_the_same_file_given_twice_is_counted_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, _out, err = run(capsys, "grade", path, tmp_path / "." / "a.csv")
    questions = len(course().quizzes["equality"].questions)
    assert counts(err) == (questions, questions, 0)
    _line_with(err, "a.csv", "given more than once; read once")
    assert status == 0


def test_the_progress_bar_is_cleared_before_a_rejection_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rightway_quiz.grader import _progress

    monkeypatch.setattr(_progress, "MIN_BYTES", 0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    path = tmp_path / "a.csv"
    path.write_text(HEADER + _rows_text(["Bryn"]) + "Cai,equality,equality-q1,nope\r\n", "utf-8")
    cli_module.main(["grade", str(path), "--course-dir", str(COURSE_DIR)])
    text = "".join(terminal.written)
    rejection = text.index("row ")
    bar = text.rfind("\rGrading [", 0, rejection)
    assert bar >= 0, text
    assert "\r\x1b[2K" in text[bar:rejection]


# -- every row accounted for, whatever the damage -------------------------------------------------------

CORRUPTIONS = ('"', ",", ";", "\xff", "\x00", "é", "\t", "=", " ", "")


def _corrupt(text: bytes, rng: random.Random) -> bytes:
    """Replace, insert or delete one byte somewhere after the header (never a line break)."""
    start = text.index(b"\n") + 1
    while True:
        at = rng.randrange(start, len(text))
        if text[at : at + 1] not in (b"\r", b"\n"):
            break
    new = rng.choice(CORRUPTIONS).encode("latin-1")
    if rng.random() < 0.5:
        return text[:at] + new + text[at + 1 :]
    return text[:at] + new + text[at:]


@pytest.mark.parametrize("seed", range(60))
def test_random_corruption_never_loses_a_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    learners = [rng.choice(["Siân", "Bryn", "Llio Ó", "Cai"]) + str(n) for n in range(6)]
    text = (HEADER + _rows_text(learners)).encode(rng.choice(["utf-8", "cp1252", "utf-8"]))
    text = _corrupt(text, rng)
    path = tmp_path / "a.csv"
    path.write_bytes(text)
    status, _out, err = run(capsys, "grade", path)
    rows = len(learners) * len(course().quizzes["equality"].questions)
    total, _graded, rejected, _blank = all_counts(err)
    assert total == rows, err
    assert status == (1 if rejected else 0)
