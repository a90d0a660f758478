"""Every ``rightway-quiz`` command in Welsh: interface from the ``rightway`` catalog, course text
from the page catalogs (English only where a paragraph is untranslated or fuzzy)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from grader_support import answer_document, course, csv_rows, run, write_csv, write_json

from rightway_quiz.grader.cli import main
from rightway_quiz.i18n import default_language

WELSH_TITLE = "Cyfranogiad: gwirio eich dealltwriaeth"


def test_list_in_welsh(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "list", "--lang", "cy")
    assert status == 0
    assert f"cwis participation: {WELSH_TITLE} (cwestiynau: 5, marc pasio 80%)" in out
    assert "sefyllfa participation-s1: Adolygiad nad oedd neb wedi’i esbonio" in out
    assert "cwestiwn participation-p1: Meddyliwch am benderfyniad" in out
    # No Welsh yet for this prompt: English, not a blank.
    assert "cwestiwn participation-p2: How did the child hear what happened next?" in out


def test_grade_in_welsh(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = course().quizzes["participation"]
    wrong = {quiz.questions[0].id, quiz.questions[4].id}
    document = answer_document(quiz, right={q.id for q in quiz.questions} - wrong, learner="Siân")
    status, out, err = run(
        capsys, "grade", write_json(tmp_path / "a.json", document), "--lang", "cy"
    )
    assert status == 0
    assert "Dysgwr" in out and "Canlyniad" in out and "heb basio" in out
    assert f"Wedi’u methu yn y cwis “{WELSH_TITLE}”" in out
    assert "Pa erthygl sy’n rhoi’r hawl i blant ddweud eu dweud?" in out
    assert "Nid hon. Mae Erthygl 31 yn ymwneud â chwarae a gorffwys." in out
    # A fuzzy translation is not used.
    assert "What should you do first?" in out and "CYFIEITHIAD ANSICR" not in out
    assert "Erthyglau i siarad amdanyn nhw: Erthygl 12 (Parchu barn y plentyn)" in out
    assert "Atebion a ddarllenwyd: 5; wedi’u marcio: 5; wedi’u gwrthod: 0; gwag: 0." in err


@pytest.mark.parametrize("output_format", ["csv", "json", "md", "html"])
def test_grade_formats_in_welsh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output_format: str
) -> None:
    quiz = course().quizzes["participation"]
    path = write_json(tmp_path / "a.json", answer_document(quiz, right=set(), learner="Siân"))
    status, out, _err = run(capsys, "grade", path, "--lang", "cy", "--format", output_format)
    assert status == 0
    if output_format == "csv":
        header, first = out.splitlines()[:2]
        assert header.startswith("dysgwr,cwmpas,egwyddor,cwis,sgôr,allan_o,canran")
        assert first.startswith("Siân,cwis,participation,participation,0,")  # ids stay ids
    else:
        assert "Pa erthygl sy’n rhoi’r hawl i blant ddweud eu dweud?" in out
    if output_format == "html":
        assert '<html lang="cy">' in out and "<title>Canlyniadau’r cwis</title>" in out
    if output_format == "md":
        assert out.startswith("# Canlyniadau’r cwis")


def test_errors_in_welsh(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["Siân", "equality", "equality-q9", "a"]])
    status, _out, err = run(capsys, "grade", path, tmp_path / "dim.json", "--lang", "cy")
    assert status == 1
    assert f"{path}: rhes 2: id cwestiwn anhysbys 'equality-q9'" in err
    assert f"{tmp_path / 'dim.json'}: does dim ffeil o’r enw hwn" in err


def test_report_in_welsh(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = course().quizzes["participation"]
    path = write_csv(
        tmp_path / "a.csv", csv_rows(quiz, "Siân") + csv_rows(quiz, "Sam", right=set())
    )
    status, out, _err = run(capsys, "report", path, "--lang", "cy")
    assert status == 0
    assert "Adroddiad carfan" in out and "Cyfradd pasio: 50%" in out and "hwylustod" in out
    status, out, _err = run(capsys, "report", path, "--lang", "cy", "--format", "html")
    assert '<html lang="cy">' in out and "Hwylustod fesul cwestiwn" in out
    assert "Erthygl 31" in out  # the most-chosen wrong option, in Welsh


def test_prompt_in_welsh(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = tmp_path / "cofnod.md"
    status, out, _err = run(
        capsys,
        *(
            "prompt",
            "--lang",
            "cy",
            "--principle",
            "participation",
            "--kind",
            "scenario",
            "--answer",
        ),
        *("--record", record, "--notes", "Trafodaeth dda."),
    )
    assert status == 0
    assert "Adolygiad nad oedd neb wedi’i esbonio" in out
    assert "Mae Jac yn 12 oed ac mae ganddo adolygiad yfory." in out
    assert "Beth fyddech chi’n ei ddweud neu’n ei wneud?" in out
    assert "Ateb enghreifftiol:" in out and "Erthygl 12: Parchu barn y plentyn" in out
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# Cofnod goruchwyliaeth") and "### Beth ddywedodd yr ymarferydd" in text


def test_take_in_welsh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    status, out, err = run(
        capsys, "take", "participation", "-o", tmp_path / "a.json", "--lang", "cy"
    )
    assert status == 1
    assert WELSH_TITLE in out and "Cwestiwn 1 o 5" in out and "Erthygl 12" in out
    assert "Wedi stopio: chafodd dim atebion eu cadw." in err


def test_help_in_welsh(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "grade", "--help", "--lang", "cy")
    assert status == 0
    assert out.startswith("defnydd: rightway-quiz grade")
    assert "dangos y cymorth hwn a gadael" in out and "ailfarcio" in out.lower()


def test_welsh_locale_is_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    assert default_language() == "cy"
    status, out, _err = run(capsys, "list")
    assert status == 0 and WELSH_TITLE in out
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert default_language() == "en"
    assert default_language({"LC_ALL": "cy_GB.UTF-8", "LANG": "en_GB"}) == "cy"
    assert default_language({}) == "en"


def test_answers_taken_in_welsh_are_marked_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["equality"]
    document = answer_document(quiz, language="cy")
    path = write_json(tmp_path / "a.json", document)
    assert main(["grade", str(path), "--format", "json", "--course-dir", str(course().root)]) == 0
    assert json.loads(capsys.readouterr().out)["learners"][0]["quizzes"][0]["percent"] == 100
