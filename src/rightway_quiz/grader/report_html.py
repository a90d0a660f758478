"""The cohort report as a self-contained, accessible HTML page: SVG charts beside tables.

The page is ``templates/report.html.j2``; this module works out what it shows:
the charts' geometry and the tables' rows, as already formatted text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import Translator
from .report import CohortReport, corr, overview, pct, share
from .templating import _environment, render

BAR_COLOUR = "#1f5f8b"
PASS_LINE_COLOUR = "#a4000f"
_LABEL_WIDTH, _BAR_WIDTH, _ROW_HEIGHT, _TOP = 210, 300, 26, 8
_LONGEST_LABEL = 30


@dataclass(frozen=True)
class Tick:
    """A grid line of a bar chart at ``percent``; ``x`` as printed."""

    x: str
    percent: int


@dataclass(frozen=True)
class Bar:
    """One bar: its label (shortened), top edge, length and value label (no value: no bar)."""

    label: str
    y: int
    length: str | None = None
    value_x: str = ""
    percent: int = 0


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of percentages (0–100), laid out for ``report_parts.html.j2``."""

    ticks: list[Tick]
    bars: list[Bar]
    width: int = _LABEL_WIDTH + _BAR_WIDTH + 60
    height: int = _TOP + 24
    top: int = _TOP
    label_width: int = _LABEL_WIDTH
    row_height: int = _ROW_HEIGHT
    colour: str = BAR_COLOUR


def bar_chart(bars: list[tuple[str, float | None]]) -> BarChart:
    """The layout of a bar chart of ``(label, percent or None)``."""
    ticks = [Tick(f"{_LABEL_WIDTH + _BAR_WIDTH * tick / 100:.1f}", tick) for tick in (0, 50, 100)]
    laid_out = []
    for index, (label, value) in enumerate(bars):
        y = _TOP + index * _ROW_HEIGHT
        shown = label if len(label) <= _LONGEST_LABEL else label[: _LONGEST_LABEL - 1] + "…"
        if value is None:
            laid_out.append(Bar(shown, y))
            continue
        length = _BAR_WIDTH * max(0.0, min(value, 100.0)) / 100
        value_x = f"{_LABEL_WIDTH + length + 6:.1f}"
        laid_out.append(Bar(shown, y, f"{length:.1f}", value_x, round(value)))
    return BarChart(ticks, laid_out, height=_TOP + _ROW_HEIGHT * len(bars) + 24)


def render_html(report: CohortReport, _: Translator) -> str:
    """A self-contained, accessible HTML report: SVG charts, each beside a table of its figures."""
    return render(
        "report.html.j2",
        _,
        language=report.language,
        title=_("Cohort report"),
        overview=overview(report, _),
        older_versions=report.older_versions,
        principle_chart=bar_chart([(g.title, g.mean_percent) for g in report.principles]),
        principle_rows=[
            [g.title, f"{g.attempts:,}", pct(g.mean_percent), share(g.pass_rate)]
            for g in report.principles
        ],
        facility_chart=bar_chart(
            [
                (q.question, None if q.facility is None else 100 * q.facility)
                for q in report.questions
            ]
        ),
        question_rows=[
            [q.question, f"{q.attempts:,}", share(q.facility), corr(q.discrimination)]
            for q in report.questions
        ],
        wrong_rows=[
            [q.question, q.stem, w.text, f"{w.count:,}"]
            for q in report.questions
            for w in q.wrong_choices
        ],
    )


def bar_chart_svg(
    chart_id: str, title: str, description: str, bars: list[tuple[str, float | None]]
) -> str:
    """One bar chart as inline SVG, named by its title and description (for notebooks)."""
    parts = _environment("html").get_template("report_parts.html.j2").module
    return str(parts.bar_chart(chart_id, title, description, bar_chart(bars)))  # type: ignore[attr-defined]
