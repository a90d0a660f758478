"""What the grader's speed work must not change, and what it adds (issue 16).

Rows are graded in blocks (a run of one learner's rows may cross a block),
results CSV rows are put together from pieces quoted once (they must read back
as ``csv`` writes them), Jinja2 is imported only for the page formats, and a
page written for a large cohort shows a progress bar (on a terminal only).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from grader_support import COURSE_DIR, Terminal, all_counts, course, csv_rows, run, write_csv

from rightway_quiz.grader import cli_grading, csv_answers
from rightway_quiz.grader.cli import main

# -- blocks -------------------------------------------------------------------------------------------


def test_a_learners_rows_split_between_blocks_grade_as_one_attempt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_answers, "BLOCK_CHARACTERS", 64)  # two or three rows a block
    quiz = course().quizzes["participation"]
    rows = csv_rows(quiz, "Bryn") + csv_rows(quiz, "Cai", right=set())
    duplicate = rows[1]  # Bryn again, many blocks later
    rows += [duplicate, ["Dewi", quiz.id, quiz.questions[0].id, "nope"]]
    path = write_csv(tmp_path / "a.csv", rows)
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 1
    assert all_counts(err) == (len(rows), len(rows) - 2, 2, 0)
    header = 1
    duplicate_row = header + len(rows) - 1
    assert f"row {duplicate_row}: duplicate answer" in err
    assert f"row {duplicate_row + 1}: 'nope' is not an option" in err
    scores = {learner["learner"]: learner["quizzes"][0]["score"] for learner in _learners(out)}
    assert scores == {"Bryn": len(quiz.questions), "Cai": 0}


def test_what_a_paused_block_made_is_left_to_the_oldest_generation() -> None:
    import gc

    from rightway_quiz.grader._gc import cycle_collection_paused

    with cycle_collection_paused():
        assert not gc.isenabled()
        made = [[number] for number in range(1_000)]  # lists: tracked by the collector
    assert gc.isenabled()
    young = {id(found) for found in gc.get_objects(generation=0)}
    assert not any(id(item) in young for item in made)
    assert {id(found) for found in gc.get_objects(generation=2)} >= {id(item) for item in made}


def _lines_by_replacing(block: str) -> list[str]:
    """A block's lines as the reader first split them: CRLF made LF (CR too if no LF at all)."""
    if "\r" in block:
        block = block.replace("\r\n", "\n")
        if "\n" not in block:
            block = block.replace("\r", "\n")
    return (block[:-1] if block.endswith("\n") else block).split("\n")


@pytest.mark.parametrize(
    "block",
    [
        "a,b\r\nc,d\r\n",  # Excel on Windows: split on CRLF, no copy of the block
        "a,b\r\nc,d",  # the file's last line, with no line end
        "a,b\r\nc,d\ne,f\r\n",  # one LF-only line among CRLF lines
        "a,b\nc,d\r\n",
        'a,"x\ry"\r\nc,d\r\n',  # a CR inside a cell stays
        "a,b\r\r\nc,d\r\n",
        "a,b\rc,d\r",  # CSV (Macintosh): CR ends lines
        "a,b\nc,d\n",
        "\r\n",
        "a,b",
    ],
)
def test_block_lines_are_split_as_before_whatever_the_line_ends(block: str) -> None:
    assert csv_answers._lines(block) == _lines_by_replacing(block)


