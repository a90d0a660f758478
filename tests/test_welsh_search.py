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
