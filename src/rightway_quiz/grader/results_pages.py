"""``grade`` results as pages: a Markdown record per learner, or a self-contained HTML page.

Every learner and course text is escaped: nothing in an answer file becomes markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._output import html_page, html_text, markdown_text
from .gradebook import Gradebook
from .messages import _, current_language
from .naming import Namer
from .results import Record, article_list, counts_of, versions_line, yes_no


def render_markdown(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer
) -> Iterator[str]:
    """A Markdown record per learner, for a supervision file; all text is escaped."""
    m = markdown_text
    yield f"# {_('Quiz results')}\n\n{m(counts_of(meta))}\n\n{m(versions_line(meta))}\n\n"
    for learner in learners:
        out = [f"## {m(learner['learner'])}", ""]
        out += [
            f"| {_('Quiz')} | {_('Score')} | {_('Percent')} | {_('Result')} |",
            "| --- | ---: | ---: | --- |",
        ]
        out += [
            f"| {m(q['title'])} | {q['score']}/{q['out_of']} | {q['percent']}% | {yes_no(q['passed'])} |"
            for q in learner["quizzes"]
        ]
        out.append("")
        for quiz in learner["quizzes"]:
            if not quiz["missed"]:
                continue
            out += [f"### {m(_('Missed in {quiz}:').format(quiz=quiz['title']))}", ""]
            for missed in quiz["missed"]:
                out.append(f"{missed['number']}. **{m(missed['stem'])}**")
                out.append(f"   - {m(_('Answer: {answer}').format(answer=missed['answer']))}")
                out += [f"   - {m(text)}" for text in missed["feedback"]]
                out.append(
                    f"   - {m(_('Why: {explanation}').format(explanation=missed['explanation']))}"
                )
            out.append("")
        if learner["articles"]:
            articles = _("Articles to talk about: {articles}").format(
                articles=article_list(learner["articles"])
            )
            out += [m(articles), ""]
        yield "\n".join(out) + "\n"
    if meta["older_versions"]:
        out = [f"## {m(_('Not marked: answers made against an older version of the quiz:'))}", ""]
        out += [
            f"- {m(e['learner'])}: {m(e['quiz'])} ({m(e['source'])})"
            for e in meta["older_versions"]
        ]
        yield "\n".join(out) + "\n"


def _html_learner(index: int, learner: Record) -> str:
    h = html_text
    parts = [
        f'<section aria-labelledby="learner-{index}"><h2 id="learner-{index}">{h(learner["learner"])}</h2>',
        f"<table><caption>{h(_('Scores'))}</caption><thead><tr>"
        f'<th scope="col">{h(_("Quiz"))}</th><th scope="col" class="number">{h(_("Score"))}</th>'
        f'<th scope="col" class="number">{h(_("Percent"))}</th><th scope="col">{h(_("Result"))}</th></tr></thead><tbody>',
    ]
    for quiz in learner["quizzes"]:
        css = "passed" if quiz["passed"] else "not-passed"
        parts.append(
            f'<tr><th scope="row">{h(quiz["title"])}</th><td class="number">{quiz["score"]}/{quiz["out_of"]}</td>'
            f'<td class="number">{quiz["percent"]}%</td><td class="{css}">{h(yes_no(quiz["passed"]))}</td></tr>'
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
        articles = _("Articles to talk about: {articles}").format(
            articles=article_list(learner["articles"])
        )
        parts.append(f"<p>{h(articles)}</p>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def render_html(
    book: Gradebook, meta: Record, learners: Iterator[Record], namer: Namer
) -> Iterator[str]:
    """A self-contained, accessible page; every learner and course text is escaped."""
    h = html_text
    page_start, page_end = html_page(
        meta["language"] or current_language(), _("Quiz results"), "\0"
    ).split("\0")
    yield (
        page_start
        + f"<h1>{h(_('Quiz results'))}</h1>\n<p>{h(counts_of(meta))}</p>\n"
        + f'<p class="note">{h(versions_line(meta))}</p>\n'
    )
    for index, learner in enumerate(learners, 1):
        yield _html_learner(index, learner)
    if meta["older_versions"]:
        yield (
            f"<h2>{h(_('Not marked: answers made against an older version of the quiz:'))}</h2><ul>"
            + "".join(
                f"<li>{h(e['learner'])}: {h(e['quiz'])} ({h(e['source'])})</li>"
                for e in meta["older_versions"]
            )
            + "</ul>\n"
        )
    yield page_end
