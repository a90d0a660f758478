"""What marking needs to know of the course, without pydantic or PyYAML, kept between runs.

``rightway-quiz grade`` marks a million rows in about a second, but reading the
course through the checked model first costs a fifth of that again: importing
pydantic and PyYAML, building the model classes and checking every quiz. Marking
needs far less: each question's id, type, options, right answer and articles,
each quiz's version, principle and pass mark, and the modules' order.

:func:`load_facts` keeps those facts as JSON in the user's cache folder, named
by :func:`~.fingerprint.source_fingerprint` (every source the course is read
from and the code that reads it), and only writes them after the whole course
has loaded without an error. A run whose sources are unchanged reads them back
and imports no pydantic; a run that needs more (titles, stems, feedback for a
report) loads the full course on first use through :attr:`CourseFacts.course`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fingerprint import QUIZ_DIR, SCENARIO_DIR, source_fingerprint

if TYPE_CHECKING:
    from .course import Course

#: Names the folder that keeps course facts between runs (default: the user's cache).
CACHE_DIR_VARIABLE = "RIGHTWAY_CACHE_DIR"
#: How many courses' facts the cache folder keeps (the newest written).
KEPT_FACT_FILES = 16
FACTS_FORMAT = 1


def correct_response(
    kind: str, answer: Iterable[str], items: Iterable[tuple[str, str]]
) -> dict[str, str] | list[str]:
    """The right response to a question: option ids, or item id → option id for matching."""
    return dict(items) if kind == "matching" else sorted(answer)


def asked_per_attempt(question_count: int, draw: int | None) -> int:
    """How many questions one attempt asks: the draw, or the whole bank."""
    return question_count if draw is None else min(draw, question_count)


def versions_hash(versions: Iterable[tuple[str, str]]) -> str:
    """A short hash over (quiz id, quiz version) pairs: outputs say which course marked them."""
    text = "\n".join(sorted(f"{quiz_id}={version}" for quiz_id, version in versions))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """A scored question as marking sees it."""

    id: str
    type: str
    option_ids: tuple[str, ...]
    answer: tuple[str, ...]
    #: (item id, right option id) of a matching question's items.
    items: tuple[tuple[str, str], ...]
    articles: tuple[int, ...]

    def correct_response(self) -> dict[str, str] | list[str]:
        """The right response: option ids, or item id → option id for matching."""
        return correct_response(self.type, self.answer, self.items)


@dataclass(frozen=True, slots=True)
class QuizFacts:
    """A quiz as marking sees it: its scored questions, version, principle and pass mark."""

    id: str
    version: str
    principle: str
    pass_mark: int
    draw: int | None
    questions: tuple[QuestionFacts, ...]

    @property
    def asked_per_attempt(self) -> int:
        """How many questions one attempt asks: the draw, or the whole bank."""
        return asked_per_attempt(len(self.questions), self.draw)


class CourseFacts:
    """Every quiz's facts and the modules' teaching order, with the full course on demand."""

    def __init__(
        self,
        root: Path,
        quizzes: dict[str, QuizFacts],
        modules: tuple[str, ...],
        *,
        course: Course | None = None,
        quiz_dir: str | Path = QUIZ_DIR,
        scenario_dir: str | Path = SCENARIO_DIR,
    ) -> None:
        self.root = root
        self.quizzes = quizzes
        self.modules = modules
        self._positions = {module: index for index, module in enumerate(modules)}
        self._folders = (quiz_dir, scenario_dir)
        if course is not None:
            self.__dict__["course"] = course  # what cached_property would have kept

    @cached_property
    def course(self) -> Course:
        """The whole checked course (titles, stems, feedback), loaded on first use."""
        from .course import load_course

        return load_course(self.root, *self._folders)

    @cached_property
    def version(self) -> str:
        """A short hash over every quiz's version (see :func:`versions_hash`)."""
        return versions_hash((quiz.id, quiz.version) for quiz in self.quizzes.values())

    def principle_sort_key(self, principle: str) -> tuple[int, str]:
        """Teaching order (``course.yaml``) first, then alphabetical for modules it does not list."""
        return self._positions.get(principle, len(self.modules)), principle


def facts_of(course: Course) -> CourseFacts:
    """The facts of a course already loaded (it is kept as their :attr:`~CourseFacts.course`)."""
    quizzes = {
        quiz_id: QuizFacts(
            id=quiz.id,
            version=quiz.version,
            principle=quiz.principle,
            pass_mark=quiz.pass_mark,
            draw=quiz.draw,
            questions=tuple(
                QuestionFacts(
                    id=question.id,
                    type=question.type,
                    option_ids=tuple(question.option_ids),
                    answer=tuple(question.answer),
                    items=tuple((item.id, item.answer) for item in question.items),
                    articles=tuple(question.articles),
                )
                for question in quiz.questions
            ),
        )
        for quiz_id, quiz in course.quizzes.items()
    }
    modules = tuple(module.id for module in course.outline.model.modules) if course.outline else ()
    return CourseFacts(course.root, quizzes, modules, course=course)


