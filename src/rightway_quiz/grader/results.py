"""Each learner's results, for ``grade``: a terminal table, CSV, JSON, Markdown or HTML.

``learner_records`` turns a gradebook into plain data in the chosen language
(course text from the page catalogs, interface text from the tool's catalog);
every format is rendered from those records, so they always agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..course.course import ContentTranslations, Course
from ._output import terminal_text
from .gradebook import Attempt, Gradebook, LearnerResult
from .marking import Outcome
from .messages import Translator, _
from .naming import Namer
from .principles import principle_name
from .results_csv import render_csv_rows

if TYPE_CHECKING:
    from ..course.model import Question

__all__ = ["FORMATS", "Namer", "counts_line", "grades_document", "missed_lines", "render"]

FORMATS = ("table", "csv", "json", "md", "html")
Record = dict[str, Any]


def _answer_lines(
    question: Question, outcome: Outcome | None, texts: ContentTranslations
) -> tuple[str, list[str]]:
    """What the learner answered, in words, and the feedback on it."""
    if outcome is None or not outcome.answered:
        return _("not answered"), []
    options = {option.id: option for option in question.options}
    if isinstance(outcome.response, dict):
        items = {item.id: item for item in question.items}
        said = "; ".join(
            f"{texts.text(items[item].text)} → {texts.text(options[option].text)}"
            for item, option in outcome.response.items()
        )
        key = question.correct_response()
        assert isinstance(key, dict)
        wrong = [option for item, option in outcome.response.items() if key.get(item) != option]
        return said, [texts.block(options[option].feedback) for option in dict.fromkeys(wrong)]
    said = "; ".join(texts.text(options[option].text) for option in outcome.response)
    return said, [texts.block(options[option].feedback) for option in outcome.response]


def _missed_record(
    question: Question, number: int, outcome: Outcome | None, texts: ContentTranslations
) -> Record:
    answer, feedback = _answer_lines(question, outcome, texts)
    return {
        "question": question.id,
        "number": number,
        "stem": texts.text(question.stem),
        "answer": answer,
        "feedback": feedback,
        "explanation": texts.block(question.explanation),
        "articles": list(question.articles),
    }


def _missed(
    attempt: Attempt, texts: ContentTranslations, seen: dict[object, Record] | None = None
) -> list[Record]:
    """The attempt's missed questions; ``seen`` shares records between learners who gave
    the same response (outcomes are shared), so a large cohort is described quickly."""
    seen = {} if seen is None else seen
    numbers = {question.id: index + 1 for index, question in enumerate(attempt.quiz.questions)}
    records: list[Record] = []
    for question, outcome in attempt.missed():
        key: object = outcome if outcome is not None else question.id
        record = seen.get(key)
        if record is None:
            record = seen[key] = _missed_record(question, numbers[question.id], outcome, texts)
        records.append(record)
    return records


def _articles(course: Course, numbers: list[int], texts: ContentTranslations) -> list[Record]:
    return [
        {"number": n, "title": texts.text(course.articles[n].title) if n in course.articles else ""}
        for n in numbers
    ]


def learner_record(
    learner: LearnerResult,
    course: Course,
    texts: ContentTranslations,
    namer: Namer,
    seen: dict[object, Record] | None = None,
) -> Record:
    """One learner's results as plain data."""
    return {
        "learner": namer(learner.learner),
        "quizzes": [
            {
                "quiz": attempt.quiz.id,
                "title": texts.text(attempt.quiz.title),
                "principle": attempt.quiz.principle,
                "source": namer.source(attempt.source),
                "quiz_version": attempt.key.version,
                "submitted_at": attempt.submitted_at,
                "score": attempt.score,
                "out_of": attempt.out_of,
                "percent": attempt.percent,
                "pass_mark": attempt.quiz.pass_mark,
                "passed": attempt.passed,
                "missed": _missed(attempt, texts, seen),
            }
            for attempt in learner.attempts
        ],
        "principles": [
            {
                "principle": result.principle,
                "name": principle_name(result.principle),
                "score": result.score,
                "out_of": result.out_of,
                "percent": result.percent,
                "passed": result.passed,
            }
            for result in learner.principles()
        ],
        "articles": _articles(course, learner.articles_to_discuss(), texts),
    }


