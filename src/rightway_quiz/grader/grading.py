"""Re-marking learners' answers against the answer keys in ``quizzes/``.

Nothing in an answer file is trusted but the learner's choices: a score in the
file is ignored, every choice is checked against the quiz, and answers made
against another version of a quiz are rejected (reported, never mis-marked).

Every answer (a CSV row, or one entry of a browser file's ``answers``) is
graded, rejected with a reason, or (a CSV row with nothing in it) blank, so
``graded + rejected + blank == answers``.

Learners are matched by :func:`learner_key` (NFC, trimmed, case-folded); an
answer file that names no learner is a learner of its own, never merged.

The CSV path is the hot one: a row is looked up in a cache of outcomes keyed by
(quiz, question, raw answer), and an attempt keeps only two bit masks (answered,
right) and references to its wrong outcomes, so memory grows with learners and
distinct answers, not with rows.
"""

from __future__ import annotations

import gc
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..course.course import Course
from ..course.model import Question, Quiz
from ._output import learner_key
from .answers import (
    AnswerFile,
    InputError,
    display_path,
    input_kind,
    parse_answer_data,
    read_answer_file,
)
from .csv_answers import BrokenRow, open_answer_csv
from .messages import _

#: How many rejections a gradebook keeps in full; the rest are only counted.
KEPT_REJECTIONS = 10_000
PROGRESS_EVERY = 16_384

Response = list[str] | dict[str, str]
ProgressCallback = Callable[[int, int], None]
#: A marked response as the CSV loop needs it: quiz id, bit, right?, outcome, quiz version.
CacheEntry = tuple[str, int, bool, "Outcome", str]
MAX_CACHED_RESPONSES = 10_000
RejectCallback = Callable[["Rejection"], None]

_OPTION_SPLIT = re.compile(r"[;,|\s]+")
_PAIR_SPLIT = re.compile(r"[;,|]+")
_PAIR = re.compile(r"^\s*([^=:\s]+)\s*[=:]\s*([^=:\s]+)\s*$")
#: Other ways of writing a true/false answer: Excel's TRUE/FALSE (any case) and Welsh.
TRUE_FALSE_ALIASES = {"gwir": "true", "gau": "false", "cywir": "true", "anghywir": "false"}


@dataclass(frozen=True)
class Rejection:
    """An answer that was not graded: where it is and why."""

    source: str
    unit: str  # "row" (CSV) or "answer" (an entry of a JSON file's answers)
    number: int | None
    reason: str
    #: The reason without anything copied from the input (for pseudonymised output).
    private_reason: str = ""

    def __str__(self) -> str:
        if self.number is None:
            return f"{self.source}: {self.reason}"
        where = (_("row {row}") if self.unit == "row" else _("answer {row}")).format(
            row=self.number
        )
        return f"{self.source}: {where}: {self.reason}"


class _Rejected(Exception):
    """Why an answer is not graded: ``message`` (translated) with ``values`` from the input."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.reason = message.format(**values) if values else message
        self.private_reason = message.format(**dict.fromkeys(values, "…")) if values else message


class QuizKey:
    """A quiz prepared for marking: each question's position and bit, the whole-quiz mask."""

    __slots__ = ("answer_keys", "full_mask", "items", "options", "positions", "quiz", "version")

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        # Worked out once: the quiz's hash, and each question's ids and right response.
        self.version = quiz.version
        self.positions = {question.id: index for index, question in enumerate(quiz.questions)}
        self.full_mask = (1 << len(quiz.questions)) - 1
        # Ids are matched whatever their case ("B" is option "b"), through these maps.
        self.options = [_folded(question.option_ids) for question in quiz.questions]
        for question, options in zip(quiz.questions, self.options, strict=True):
            if question.type == "true_false":
                options.update(
                    {alias: options[value] for alias, value in TRUE_FALSE_ALIASES.items()}
                )
        self.items = [_folded(item.id for item in question.items) for question in quiz.questions]
        self.answer_keys = [question.correct_response() for question in quiz.questions]


def _folded(ids: Iterable[str]) -> dict[str, str]:
    return {identifier.casefold(): identifier for identifier in ids}