def load_facts(
    root: Path, quiz_dir: str | Path = QUIZ_DIR, scenario_dir: str | Path = SCENARIO_DIR
) -> CourseFacts:
    """The course's facts: from the cache when its sources are unchanged, else from loading
    the whole course (which raises ``SourceError`` as ``load_course`` does) and kept.

    Facts are only ever kept for a course that loaded, so a missing or broken source
    never finds any: ``load_course`` reports it."""
    fingerprint = source_fingerprint(root, quiz_dir, scenario_dir)
    stored = cache_folder() / f"course-{fingerprint[:32]}.json"
    found = _read_facts(stored, fingerprint)
    if found is not None:
        quizzes, modules = found
        return CourseFacts(root, quizzes, modules, quiz_dir=quiz_dir, scenario_dir=scenario_dir)
    from .course import load_course

    facts = facts_of(load_course(root, quiz_dir, scenario_dir))
    _write_facts(stored, facts, fingerprint)
    return facts


def cache_folder() -> Path:
    """Where facts are kept: ``$RIGHTWAY_CACHE_DIR``, else the user's cache folder as their
    system has it (``~/.cache/rightway-quiz`` or ``$XDG_CACHE_HOME`` on Linux,
    ``%LOCALAPPDATA%\\rightway-quiz\\Cache`` on Windows, ``~/Library/Caches`` on a Mac)."""
    named = os.environ.get(CACHE_DIR_VARIABLE, "").strip()
    if named:
        return Path(named)
    from platformdirs import user_cache_path

    return user_cache_path("rightway-quiz", appauthor=False)


def _as_data(facts: CourseFacts, fingerprint: str) -> dict[str, Any]:
    return {
        "format": FACTS_FORMAT,
        "fingerprint": fingerprint,
        "modules": list(facts.modules),
        "quizzes": [
            {
                "id": quiz.id,
                "version": quiz.version,
                "principle": quiz.principle,
                "pass_mark": quiz.pass_mark,
                "draw": quiz.draw,
                "questions": [
                    [q.id, q.type, q.option_ids, q.answer, q.items, q.articles]
                    for q in quiz.questions
                ],
            }
            for quiz in facts.quizzes.values()
        ],
    }


def _from_data(data: Any, fingerprint: str) -> tuple[dict[str, QuizFacts], tuple[str, ...]]:
    """Quizzes' facts and modules from their JSON; ``ValueError``, ``KeyError`` or
    ``TypeError`` if it is not theirs."""
    if data["format"] != FACTS_FORMAT or data["fingerprint"] != fingerprint:
        raise ValueError("facts of another course or format")
    quizzes: dict[str, QuizFacts] = {}
    for quiz in data["quizzes"]:
        questions = tuple(
            QuestionFacts(
                id=_text(question_id),
                type=_text(kind),
                option_ids=tuple(map(_text, options)),
                answer=tuple(map(_text, answer)),
                items=tuple((_text(item), _text(option)) for item, option in items),
                articles=tuple(map(_number, articles)),
            )
            for question_id, kind, options, answer, items, articles in quiz["questions"]
        )
        draw = quiz["draw"]
        quizzes[_text(quiz["id"])] = QuizFacts(
            id=_text(quiz["id"]),
            version=_text(quiz["version"]),
            principle=_text(quiz["principle"]),
            pass_mark=_number(quiz["pass_mark"]),
            draw=None if draw is None else _number(draw),
            questions=questions,
        )
    return quizzes, tuple(map(_text, data["modules"]))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not a whole number")
    return value


def _read_facts(
    path: Path, fingerprint: str
) -> tuple[dict[str, QuizFacts], tuple[str, ...]] | None:
    """The facts kept in ``path``; ``None`` when there are none, or they cannot be trusted
    to be this course's (then the course is loaded and they are written again)."""
    try:
        return _from_data(json.loads(path.read_bytes()), fingerprint)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_facts(path: Path, facts: CourseFacts, fingerprint: str) -> None:
    """Keep the facts for the next run: written aside and renamed, so a reader never sees
    half a file; a cache that cannot be written is only a slower next run."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".course-", suffix=".tmp")
        written = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(_as_data(facts, fingerprint), stream, ensure_ascii=False)
            written.replace(path)
        except BaseException:
            written.unlink(missing_ok=True)
            raise
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the newest :data:`KEPT_FACT_FILES` courses' facts; one per course edit adds up."""
    with contextlib.suppress(OSError):
        kept = sorted(folder.glob("course-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_FACT_FILES:]:
            old.unlink(missing_ok=True)
