"""Folders and patterns of answer files, and the language, as Windows gives them (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightway_quiz.grader.inputs import expand_inputs
from rightway_quiz.i18n import default_language


def _files(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in names]
    for path in paths:
        path.write_text("{}", encoding="utf-8")
    return paths


def test_a_folder_gives_its_answer_files_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "Atebion ŵyl" / "Right Way answers"
    tom, sian, export = _files(folder, "Tom.json", "Siân Ŵyn.JSON", "export.csv")
    _files(folder, "notes.txt", ".~lock.export.csv#", ".results.csv.part.csv")
    (folder / "older").mkdir()
    assert expand_inputs([folder]) == sorted([tom, sian, export])


def test_a_pattern_is_expanded_when_the_shell_did_not(tmp_path: Path) -> None:
    folder = tmp_path / "cwrs 2026"
    first, second = _files(folder, "a ŵ.json", "b.json")
    _files(folder, "c.csv")
    assert expand_inputs([folder / "*.json"]) == [first, second]


def test_last_runs_output_is_not_read_as_answers(tmp_path: Path) -> None:
    answers, results = _files(tmp_path, "answers.json", "results.csv")
    assert expand_inputs([tmp_path], outputs=[results, None]) == [answers]
    assert expand_inputs([tmp_path / "*.csv"], outputs=[results]) == [tmp_path / "*.csv"]


def test_files_and_unmatched_names_stay_as_given(tmp_path: Path) -> None:
    (given,) = _files(tmp_path, "odd name [1].json")
    missing = tmp_path / "missing.json"
    nothing = tmp_path / "none*.json"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert expand_inputs([given, missing, nothing, empty]) == [given, missing, nothing, empty]


def test_relative_patterns_and_wildcard_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _files(tmp_path / "carfan 1", "a.json")[0]
    second = _files(tmp_path / "carfan 2", "b.csv")[0]
    monkeypatch.chdir(tmp_path)
    assert expand_inputs([Path("carfan */*")]) == [
        first.relative_to(tmp_path),
        second.relative_to(tmp_path),
    ]
    assert expand_inputs([tmp_path / "carfan ?" / "*.csv"]) == [second]


@pytest.mark.parametrize(
    ("system_locale", "expected"),
    [("Welsh_United Kingdom", "cy"), ("cy_GB", "cy"), ("English_United Kingdom", "en"), ("", "en")],
)
def test_windows_locale_chooses_the_language(system_locale: str, expected: str) -> None:
    """Windows sets no LANG: its user locale says Welsh or not."""
    assert default_language({}, system_locale) == expected
    assert default_language({"LANG": "en_GB.UTF-8"}, "Welsh_United Kingdom") == "en"
