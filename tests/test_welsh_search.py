"""Searching the Welsh course for a Welsh word, and for a mutated form of it, finds the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rightway_quiz.sphinxext.search_cy import WELSH_STOPWORDS

pytestmark = pytest.mark.browser


def search_results(page: Any, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}/cy/search.html?q={query}")
    page.wait_for_function(
        "(document.querySelector('#search-results .search-summary') || {textContent: ''})"
        ".textContent.trim().length > 0",
        timeout=15000,
    )
    return [
        str(href)
        for href in page.eval_on_selector_all(
            "#search-results ul.search li a", "els => els.map(e => e.getAttribute('href'))"
        )
    ]


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("cyfranogiad", "principles/participation"),  # the radical form
        ("gyfranogiad", "principles/participation"),  # soft mutation
        ("eiriolaeth", "principles/participation"),
        ("eiriolwyr", "principles/participation"),  # plural of eiriolwr
        ("atebolrwydd", "principles/accountability"),
        ("hatebolrwydd", "principles/accountability"),  # aspirate h after "ei" (her)
    ],
)
def test_welsh_word_and_its_mutated_form_find_the_page(
    page: Any, site_url: str, query: str, expected_page: str
) -> None:
    results = search_results(page, site_url, query)
    assert any(expected_page in href for href in results), (query, results)


def test_welsh_stop_words_are_not_indexed(page: Any, site_url: str) -> None:
    stopwords = page.goto(f"{site_url}/cy/_static/language_data.js")
    body = stopwords.text()
    assert '"mae"' in body and '"yr"' in body


def test_welsh_index_holds_no_stop_word_in_any_case(html_dir: Path) -> None:
    script = (html_dir / "cy" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    indexed = set(index["terms"]) | set(index["titleterms"])
    assert {"plentyn", "hawl", "eiriolwr"} <= indexed
    assert not {word for word in indexed if word.lower() in WELSH_STOPWORDS}


def test_a_plural_its_mutation_and_the_singular_find_the_same_pages(
    page: Any, site_url: str
) -> None:
    """cwynion, gwynion ("ei gwynion") and cwyn all mean complaints, so they find the same pages."""
    singular = set(search_results(page, site_url, "cwyn"))
    assert len(singular) >= 5, singular
    assert set(search_results(page, site_url, "cwynion")) == singular
    assert set(search_results(page, site_url, "gwynion")) == singular


def test_a_folded_term_never_widens_an_and_search(page: Any, site_url: str) -> None:
    """Every page found for two words is found for each of them ("gorau" once folded to "da")."""
    both = set(search_results(page, site_url, "buddiannau gorau"))
    first = set(search_results(page, site_url, "buddiannau"))
    second = set(search_results(page, site_url, "gorau"))
    assert second, "gorau is on several pages"
    assert both <= first & second


def test_snippets_quote_the_page_not_its_forms(page: Any, site_url: str, html_dir: Path) -> None:
    import lxml.html

    tree = lxml.html.fromstring(
        (html_dir / "cy" / "getting-started.html").read_text(encoding="utf-8")
    )
    labels = [
        " ".join(legend.text_content().split())[:40]
        for legend in tree.xpath("//form[contains(@class, 'rightway-self-assessment')]//legend")
    ]
    assert labels
    search_results(page, site_url, "hunanasesiad")
    page.wait_for_function(
        "document.querySelectorAll('#search-results ul.search li p.context').length > 0",
        timeout=15000,
    )
    snippets = " ".join(
        " ".join(text.split())
        for text in page.eval_on_selector_all(
            "#search-results ul.search li p.context", "els => els.map(e => e.textContent)"
        )
    )
    assert snippets
    assert [label for label in labels if label in snippets] == []
