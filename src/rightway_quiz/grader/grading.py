"""Re-marking learners' answers against the answer keys in ``quizzes/``.

Nothing in an answer file is trusted but the learner's choices: a score in the
file is ignored, every choice is checked against the quiz, and answers made
against another version of a quiz are rejected (reported, never mis-marked).

Every answer (a CSV row, or one entry of a browser file's ``answers``) is
graded, rejected with a reason, or (a CSV row with nothing in it) blank, so
``graded + rejected + blank == answers``.

Learners are matched by :func:`learner_key` (NFC, trimmed, case-folded); an
answer file that names no learner is a learner of its own, never merged.

This module reads files and routes their answers: marking one response is
:mod:`.marking`'s job, the CSV hot path :mod:`.row_grading`'s, and what grading
produces :mod:`.gradebook`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..course.course import Course
from ..course.facts import CourseFacts, facts_of
from ._output import learner_key
from .answers import InputError, display_path, input_kind
from .csv_answers import open_answer_csv
from .gradebook import Attempt, Gradebook, Rejection
from .marking import CourseKeys, Rejected
from .messages import _
from .row_grading import RowGrader, in_batches

if TYPE_CHECKING:  # read by answer_files (pydantic), imported when a JSON file comes
    from .answer_files import AnswerFile

#: How many rejections a gradebook keeps in full; the rest are only counted.
KEPT_REJECTIONS = 10_000

ProgressCallback = Callable[[int, int], None]
RejectCallback = Callable[[Rejection], None]


class Grader:
    """Marks answer sources into one :class:`Gradebook`, against a course or its facts
    (:func:`~rightway_quiz.course.facts.load_facts`: marking needs no more).

    ``on_reject`` sees every rejection as it happens (the gradebook keeps the
    first :data:`KEPT_REJECTIONS`); ``progress(done, total)`` is called before
    each block of about a megabyte of a CSV with bytes read and file size.
    """

    def __init__(
        self,
        course: Course | CourseFacts,
        *,
        on_reject: RejectCallback | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        facts = course if isinstance(course, CourseFacts) else facts_of(course)
        self.gradebook = Gradebook(facts)
        self.on_reject = on_reject
        self.progress = progress
        self._marking = CourseKeys(facts)
        self._keys = self._marking.keys
        self._rows = RowGrader(self._marking, self.gradebook, self._reject)
        self._seen_paths: set[Path] = set()
        self._seen_attempt_ids: set[tuple[str, str]] = set()

    # -- rejections ---------------------------------------------------------------

    def _reject(
        self, source: str, unit: str, number: int | None, reason: str, private: str = ""
    ) -> None:
        rejection = Rejection(source, unit, number, reason, private or reason)
        book = self.gradebook
        book.rejected += 1
        if len(book.rejections) < KEPT_REJECTIONS:
            book.rejections.append(rejection)
        if self.on_reject is not None:
            self.on_reject(rejection)

    # -- CSV ------------------------------------------------------------------------

    def add_csv(self, path: Path) -> None:
        """Grade an answers CSV, one row per learner and question, streaming."""
        source = display_path(path)
        try:
            with open_answer_csv(path) as answers:
                decoding = answers.decoding
                if decoding.bad_bytes:
                    self.gradebook.warnings.append(
                        _(
                            "{path}: is not all valid {encoding}: the rows with other bytes are rejected"
                        ).format(path=source, encoding=decoding.label)
                    )
                progress = None
                if self.progress is not None:
                    size = answers.size
                    report = self.progress

                    def progress() -> None:
                        report(answers.bytes_read(), size)

                self._rows.add_batches(
                    answers.batches,
                    answers.columns,
                    source,
                    first_row=2,
                    progress=progress,
                    width=answers.width,
                )
        except InputError as error:
            self.gradebook.file_errors.append(error)

    def add_rows(
        self,
        rows: Iterable[Sequence[str]],
        columns: dict[str, int],
        source: str,
        *,
        first_row: int = 1,
        progress: Callable[[], None] | None = None,
        width: int | None = None,
    ) -> None:
        """Grade rows of strings; ``columns`` maps learner, quiz, question, answer (and
        optionally quiz_version) to indexes; ``width`` is the header's field count."""
        self._rows.add_batches(
            in_batches(rows),
            columns,
            source,
            first_row=first_row,
            progress=progress,
            width=width,
        )

    # -- JSON -----------------------------------------------------------------------

    def add_json(self, path: Path) -> None:
        """Grade a browser answer file; a file without a ``learner`` is a learner of its own."""
        from .answer_files import read_answer_file

        try:
            answer_file = read_answer_file(path)
        except InputError as error:
            self.gradebook.file_errors.append(error)
            return
        self.add_answer_file(answer_file, display_path(path), file_id=str(path.resolve()))

    def add_answer_data(self, data: Any, source: str, learner: str | None = None) -> None:
        """Grade answer data already parsed from JSON (as the browser writes it)."""
        from .answer_files import parse_answer_data

        try:
            answer_file = parse_answer_data(data, source)
        except InputError as error:
            self.gradebook.file_errors.append(error)
            return
        if learner and not (answer_file.learner or "").strip():
            answer_file = answer_file.model_copy(update={"learner": learner})
        self.add_answer_file(answer_file, source, file_id=source)

    def _file_learner(self, answer_file: AnswerFile, source: str, file_id: str) -> tuple[str, str]:
        """(name shown, key) of a file's learner; a file naming none is kept apart by its path."""
        named = (answer_file.learner or "").strip()
        if named and learner_key(named):
            return named, learner_key(named)
        self.gradebook.unnamed_files += 1
        # "\0" never occurs in a name, so an unnamed file can never merge with a learner.
        return _("no learner named ({file})").format(file=source), "\0" + file_id

    def _seen_attempt(self, answer_file: AnswerFile, who: str, source: str) -> bool:
        """Whether this attempt (the file's ``attempt_id``) was already graded: warn if so."""
        if not answer_file.attempt_id:
            return False
        seen = (who, answer_file.attempt_id)
        if seen in self._seen_attempt_ids:
            self.gradebook.warnings.append(
                _("{path}: the same attempt as an earlier file; read once").format(path=source)
            )
            return True
        self._seen_attempt_ids.add(seen)
        return False

    def add_answer_file(self, answer_file: AnswerFile, source: str, *, file_id: str) -> None:
        """Grade one checked answer file: each entry of ``answers`` is graded or rejected."""
        book = self.gradebook
        learner, who = self._file_learner(answer_file, source, file_id)
        if self._seen_attempt(answer_file, who, source):
            return
        entries = answer_file.answers
        book.answers += len(entries)
        try:
            key = self._marking.quiz_key(answer_file.quiz_id)
            key.check_version(answer_file.quiz_version)
        except Rejected as rejected:
            if answer_file.quiz_id in self._keys:
                older = Attempt(learner, self._keys[answer_file.quiz_id], source, who)
                older.submitted_at = answer_file.submitted_at
                book.older_versions.append(older)
            for index in range(len(entries)):
                self._reject(source, "answer", index + 1, rejected.reason, rejected.private_reason)
            if not entries:  # nothing to count as rejected, but still worth saying
                book.file_errors.append(InputError(source, rejected.reason))
            return
        attempt = Attempt(learner, key, source, who)
        attempt.submitted_at = answer_file.submitted_at
        attempt.language = answer_file.language
        attempt.attempt_id = answer_file.attempt_id or ""
        graded = 0
        for index, entry in enumerate(entries, 1):
            try:
                outcome = self._marking.outcome_from_entry(key, entry)
            except Rejected as rejected:
                self._reject(source, "answer", index, rejected.reason, rejected.private_reason)
                continue
            if attempt.answered & outcome.bit:
                self._reject(
                    source,
                    "answer",
                    index,
                    _("duplicate answer: {question!r} is answered twice").format(
                        question=outcome.question.id
                    ),
                )
                continue
            attempt.answered |= outcome.bit
            if outcome.correct:
                attempt.correct |= outcome.bit
            else:
                attempt.wrong.append(outcome)
            graded += 1
        book.graded += graded
        book.attempts.append(attempt)

    # -- any file -------------------------------------------------------------------

    def add_path(self, path: Path) -> None:
        """Grade a JSON or CSV file, whichever it is; a file given twice is read once."""
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path
        if resolved in self._seen_paths:
            self.gradebook.warnings.append(
                _("{path}: given more than once; read once").format(path=display_path(path))
            )
            return
        self._seen_paths.add(resolved)
        try:
            if input_kind(path) == "json":
                self.add_json(path)
            else:
                self.add_csv(path)
        except InputError as error:
            self.gradebook.file_errors.append(error)
        except OSError as error:  # gone or unreadable half way through
            reason = _("cannot be read ({reason})").format(reason=error.strerror or error)
            self.gradebook.file_errors.append(InputError(path, reason))


def grade_files(
    course: Course | CourseFacts,
    paths: Iterable[Path],
    *,
    on_reject: RejectCallback | None = None,
    progress: ProgressCallback | None = None,
) -> Gradebook:
    """Grade answer files (browser JSON or CSV) against the course's quizzes."""
    grader = Grader(course, on_reject=on_reject, progress=progress)
    for path in paths:
        grader.add_path(path)
    return grader.gradebook


def grade_rows(
    course: Course | CourseFacts, rows: Iterable[Sequence[str]], source: str = "<rows>"
) -> Gradebook:
    """Grade ``(learner, quiz, question, answer)`` rows, e.g. a synthetic cohort."""
    grader = Grader(course)
    columns = {"learner": 0, "quiz": 1, "question": 2, "answer": 3}
    grader.add_rows(rows, columns, source)
    return grader.gradebook
