"""Each learner's results, for ``grade``: a terminal table, CSV, JSON, Markdown or HTML.

``learner_records`` turns a gradebook into plain data in the chosen language
(course text from the page catalogs, interface text from the tool's catalog);
every format is rendered from those records, so they always agree.
"""

from __future__ import annotations

from typing import Any

from ._messages import _, current_language
from ._output import csv_text, html_page, html_text, markdown_text, pseudonym
from .grading import Attempt, Gradebook, LearnerResult, Outcome
from .model import Question
from .sources import ContentTranslations, Course

FORMATS = ("table", "csv", "json", "md", "html")
Record = dict[str, Any]


class Namer:
    """Learner names as given, or stable codes with ``--pseudonymise``."""

    def __init__(self, pseudonymise: bool = False, salt: str = "") -> None:
        self.pseudonymise = pseudonymise
        self.salt = salt

    def __call__(self, name: str) -> str:
        return pseudonym(name, self.salt) if self.pseudonymise else name


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


def _missed(attempt: Attempt, texts: ContentTranslations) -> list[Record]:
    numbers = {question.id: index + 1 for index, question in enumerate(attempt.quiz.questions)}
    missed: list[Record] = []
    for question, outcome in attempt.missed():
        answer, feedback = _answer_lines(question, outcome, texts)
        missed.append(
            {
                "question": question.id,
                "number": numbers[question.id],
                "stem": texts.text(question.stem),
                "answer": answer,
                "feedback": feedback,
                "explanation": texts.block(question.explanation),
                "articles": list(question.articles),
            }
        )
    return missed


def _articles(course: Course, numbers: list[int], texts: ContentTranslations) -> list[Record]:
    return [
        {"number": n, "title": texts.text(course.articles[n].title) if n in course.articles else ""}
        for n in numbers
    ]


def learner_record(
    learner: LearnerResult, course: Course, texts: ContentTranslations, namer: Namer
) -> Record:
    """One learner's results as plain data."""
    return {
        "learner": namer(learner.learner),
        "quizzes": [
            {
                "quiz": attempt.quiz.id,
                "title": texts.text(attempt.quiz.title),
                "principle": attempt.quiz.principle,
                "source": attempt.source,
                "quiz_version": attempt.key.version,
                "submitted_at": attempt.submitted_at,
                "score": attempt.score,
                "out_of": attempt.out_of,
                "percent": attempt.percent,
                "pass_mark": attempt.quiz.pass_mark,
                "passed": attempt.passed,
                "missed": _missed(attempt, texts),
            }
            for attempt in learner.attempts
        ],
        "principles": [
            {
                "principle": result.principle,
                "score": result.score,
                "out_of": result.out_of,
                "percent": result.percent,
                "passed": result.passed,
            }
            for result in learner.principles()
        ],
        "articles": _articles(course, learner.articles_to_discuss(), texts),
    }


def grades_document(book: Gradebook, texts: ContentTranslations, namer: Namer) -> Record:
    """The whole run as plain data: counts, learners, answers not marked and why."""
    return {
        "format": "rightway-grades",
        "format_version": 1,
        "language": texts.language,
        "counts": {"answers": book.answers, "graded": book.graded, "rejected": book.rejected},
        "learners": [
            learner_record(learner, book.course, texts, namer) for learner in book.learners()
        ],
        "older_versions": [
            {
                "learner": namer(attempt.learner),
                "quiz": attempt.quiz.id,
                "source": attempt.source,
                "submitted_at": attempt.submitted_at,
            }
            for attempt in book.older_versions
        ],
        "rejected": [
            {"source": r.source, "unit": r.unit, "number": r.number, "reason": r.reason}
            for r in book.rejections
        ],
        "file_errors": [str(error) for error in book.file_errors],
    }


def _yes_no(passed: bool) -> str:
    return _("passed") if passed else _("not passed")


def counts_line(book: Gradebook) -> str:
    """``Answers: 10; graded: 8; rejected: 2.`` (they always add up)."""
    return _("Answers read: {answers}; graded: {graded}; rejected: {rejected}.").format(
        answers=f"{book.answers:,}", graded=f"{book.graded:,}", rejected=f"{book.rejected:,}"
    )


# -- terminal -------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=False)).rstrip()
    ]
    lines.append("  ".join("-" * width for width in widths))
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        for row in rows
    ]
    return lines