def grades_meta(book: Gradebook, texts: ContentTranslations, namer: Namer) -> Record:
    """Everything about a run except the learners: counts, answers not marked and why."""
    return {
        "format": "rightway-grades",
        "format_version": 1,
        "tool_version": __version__,
        "course_version": book.facts.version,
        "language": texts.language,
        "counts": {
            "answers": book.answers,
            "graded": book.graded,
            "rejected": book.rejected,
            "blank": book.blank,
        },
        "older_versions": [
            {
                "learner": namer(attempt.learner),
                "quiz": attempt.key.id,
                "source": namer.source(attempt.source),
                "submitted_at": attempt.submitted_at,
            }
            for attempt in book.older_versions
        ],
        "rejected": [
            {
                "source": namer.source(r.source),
                "unit": r.unit,
                "number": r.number,
                "reason": namer.reason(r),
            }
            for r in book.rejections
        ],
        #: Only the first rejections are listed: this says when the list is cut.
        "rejected_listed_all": not book.rejections_cut,
        "file_errors": [
            namer.source(str(error.path)) + ": " + error.message
            if namer.pseudonymise
            else str(error)
            for error in book.file_errors
        ],
        "warnings": [] if namer.pseudonymise else list(book.warnings),
    }


def learner_records(
    book: Gradebook,
    texts: ContentTranslations,
    namer: Namer,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Record]:
    """Each learner's record in turn: a large cohort is never held as records all at once.

    ``progress(done, total)`` is told each time a record has been used."""
    seen: dict[object, Record] = {}
    learners = book.learners()
    for done, learner in enumerate(learners, 1):
        yield learner_record(learner, book.course, texts, namer, seen)
        if progress is not None:
            progress(done, len(learners))


def grades_document(book: Gradebook, texts: ContentTranslations, namer: Namer) -> Record:
    """The whole run as plain data (the ``json`` format): counts, learners, what was not marked."""
    meta = grades_meta(book, texts, namer)
    return {**meta, "learners": list(learner_records(book, texts, namer))}


def yes_no(passed: bool, _: Translator) -> str:
    """``passed`` or ``not passed`` in the translator's language."""
    return _("passed") if passed else _("not passed")


def counts_line(book: Gradebook, _: Translator) -> str:
    """``Answers read: 10; graded: 7; rejected: 2; blank: 1.`` (they always add up)."""
    return _counts(_, book.answers, book.graded, book.rejected, book.blank)


def _counts(_: Translator, answers: int, graded: int, rejected: int, blank: int = 0) -> str:
    return _(
        "Answers read: {answers}; graded: {graded}; rejected: {rejected}; blank: {blank}."
    ).format(
        answers=f"{answers:,}", graded=f"{graded:,}", rejected=f"{rejected:,}", blank=f"{blank:,}"
    )


def counts_of(meta: Record, _: Translator) -> str:
    """The counts line of a run's metadata."""
    return _counts(_, **meta["counts"])


def versions_line(meta: Record, _: Translator) -> str:
    """Which tool and which version of the course's quizzes made these results."""
    return _("Marked by rightway-quiz {tool}; course version {course}.").format(
        tool=meta["tool_version"], course=meta["course_version"]
    )


def article_list(articles: list[Record], _: Translator) -> str:
    """Articles as ``Article 12 (title), …``."""
    return ", ".join(
        _("Article {number}").format(number=a["number"])
        + (f" ({a['title']})" if a["title"] else "")
        for a in articles
    )


# -- terminal -------------------------------------------------------------------------


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        for row in [header, ["-" * width for width in widths], *rows]
    ]


