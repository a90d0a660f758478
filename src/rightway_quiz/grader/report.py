"""A cohort report for refresher training: pass rates, means by principle, item statistics.

Per question: *facility* (the share of attempts that got it right) and
*discrimination*, the corrected point-biserial correlation between getting the
question right and the score on the quiz's other questions (−1 to 1; below 0.2
the question tells strong and weak learners apart poorly, below 0 the wrong
way round). Every attempt counts, retakes included; unanswered counts as wrong. A
question's figures count only the attempts that asked it (a banked quiz draws a
few questions per attempt).

Rendered as a self-contained accessible HTML page (inline CSS, SVG bar charts,
each beside a table of the same figures), CSV (one row per question), JSON or
plain text. The report holds no learner names.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..course.course import ContentTranslations, course_version
from ._output import csv_text
from .gradebook import Attempt, Gradebook
from .messages import Translator
from .principles import principle_name

if TYPE_CHECKING:
    from ..course.model import Question

REPORT_FORMATS = ("text", "html", "csv", "json")
TOP_WRONG_OPTIONS = 3
LOW_DISCRIMINATION = 0.2


@dataclass(frozen=True)
class WrongChoice:
    """A wrong option (or, in a matching question, a wrong item→option match) and how often it was chosen."""

    choice: str
    text: str
    count: int


@dataclass(frozen=True)
class QuestionStats:
    """How one question went across the cohort."""

    quiz: str
    question: str
    number: int
    type: str
    stem: str
    attempts: int
    right: int
    facility: float | None
    discrimination: float | None
    wrong_choices: list[WrongChoice]


@dataclass(frozen=True)
class GroupStats:
    """Attempts, pass rate and mean score for a quiz or a principle."""

    key: str
    title: str
    attempts: int
    passed: int
    mean_percent: float | None

    @property
    def pass_rate(self) -> float | None:
        """Share of attempts that passed, 0 to 1."""
        return self.passed / self.attempts if self.attempts else None


@dataclass(frozen=True)
class CohortReport:
    """Everything the cohort report shows, in one language."""

    language: str
    learners: int
    attempts: int
    passed: int
    answers: int
    graded: int
    rejected: int
    principles: list[GroupStats]
    quizzes: list[GroupStats]
    questions: list[QuestionStats]
    older_versions: int = 0
    notes: list[str] = field(default_factory=list)
    blank: int = 0
    tool_version: str = ""
    course_version: str = ""

    @property
    def pass_rate(self) -> float | None:
        """Share of all attempts that passed."""
        return self.passed / self.attempts if self.attempts else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data = asdict(self)
        data["pass_rate"] = self.pass_rate
        for group in ("principles", "quizzes"):
            for entry, stats in zip(data[group], getattr(self, group), strict=True):
                entry["pass_rate"] = stats.pass_rate
        return {"format": "rightway-cohort-report", "format_version": 1, **data}


def point_biserial(right: list[int], rest: list[int]) -> float | None:
    """Pearson correlation of 0/1 ``right`` with ``rest`` scores; ``None`` if either is constant."""
    n = len(right)
    if n < 2:
        return None
    mean_x = sum(right) / n
    mean_y = sum(rest) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(right, rest, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in right)
    syy = sum((y - mean_y) ** 2 for y in rest)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _wrong_text(question: Question, choice: str, texts: ContentTranslations) -> str:
    options = {option.id: texts.text(option.text) for option in question.options}
    if "→" in choice:
        item_id, option_id = choice.split("→", 1)
        items = {item.id: texts.text(item.text) for item in question.items}
        return f"{items.get(item_id, item_id)} → {options.get(option_id, option_id)}"
    return options.get(choice, choice)


def _question_stats(
    attempts: list[Attempt], texts: ContentTranslations, wrong: Counter[tuple[str, str]]
) -> list[QuestionStats]:
    """Each question's figures over the attempts that asked it: a banked quiz's attempt
    asks only its draw, so a question it did not draw counts neither right nor wrong."""
    quiz = attempts[0].quiz
    stats: list[QuestionStats] = []
    for position, question in enumerate(quiz.questions):
        asked = [attempt for attempt in attempts if attempt.asked >> position & 1]
        right = [attempt.correct >> position & 1 for attempt in asked]
        rest = [attempt.score - x for attempt, x in zip(asked, right, strict=True)]
        chosen = sorted(
            ((choice, count) for (qid, choice), count in wrong.items() if qid == question.id),
            key=lambda pair: (-pair[1], pair[0]),
        )[:TOP_WRONG_OPTIONS]
        stats.append(
            QuestionStats(
                quiz=quiz.id,
                question=question.id,
                number=position + 1,
                type=question.type,
                stem=texts.text(question.stem),
                attempts=len(asked),
                right=sum(right),
                facility=sum(right) / len(asked) if asked else None,
                discrimination=point_biserial(right, rest),
                wrong_choices=[
                    WrongChoice(c, _wrong_text(question, c, texts), n) for c, n in chosen
                ],
            )
        )
    return stats


def _group(key: str, title: str, attempts: list[Attempt]) -> GroupStats:
    score = sum(a.score for a in attempts)
    out_of = sum(a.out_of for a in attempts)
    return GroupStats(
        key=key,
        title=title,
        attempts=len(attempts),
        passed=sum(a.passed for a in attempts),
        mean_percent=100 * score / out_of if out_of else None,
    )


def build_report(book: Gradebook, texts: ContentTranslations | None = None) -> CohortReport:
    """The cohort report of a gradebook (``texts``: course text in the report's language)."""
    texts = texts or ContentTranslations("en")
    by_quiz: dict[str, list[Attempt]] = {}
    by_principle: dict[str, list[Attempt]] = {}
    wrong: Counter[tuple[str, str]] = Counter()
    for attempt in book.attempts:
        by_quiz.setdefault(attempt.quiz.id, []).append(attempt)
        by_principle.setdefault(attempt.quiz.principle, []).append(attempt)
        for outcome in attempt.wrong:
            for choice in outcome.wrong_choices():
                wrong[outcome.question.id, choice] += 1
    quiz_order = sorted(
        by_quiz, key=lambda q: (book.course.principle_sort_key(book.course.quizzes[q].principle), q)
    )
    questions = [
        q for quiz_id in quiz_order for q in _question_stats(by_quiz[quiz_id], texts, wrong)
    ]
    return CohortReport(
        language=texts.language,
        learners=len({attempt.learner_key for attempt in book.attempts}),
        attempts=len(book.attempts),
        passed=sum(attempt.passed for attempt in book.attempts),
        answers=book.answers,
        graded=book.graded,
        rejected=book.rejected,
        principles=[
            _group(p, principle_name(p), by_principle[p])
            for p in sorted(by_principle, key=book.course.principle_sort_key)
        ],
        quizzes=[
            _group(q, texts.text(book.course.quizzes[q].title), by_quiz[q]) for q in quiz_order
        ],
        questions=questions,
        older_versions=len(book.older_versions),
        blank=book.blank,
        tool_version=__version__,
        course_version=course_version(book.course),
    )


# -- formatting ----------------------------------------------------------------------


def pct(value: float | None) -> str:
    """A percentage to show (``72%``), or a dash when there is none."""
    return "—" if value is None else f"{round(value)}%"


def share(value: float | None) -> str:
    """A share (0 to 1) to show as a percentage."""
    return "—" if value is None else f"{round(100 * value)}%"


def corr(value: float | None) -> str:
    """A correlation to show, two decimals, or a dash."""
    if value is None:
        return "—"
    shown = f"{value:.2f}"
    return "0.00" if shown == "-0.00" else shown


def _wrong_summary(stats: QuestionStats) -> str:
    return "; ".join(f"{w.text} ({w.count})" for w in stats.wrong_choices)


def overview(report: CohortReport, _: Translator) -> list[tuple[str, str]]:
    """The report's headline figures as (label, value) pairs."""
    return [
        (_("Learners"), f"{report.learners:,}"),
        (_("Attempts"), f"{report.attempts:,}"),
        (_("Pass rate"), share(report.pass_rate)),
        (_("Answers graded"), f"{report.graded:,} / {report.answers:,}"),
        (_("Answers rejected"), f"{report.rejected:,}"),
        (_("Blank rows"), f"{report.blank:,}"),
        (_("Tool version"), report.tool_version),
        (_("Course version"), report.course_version),
    ]


def render_text(report: CohortReport, _: Translator) -> str:
    """Plain text for a terminal."""
    lines = [_("Cohort report"), ""]
    lines += [f"{label}: {value}" for label, value in overview(report, _)]
    lines += ["", _("Mean score by principle")]
    lines += [
        f"  {g.title:<32} {pct(g.mean_percent):>5}  {_('pass rate')} {share(g.pass_rate)}  ({g.attempts})"
        for g in report.principles
    ]
    lines += ["", _("Questions")]
    for q in report.questions:
        lines.append(
            f"  {q.question:<24} {_('facility')} {share(q.facility):>5}  {_('discrimination')} {corr(q.discrimination):>5}"
        )
        if q.wrong_choices:
            lines.append(f"    {_('most-chosen wrong options')}: {_wrong_summary(q)}")
    return "\n".join(lines) + "\n"


QUESTION_CSV_HEADER = (
    "quiz",
    "question",
    "number",
    "type",
    "stem",
    "attempts",
    "right",
    "facility_percent",
    "discrimination",
    "wrong_option_1",
    "wrong_option_1_count",
    "wrong_option_2",
    "wrong_option_2_count",
    "wrong_option_3",
    "wrong_option_3_count",
    "tool_version",
    "course_version",
)


def render_csv(report: CohortReport, _: Translator) -> str:
    """One row per question (formula-safe; the header is the same in every language)."""
    rows: list[list[object]] = []
    for q in report.questions:
        row: list[object] = [
            q.quiz,
            q.question,
            q.number,
            q.type,
            q.stem,
            q.attempts,
            q.right,
            "" if q.facility is None else round(100 * q.facility, 1),
            "" if q.discrimination is None else round(q.discrimination, 3),
        ]
        for index in range(TOP_WRONG_OPTIONS):
            if index < len(q.wrong_choices):
                row += [q.wrong_choices[index].text, q.wrong_choices[index].count]
            else:
                row += ["", ""]
        rows.append([*row, report.tool_version, report.course_version])
    return csv_text(QUESTION_CSV_HEADER, rows)


def render_json(report: CohortReport, _: Translator) -> str:
    """The report as JSON."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_report(report: CohortReport, output_format: str, _: Translator) -> str:
    """The report in one of :data:`REPORT_FORMATS`, its words in the translator's language."""
    from .report_html import render_html  # the HTML page needs the figures defined here

    renderers = {"text": render_text, "html": render_html, "csv": render_csv, "json": render_json}
    return renderers[output_format](report, _)