def _known_option(options: dict[str, str], option: str, question: Question) -> str:
    """The option id ``option`` means, in any case; raise ``_Rejected`` if none."""
    known = options.get(option.casefold())
    if known is None:
        raise _Rejected(
            _("{option!r} is not an option of question {question!r}").replace(
                "{question!r}", repr(question.id)
            ),
            option=option[:80],
        )
    return known


class Outcome:
    """One learner response to one question, marked. Shared by every row with the same response."""

    __slots__ = ("answered", "bit", "correct", "position", "question", "response")

    def __init__(
        self, question: Question, position: int, response: Response, right: Response | None = None
    ) -> None:
        self.question = question
        self.position = position
        self.bit = 1 << position
        self.response = response
        self.answered = bool(response)
        self.correct = response == (question.correct_response() if right is None else right)

    def wrong_choices(self) -> list[str]:
        """What was chosen and is wrong: option ids, or ``item→option`` for matching."""
        if isinstance(self.response, dict):
            key = self.question.correct_response()
            assert isinstance(key, dict)
            return [
                f"{item}→{option}"
                for item, option in self.response.items()
                if key.get(item) != option
            ]
        return [option for option in self.response if option not in self.question.answer]


class Attempt:
    """One learner's answers to one quiz from one source file, marked."""

    __slots__ = (
        "answered",
        "attempt_id",
        "correct",
        "key",
        "language",
        "learner",
        "learner_key",
        "source",
        "submitted_at",
        "wrong",
    )

    def __init__(self, learner: str, key: QuizKey, source: str, learner_id: str = "") -> None:
        self.learner = learner
        #: Who the attempt is by, as compared (see :func:`learner_key`).
        self.learner_key = learner_id or learner_key(learner)
        self.attempt_id = ""
        self.key = key
        self.source = source
        self.answered = 0
        self.correct = 0
        self.wrong: list[Outcome] = []
        self.submitted_at = ""
        self.language = ""

    @property
    def quiz(self) -> Quiz:
        """The quiz attempted."""
        return self.key.quiz

    @property
    def score(self) -> int:
        """Questions answered right."""
        return self.correct.bit_count()

    @property
    def asked(self) -> int:
        """Bit mask of the questions asked: all, or for a drawn quiz those the attempt lists.

        A drawn attempt's file lists every question it asked (an unanswered one with
        no choice), so an answers file from any earlier draw marks against its own draw.
        """
        return self.key.full_mask if self.key.quiz.draw is None else self.answered

    @property
    def out_of(self) -> int:
        """Questions asked (an unanswered question counts as not right).

        A drawn attempt never counts fewer than the draw: leaving entries out of a
        file cannot raise its score.
        """
        quiz = self.key.quiz
        if quiz.draw is None:
            return len(quiz.questions)
        return max(quiz.asked_per_attempt, self.answered.bit_count())

    @property
    def percent(self) -> int:
        """Score in percent, rounded half up as the browser does."""
        return percent(self.score, self.out_of)

    @property
    def passed(self) -> bool:
        """At or above the quiz's pass mark."""
        return self.percent >= self.key.quiz.pass_mark

    def is_right(self, position: int) -> bool:
        """Whether the question at ``position`` was answered right."""
        return bool(self.correct >> position & 1)

    def missed(self) -> list[tuple[Question, Outcome | None]]:
        """Questions asked and not answered right, in quiz order, with the response
        (``None``: no answer)."""
        wrong = {outcome.position: outcome for outcome in self.wrong}
        missed = self.asked & ~self.correct
        return [
            (question, wrong.get(index))
            for index, question in enumerate(self.key.quiz.questions)
            if missed >> index & 1
        ]

    def articles_to_discuss(self) -> list[int]:
        """The articles of every missed question, ascending."""
        return sorted(
            {number for question, _outcome in self.missed() for number in question.articles}
        )


def percent(part: int, whole: int) -> int:
    """``part/whole`` in percent, rounded half up (JavaScript's ``Math.round``)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


@dataclass(frozen=True)
class PrincipleResult:
    """A learner's quizzes in one principle, taken together."""

    principle: str
    score: int
    out_of: int
    passed: bool

    @property
    def percent(self) -> int:
        """Score in percent."""
        return percent(self.score, self.out_of)


