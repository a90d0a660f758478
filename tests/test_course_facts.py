"""Course facts kept between grading runs (``course/facts.py``): right, fresh, and safe to lose."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from grader_support import COURSE_DIR

from rightway_quiz.course.course import course_version, load_course
from rightway_quiz.course.errors import SourceError
from rightway_quiz.course.facts import (
    CACHE_DIR_VARIABLE,
    KEPT_FACT_FILES,
    CourseFacts,
    cache_folder,
    facts_of,
    load_facts,
)
from rightway_quiz.grader.grading import grade_rows

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "course"
    shutil.copytree(COURSE_DIR, copy)
    return copy


def _plain(facts: CourseFacts) -> tuple[object, ...]:
    return (facts.modules, facts.quizzes, facts.version)


def test_kept_facts_are_the_loaded_course_s(cache: Path) -> None:
    """Facts read back from the cache are the ones made from the checked course."""
    made = facts_of(load_course(ROOT))
    first = load_facts(ROOT)  # loads the course and keeps its facts
    assert len(list(cache.glob("course-*.json"))) == 1
    kept = load_facts(ROOT)  # reads them back
    assert "course" not in kept.__dict__  # nothing loaded the whole course
    assert _plain(kept) == _plain(first) == _plain(made)
    assert kept.version == course_version(load_course(ROOT))
    for quiz in kept.quizzes.values():
        assert quiz.principle in kept.modules
        assert kept.principle_sort_key(quiz.principle) < kept.principle_sort_key("zzz")


def test_grading_with_kept_facts_imports_neither_pydantic_nor_yaml(
    tmp_path: Path, cache: Path
) -> None:
    """The point of the cache: a CSV graded on an unchanged course starts without them."""
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "learner,quiz,question,answer\nSiân,equality,equality-q1,a\n", encoding="utf-8"
    )
    script = (
        "import sys\n"
        "from rightway_quiz.grader.cli import main\n"
        f"status = main(['grade', {str(answers)!r}, '-o', {str(tmp_path / 'out.csv')!r},"
        f" '--course-dir', {str(COURSE_DIR)!r}])\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'})\n"
        "print(status, ' '.join(loaded) or '-')\n"
    )
    env = {**os.environ, CACHE_DIR_VARIABLE: str(cache)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0] == ["0", "pydantic", "yaml"]  # the first run checks the course
    assert runs[1] == ["0", "-"]  # the next one reads what it kept
    assert "Siân" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_an_edited_quiz_is_never_marked_with_old_facts(cache: Path, course_copy: Path) -> None:
    quiz = course_copy / "quizzes" / "equality.yaml"
    row = [("Siân", "equality", "equality-q1", "b")]
    assert grade_rows(load_facts(course_copy), row).attempts[0].correct == 0
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("answer: [a]", "answer: [b]", 1),
        encoding="utf-8",
    )
    edited = load_facts(course_copy)
    assert edited.quizzes["equality"].questions[0].answer == ("b",)
    assert grade_rows(edited, row).attempts[0].correct == 1
    assert len(list(cache.glob("course-*.json"))) == 2


def test_a_course_with_an_error_is_never_kept(cache: Path, course_copy: Path) -> None:
    quiz = course_copy / "quizzes" / "equality.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("answer: [a]", "answer: [z]", 1),
        encoding="utf-8",
    )
    for _ in range(2):  # the second time too: nothing was kept to hide the error
        with pytest.raises(SourceError, match=r"equality\.yaml:\d+: questions\[0\]\.answer"):
            load_facts(course_copy)
    assert not list(cache.glob("course-*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace('"pass_mark": 60', '"pass_mark": "60"'),  # wrong type
        lambda text: text.replace('"draw"', '"drew"'),  # not a shape it knows
        lambda text: "[]",
    ],
    ids=["cut-short", "wrong-type", "other-shape", "not-an-object"],
)
def test_damaged_facts_are_made_again(cache: Path, damage: object) -> None:
    good = load_facts(COURSE_DIR)
    (kept,) = cache.glob("course-*.json")
    kept.write_text(damage(kept.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    again = load_facts(COURSE_DIR)
    assert _plain(again) == _plain(good)
    assert "course" in again.__dict__  # made again from the course
    json.loads(kept.read_text(encoding="utf-8"))  # and written whole again


def test_facts_of_another_course_are_not_taken(cache: Path, course_copy: Path) -> None:
    """A file under this course's name that holds another course's facts is not trusted."""
    load_facts(course_copy)
    (kept,) = cache.glob("course-*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["fingerprint"] = "0" * 64
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert "course" in load_facts(course_copy).__dict__


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    facts = load_facts(COURSE_DIR)
    assert grade_rows(facts, [("Siân", "equality", "equality-q1", "a")]).graded == 1


def test_the_cache_keeps_only_the_newest_courses(cache: Path, course_copy: Path) -> None:
    cache.mkdir()
    for number in range(KEPT_FACT_FILES + 3):
        old = cache / f"course-{number:032d}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    load_facts(course_copy)
    kept = sorted(cache.glob("course-*.json"))
    assert len(kept) == KEPT_FACT_FILES
    assert not (cache / f"course-{0:032d}.json").exists()  # the oldest went first


def test_no_quiz_folder_says_where_to_look(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such folder: use --course-dir"):
        load_facts(tmp_path)


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG cache folder is Linux's")
def test_facts_are_kept_in_the_user_s_cache_folder_unless_one_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "rightway-quiz"
    load_facts(COURSE_DIR)
    assert len(list((tmp_path / "xdg" / "rightway-quiz").glob("course-*.json"))) == 1
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "named"))
    assert cache_folder() == tmp_path / "named"
