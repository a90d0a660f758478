"""The team self-assessment on the Getting started page, in headless Chromium."""

from __future__ import annotations

import csv
import io
import re
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
    summary = page.locator("form.rightway-self-assessment").nth(0).get_by_role("status").first
    assert summary.get_attribute("aria-live") == "polite"
    assert "1 ddim eto, 0 yn rhannol" in summary.inner_text()
    page.keyboard.press("ArrowRight")
    assert first.get_by_label("Yn rhannol").is_checked()
    # The summary follows the keyboard: the rating moved from "not yet" to "partly".
    assert "0 ddim eto, 1 yn rhannol, 0 yn llawn" in summary.inner_text()
    page.keyboard.press("Tab")
    page.keyboard.type("Adolygu’r ffurflen")
    assert first.get_by_label("Ein cam nesaf").input_value() == "Adolygu’r ffurflen"
    assert page.get_by_role("button", name="Lawrlwytho fel CSV").first.is_visible()


def test_summary_counts_each_principle_and_survives_a_reload(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/{PAGE}")
    form = page.locator("form.rightway-self-assessment").nth(3)
    statements = form.locator(".rightway-statement")
    total = statements.count()
    summary = form.locator(".rightway-self-assessment-summary")
    assert summary.inner_text() == (
        f"Where we stand: 0 not yet, 0 partly, 0 fully, {total} still to rate"
    )
    statements.nth(0).get_by_label("Fully").check()
    statements.nth(1).get_by_label("Not yet").check()
    expected = f"Where we stand: 1 not yet, 0 partly, 1 fully, {total - 2} still to rate"
    assert summary.inner_text() == expected
    other = page.locator("form.rightway-self-assessment").nth(0)
    assert "0 fully" in other.locator(".rightway-self-assessment-summary").inner_text()
    page.reload()
    form = page.locator("form.rightway-self-assessment").nth(3)
    assert form.locator(".rightway-self-assessment-summary").inner_text() == expected


@pytest.mark.parametrize(
    ("language", "name"), [("en", "rights-self-assessment.csv"), ("cy", "hunanasesiad-hawliau.csv")]
)
def test_csv_download_is_named_in_the_pages_language(
    page: Any, site_url: str, language: str, name: str
) -> None:
    page.goto(f"{site_url}/{language}/{PAGE}")
    with page.expect_download() as download_info:
        page.locator("form.rightway-self-assessment [data-action=csv]").first.click()
    assert download_info.value.suggested_filename == name


# Where each empty write-in field and the grid's headings sit, as printed.
PRINTED_FIELDS = """() => {
  const form = document.querySelector("form.rightway-self-assessment");
  const headings = getComputedStyle(form.querySelector(".rightway-statement-headings")).display;
  const fields = Array.from(form.querySelectorAll("input[type=text]")).map((input) => {
    const style = getComputedStyle(input);
    return { height: input.getBoundingClientRect().height,
             line: parseFloat(style.borderBottomWidth), colour: style.borderBottomColor };
  });
  return { headings, fields };
}"""


@pytest.mark.parametrize("language", ["en", "cy"])
def test_self_assessment_prints_landscape_as_a_grid_with_room_to_write(
    page: Any, site_url: str, language: str
) -> None:
    page.goto(f"{site_url}/{language}/{PAGE}")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED_FIELDS)
    assert printed["headings"] == "grid"
    assert printed["fields"]
    for field in printed["fields"]:
        assert field["height"] >= 40 and field["line"] >= 1  # 12 mm, ruled
        assert field["colour"] == "rgb(0, 0, 0)"
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes, "no page sizes in the PDF"
    assert all(float(width) > float(height) for width, height in boxes)  # landscape


def test_other_pages_still_print_portrait(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/introduction.html")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes and all(float(width) < float(height) for width, height in boxes)
