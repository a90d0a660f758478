"""The cohort report as a self-contained, accessible HTML page: SVG charts beside tables."""

from __future__ import annotations

from ._output import html_page, html_text
from .messages import _
from .report import CohortReport, corr, overview, pct, share

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
        f"<li><strong>{h(label)}</strong>: {h(value)}</li>" for label, value in overview(report)
    ]
    parts.append("</ul>")
    if report.older_versions:
        parts.append(
            f'<p class="note">{h(_("Answer files made against an older version of a quiz, not marked: {count}").format(count=report.older_versions))}</p>'
        )
    parts.append(_principles_section(report))
    parts.append(_questions_section(report))
    parts.append(_wrong_section(report))
    return html_page(report.language, title, "\n".join(parts))


def _principles_section(report: CohortReport) -> str:
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
            [g.title, f"{g.attempts:,}", pct(g.mean_percent), share(g.pass_rate)]
            for g in report.principles
        ],
        {1, 2, 3},
    )
    return _chart_section(
        "principles",
        _("Mean score by principle"),
        principle_chart,
        principle_table,
        _("Every attempt counts, retakes included."),
    )


def _questions_section(report: CohortReport) -> str:
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
            [q.question, f"{q.attempts:,}", share(q.facility), corr(q.discrimination)]
            for q in report.questions
        ],
        {1, 2, 3},
    )
    return _chart_section(
        "questions",
        _("Facility by question"),
        facility_chart,
        facility_table,
        _(
            "Facility: the share of attempts that got the question right. Discrimination: how well the question "
            "separates stronger from weaker attempts (−1 to 1); below 0.2 is worth a look."
        ),
    )


def _wrong_section(report: CohortReport) -> str:
    h = html_text
    wrong_rows = [
        [q.question, q.stem, w.text, f"{w.count:,}"]
        for q in report.questions
        for w in q.wrong_choices
    ]
    return (
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
