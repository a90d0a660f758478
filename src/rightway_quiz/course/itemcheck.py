"""Item-writing checks: the patterns that let a test-wise learner pass without learning.

Each rule names the quiz and item to fix. Some look at one item (a stem that says
"True or false", an option that starts with a verdict); others look at the whole
course, because a cue only shows across many items (the key is usually the
longest option, "true" is usually right, the key is usually in one place).
AUTHORING.md gives each threshold and its reason. Run it with
``python -m rightway_quiz.course.itemcheck [course folder]``; ``make test`` runs
it against ``quizzes/``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .loader import SourceError, load_quizzes
from .model import Question, Quiz

#: At most this share of single-answer items may have the key as the one longest option.
MAX_LONGEST_KEY_SHARE = 0.30
#: The share of true/false items whose key is "true" must lie in this range.
TRUE_SHARE_RANGE = (0.40, 0.60)
#: At most this share of four-option single-answer keys may sit in any one position.
MAX_KEY_POSITION_SHARE = 0.35
LONGEST_KEY_TYPES = frozenset({"single", "scenario"})
_TRUE_OR_FALSE = re.compile(r"^\W*true\s+or\s+false\b", re.IGNORECASE)
# A verdict word at the start, followed by punctuation or nothing: "Correct." or "No —",
# but not "Right to be heard" or "No one".
VERDICT_WORDS = ("Not quite", "Correct", "Right", "Wrong", "No", "Yes")
_VERDICT = re.compile(
    r"^\W*(" + "|".join(re.escape(w) for w in VERDICT_WORDS) + r")\s*([.,:;!?\u2013\u2014-]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ItemProblem:
    """One item (question or check) that breaks one rule."""

    quiz: str
    item: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.quiz}: {self.item}: {self.message} [{self.rule}]"


def check_quizzes(quizzes: Iterable[Quiz]) -> list[ItemProblem]:
    """Every problem of every item, per item first, then the course-wide rules."""
    quiz_list = list(quizzes)
    problems: list[ItemProblem] = []
    for quiz in quiz_list:
        problems.extend(_bank_problems(quiz))
        for question in [*quiz.questions, *quiz.checks]:
            problems.extend(_item_problems(quiz, question))
    scored = [(quiz, question) for quiz in quiz_list for question in quiz.questions]
    problems.extend(_longest_key(scored))
    problems.extend(_true_share(scored))
    problems.extend(_multiple_counts(scored))
    problems.extend(_key_positions(scored))
    return problems


def check_course_dir(course_dir: Path) -> list[ItemProblem]:
    """The problems of every quiz in ``course_dir/quizzes``."""
    return check_quizzes(loaded.model for loaded in load_quizzes(course_dir / "quizzes").values())


# -- one item --------------------------------------------------------------------------


def _item_problems(quiz: Quiz, question: Question) -> Iterator[ItemProblem]:
    def problem(rule: str, message: str) -> ItemProblem:
        return ItemProblem(quiz.id, question.id, rule, message)

    if question.type == "true_false" and _TRUE_OR_FALSE.match(question.stem):
        yield problem(
            "true-or-false-stem", 'the stem starts "True or false": the options already say so'
        )
    if question.type == "matching" and len(question.options) <= len(question.items):
        yield problem(
            "matching-options",
            f"{len(question.options)} options for {len(question.items)} items: "
            "the last match can be found by elimination",
        )
    for option in question.options:
        if not option.feedback.strip():
            yield problem("feedback", f"option {option.id!r} has no feedback")
        verdict = _VERDICT.match(option.text)
        if verdict:
            yield problem(
                "verdict-word",
                f"option {option.id!r} starts with the verdict word {verdict.group(1)!r}",
            )


def _bank_problems(quiz: Quiz) -> Iterator[ItemProblem]:
    if quiz.draw is None:
        return
    coverage = quiz.objective_coverage()
    for objective, count in coverage.items():
        if count == 0:
            yield ItemProblem(
                quiz.id,
                objective,
                "bank-coverage",
                "no question in the bank assesses this objective, so no draw can cover it",
            )
    if len(coverage) > quiz.draw:
        yield ItemProblem(
            quiz.id,
            "draw",
            "bank-coverage",
            f"draws {quiz.draw} questions for {len(coverage)} objectives: "
            "one draw cannot cover every objective",
        )


# -- the whole course ------------------------------------------------------------------

Scored = Sequence[tuple[Quiz, Question]]


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def _key_is_unique_longest(question: Question) -> bool:
    lengths = {option.id: len(" ".join(option.text.split())) for option in question.options}
    key_length = lengths[question.answer[0]]
    return all(length < key_length for oid, length in lengths.items() if oid != question.answer[0])


def _longest_key(scored: Scored) -> Iterator[ItemProblem]:
    single = [(q, item) for q, item in scored if item.type in LONGEST_KEY_TYPES and item.answer]
    cued = [(q, item) for q, item in single if _key_is_unique_longest(item)]
    if single and len(cued) > MAX_LONGEST_KEY_SHARE * len(single):
        summary = _share(len(cued), len(single))
        for quiz, item in cued:
            yield ItemProblem(
                quiz.id,
                item.id,
                "longest-key",
                f"the key is the longest option; course-wide that is {summary} of single-answer "
                f"items, over {MAX_LONGEST_KEY_SHARE:.0%}",
            )


def _true_share(scored: Scored) -> Iterator[ItemProblem]:
    items = [(q, item) for q, item in scored if item.type == "true_false" and item.answer]
    if not items:
        return
    true = [(q, item) for q, item in items if item.answer[0] == "true"]
    low, high = TRUE_SHARE_RANGE
    share = len(true) / len(items)
    if low <= share <= high:
        return
    majority = "true" if share > high else "false"
    summary = _share(len(true), len(items))
    for quiz, item in items:
        if item.answer[0] == majority:
            yield ItemProblem(
                quiz.id,
                item.id,
                "true-share",
                f'the key is "{majority}"; course-wide {summary} true/false keys are "true", '
                f"outside {low:.0%}–{high:.0%}",
            )


def _multiple_counts(scored: Scored) -> Iterator[ItemProblem]:
    items = [(q, item) for q, item in scored if item.type == "multiple"]
    counts = {len(item.answer) for _quiz, item in items}
    if len(items) < 2 or len(counts) > 1:
        return
    for quiz, item in items:
        yield ItemProblem(
            quiz.id,
            item.id,
            "multiple-count",
            f"every multiple-response item in the course has {len(item.answer)} right "
            "options: vary how many are right",
        )


def _key_positions(scored: Scored) -> Iterator[ItemProblem]:
    items = [
        (q, item)
        for q, item in scored
        if item.type in LONGEST_KEY_TYPES and len(item.options) == 4 and item.answer
    ]
    positions = Counter(item.option_ids.index(item.answer[0]) for _quiz, item in items)
    for position, count in sorted(positions.items()):
        if count <= MAX_KEY_POSITION_SHARE * len(items):
            continue
        summary = _share(count, len(items))
        for quiz, item in items:
            if item.option_ids.index(item.answer[0]) == position:
                yield ItemProblem(
                    quiz.id,
                    item.id,
                    "key-position",
                    f"the key is option {position + 1} of 4; course-wide {summary} four-option "
                    f"keys are there, over {MAX_KEY_POSITION_SHARE:.0%}",
                )


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem; exit 1 if there is one, 2 if a quiz cannot be read."""
    args = list(sys.argv[1:] if argv is None else argv)
    course_dir = Path(args[0]) if args else Path.cwd()
    try:
        problems = check_course_dir(course_dir)
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