@pytest.mark.parametrize(
    "block",
    [
        "a,b\r\nc,d\r\n",
        "a,b\r\nc,d",
        "a,b\r\nc,d\ne,f\r\n",
        "a,b\r\r\nc,d\r\n",
        "a,b\rc,d\r",
        "\r\n",
        "a,b",
    ],
)
def test_lines_keeping_cr_differ_only_by_a_crlf_s_cr_at_the_end(block: str) -> None:
    """The cheaper split used when the last field is never read: every other field is the same."""
    kept = csv_answers._lines_keeping_cr(block)
    assert [line.removesuffix("\r") for line in kept] == csv_answers._lines(block)


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"])
def test_a_last_column_never_read_grades_alike_whatever_the_line_ends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, line_end: str
) -> None:
    """An LMS export with a time last (read with its CRs left on), a blank line, a row with a
    trailing empty field and a short row: the same counts, marks and reasons for every line end."""
    quiz = course().quizzes["participation"]
    rows = [[*row, "2026-03-01T10:00:00Z"] for row in csv_rows(quiz, "Bryn")]
    rows += [[*row, ""] for row in csv_rows(quiz, "Cai", right=set())]
    rows[2].append("")  # a trailing empty field
    lines = [",".join(row) for row in [["learner", "quiz", "question", "answer", "time"], *rows]]
    lines[4:4] = ["", "Dewi,participation,participation-q1"]  # a blank row and a short one
    path = tmp_path / "export.csv"
    path.write_bytes(line_end.join(lines).encode("utf-8") + line_end.encode())
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 1
    assert all_counts(err) == (len(rows) + 2, len(rows), 1, 1)
    assert "row 6: has too few columns (3; the first row has 5)" in err
    scores = {learner["learner"]: learner["quizzes"][0]["score"] for learner in _learners(out)}
    assert scores == {"Bryn": len(quiz.questions), "Cai": 0}


def test_rows_with_mixed_line_ends_are_all_graded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    rows = csv_rows(quiz, "Bryn") + csv_rows(quiz, "Cai", right=set())
    lines = [",".join(row) for row in [["learner", "quiz", "question", "answer"], *rows]]
    text = "".join(line + ("\n" if number % 3 else "\r\n") for number, line in enumerate(lines))
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode("utf-8"))
    status, out, err = run(capsys, "grade", path, "--format", "json")
    assert status == 0
    assert all_counts(err) == (len(rows), len(rows), 0, 0)
    scores = {learner["learner"]: learner["quizzes"][0]["score"] for learner in _learners(out)}
    assert scores == {"Bryn": len(quiz.questions), "Cai": 0}


def _learners(out: str) -> list[dict[str, object]]:
    import json

    learners: list[dict[str, object]] = json.loads(out)["learners"]
    return learners


# -- the results CSV ----------------------------------------------------------------------------------


def test_results_csv_is_quoted_exactly_as_the_csv_module_writes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    folder = tmp_path / 'cohort, "spring"'
    folder.mkdir()
    first = write_csv(folder / "a.csv", csv_rows(quiz, '=Bryn, the "first"', right=set()))
    second = write_csv(tmp_path / "b.csv", csv_rows(quiz, "Siân"))
    output = tmp_path / "results.csv"
    status, _out, _err = run(capsys, "grade", first, second, "-o", output, "--lang", "cy")
    assert status == 0
    text = output.read_bytes().decode("utf-8-sig")  # CRLF kept
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rewritten = io.StringIO()
    csv.writer(rewritten).writerows(rows)
    assert text == rewritten.getvalue()  # the same bytes csv.writer would write
    bryn = [row for row in rows[1:] if row[0] == '\'=Bryn, the "first"']
    assert len(bryn) == 2  # the quiz, then its principle
    assert bryn[0][3:5] == [quiz.id, "0"]
    assert bryn[0][9] == " ".join(question.id for question in quiz.questions)
    assert bryn[0][11].endswith('cohort, "spring"/a.csv')
    assert bryn[0][8] == "na" and bryn[1][8] == "na"  # Welsh "no", from the catalog
    assert [row[4] for row in rows[1:] if row[0] == "Siân"] == [str(len(quiz.questions))] * 2