def render_table(document: Record) -> str:
    """Plain text for a terminal: a summary table, then each learner's missed questions."""
    header = [_("Learner"), _("Quiz"), _("Score"), _("Percent"), _("Result")]
    rows = [
        [
            learner["learner"],
            quiz["quiz"],
            f"{quiz['score']}/{quiz['out_of']}",
            f"{quiz['percent']}%",
            _yes_no(quiz["passed"]),
        ]
        for learner in document["learners"]
        for quiz in learner["quizzes"]
    ]
    lines = _table(header, rows) if rows else [_("No answers were graded.")]
    for learner in document["learners"]:
        lines += ["", f"== {learner['learner']} =="]
        for principle in learner["principles"]:
            lines.append(
                _("Principle {principle}: {score}/{out_of} ({percent}%), {result}").format(
                    principle=principle["principle"],
                    score=principle["score"],
                    out_of=principle["out_of"],
                    percent=principle["percent"],
                    result=_yes_no(principle["passed"]),
                )
            )
        for quiz in learner["quizzes"]:
            if not quiz["missed"]:
                continue
            lines.append(_("Missed in {quiz}:").format(quiz=quiz["title"]))
            for missed in quiz["missed"]:
                lines.append(f"  {missed['number']}. {missed['stem']}")
                lines.append("     " + _("Answer: {answer}").format(answer=missed["answer"]))
                lines += [f"     - {text}" for text in missed["feedback"]]
                lines.append(
                    "     " + _("Why: {explanation}").format(explanation=missed["explanation"])
                )
        if learner["articles"]:
            lines.append(
                _("Articles to talk about: {articles}").format(
                    articles=_article_list(learner["articles"])
                )
            )
    if document["older_versions"]:
        lines += ["", _("Not marked: answers made against an older version of the quiz:")]
        lines += [
            f"  {entry['learner']}: {entry['quiz']} ({entry['source']})"
            for entry in document["older_versions"]
        ]
    return "\n".join(lines) + "\n"


def _article_list(articles: list[Record]) -> str:
    return ", ".join(
        _("Article {number}").format(number=a["number"])
        + (f" ({a['title']})" if a["title"] else "")
        for a in articles
    )


# -- CSV --------------------------------------------------------------------------------

CSV_HEADER = (
    "learner",
    "scope",
    "principle",
    "quiz",
    "score",
    "out_of",
    "percent",
    "pass_mark",
    "passed",
    "missed_questions",
    "articles",
    "source",
)


def render_csv(document: Record) -> str:
    """One row per learner and quiz, then per learner and principle (``scope`` says which)."""
    rows: list[list[object]] = []
    for learner in document["learners"]:
        for quiz in learner["quizzes"]:
            rows.append(
                [
                    learner["learner"],
                    "quiz",
                    quiz["principle"],
                    quiz["quiz"],
                    quiz["score"],
                    quiz["out_of"],
                    quiz["percent"],
                    quiz["pass_mark"],
                    "yes" if quiz["passed"] else "no",
                    " ".join(m["question"] for m in quiz["missed"]),
                    " ".join(
                        str(n) for n in sorted({n for m in quiz["missed"] for n in m["articles"]})
                    ),
                    quiz["source"],
                ]
            )
        for principle in learner["principles"]:
            rows.append(
                [
                    learner["learner"],
                    "principle",
                    principle["principle"],
                    "",
                    principle["score"],
                    principle["out_of"],
                    principle["percent"],
                    "",
                    "yes" if principle["passed"] else "no",
                    "",
                    "",
                    "",
                ]
            )
    return csv_text(CSV_HEADER, rows)


# -- Markdown -------------------------------------------------------------------------


