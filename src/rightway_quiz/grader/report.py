"""A cohort report for refresher training: pass rates, means by principle, item statistics.

Per question: *facility* (the share of attempts that got it right) and
*discrimination*, the corrected point-biserial correlation between getting the
question right and the score on the quiz's other questions (−1 to 1; below 0.2
the question tells strong and weak learners apart poorly, below 0 the wrong
way round). Every attempt counts, retakes included; unanswered counts as wrong.

Rendered as a self-contained accessible HTML page (inline CSS, SVG bar charts,
each beside a table of the same figures), CSV (one row per question), JSON or
plain text. The report holds no learner names.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import __version__
from ..course.course import ContentTranslations, course_version, principle_sort_key
from ..course.model import Question
from ._output import csv_text, html_page, html_text
from .grading import Attempt, Gradebook
from .messages import _
from .principles import principle_name

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
    quiz = attempts[0].quiz
    scores = [attempt.score for attempt in attempts]
    stats: list[QuestionStats] = []
    for position, question in enumerate(quiz.questions):
        right = [attempt.correct >> position & 1 for attempt in attempts]
        rest = [score - x for score, x in zip(scores, right, strict=True)]
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
                attempts=len(attempts),
                right=sum(right),
                facility=sum(right) / len(attempts),
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
        by_quiz, key=lambda q: (principle_sort_key(book.course.quizzes[q].principle), q)
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
            for p in sorted(by_principle, key=principle_sort_key)
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


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value)}%"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


def _corr(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{value:.2f}"
    return "0.00" if shown == "-0.00" else shown


def _wrong_summary(stats: QuestionStats) -> str:
    return "; ".join(f"{w.text} ({w.count})" for w in stats.wrong_choices)


def _overview(report: CohortReport) -> list[tuple[str, str]]:
    return [
        (_("Learners"), f"{report.learners:,}"),
        (_("Attempts"), f"{report.attempts:,}"),
        (_("Pass rate"), _share(report.pass_rate)),
        (_("Answers graded"), f"{report.graded:,} / {report.answers:,}"),
        (_("Answers rejected"), f"{report.rejected:,}"),
        (_("Blank rows"), f"{report.blank:,}"),
        (_("Tool version"), report.tool_version),
        (_("Course version"), report.course_version),
    ]


def render_text(report: CohortReport) -> str:
    """Plain text for a terminal."""
    lines = [_("Cohort report"), ""]
    lines += [f"{label}: {value}" for label, value in _overview(report)]
    lines += ["", _("Mean score by principle")]
    lines += [
        f"  {g.title:<32} {_pct(g.mean_percent):>5}  {_('pass rate')} {_share(g.pass_rate)}  ({g.attempts})"
        for g in report.principles
    ]
    lines += ["", _("Questions")]
    for q in report.questions:
        lines.append(
            f"  {q.question:<24} {_('facility')} {_share(q.facility):>5}  {_('discrimination')} {_corr(q.discrimination):>5}"
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


def render_csv(report: CohortReport) -> str:
    """One row per question (formula-safe)."""
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


def render_json(report: CohortReport) -> str:
    """The report as JSON."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


# -- HTML and SVG ----------------------------------------------------------------------------

BAR_COLOUR = "#1f5f8b"
PASS_LINE_COLOUR = "#a4000f"


