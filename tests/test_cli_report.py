"""``rightway-quiz report``: cohort figures, formats, accessibility of the HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import axe_violations
from grader_support import course, csv_rows, run, write_csv

from rightway_quiz import build_report, grade_rows
from rightway_quiz.grader.report import point_biserial


def cohort(tmp_path: Path) -> Path:
    """Four learners on the equality quiz: 2, 2, 1 and 0 right; the first question is the easy one."""
    quiz = course().quizzes["equality"]
    first = quiz.questions[0].id
    rows = (
        csv_rows(quiz, "Alys")
        + csv_rows(quiz, "Bryn")
        + csv_rows(quiz, "Cai", right={first})
        + csv_rows(quiz, "Dewi", right=set())
    )
    return write_csv(tmp_path / "cohort.csv", rows)


def test_report_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _err = run(capsys, "report", cohort(tmp_path), "--format", "json")
    assert status == 0
    report = json.loads(out)
    quiz = course().quizzes["equality"]
    assert (report["learners"], report["attempts"], report["passed"]) == (4, 4, 2)
    assert report["pass_rate"] == 0.5
    [principle] = report["principles"]
    assert principle["key"] == quiz.principle and principle["mean_percent"] == pytest.approx(62.5)
    first, second = report["questions"]
    assert (first["right"], first["facility"]) == (3, 0.75)
    assert (second["right"], second["facility"]) == (2, 0.5)
    # The second question's right answers go with the first's: a perfect discrimination.
    assert second["discrimination"] == pytest.approx(point_biserial([1, 1, 0, 0], [1, 1, 1, 0]))
    wrong = quiz.questions[1]
    wrong_option = next(o for o in wrong.options if o.id not in wrong.answer)
    assert second["wrong_choices"] == [
        {"choice": wrong_option.id, "text": wrong_option.text, "count": 2}
    ]
    assert "Alys" not in out


def test_report_csv_is_one_row_per_question(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _err = run(capsys, "report", cohort(tmp_path), "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["question"] for row in rows] == [
        q.id for q in course().quizzes["equality"].questions
    ]
    assert rows[0]["facility_percent"] == "75.0"


def test_report_text_by_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "report", cohort(tmp_path))
    assert status == 0
    assert "Cohort report" in out and "Pass rate: 50%" in out
    assert "Answers read: 8; graded: 8; rejected: 0; blank: 0." in err


def test_point_biserial_is_none_without_variation() -> None:
    assert point_biserial([1, 1, 1], [0, 1, 2]) is None
    assert point_biserial([1], [1]) is None
    assert point_biserial([1, 0], [1, 0]) == pytest.approx(1.0)


def test_public_api_builds_a_report_from_rows() -> None:
    quiz = course().quizzes["equality"]
    book = grade_rows(course(), csv_rows(quiz, "Alys") + csv_rows(quiz, "Bryn", right=set()))
    report = build_report(book)
    assert (report.learners, report.attempts, report.passed) == (2, 2, 1)
    assert [q.facility for q in report.questions] == [0.5, 0.5]


def html_report(capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str) -> str:
    target = tmp_path / f"report-{language}.html"
    status, out, _err = run(capsys, "report", cohort(tmp_path), "--lang", language, "-o", target)
    assert status == 0 and out == ""
    return target.read_text(encoding="utf-8")


def test_report_html_is_self_contained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = html_report(capsys, tmp_path, "en")
    assert '<html lang="en">' in html
    assert not re.search(r"""(src|href)\s*=|@import|url\(|<script""", html)
    assert html.count("<svg") == 2 and html.count("<table") >= 3
    for chart_id in ("chart-principles", "chart-facility"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_report_html_passes_axe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, page: Any, language: str
) -> None:
    html = html_report(capsys, tmp_path, language)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((tmp_path / f"report-{language}.html").as_uri())
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []
    assert requests == [(tmp_path / f"report-{language}.html").as_uri()]
    assert "<svg" in html


@pytest.mark.browser
def test_grade_html_passes_axe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, page: Any
) -> None:
    target = tmp_path / "grades.html"
    status, _out, _err = run(capsys, "grade", cohort(tmp_path), "-o", target)
    assert status == 0
    page.goto(target.as_uri())
    assert axe_violations(page) == []
