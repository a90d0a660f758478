"""The team self-assessment on the Getting started page, in headless Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from browser_support import axe_violations

pytestmark = pytest.mark.browser
PAGE = "getting-started.html"


def test_ratings_survive_a_reload_and_download_as_csv(
    page: Any, site_url: str, tmp_path: Path
) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    forms = page.locator("form.rightway-self-assessment")
    assert forms.count() == 5  # one per principle
    first = forms.nth(0).locator(".rightway-statement").nth(0)
    statement = first.locator("legend").inner_text().strip()
    first.get_by_label("Partly").check()
    first.get_by_label("Our next action").fill(
        '=HYPERLINK("x") add rights prompts to the review form'
    )
    first.get_by_label("Who will do it").fill("Team manager")
    page.reload()
    first = (
        page.locator("form.rightway-self-assessment").nth(0).locator(".rightway-statement").nth(0)
    )
    assert first.get_by_label("Partly").is_checked()
    assert first.get_by_label("Who will do it").input_value() == "Team manager"
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.locator("form.rightway-self-assessment").nth(0).get_by_role(
            "button", name="Download as CSV"
        ).click()
    target = tmp_path / "self-assessment.csv"
    download_info.value.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "Principle",
        "Statement",
        "Where are we?",
        "Our next action",
        "Who will do it",
    ]
    statements = sum(
        page.locator("form.rightway-self-assessment .rightway-statement").count() for _ in [0]
    )
    assert len(rows) == 1 + statements
    row = next(r for r in rows if r[1] == statement)
    assert row[2] == "Partly" and row[4] == "Team manager"
    # A spreadsheet must not run learner text as a formula.
    assert row[3].startswith("'=HYPERLINK")


def test_welsh_self_assessment_is_welsh_and_keyboard_operable(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/{PAGE}")
    first = (
        page.locator("form.rightway-self-assessment").nth(0).locator(".rightway-statement").nth(0)
    )
    first.get_by_label("Ddim eto").focus()
    page.keyboard.press("Space")
    assert first.get_by_label("Ddim eto").is_checked()
    page.keyboard.press("ArrowRight")
    assert first.get_by_label("Yn rhannol").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Adolygu’r ffurflen")
    assert first.get_by_label("Ein cam nesaf").input_value() == "Adolygu’r ffurflen"
    assert page.get_by_role("button", name="Lawrlwytho fel CSV").first.is_visible()


def test_blank_self_assessment_prints(page: Any, site_url: str, tmp_path: Path) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    pdf = tmp_path / "blank.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000