@dataclass(frozen=True)
class LearnerResult:
    """Everything one learner did: attempts in input order and results by principle."""

    learner: str
    attempts: list[Attempt]
    course: Course

    def principles(self) -> list[PrincipleResult]:
        """Score and pass per principle: every attempt of its quizzes; passed if each one passed."""
        grouped: dict[str, list[Attempt]] = {}
        for attempt in self.attempts:
            grouped.setdefault(attempt.quiz.principle, []).append(attempt)
        return [
            PrincipleResult(
                principle=principle,
                score=sum(a.score for a in attempts),
                out_of=sum(a.out_of for a in attempts),
                passed=all(a.passed for a in attempts),
            )
            for principle, attempts in sorted(
                grouped.items(), key=lambda kv: self.course.principle_sort_key(kv[0])
            )
        ]

    def articles_to_discuss(self) -> list[int]:
        """The articles of every question missed in any attempt."""
        return sorted({n for attempt in self.attempts for n in attempt.articles_to_discuss()})


@dataclass
class Gradebook:
    """The result of grading: attempts, rejections and counts that add up."""

    course: Course
    attempts: list[Attempt] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    file_errors: list[InputError] = field(default_factory=list)
    answers: int = 0
    graded: int = 0
    rejected: int = 0
    blank: int = 0
    older_versions: list[Attempt] = field(default_factory=list)
    #: Things read but worth a word: a file given twice, bytes in the wrong encoding, no learner.
    warnings: list[str] = field(default_factory=list)
    #: Answer files that name no learner (each graded as a learner of its own).
    unnamed_files: int = 0

    @property
    def rejections_cut(self) -> bool:
        """Whether more answers were rejected than :attr:`rejections` keeps."""
        return self.rejected > len(self.rejections)

    def learners(self) -> list[LearnerResult]:
        """Each learner's attempts, learners in order of first appearance."""
        grouped: dict[str, list[Attempt]] = {}
        for attempt in self.attempts:
            grouped.setdefault(attempt.learner_key, []).append(attempt)
        return [
            LearnerResult(attempts[0].learner, attempts, self.course)
            for attempts in grouped.values()
        ]

    @property
    def ok(self) -> bool:
        """Every file read and every answer graded."""
        return not self.file_errors and not self.rejected


