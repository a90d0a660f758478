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
from ..course.facts import QuizFacts
from ._gc import cycle_collection_paused
from ._output import safe_cell
from .gradebook import Attempt, Gradebook, percent
from .marking import QuizKey
from .messages import _
from .naming import Namer

#: Lines put together into one piece of output (about 64 KB).
FLUSH_LINES = 512


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


def _cell(value: str) -> str:
    """One text cell as ``csv.writer`` writes it: quoted only if it needs to be."""
    if "," in value or '"' in value or "\r" in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


#: Questions taken together when working out which were missed (2**8 results each).
CHUNK_QUESTIONS = 8
CHUNK_MASK = (1 << CHUNK_QUESTIONS) - 1


class _QuizCells:
    """What a quiz's rows need, worked out once: each question's bit, id and articles.

    Which questions were missed (and their articles) is kept for each result of
    each eight questions, so a result not seen before is put together from parts.
    Articles are bit masks (article *n* is bit *n*): a result's are its parts' OR,
    with no set made for each.
    """

    def __init__(self, quiz: QuizFacts) -> None:
        questions = [
            (1 << index, question.id, sum(1 << number for number in set(question.articles)))
            for index, question in enumerate(quiz.questions)
        ]
        #: (shift to the chunk's bits, its questions, its results seen → (ids, articles)).
        self.chunks: list[tuple[int, list[tuple[int, str, int]], dict[int, tuple[str, int]]]] = [
            (start, questions[start : start + CHUNK_QUESTIONS], {})
            for start in range(0, len(questions), CHUNK_QUESTIONS)
        ]
        #: Articles missed → their cell ("3 12"); few sets recur across many results.
        self._articles: dict[int, str] = {}
        self.pass_mark = quiz.pass_mark
        self.head = ",".join(_cell(str(value)) for value in (quiz.principle, quiz.id))

    def missed(self, correct: int) -> tuple[str, str]:
        """The cells for the questions not answered right and for their articles."""
        ids: list[str] = []
        articles = 0
        for shift, chunk, seen in self.chunks:
            part = correct >> shift & CHUNK_MASK
            found = seen.get(part)
            if found is None:
                found = seen[part] = _chunk_missed(chunk, correct)
            if found[0]:
                ids.append(found[0])
            articles |= found[1]
        articles_cell = self._articles.get(articles)
        if articles_cell is None:
            numbers = [number for number in range(articles.bit_length()) if articles >> number & 1]
            articles_cell = self._articles[articles] = " ".join(map(str, numbers))
        return _cell(" ".join(ids)), articles_cell


def _chunk_missed(chunk: list[tuple[int, str, int]], correct: int) -> tuple[str, int]:
    """The ids of a chunk's questions not answered right, and their articles' mask."""
    ids: list[str] = []
    articles = 0
    for bit, question, numbers in chunk:
        if not correct & bit:
            ids.append(question)
            articles |= numbers
    return " ".join(ids), articles


