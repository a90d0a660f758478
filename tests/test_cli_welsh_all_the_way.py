"""Welsh all the way, versions in every output, and the supervision prompts' audience and record."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from grader_support import answer_document, course, csv_rows, run, write_csv, write_json

from rightway_quiz import __version__
from rightway_quiz.course.course import course_version


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_before_or_after_the_command(capsys: pytest.CaptureFixture[str], where: str) -> None:
    argv = ["--lang", "cy", "list"] if where == "before" else ["list", "--lang", "cy"]
    status, out, _err = run(capsys, *argv)
    assert status == 0
    assert "Cyfranogiad (participation)" in out
    assert "Cydraddoldeb a Dim Gwahaniaethu (equality)" in out


def test_language_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "cy")
    status, out, _err = run(capsys, "list")
    assert status == 0 and "Cyfranogiad (participation)" in out


@pytest.mark.parametrize("name", ["cyfranogiad", "Cyfranogiad", "participation", "PARTICIPATION"])
def test_principle_accepted_in_welsh_or_english(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, out, err = run(capsys, "list", "--principle", name, "--lang", "cy")
    assert status == 0, err
    assert out.startswith("Cyfranogiad (participation)\n") and "(equality)" not in out


def test_unknown_principle_lists_welsh_names(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "prompt", "--principle", "nope", "--lang", "cy")
    assert status == 2 and "Cyfranogiad (participation)" in err


def test_grade_and_report_show_principles_in_welsh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = course().quizzes["participation"]
    path = write_json(tmp_path / "a.json", answer_document(quiz, learner="Siân"))
    status, out, _err = run(capsys, "grade", path, "--lang", "cy")
    assert status == 0 and "Cyfranogiad:" in out
    status, out, _err = run(capsys, "report", path, "--lang", "cy", "--format", "html")
    svg = out[out.index("<svg") : out.index("</svg>")]
    assert status == 0 and "Cyfranogiad" in svg and ">participation<" not in svg


def test_wrong_columns_error_names_the_welsh_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    status, _out, err = run(capsys, "grade", path)
    assert status == 1
    assert "learner (dysgwr), quiz (cwis), question (cwestiwn), answer (ateb)" in err


def test_every_output_carries_the_tool_and_course_versions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    loaded = course()
    version = course_version(loaded)
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    path = write_csv(tmp_path / "a.csv", csv_rows(loaded.quizzes["equality"], "Bryn"))
    for command, output_format in [
        ("grade", "csv"),
        ("grade", "json"),
        ("grade", "md"),
        ("grade", "html"),
        ("report", "csv"),
        ("report", "json"),
        ("report", "html"),
        ("report", "text"),
    ]:
        status, out, _err = run(capsys, command, path, "--format", output_format)
        assert status == 0
        assert __version__ in out and version in out, (command, output_format)
    status, out, _err = run(capsys, "grade", path, "--format", "json")
    document = json.loads(out)
    assert (document["tool_version"], document["course_version"]) == (__version__, version)


def test_course_version_changes_with_a_quiz(tmp_path: Path) -> None:
    import shutil

    from grader_support import COURSE_DIR

    from rightway_quiz.course.course import load_course

    copy = tmp_path / "course"
    shutil.copytree(COURSE_DIR, copy)
    before = course_version(load_course(copy))
    quiz = copy / "quizzes" / "equality.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark", "pass_mark", 1) + "\n")
    assert course_version(load_course(copy)) == before  # same quizzes, same version
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("?", "??", 1), encoding="utf-8")
    assert course_version(load_course(copy)) != before


def test_prompt_filters_by_audience_and_records_the_guide_headings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = tmp_path / "record.md"
    for seed in range(5):
        status, out, _err = run(
            capsys,
            *("prompt", "--principle", "cyfranogiad", "--kind", "question"),
            *("--audience", "team", "--seed", str(seed)),
            *("--record", record, "--notes", "She said the child was told by text."),
            *("--actions", "Phone the child.", "--follow-up", "2026-04-01"),
        )
        assert status == 0 and "[participation-p2]" in out
        assert "Follow-up questions:" in out and "Who told them, and how?" in out
    text = record.read_text(encoding="utf-8")
    entry = text.split("\n## ")[1]
    headings = re.findall(r"^### (.+)$", entry, flags=re.MULTILINE)
    assert headings == [
        "Prompt",
        "What the practitioner said",
        "Rights engaged",
        "Agreed actions",
        "Follow-up date",
    ]
    assert "- Date: " in entry and "- Principle: Participation" in entry
    assert "- Who told them, and how?" in entry and "- Article 12" in entry
    assert "Phone the child." in entry and "2026-04-01" in entry


def test_prompt_audience_with_nothing_to_offer(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(
        capsys,
        "prompt",
        "--principle",
        "participation",
        "--kind",
        "question",
        "--audience",
        "residential",
    )
    assert status == 0  # participation-p1 is for residential settings
    status, _out, err = run(capsys, "prompt", "--audience", "everyone")
    assert status == 2 and "everyone" in err


def test_argparse_speaks_welsh(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "--lang", "cy", "grade")
    assert status == 2
    assert (
        err.startswith("defnydd: rightway-quiz grade")
        and "[--format {tabl,csv,json,md,html}]" in err
    )
    assert "gwall: mae angen y mewnbynnau hyn: FFEIL" in err
    status, _out, err = run(capsys, "prompt", "--kind", "nope", "--lang", "cy")
    assert status == 2
    assert "mewnbwn --kind: dewis annilys: 'nope' (dewiswch o sefyllfa, cwestiwn, unrhyw)" in err
    status, out, _err = run(capsys, "prompt", "--help", "--lang", "cy")
    assert status == 0 and "opsiynau:" in out and "--principle EGWYDDOR" in out
    assert "--audience {un-i-un,tîm,gofalwr-maeth,preswyl}" in out


@pytest.mark.parametrize("language", ["en", "cy"])
def test_choice_values_in_either_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str
) -> None:
    status, out, _err = run(
        capsys,
        *("prompt", "--lang", language, "--principle", "cyfranogiad"),
        *("--kind", "cwestiwn", "--audience", "tîm", "--seed", "3"),
    )
    assert status == 0 and "[participation-p2]" in out
    path = write_csv(tmp_path / "a.csv", csv_rows(course().quizzes["equality"], "Bryn"))
    status, out, _err = run(capsys, "grade", path, "--format", "tabl", "--lang", language)
    assert status == 0 and "Bryn" in out


def test_mac_csv_with_cr_line_ends(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = csv_rows(course().quizzes["equality"], "Siân")
    path = tmp_path / "mac.csv"
    path.write_bytes(
        ("learner,quiz,question,answer\r" + "".join(",".join(r) + "\r" for r in rows)).encode(
            "cp1252"
        )
    )
    status, _out, err = run(capsys, "grade", path)
    assert status == 0 and f"Answers read: {len(rows)}; graded: {len(rows)};" in err