class Grader:
    """Marks answer sources into one :class:`Gradebook`.

    ``on_reject`` sees every rejection as it happens (the gradebook keeps the
    first :data:`KEPT_REJECTIONS`); ``progress(done, total)`` is called every
    few thousand CSV rows with bytes read and file size.
    """

    def __init__(
        self,
        course: Course,
        *,
        on_reject: RejectCallback | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.course = course
        self.gradebook = Gradebook(course)
        self.on_reject = on_reject
        self.progress = progress
        self._keys = {quiz_id: QuizKey(quiz) for quiz_id, quiz in course.quizzes.items()}
        self._question_quiz = {
            q.id: quiz.id for quiz in course.quizzes.values() for q in quiz.questions
        }
        self._answer_cache: dict[str, dict[str, CacheEntry]] = {}
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

    # -- marking one response ----------------------------------------------------

    def quiz_key(self, quiz_id: str) -> QuizKey:
        """The marking key of a quiz; raise ``_Rejected`` for an unknown id."""
        key = self._keys.get(quiz_id)
        if key is None:
            raise _Rejected(_("unknown quiz id {quiz!r}"), quiz=quiz_id[:80])
        return key

    def _locate(self, key: QuizKey, question_id: str) -> tuple[Question, int]:
        position = key.positions.get(question_id)
        if position is None:
            owner = self._question_quiz.get(question_id)
            if owner is None:
                raise _Rejected(_("unknown question id {question!r}"), question=question_id[:80])
            raise _Rejected(
                _("question {question!r} belongs to quiz {owner!r}, not {quiz!r}").format(
                    question=question_id, owner=owner, quiz=key.quiz.id
                )
            )
        return key.quiz.questions[position], position

    @staticmethod
    def _check_version(key: QuizKey, version: str) -> None:
        if version and version != key.version:
            raise _Rejected(
                _("answered against quiz version {old}; {quiz!r} is now version {new}: not marked")
                .replace("{quiz!r}", repr(key.quiz.id))
                .replace("{new}", key.version),
                old=version[:40],
            )

    @staticmethod
    def _check(key: QuizKey, position: int, response: Response) -> Outcome:
        """Check a response's ids against the question and mark it."""
        question = key.quiz.questions[position]
        options = key.options[position]
        if question.type == "matching":
            if not isinstance(response, dict):
                raise _Rejected(
                    _(
                        "question {question!r} is a matching question: give item=option pairs"
                    ).format(question=question.id)
                )
            matched: dict[str, str] = {}
            for item, option in response.items():
                known_item = key.items[position].get(item.casefold())
                if known_item is None:
                    raise _Rejected(
                        _("{item!r} is not an item of question {question!r}").replace(
                            "{question!r}", repr(question.id)
                        ),
                        item=item[:80],
                    )
                matched[known_item] = _known_option(options, option, question)
            return Outcome(question, position, matched, key.answer_keys[position])
        if not isinstance(response, list):
            raise _Rejected(
                _("question {question!r} takes option ids, not item=option pairs").format(
                    question=question.id
                )
            )
        response = [_known_option(options, option, question) for option in response]
        if len(set(response)) != len(response):
            raise _Rejected(
                _("an option is given twice for question {question!r}").format(question=question.id)
            )
        if question.type != "multiple" and len(response) > 1:
            raise _Rejected(
                _("question {question!r} takes one option; the answer gives {count}").format(
                    question=question.id, count=len(response)
                )
            )
        return Outcome(question, position, sorted(response), key.answer_keys[position])

    def _outcome_from_text(self, quiz_id: str, question_id: str, raw: str, version: str) -> Outcome:
        key = self.quiz_key(quiz_id)
        self._check_version(key, version)
        question, position = self._locate(key, question_id)
        response: Response
        if question.type == "matching":
            response = {}
            for part in filter(str.strip, _PAIR_SPLIT.split(raw)):
                pair = _PAIR.match(part)
                if pair is None:
                    raise _Rejected(
                        _(
                            "{text!r} is not an item=option pair (question {question!r} is a matching question)"
                        ).replace("{question!r}", repr(question.id)),
                        text=part.strip()[:40],
                    )
                item, option = pair.groups()
                if item.casefold() in (known.casefold() for known in response):
                    raise _Rejected(_("item {item!r} is matched twice"), item=item[:80])
                response[item] = option
        else:
            response = [token for token in _OPTION_SPLIT.split(raw) if token]
        return self._check(key, position, response)

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

                self.add_rows(
                    answers.rows,
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
        learner_at = columns["learner"]
        fields = operator.itemgetter(
            learner_at, columns["quiz"], columns["question"], columns["answer"]
        )
        version_at = columns.get("quiz_version")
        width = max(columns.values()) + 1 if width is None else width
        cache = self._answer_cache
        slow_path = self._cache_entry
        attempts: dict[tuple[str, str], Attempt] = {}
        reject = self._reject
        book = self.gradebook
        number = rejected = blank = 0
        offset = first_row - 1
        # The current run of one learner's rows for one quiz, kept in locals.
        attempt: Attempt | None = None
        run_learner = run_quiz = ""
        answered = correct = 0
        wrong: list[Outcome] = []
        # The loop makes many small objects and no cycles: the cyclic collector
        # would rescan them every few thousand rows for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for number, row in enumerate(rows, 1):
                if len(row) != width or not row[learner_at]:
                    problem = _row_problem(row, width, learner_at)
                    if problem is not None:
                        if problem:
                            rejected += 1
                            reject(source, "row", number + offset, problem)
                        else:
                            blank += 1
                        continue
                learner, quiz_id, question_id, raw = fields(row)
                version = row[version_at] if version_at is not None else ""
                by_answer = cache.get(question_id)
                entry = by_answer.get(raw) if by_answer is not None else None
                if entry is None or entry[0] != quiz_id or (version and version != entry[4]):
                    found = slow_path(quiz_id, question_id, raw, version)
                    if isinstance(found, _Rejected):
                        if not any(field.strip() for field in row):  # white space only
                            blank += 1
                            continue
                        rejected += 1
                        reject(source, "row", number + offset, found.reason, found.private_reason)
                        continue
                    entry = found
                # Exports list a learner's rows together: no lookup while a run lasts.
                if learner != run_learner or quiz_id != run_quiz or attempt is None:
                    if attempt is not None:
                        attempt.answered, attempt.correct = answered, correct
                    who = learner_key(learner)
                    attempt = attempts.get((who, quiz_id))
                    if attempt is None:
                        if not who:
                            rejected += 1
                            reject(source, "row", number + offset, _("the learner is empty"))
                            continue
                        attempt = self._new_attempt(learner, quiz_id, source)
                        attempts[who, quiz_id] = attempt
                    run_learner, run_quiz = learner, quiz_id
                    answered, correct, wrong = attempt.answered, attempt.correct, attempt.wrong
                bit = entry[1]
                if answered & bit:
                    rejected += 1
                    reject(
                        source,
                        "row",
                        number + offset,
                        _(
                            "duplicate answer: this learner has already answered {question!r} in this file"
                        ).format(question=question_id),
                    )
                    continue
                answered |= bit
                if entry[2]:
                    correct |= bit
                else:
                    wrong.append(entry[3])
                if progress is not None and not number % PROGRESS_EVERY:
                    progress()
        finally:
            if attempt is not None:
                attempt.answered, attempt.correct = answered, correct
            if collecting:
                gc.enable()
            book.answers += number
            book.blank += blank
            book.graded += number - rejected - blank
        if progress is not None:
            progress()

    def _cache_entry(
        self, quiz_id: str, question_id: str, raw: str, version: str
    ) -> CacheEntry | _Rejected:
        """Mark a response not seen before and cache it; a rejected one gives its reason."""
        try:
            outcome = self._outcome_from_text(quiz_id, question_id, raw, version)
        except _Rejected as rejected:
            return rejected
        entry: CacheEntry = (
            quiz_id,
            outcome.bit,
            outcome.correct,
            outcome,
            self._keys[quiz_id].version,
        )
        by_answer = self._answer_cache.setdefault(question_id, {})
        if len(by_answer) < MAX_CACHED_RESPONSES:
            by_answer[raw] = entry
        return entry

    def _new_attempt(self, learner: str, quiz_id: str, source: str) -> Attempt:
        attempt = Attempt(learner, self._keys[quiz_id], source)
        self.gradebook.attempts.append(attempt)
        return attempt

    # -- JSON -----------------------------------------------------------------------

    def add_json(self, path: Path) -> None:
        """Grade a browser answer file; a file without a ``learner`` is a learner of its own."""
        try:
            answer_file = read_answer_file(path)
        except InputError as error:
            self.gradebook.file_errors.append(error)
            return
        self.add_answer_file(answer_file, display_path(path), file_id=str(path.resolve()))

    def add_answer_data(self, data: Any, source: str, learner: str | None = None) -> None:
        """Grade answer data already parsed from JSON (as the browser writes it)."""
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
            key = self.quiz_key(answer_file.quiz_id)
            self._check_version(key, answer_file.quiz_version)
        except _Rejected as rejected:
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
                outcome = self._outcome_from_entry(key, entry)
            except _Rejected as rejected:
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

    def _outcome_from_entry(self, key: QuizKey, entry: Any) -> Outcome:
        if not isinstance(entry, dict) or not isinstance(entry.get("question_id"), str):
            raise _Rejected(_("each answer needs a question_id"))
        _question, position = self._locate(key, entry["question_id"])
        has_options, has_matches = "options" in entry, "matches" in entry
        if has_options == has_matches:
            raise _Rejected(_("each answer needs either options or matches"))
        if has_options:
            options = entry["options"]
            if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
                raise _Rejected(_("options must be a list of option ids"))
            return self._check(key, position, options)
        matches = entry["matches"]
        if not isinstance(matches, dict) or not all(isinstance(v, str) for v in matches.values()):
            raise _Rejected(_("matches must map item ids to option ids"))
        return self._check(key, position, dict(matches))

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


def grade_files(
    course: Course,
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


def grade_rows(course: Course, rows: Iterable[Sequence[str]], source: str = "<rows>") -> Gradebook:
    """Grade ``(learner, quiz, question, answer)`` rows, e.g. a synthetic cohort."""
    grader = Grader(course)
    columns = {"learner": 0, "quiz": 1, "question": 2, "answer": 3}
    grader.add_rows(rows, columns, source)
    return grader.gradebook
