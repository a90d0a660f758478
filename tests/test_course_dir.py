"""Which course ``rightway-quiz`` reads, and the course data a wheel carries (issue 20)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
import yaml

from rightway_quiz.course import course as course_module
from rightway_quiz.course.course import (
    COURSE_DIR_VARIABLE,
    PACKAGED_COURSE_DIR,
    find_course_dir,
    load_course,
)
from tools.course_data import CATALOG_NAME, MissingSources, strings, write_course_data

ROOT = Path(__file__).resolve().parent.parent


def _course_folder(path: Path) -> Path:
    (path / "quizzes").mkdir(parents=True)
    return path


def test_course_dir_option_comes_first(tmp_path: Path) -> None:
    here = _course_folder(tmp_path / "here")
    chosen = tmp_path / "chosen"
    environ = {COURSE_DIR_VARIABLE: str(tmp_path / "named")}
    assert find_course_dir(chosen, cwd=here, environ=environ) == chosen


def test_environment_variable_beats_the_current_folder(tmp_path: Path) -> None:
    here = _course_folder(tmp_path / "here")
    named = tmp_path / "Cwrs newydd ŵyl" / "course"
    assert find_course_dir(cwd=here, environ={COURSE_DIR_VARIABLE: str(named)}) == named


def test_blank_environment_variable_is_ignored(tmp_path: Path) -> None:
    here = _course_folder(tmp_path / "here")
    assert find_course_dir(cwd=here, environ={COURSE_DIR_VARIABLE: "  "}) == here


def test_a_folder_without_quizzes_falls_back_to_this_checkout(tmp_path: Path) -> None:
    assert find_course_dir(cwd=tmp_path, environ={}) == ROOT


def test_outside_a_checkout_the_packaged_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where an installed package's checkout would be: site-packages' parent, no quizzes.
    monkeypatch.setattr(course_module, "CHECKOUT_DIR", tmp_path / "lib")
    assert find_course_dir(cwd=tmp_path, environ={}) == PACKAGED_COURSE_DIR
    assert PACKAGED_COURSE_DIR == ROOT / "src" / "rightway_quiz" / "course_data"


def test_course_data_is_the_sources_with_their_welsh(tmp_path: Path) -> None:
    target = tmp_path / "course_data"
    write_course_data(ROOT, target)
    packaged, sources = load_course(target), load_course(ROOT)
    assert {k: q.version for k, q in packaged.quizzes.items()} == {
        k: q.version for k, q in sources.quizzes.items()
    }
    assert packaged.articles == sources.articles
    assert (target / "course.yaml").read_bytes() == (ROOT / "course.yaml").read_bytes()
    theirs, ours = packaged.translations("cy"), sources.translations("cy")
    checked = 0
    for folder in ("quizzes", "scenarios"):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                assert theirs.text(text) == ours.text(text)
                assert theirs.block(text) == ours.block(text)
                checked += 1
    assert checked > 500
    # Only what the tool looks up: far fewer messages than the page catalogs hold.
    assert 0 < len(theirs.messages) < len(ours.messages)


def test_course_data_keeps_the_first_translation_and_no_fuzzy_one(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOT / "tests" / "fixtures" / "grader-course" / "quizzes", root / "quizzes")
    stem = "Which article gives children the right to have their say?"
    folder = root / "locale" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for name, msgstr, flags in (
        ("a.po", "Y cyntaf", []),
        ("b.po", "Yr ail", []),
        ("c.po", "Ansicr", ["fuzzy"]),
    ):
        catalog = polib.POFile()
        catalog.append(polib.POEntry(msgid=stem, msgstr=msgstr, flags=flags))
        catalog.append(polib.POEntry(msgid="A page sentence no quiz uses.", msgstr="Brawddeg."))
        catalog.save(str(folder / name))
    write_course_data(root, tmp_path / "out")
    compact = polib.pofile(str(tmp_path / "out" / "locale" / "cy" / "LC_MESSAGES" / CATALOG_NAME))
    assert [(e.msgid, e.msgstr) for e in compact] == [(stem, "Y cyntaf")]


def test_course_data_needs_the_sources(tmp_path: Path) -> None:
    with pytest.raises(MissingSources, match="no quizzes/"):
        write_course_data(tmp_path, tmp_path / "out")