def render_markdown(document: Record) -> str:
    """A Markdown record per learner, for a supervision file; all text is escaped."""
    out = [f"# {_('Quiz results')}", "", markdown_text(_counts_from(document)), ""]
    for learner in document["learners"]:
        out += [f"## {markdown_text(learner['learner'])}", ""]
        out += [
            f"| {_('Quiz')} | {_('Score')} | {_('Percent')} | {_('Result')} |",
            "| --- | ---: | ---: | --- |",
        ]
        out += [
            f"| {markdown_text(q['title'])} | {q['score']}/{q['out_of']} | {q['percent']}% | {_yes_no(q['passed'])} |"
            for q in learner["quizzes"]
        ]
        out.append("")
        for quiz in learner["quizzes"]:
            if not quiz["missed"]:
                continue
            out += [f"### {markdown_text(_('Missed in {quiz}:').format(quiz=quiz['title']))}", ""]
            for missed in quiz["missed"]:
                out.append(f"{missed['number']}. **{markdown_text(missed['stem'])}**")
                out.append(
                    f"   - {markdown_text(_('Answer: {answer}').format(answer=missed['answer']))}"
                )
                out += [f"   - {markdown_text(text)}" for text in missed["feedback"]]
                out.append(
                    f"   - {markdown_text(_('Why: {explanation}').format(explanation=missed['explanation']))}"
                )
            out.append("")
        if learner["articles"]:
            out += [
                markdown_text(
                    _("Articles to talk about: {articles}").format(
                        articles=_article_list(learner["articles"])
                    )
                ),
                "",
            ]
    if document["older_versions"]:
        out += [
            f"## {markdown_text(_('Not marked: answers made against an older version of the quiz:'))}",
            "",
        ]
        out += [
            f"- {markdown_text(e['learner'])}: {markdown_text(e['quiz'])} ({markdown_text(e['source'])})"
            for e in document["older_versions"]
        ]
        out.append("")
    return "\n".join(out)


def _counts_from(document: Record) -> str:
    counts = document["counts"]
    return _("Answers read: {answers}; graded: {graded}; rejected: {rejected}.").format(
        answers=f"{counts['answers']:,}",
        graded=f"{counts['graded']:,}",
        rejected=f"{counts['rejected']:,}",
    )


# -- HTML -------------------------------------------------------------------------------


def render_html(document: Record) -> str:
    """A self-contained, accessible page; every learner and course text is escaped."""
    h = html_text
    parts = [f"<h1>{h(_('Quiz results'))}</h1>", f"<p>{h(_counts_from(document))}</p>"]
    for index, learner in enumerate(document["learners"], 1):
        parts.append(
            f'<section aria-labelledby="learner-{index}"><h2 id="learner-{index}">{h(learner["learner"])}</h2>'
        )
        parts.append(
            f"<table><caption>{h(_('Scores'))}</caption><thead><tr>"
            f'<th scope="col">{h(_("Quiz"))}</th><th scope="col" class="number">{h(_("Score"))}</th>'
            f'<th scope="col" class="number">{h(_("Percent"))}</th><th scope="col">{h(_("Result"))}</th></tr></thead><tbody>'
        )
        for quiz in learner["quizzes"]:
            css = "passed" if quiz["passed"] else "not-passed"
            parts.append(
                f'<tr><th scope="row">{h(quiz["title"])}</th><td class="number">{quiz["score"]}/{quiz["out_of"]}</td>'
                f'<td class="number">{quiz["percent"]}%</td><td class="{css}">{h(_yes_no(quiz["passed"]))}</td></tr>'
            )
        parts.append("</tbody></table>")
        for quiz in learner["quizzes"]:
            if not quiz["missed"]:
                continue
            parts.append(
                f'<h3>{h(_("Missed in {quiz}:").format(quiz=quiz["title"]))}</h3><ol class="missed">'
            )
            for missed in quiz["missed"]:
                feedback = "".join(f"<li>{h(text)}</li>" for text in missed["feedback"])
                parts.append(
                    f'<li value="{missed["number"]}"><p><strong>{h(missed["stem"])}</strong></p><ul>'
                    f"<li>{h(_('Answer: {answer}').format(answer=missed['answer']))}</li>{feedback}"
                    f"<li>{h(_('Why: {explanation}').format(explanation=missed['explanation']))}</li></ul></li>"
                )
            parts.append("</ol>")
        if learner["articles"]:
            parts.append(
                f"<p>{h(_('Articles to talk about: {articles}').format(articles=_article_list(learner['articles'])))}</p>"
            )
        parts.append("</section>")
    if document["older_versions"]:
        parts.append(
            f"<h2>{h(_('Not marked: answers made against an older version of the quiz:'))}</h2><ul>"
        )
        parts += [
            f"<li>{h(e['learner'])}: {h(e['quiz'])} ({h(e['source'])})</li>"
            for e in document["older_versions"]
        ]
        parts.append("</ul>")
    return html_page(
        document["language"] or current_language(), _("Quiz results"), "\n".join(parts)
    )


def render(document: Record, output_format: str) -> str:
    """The document in one of :data:`FORMATS` (``json`` is the document itself)."""
    import json

    if output_format == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    renderers = {
        "table": render_table,
        "csv": render_csv,
        "md": render_markdown,
        "html": render_html,
    }
    return renderers[output_format](document)