def test_results_csv_keeps_each_learner_together_in_order_of_first_appearance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learner's rows interleaved with another's, under two spellings of one name and
    across blocks, are one learner listed where they first appear, as in the JSON."""
    monkeypatch.setattr(csv_answers, "BLOCK_CHARACTERS", 64)  # rows split one at a time, lazily
    equality, participation = course().quizzes["equality"], course().quizzes["participation"]
    rows = (
        csv_rows(equality, "Siân")
        + csv_rows(equality, "Bryn", right=set())
        + csv_rows(participation, "SIÂN ", right=set())
        + csv_rows(participation, "Bryn")
    )
    path = write_csv(tmp_path / "a.csv", rows)
    output = tmp_path / "results.csv"
    status, _out, err = run(capsys, "grade", path, "-o", output)
    assert status == 0
    assert all_counts(err) == (len(rows), len(rows), 0, 0)
    found = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"), newline="")))
    learners = [(row[0], row[1], row[3]) for row in found[1:] if row[1] == "quiz"]
    assert learners == [
        ("Siân", "quiz", equality.id),
        ("Siân", "quiz", participation.id),
        ("Bryn", "quiz", equality.id),
        ("Bryn", "quiz", participation.id),
    ]
    scores = {(row[0], row[3]): row[4] for row in found[1:] if row[1] == "quiz"}
    assert scores[("Siân", participation.id)] == "0"
    assert scores[("Bryn", participation.id)] == str(len(participation.questions))
    status, out, _err = run(capsys, "grade", path, "--format", "json")
    assert [learner["learner"] for learner in _learners(out)] == ["Siân", "Bryn"]


# -- Jinja2 only when a page is written ---------------------------------------------------------------


def _imports_jinja2(path: Path, output: Path) -> bool:
    code = (
        "import sys; from rightway_quiz.grader.cli import main; "
        f"main(['grade', {str(path)!r}, '--course-dir', {str(COURSE_DIR)!r}, '-o', {str(output)!r}]); "
        "print('jinja2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] == "True"


def test_grading_to_csv_or_json_imports_no_jinja2(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    assert not _imports_jinja2(path, tmp_path / "results.csv")
    assert not _imports_jinja2(path, tmp_path / "results.json")
    assert _imports_jinja2(path, tmp_path / "results.html")  # the probe can see it


# -- progress while a page is written -----------------------------------------------------------------


def _grade_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str, min_learners: int = 0
) -> tuple[int, str]:
    """Grade three learners with standard error on a "terminal" (by default three
    learners count as a large cohort); the exit status and what the terminal got."""
    monkeypatch.setattr(cli_grading, "MIN_LEARNERS", min_learners)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    quiz = course().quizzes["equality"]
    rows = csv_rows(quiz, "Bryn") + csv_rows(quiz, "Cai") + csv_rows(quiz, "Dewi")
    path = write_csv(tmp_path / "a.csv", rows)
    status = main(["grade", str(path), "--course-dir", str(COURSE_DIR), *argv])
    return status, "".join(terminal.written)


@pytest.mark.parametrize(
    ("language", "label", "learners", "written"),
    [
        ("en", "Writing", "3/3 learners", "Written: "),
        ("cy", "Yn ysgrifennu", "3/3 o ddysgwyr", "Wedi’i ysgrifennu: "),
    ],
)
def test_writing_a_page_shows_progress_then_clears_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    label: str,
    learners: str,
    written: str,
) -> None:
    output = tmp_path / "results.html"
    status, text = _grade_on_a_terminal(
        tmp_path, monkeypatch, "-o", str(output), "--lang", language
    )
    assert status == 0 and output.exists()
    last_bar = text.rfind(f"\r{label} [")
    assert last_bar >= 0, text
    said = text.index(written)
    assert last_bar < said
    assert learners in text[last_bar:said]  # the last draw: every learner written
    assert "\r\x1b[2K" in text[last_bar:said]  # cleared before the line that says so


def test_no_writing_bar_over_results_on_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, text = _grade_on_a_terminal(tmp_path, monkeypatch, "--format", "md")
    assert status == 0
    assert "Writing [" not in text


def test_no_writing_bar_for_a_small_cohort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "results.html"
    status, text = _grade_on_a_terminal(tmp_path, monkeypatch, "-o", str(output), min_learners=4)
    assert status == 0 and output.exists()
    assert "Written: " in text and "Writing [" not in text


# -- small modules, short functions (issue 12's house rule) ---------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
GRADER_FILES = sorted((ROOT / "src" / "rightway_quiz" / "grader").glob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize(
    "path", [*GRADER_FILES, ROOT / "tools" / "bench_grader.py"], ids=lambda path: path.name
)
def test_grader_modules_and_functions_stay_small(path: Path) -> None:
    import ast

    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) < MAX_MODULE_LINES
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{node.name} is {length} lines"
