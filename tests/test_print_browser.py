"""Printing a module page in Chromium (``page.pdf()``): what reaches the paper."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pytest
from browser_support import open_quiz
from conftest import LANGUAGES
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def printed_text(page: Any) -> str:
    """The text of the page as Chromium prints it to A4, whitespace folded, ligatures undone."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(sheet.extract_text() for sheet in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_module_page_has_answers_tabs_and_options_but_no_skip_link(
    page: Any, site_url: str, language: str
) -> None:
    # The quiz draws 10 of its questions: choose an attempt that asks a matching one.
    matching = page.locator('.rightway-question[data-type="matching"]:not([hidden])')
    for seed in range(1, 40):
        page.add_init_script(f"window.rightwayQuizSeedSource = function () {{ return {seed}; }};")
        page.goto(f"{site_url}/{language}/principles/participation.html")
        open_quiz(page, "participation")  # read to the end: the questions have loaded
        if matching.count():
            break
    assert matching.count(), "no attempt asked a matching question"
    first_answer = folded(page.locator("details.rightway-model-answer p").first.text_content())
    skip_label = folded(page.locator("a.skip-to-content").first.text_content())
    second_tab = folded(
        page.locator(".sd-tab-set > .sd-tab-content").nth(1).locator("li").first.text_content()
    )
    options = [
        folded(text)
        for text in matching.first.locator("select")
        .first.locator("option:not([value=''])")
        .all_text_contents()
    ]
    assert options and first_answer and second_tab

    text = printed_text(page)

    assert first_answer[:60] in text
    assert second_tab[:60] in text
    for option in options:
        assert option[:40] in text, option
    assert skip_label not in text
    # After printing, the page is as the learner left it.
    assert page.locator("details.rightway-model-answer[open]").count() == 0
    assert page.locator(".rightway-print-options").count() == 0


#: What a page printed before its quiz's questions have loaded says in their place.
NOT_LOADED = {
    "cy": "Mae’r cwestiynau’n llwytho pan fyddwch chi’n cyrraedd y cwis ar y sgrin",
    "en": "The questions load when you reach the quiz on screen",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_printed_before_its_quiz_loads_says_so_and_the_next_print_has_it(
    page: Any, site_url: str, language: str
) -> None:
    page.goto(f"{site_url}/{language}/principles/embedding.html")
    assert page.locator("#quiz-embedding .rightway-question").count() == 0
    text = printed_text(page)
    assert NOT_LOADED[language] in text
    # Printing asked for the questions: they are on the page now, in place of the note,
    # for the next print (checked in print media; one page.pdf() per test is enough).
    page.locator("#quiz-embedding .rightway-question").first.wait_for(state="attached")
    page.emulate_media(media="print")
    assert page.locator("#quiz-embedding .rightway-quiz-bank-print").count() == 0
    assert page.locator(
        "#quiz-embedding .rightway-question:not([hidden]) .rightway-stem"
    ).first.is_visible()


def test_external_links_print_with_their_address(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/reference/further-reading.html")
    link = page.locator("article a.reference.external[href^='http']").first
    address = link.get_attribute("href")
    assert address
    assert address.split("//", 1)[1][:30] in printed_text(page).replace(" ", "")
