"""``grade --format csv``: a row per learner and quiz, then per learner and principle.

Written straight from the gradebook, not from the per-learner records the
other formats use: a CSV needs no feedback text, and a million-row cohort is
written in a few seconds. Headings (and yes/no) are in the run's language;
every row carries the tool's and the course's version.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .._version import __version__
from ..course.course import Course, course_version
from ._output import safe_cell
from .gradebook import Attempt, Gradebook, percent
from .messages import _
from .naming import Namer

FLUSH_BYTES = 1 << 16


def csv_header() -> list[str]:
    """The column headings in the run's language (one word each, as spreadsheets like)."""
    headings = [
        _("learner"),
        _("scope"),
        _("principle"),
        _("quiz"),
        _("score"),
        _("out_of"),
        _("percent"),
        _("pass_mark"),
        _("passed"),
        _("missed_questions"),
        _("articles"),
        _("source"),
        _("tool_version"),
        _("course_version"),
    ]
    return [heading.replace(" ", "_") for heading in headings]


def _csv_line(cells: list[object]) -> str:
    """One CSV line (CRLF), as ``csv.writer`` writes it."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


class _Rows:
    """The text of rows after the learner's name, made once for each different result.

    Learners with the same result in a quiz (same right answers, same file) share
    the rest of the row, so a large cohort costs a lookup and a join per row.
    """

    def __init__(self, versions: list[str], sources: dict[str, str]) -> None:
        self.versions = versions
        self.sources = sources
        self.words = {
            "yes": _("yes"),
            "no": _("no"),
            "quiz": _("quiz"),
            "principle": _("principle"),
        }
        self._quiz: dict[tuple[str, int, str], str] = {}
        self._principle: dict[tuple[str, int, int, int], str] = {}

    def quiz(self, attempt: Attempt) -> str:
        """``,quiz,principle,…`` for the attempt (the name goes first)."""
        quiz = attempt.key.quiz
        key = (quiz.id, attempt.correct, attempt.source)
        found = self._quiz.get(key)
        if found is None:
            missed = [
                q for index, q in enumerate(quiz.questions) if not attempt.correct >> index & 1
            ]
            articles = sorted({number for question in missed for number in question.articles})
            score, out_of = attempt.score, attempt.out_of
            passed = percent(score, out_of) >= quiz.pass_mark
            words = self.words
            found = self._quiz[key] = _csv_line(
                [
                    "",
                    words["quiz"],
                    quiz.principle,
                    quiz.id,
                    score,
                    out_of,
                    percent(score, out_of),
                    quiz.pass_mark,
                    words["yes"] if passed else words["no"],
                    " ".join(question.id for question in missed),
                    " ".join(str(number) for number in articles),
                    self.sources[attempt.source],
                    *self.versions,
                ]
            )
        return found

    def principle(self, principle: str, score: int, out_of: int, passed: int) -> str:
        """``,principle,…`` for a learner's total in one principle."""
        key = (principle, score, out_of, passed)
        found = self._principle.get(key)
        if found is None:
            words = self.words
            found = self._principle[key] = _csv_line(
                [
                    *("", words["principle"], principle, "", score, out_of),
                    *(percent(score, out_of), "", words["yes"] if passed else words["no"]),
                    *("", "", "", *self.versions),
                ]
            )
        return found


def _name_cell(name: str) -> str:
    """A name as a CSV cell, made formula-safe and quoted as ``csv`` would."""
    return _csv_line([safe_cell(name), ""])[:-3]  # drop the empty cell's "," and CRLF


def _learner_lines(name: str, attempts: list[Attempt], rows: _Rows, course: Course) -> list[str]:
    cell = _name_cell(name)
    lines: list[str] = []
    totals: dict[str, list[int]] = {}  # principle -> [score, out of, every quiz passed]
    for attempt in attempts:
        lines.append(cell + rows.quiz(attempt))
        quiz = attempt.key.quiz
        total = totals.setdefault(quiz.principle, [0, 0, 1])
        score = attempt.score
        total[0] += score
        total[1] += attempt.out_of
        total[2] &= percent(score, attempt.out_of) >= quiz.pass_mark
    for principle in sorted(totals, key=course.principle_sort_key):
        lines.append(cell + rows.principle(principle, *totals[principle]))
    return lines


def render_csv_rows(book: Gradebook, namer: Namer) -> Iterator[str]:
    """The CSV text in pieces of about 64 KB; ``namer`` names learners and files."""
    sources: dict[str, str] = {}
    for attempt in book.attempts:
        if attempt.source not in sources:
            sources[attempt.source] = str(safe_cell(namer.source(attempt.source)))
    rows = _Rows([__version__, course_version(book.course)], sources)
    pending = [_csv_line([safe_cell(name) for name in csv_header()])]
    size = 0
    for learner in book.learners():
        for line in _learner_lines(namer(learner.learner), learner.attempts, rows, book.course):
            pending.append(line)
            size += len(line)
        if size > FLUSH_BYTES:
            yield "".join(pending)
            pending, size = [], 0
    yield "".join(pending)
