"""The result of grading: attempts, the learners they belong to, and rejections.

An :class:`Attempt` keeps two bit masks (questions answered, answered right) and
references to its wrong outcomes, so memory grows with learners and distinct
answers, not with rows. A :class:`Gradebook`'s counts add up:
``graded + rejected + blank == answers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..course.facts import CourseFacts
from ._output import learner_key
from .answers import InputError
from .marking import Outcome, QuizKey
from .messages import _

if TYPE_CHECKING:
    from ..course.course import Course
    from ..course.model import Question, Quiz


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
        return self.key.full_mask if self.key.draw is None else self.answered

    @property
    def out_of(self) -> int:
        """Questions asked (an unanswered question counts as not right).

        A drawn attempt never counts fewer than the draw: leaving entries out of a
        file cannot raise its score.
        """
        key = self.key
        if key.draw is None:
            return key.question_count
        return max(key.asked_per_attempt, self.answered.bit_count())

    @property
    def percent(self) -> int:
        """Score in percent, rounded half up as the browser does."""
        return percent(self.score, self.out_of)

    @property
    def passed(self) -> bool:
        """At or above the quiz's pass mark."""
        return self.percent >= self.key.facts.pass_mark

    @property
    def missed_mask(self) -> int:
        """Bit mask of the questions asked and not answered right."""
        return self.asked & ~self.correct

    def is_right(self, position: int) -> bool:
        """Whether the question at ``position`` was answered right."""
        return bool(self.correct >> position & 1)

    def missed(self) -> list[tuple[Question, Outcome | None]]:
        """Questions asked and not answered right, in quiz order, with the response
        (``None``: no answer)."""
        wrong = {outcome.position: outcome for outcome in self.wrong}
        missed = self.missed_mask
        return [
            (question, wrong.get(index))
            for index, question in enumerate(self.key.quiz.questions)
            if missed >> index & 1
        ]

    def articles_to_discuss(self) -> list[int]:
        """The articles of every missed question, ascending."""
        missed = self.missed_mask
        return sorted(
            {
                number
                for index, question in enumerate(self.key.questions)
                if missed >> index & 1
                for number in question.articles
            }
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
    facts: CourseFacts

    def principles(self) -> list[PrincipleResult]:
        """Score and pass per principle: every attempt of its quizzes; passed if each one passed."""
        grouped: dict[str, list[Attempt]] = {}
        for attempt in self.attempts:
            grouped.setdefault(attempt.key.principle, []).append(attempt)
        return [
            PrincipleResult(
                principle=principle,
                score=sum(a.score for a in attempts),
                out_of=sum(a.out_of for a in attempts),
                passed=all(a.passed for a in attempts),
            )
            for principle, attempts in sorted(
                grouped.items(), key=lambda kv: self.facts.principle_sort_key(kv[0])
            )
        ]

    def articles_to_discuss(self) -> list[int]:
        """The articles of every question missed in any attempt."""
        return sorted({n for attempt in self.attempts for n in attempt.articles_to_discuss()})


@dataclass
class Gradebook:
    """The result of grading: attempts, rejections and counts that add up."""

    facts: CourseFacts
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

    @cached_property
    def course(self) -> Course:
        """The whole course marked against (loaded on first use: CSV results do without it)."""
        return self.facts.course

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
            LearnerResult(attempts[0].learner, attempts, self.facts)
            for attempts in grouped.values()
        ]

    @property
    def ok(self) -> bool:
        """Every file read and every answer graded."""
        return not self.file_errors and not self.rejected