def bar_chart_svg(
    chart_id: str, title: str, description: str, bars: list[tuple[str, float | None]]
) -> str:
    """A horizontal bar chart of percentages (0–100) as inline SVG, named by its title and description."""
    h = html_text
    label_width, bar_width, row_height, top = 210, 300, 26, 8
    width = label_width + bar_width + 60
    height = top + row_height * len(bars) + 24
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{h(title)}</title><desc id="{chart_id}-desc">{h(description)}</desc>',
    ]
    for tick in (0, 50, 100):
        x = label_width + bar_width * tick / 100
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 20}" stroke="#8c959f" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{height - 6}" font-size="12" text-anchor="middle" fill="#1b1b1b">{tick}%</text>'
        )
    for index, (label, value) in enumerate(bars):
        y = top + index * row_height
        shown = label if len(label) <= 30 else label[:29] + "…"
        out.append(
            f'<text x="{label_width - 8}" y="{y + 17}" font-size="13" text-anchor="end" fill="#1b1b1b">{h(shown)}</text>'
        )
        if value is not None:
            length = bar_width * max(0.0, min(value, 100.0)) / 100
            out.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" fill="{BAR_COLOUR}"/>'
                f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" font-size="12" fill="#1b1b1b">{round(value)}%</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _table_html(caption: str, header: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    h = html_text
    number = ' class="number"'

    def cell(index: int, value: str) -> str:
        if index == 0:
            return f'<th scope="row">{h(value)}</th>'
        return f"<td{number if index in numeric else ''}>{h(value)}</td>"

    head = "".join(
        f'<th scope="col"{number if i in numeric else ""}>{h(name)}</th>'
        for i, name in enumerate(header)
    )
    body = "".join(
        "<tr>" + "".join(cell(i, value) for i, value in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><caption>{h(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart_section(section_id: str, heading: str, chart: str, table: str, note: str) -> str:
    h = html_text
    return (
        f'<section aria-labelledby="{section_id}"><h2 id="{section_id}">{h(heading)}</h2>'
        f'<p class="note">{h(note)}</p><div class="chart"><figure>{chart}</figure><div>{table}</div></div></section>'
    )


def render_html(report: CohortReport) -> str:
    """A self-contained, accessible HTML report: SVG charts, each beside a table of its figures."""
    h = html_text
    title = _("Cohort report")
    parts = [f"<h1>{h(title)}</h1>", '<ul class="summary">']
    parts += [
        f"<li><strong>{h(label)}</strong>: {h(value)}</li>" for label, value in _overview(report)
    ]
    parts.append("</ul>")
    if report.older_versions:
        parts.append(
            f'<p class="note">{h(_("Answer files made against an older version of a quiz, not marked: {count}").format(count=report.older_versions))}</p>'
        )
    principle_chart = bar_chart_svg(
        "chart-principles",
        _("Mean score by principle"),
        _(
            "Bar chart of the mean score in percent for each principle; the same figures are in the table beside it."
        ),
        [(g.title, g.mean_percent) for g in report.principles],
    )
    principle_table = _table_html(
        _("Mean score and pass rate by principle"),
        [_("Principle"), _("Attempts"), _("Mean score"), _("Pass rate")],
        [
            [g.title, f"{g.attempts:,}", _pct(g.mean_percent), _share(g.pass_rate)]
            for g in report.principles
        ],
        {1, 2, 3},
    )
    parts.append(
        _chart_section(
            "principles",
            _("Mean score by principle"),
            principle_chart,
            principle_table,
            _("Every attempt counts, retakes included."),
        )
    )
    facility_chart = bar_chart_svg(
        "chart-facility",
        _("Facility by question"),
        _(
            "Bar chart of the percentage of attempts that got each question right; the same figures are in the table beside it."
        ),
        [(q.question, None if q.facility is None else 100 * q.facility) for q in report.questions],
    )
    facility_table = _table_html(
        _("Facility and discrimination by question"),
        [_("Question"), _("Attempts"), _("Facility"), _("Discrimination")],
        [
            [q.question, f"{q.attempts:,}", _share(q.facility), _corr(q.discrimination)]
            for q in report.questions
        ],
        {1, 2, 3},
    )
    parts.append(
        _chart_section(
            "questions",
            _("Facility by question"),
            facility_chart,
            facility_table,
            _(
                "Facility: the share of attempts that got the question right. Discrimination: how well the question "
                "separates stronger from weaker attempts (−1 to 1); below 0.2 is worth a look."
            ),
        )
    )
    wrong_rows = [
        [q.question, q.stem, w.text, f"{w.count:,}"]
        for q in report.questions
        for w in q.wrong_choices
    ]
    parts.append(
        f'<section aria-labelledby="wrong"><h2 id="wrong">{h(_("Most-chosen wrong options"))}</h2>'
        + (
            _table_html(
                _("Wrong options chosen most often, by question"),
                [_("Question"), _("Stem"), _("Wrong option"), _("Times chosen")],
                wrong_rows,
                {3},
            )
            if wrong_rows
            else f"<p>{h(_('No wrong options were chosen.'))}</p>"
        )
        + "</section>"
    )
    return html_page(report.language, title, "\n".join(parts))


def render_report(report: CohortReport, output_format: str) -> str:
    """The report in one of :data:`REPORT_FORMATS`."""
    renderers = {"text": render_text, "html": render_html, "csv": render_csv, "json": render_json}
    return renderers[output_format](report)
