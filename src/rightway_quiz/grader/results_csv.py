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

from .. import __version__
from ..course.course import course_version, principle_sort_key
from ..course.model import Quiz
from ._output import safe_cell
from .grading import Attempt, Gradebook, percent
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


class _MissedText:
    """A quiz's missed question ids and their articles as CSV cells, one per pattern of answers."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], tuple[str, str]] = {}

    def __call__(self, quiz: Quiz, correct: int) -> tuple[str, str]:
        key = (quiz.id, correct)
        found = self._seen.get(key)
        if found is None:
            missed = [q for index, q in enumerate(quiz.questions) if not correct >> index & 1]
            articles = sorted({number for question in missed for number in question.articles})
            found = self._seen[key] = (
                " ".join(question.id for question in missed),
                " ".join(str(number) for number in articles),
            )
        return found


def _learner_rows(
    name: str, attempts: list[Attempt], missed_text: _MissedText, sources: dict[str, str]
) -> list[list[object]]:
    yes, no = _("yes"), _("no")
    rows: list[list[object]] = []
    # principle -> [score, out of, every quiz passed]
    totals: dict[str, list[int]] = {}
    for attempt in attempts:
        quiz = attempt.quiz
        score, out_of = attempt.score, attempt.out_of
        passed = percent(score, out_of) >= quiz.pass_mark
        missed, articles = missed_text(quiz, attempt.correct)
        rows.append(
            [
                name,
                _("quiz"),
                quiz.principle,
                quiz.id,
                score,
                out_of,
                percent(score, out_of),
                quiz.pass_mark,
                yes if passed else no,
                missed,
                articles,
                sources[attempt.source],
            ]
        )
        total = totals.setdefault(quiz.principle, [0, 0, 1])
        total[0] += score
        total[1] += out_of
        total[2] &= passed
    for principle in sorted(totals, key=principle_sort_key):
        score, out_of, all_passed = totals[principle]
        rows.append(
            [
                *(name, _("principle"), principle, "", score, out_of, percent(score, out_of)),
                *("", yes if all_passed else no, "", "", ""),
            ]
        )
    return rows


def render_csv_rows(book: Gradebook, namer: Namer) -> Iterator[str]:
    """The CSV text in pieces of about 64 KB; ``namer`` names learners and files."""
    versions = [__version__, course_version(book.course)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(name) for name in csv_header()])
    missed_text = _MissedText()
    sources: dict[str, str] = {}
    for learner in book.learners():
        for attempt in learner.attempts:
            if attempt.source not in sources:
                sources[attempt.source] = str(safe_cell(namer.source(attempt.source)))
        name = str(safe_cell(namer(learner.learner)))
        for row in _learner_rows(name, learner.attempts, missed_text, sources):
            row += versions
            writer.writerow(row)
        if buffer.tell() > FLUSH_BYTES:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
