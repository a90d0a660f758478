"""Grading rows of strings (a CSV's, or a synthetic cohort's): the hot path.

A row is looked up in a cache of outcomes keyed by (question, raw answer); an
attempt keeps only two bit masks (answered, right) and references to its wrong
outcomes. Exports list a learner's rows together, so the current run of one
learner's rows for one quiz is kept in locals and needs no lookup.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence

from ._gc import cycle_collection_paused
from ._output import learner_key
from .csv_answers import BrokenRow
from .gradebook import Attempt, Gradebook
from .marking import CourseKeys, Outcome, Rejected
from .messages import _

#: Rows per batch (a progress update before each) when the rows do not come in batches.
ROWS_PER_BATCH = 16_384
MAX_CACHED_RESPONSES = 10_000

#: A marked response as the row loop needs it: quiz id, bit, right?, outcome, quiz version.
CacheEntry = tuple[str, int, bool, Outcome, str]
#: Rejects an answer: (source, unit, number, reason, private reason).
RejectRow = Callable[[str, str, int | None, str, str], None]


def in_batches(rows: Iterable[Sequence[str]]) -> Iterator[list[Sequence[str]]]:
    """Rows in lists of :data:`ROWS_PER_BATCH`."""
    found = iter(rows)
    return iter(lambda: list(itertools.islice(found, ROWS_PER_BATCH)), [])


class RowGrader:
    """Grades rows into a gradebook, remembering marked responses across files."""

    def __init__(self, keys: CourseKeys, gradebook: Gradebook, reject: RejectRow) -> None:
        self.keys = keys
        self.gradebook = gradebook
        self.reject = reject
        self._answer_cache: dict[str, dict[str, CacheEntry]] = {}

    def add_batches(
        self,
        batches: Iterable[Iterable[Sequence[str]]],
        columns: dict[str, int],
        source: str,
        *,
        first_row: int = 1,
        progress: Callable[[], None] | None = None,
        width: int | None = None,
    ) -> None:
        """Grade batches of rows of strings (``progress()`` before each); ``columns`` maps
        learner, quiz, question, answer (and optionally quiz_version) to indexes;
        ``width`` is the header's field count."""
        run = _RowRun(self, columns, source, first_row - 1, width)
        book = self.gradebook
        rejected_before = book.rejected
        try:
            with cycle_collection_paused():
                run.grade(batches, progress)
        finally:
            book.answers += run.rows
            book.blank += run.blank
            book.graded += run.rows - (book.rejected - rejected_before) - run.blank
        if progress is not None:
            progress()

    def cache_entry(
        self, quiz_id: str, question_id: str, raw: str, version: str
    ) -> CacheEntry | Rejected:
        """Mark a response not seen before and cache it; a rejected one gives its reason."""
        try:
            outcome = self.keys.outcome_from_text(quiz_id, question_id, raw, version)
        except Rejected as rejected:
            return rejected
        entry: CacheEntry = (
            quiz_id,
            outcome.bit,
            outcome.correct,
            outcome,
            self.keys.keys[quiz_id].version,
        )
        by_answer = self._answer_cache.setdefault(question_id, {})
        if len(by_answer) < MAX_CACHED_RESPONSES:
            by_answer[raw] = entry
        return entry