def render_table(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer, _: Translator
) -> Iterator[str]:
    """Plain text for a terminal: a table of every attempt, then each learner's missed questions."""
    header = [_("Learner"), _("Quiz"), _("Score"), _("Percent"), _("Result")]
    rows = [
        [
            terminal_text(namer(a.learner)),
            a.quiz.id,
            f"{a.score}/{a.out_of}",
            f"{a.percent}%",
            yes_no(a.passed, _),
        ]
        for a in book.attempts
    ]
    yield "\n".join(_aligned(header, rows) if rows else [_("No answers were graded.")]) + "\n"
    for learner in learners:
        lines = ["", f"== {terminal_text(learner['learner'])} =="]
        for principle in learner["principles"]:
            lines.append(
                _("Principle {principle}: {score}/{out_of} ({percent}%), {result}").format(
                    principle=principle["name"],
                    score=principle["score"],
                    out_of=principle["out_of"],
                    percent=principle["percent"],
                    result=yes_no(principle["passed"], _),
                )
            )
        for quiz in learner["quizzes"]:
            if quiz["missed"]:
                lines.append(_("Missed in {quiz}:").format(quiz=quiz["title"]))
                lines += missed_lines(quiz["missed"], _)
        if learner["articles"]:
            lines.append(
                _("Articles to talk about: {articles}").format(
                    articles=article_list(learner["articles"], _)
                )
            )
        yield "\n".join(lines) + "\n"
    if meta["older_versions"]:
        lines = ["", _("Not marked: answers made against an older version of the quiz:")]
        lines += [
            terminal_text(f"  {e['learner']}: {e['quiz']} ({e['source']})")
            for e in meta["older_versions"]
        ]
        yield "\n".join(lines) + "\n"


def missed_lines(missed: list[Record], _: Translator) -> list[str]:
    """Missed questions as indented plain text: the answer, its feedback, why."""
    lines: list[str] = []
    for entry in missed:
        lines.append(f"  {entry['number']}. {entry['stem']}")
        lines.append("     " + _("Answer: {answer}").format(answer=entry["answer"]))
        lines += [f"     - {text}" for text in entry["feedback"]]
        lines.append("     " + _("Why: {explanation}").format(explanation=entry["explanation"]))
    return lines


# -- JSON --------------------------------------------------------------------------------


def render_json(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer, _: Translator
) -> Iterator[str]:
    """The ``grades_document`` as JSON, written learner by learner."""

    def field(key: str) -> str:
        return f"  {json.dumps(key)}: {json.dumps(meta[key], ensure_ascii=False)}"

    head = ("format", "format_version", "tool_version", "course_version", "language", "counts")
    yield "{\n" + ",\n".join(field(k) for k in head)
    yield ',\n  "learners": ['
    for index, learner in enumerate(learners):
        yield ("," if index else "") + "\n    " + json.dumps(learner, ensure_ascii=False)
    tail = ("older_versions", "rejected", "rejected_listed_all", "file_errors", "warnings")
    yield "\n  ],\n" + ",\n".join(field(k) for k in tail)
    yield "\n}\n"


def render_csv_results(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer, _: Translator
) -> Iterator[str]:
    """One row per learner and quiz, then per learner and principle (``scope`` says which).

    Its header and words still come from the ``_()`` shim (see :mod:`.messages`)."""
    return render_csv_rows(book, namer)


Renderer = Callable[[Gradebook, Record, Iterator[Record], Namer, Translator], Iterator[str]]


def _renderer(output_format: str) -> Renderer:
    """The format's renderer; the page formats (:mod:`.results_pages`, and so Jinja2) are
    imported only when asked for: grading to CSV or JSON does without them."""
    if output_format in ("md", "html"):
        from .results_pages import render_html, render_markdown

        return render_markdown if output_format == "md" else render_html
    formats: dict[str, Renderer] = {
        "table": render_table,
        "csv": render_csv_results,
        "json": render_json,
    }
    return formats[output_format]


def render(
    book: Gradebook,
    texts: ContentTranslations,
    namer: Namer,
    output_format: str,
    _: Translator,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[str]:
    """The results in one of :data:`FORMATS`, in pieces, one learner at a time, in the
    translator's language; ``progress(done, total)`` counts learners written (not for CSV,
    which is written from the gradebook in a moment)."""
    meta = grades_meta(book, texts, namer)
    learners = learner_records(book, texts, namer, progress)
    return _renderer(output_format)(book, meta, learners, namer, _)