class _Rows:
    """The text of rows after the learner's name, made once for each different result.

    Learners with the same result in a quiz (same right answers, same file) share
    the rest of the row, so a large cohort costs a lookup and a join per row; a
    result not seen before is put together from pieces quoted once.
    """

    def __init__(self, versions: list[str], sources: dict[str, str]) -> None:
        self.tail = "," + ",".join(_cell(version) for version in versions) + "\r\n"
        self.sources = {source: "," + _cell(name) for source, name in sources.items()}
        self.yes, self.no = _cell(_("yes")), _cell(_("no"))
        self.quiz_word, self.principle_word = _cell(_("quiz")), _cell(_("principle"))
        self._cells: dict[QuizKey, _QuizCells] = {}
        #: (quiz, right, answered, source) → (the row's text, score, out of, passed).
        self.made: dict[tuple[QuizKey, int, int, str], tuple[str, int, int, bool]] = {}
        self._principle: dict[tuple[str, int, int, int], str] = {}
        self._marks: dict[tuple[_QuizCells, int, int], tuple[str, bool]] = {}

    def quiz(self, attempt: Attempt) -> tuple[str, int, int, bool]:
        """``,quiz,principle,…`` for the attempt (the name goes first), its score,
        out of and whether it passed."""
        key = (attempt.key, attempt.correct, attempt.answered, attempt.source)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self._quiz_row(attempt)
        return found

    def _quiz_row(self, attempt: Attempt) -> tuple[str, int, int, bool]:
        cells = self._cells.get(attempt.key)
        if cells is None:
            cells = self._cells[attempt.key] = _QuizCells(attempt.key.facts)
        missed, articles = cells.missed(attempt.correct)
        score, out_of = attempt.score, attempt.out_of
        marks = self._marks.get((cells, score, out_of))
        if marks is None:
            marks = self._marks[cells, score, out_of] = self._marks_cells(cells, score, out_of)
        text = f"{marks[0]},{missed},{articles}{self.sources[attempt.source]}{self.tail}"
        return text, score, out_of, marks[1]

    def _marks_cells(self, quiz: _QuizCells, score: int, out_of: int) -> tuple[str, bool]:
        """``,quiz,principle,quiz id,score,out of,percent,pass mark,passed`` and whether it passed:
        the same for every attempt at a quiz with that score out of that many."""
        shown = percent(score, out_of)
        passed = shown >= quiz.pass_mark
        cells = [self.quiz_word, quiz.head, str(score), str(out_of), str(shown)]
        cells += [str(quiz.pass_mark), self.yes if passed else self.no]
        return "," + ",".join(cells), passed

    def principle(self, principle: str, score: int, out_of: int, passed: int) -> str:
        """``,principle,…`` for a learner's total in one principle."""
        key = (principle, score, out_of, passed)
        found = self._principle.get(key)
        if found is None:
            cells = [
                *("", self.principle_word, _cell(principle), "", str(score), str(out_of)),
                *(str(percent(score, out_of)), "", self.yes if passed else self.no, "", "", ""),
            ]
            found = self._principle[key] = ",".join(cells) + self.tail
        return found


def _name_cell(name: str) -> str:
    """A name as a CSV cell, made formula-safe and quoted as ``csv`` would."""
    return _cell(str(safe_cell(name)))


def _learner_lines(
    name: str, attempts: list[Attempt], rows: _Rows, order: dict[str, int]
) -> list[str]:
    cell = _name_cell(name)
    lines: list[str] = []
    totals: dict[str, list[int]] = {}  # principle -> [score, out of, every quiz passed]
    made = rows.made  # looked up here: a call a row is a large part of the cost
    for attempt in attempts:
        found = made.get((attempt.key, attempt.correct, attempt.answered, attempt.source))
        text, score, out_of, passed = rows.quiz(attempt) if found is None else found
        lines.append(cell + text)
        principle = attempt.key.principle
        total = totals.get(principle)
        if total is None:
            total = totals[principle] = [0, 0, 1]
        total[0] += score
        total[1] += out_of
        total[2] &= passed
    for principle in sorted(totals, key=order.__getitem__):
        lines.append(cell + rows.principle(principle, *totals[principle]))
    return lines


def _by_learner(book: Gradebook) -> Iterator[list[Attempt]]:
    """Each learner's attempts, learners in order of first appearance (as
    :meth:`Gradebook.learners`, without a record for each)."""
    grouped: dict[str, list[Attempt]] = {}
    for attempt in book.attempts:
        found = grouped.get(attempt.learner_key)
        if found is None:
            grouped[attempt.learner_key] = [attempt]
        else:
            found.append(attempt)
    return iter(grouped.values())


def render_csv_rows(book: Gradebook, namer: Namer) -> Iterator[str]:
    """The CSV text in pieces of about :data:`FLUSH_LINES` lines; ``namer`` names learners and files."""
    sources: dict[str, str] = {}
    for attempt in book.attempts:
        if attempt.source not in sources:
            sources[attempt.source] = str(safe_cell(namer.source(attempt.source)))
    rows = _Rows([__version__, book.facts.version], sources)
    pending = [_csv_line([safe_cell(name) for name in csv_header()])]
    principles = {attempt.key.principle for attempt in book.attempts}
    order = {
        name: rank
        for rank, name in enumerate(sorted(principles, key=book.facts.principle_sort_key))
    }
    # Paused while the pieces are written out too: a generator cannot pause it per piece.
    with cycle_collection_paused():
        for attempts in _by_learner(book):
            pending += _learner_lines(namer(attempts[0].learner), attempts, rows, order)
            if len(pending) > FLUSH_LINES:
                yield "".join(pending)
                pending = []
        yield "".join(pending)