class _RowRun:
    """One call's rows: counts, this source's attempts, and the run being filled."""

    def __init__(
        self,
        grader: RowGrader,
        columns: dict[str, int],
        source: str,
        offset: int,
        width: int | None,
    ) -> None:
        self.grader = grader
        self.source = source
        self.offset = offset
        self.learner_at = columns["learner"]
        self.fields = operator.itemgetter(
            self.learner_at, columns["quiz"], columns["question"], columns["answer"]
        )
        self.version_at = columns.get("quiz_version")
        self.width = max(columns.values()) + 1 if width is None else width
        self.attempts: dict[tuple[str, str], Attempt] = {}
        #: Each learner cell as written → :func:`learner_key` of it.
        self.learner_keys: dict[str, str] = {}
        self.rows = self.blank = 0

    def grade(
        self, batches: Iterable[Iterable[Sequence[str]]], progress: Callable[[], None] | None
    ) -> None:
        """The loop: everything it touches per row is a local, for speed."""
        learner_at, width, fields = self.learner_at, self.width, self.fields
        version_at = self.version_at
        cache = self.grader._answer_cache
        slow_path = self.grader.cache_entry
        attempt: Attempt | None = None
        run_learner = run_quiz = ""
        answered = correct = number = 0
        wrong: list[Outcome] = []
        try:
            for batch in batches:
                if progress is not None:
                    progress()
                first = number + 1
                for number, row in enumerate(batch, first):
                    if (len(row) != width or not row[learner_at]) and self._skipped(row, number):
                        continue
                    learner, quiz_id, question_id, raw = fields(row)
                    version = row[version_at] if version_at is not None else ""
                    by_answer = cache.get(question_id)
                    entry = by_answer.get(raw) if by_answer is not None else None
                    if entry is None or entry[0] != quiz_id or (version and version != entry[4]):
                        found = slow_path(quiz_id, question_id, raw, version)
                        if isinstance(found, Rejected):
                            self._rejected(row, number, found)
                            continue
                        entry = found
                    if learner != run_learner or quiz_id != run_quiz or attempt is None:
                        if attempt is not None:
                            attempt.answered, attempt.correct = answered, correct
                        attempt = self._attempt_for(learner, quiz_id, number)
                        if attempt is None:
                            continue
                        run_learner, run_quiz = learner, quiz_id
                        answered, correct, wrong = attempt.answered, attempt.correct, attempt.wrong
                    bit = entry[1]
                    if answered & bit:
                        self._duplicate(question_id, number)
                        continue
                    answered |= bit
                    if entry[2]:
                        correct |= bit
                    else:
                        wrong.append(entry[3])
        finally:
            if attempt is not None:
                attempt.answered, attempt.correct = answered, correct
            self.rows = number

    def _duplicate(self, question_id: str, number: int) -> None:
        reason = _(
            "duplicate answer: this learner has already answered {question!r} in this file"
        ).format(question=question_id)
        self.grader.reject(self.source, "row", number + self.offset, reason, reason)

    def _skipped(self, row: Sequence[str], number: int) -> bool:
        """Count a blank row or reject a malformed one; ``False`` if the row is fine."""
        problem = _row_problem(row, self.width, self.learner_at)
        if problem is None:
            return False
        if problem:
            self.grader.reject(self.source, "row", number + self.offset, problem, problem)
        else:
            self.blank += 1
        return True

    def _rejected(self, row: Sequence[str], number: int, rejected: Rejected) -> None:
        """A row whose answer cannot be marked: blank if white space only, else rejected."""
        if not any(field.strip() for field in row):
            self.blank += 1
            return
        self.grader.reject(
            self.source, "row", number + self.offset, rejected.reason, rejected.private_reason
        )

    def _attempt_for(self, learner: str, quiz_id: str, number: int) -> Attempt | None:
        """This source's attempt by ``learner`` at ``quiz_id``, new if need be; ``None``
        (rejected) when the learner is empty once compared."""
        who = self.learner_keys.get(learner)
        if who is None:  # normalised once for each way a name is written, not once a quiz
            who = self.learner_keys[learner] = learner_key(learner)
        attempt = self.attempts.get((who, quiz_id))
        if attempt is None:
            if not who:
                reason = _("the learner is empty")
                self.grader.reject(self.source, "row", number + self.offset, reason, reason)
                return None
            attempt = Attempt(learner, self.grader.keys.keys[quiz_id], self.source, who)
            self.grader.gradebook.attempts.append(attempt)
            self.attempts[who, quiz_id] = attempt
        return attempt


def _row_problem(row: Sequence[str], width: int, learner_at: int) -> str | None:
    """What is wrong with a row whose width or learner is off: a reason, ``""`` for a blank
    row (not a rejection), or ``None`` when only empty fields trail after the last column."""
    if isinstance(row, BrokenRow):
        return row.reason
    if not any(field.strip() for field in row):
        return ""
    if len(row) < width:
        return _("has too few columns ({found}; the first row has {width})").format(
            found=len(row), width=width
        )
    if len(row) > width and any(field.strip() for field in row[width:]):
        return _(
            "has {found} fields but the first row has {width}: a comma or semicolon inside an answer needs quotes"
        ).format(found=len(row), width=width)
    if not row[learner_at].strip():
        return _("the learner is empty")
    return None
