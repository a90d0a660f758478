"""A crawl of every Welsh page in Chromium finds no English outside elements marked ``lang="en"``.

What is read: every text node (grouped by its block), ``aria-label``, ``title``,
``alt`` and ``placeholder`` attributes, the document title, SVG ``<title>`` and
``<desc>``, CSS generated text, the text the course's JavaScript writes after
load (a quiz checked with nothing answered, search results), the print view, and
the files a learner downloads. lingua, limited to Welsh and English, judges each.

The allow-list, and why:

- Anything inside ``lang`` other than ``cy``: marked English, read in English.
- ``pre``, ``code``, ``kbd``, ``samp``: program text and commands, not prose.
- Web and email addresses: in no language.
- ``ALLOWED``: exact strings that are names in every language, listed one by one.
- Pieces under ``MIN_WORDS`` words are judged only when lingua is near-certain they
  are English: one or two words are too few to tell "Hawliau plant" from a name.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_every_quiz
from conftest import html_pages

from tools.welsh_checks import _ADDRESS

pytestmark = pytest.mark.browser

MIN_WORDS = 4
SHORT_ENGLISH_CONFIDENCE = 0.97
# Names used as they are in Welsh too (each checked by hand), not English text.
ALLOWED = frozenset(
    {
        "CCUHP",  # the UNCRC's Welsh initials
        "SMART",  # the acronym of SMART goals; its words are marked lang="en"
        "Cymraeg English",  # the language switch: each name in its own language
    }
)

COLLECT = """
() => {
  const chunks = [];
  const skip = (el) => !el || el.closest('[lang]:not([lang="cy"]), pre, code, kbd, samp, script, style, noscript, template');
  const blockOf = (el) => el.closest('p, li, h1, h2, h3, h4, h5, h6, dt, dd, td, th, legend, label, summary, figcaption, caption, button, option, a, title, desc, text, div, section, nav, footer, header, aside, main, form, figure, body');
  const groups = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (skip(parent) || !node.textContent.trim()) continue;
    const block = blockOf(parent);
    groups.set(block, (groups.get(block) || '') + ' ' + node.textContent);
  }
  for (const [block, text] of groups) chunks.push({where: 'text <' + block.tagName.toLowerCase() + '>', text: text});
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (skip(el)) continue;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) chunks.push({where: name + ' on <' + el.tagName.toLowerCase() + '>', text: value});
    }
  }
  for (const el of document.querySelectorAll('body *')) {
    if (skip(el)) continue;
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && /^".*[A-Za-z]{3}.*"$/.test(content)) chunks.push({where: 'css ' + pseudo, text: content.slice(1, -1)});
    }
  }
  chunks.push({where: 'document title', text: document.title});
  return chunks;
}
"""


def _english(chunks: list[dict[str, str]], page_name: str) -> list[str]:
    from lingua import Language

    from tools.welsh_checks import _detector, is_welsh

    found = []
    for chunk in chunks:
        words = [word for word in chunk["text"].split() if not _ADDRESS.search(word)]
        text = " ".join(words)
        if not text or text in ALLOWED or not any(ch.isalpha() for ch in text):
            continue
        if len(words) >= MIN_WORDS:
            english = not is_welsh(text)
        else:
            confidence = _detector().compute_language_confidence(text, Language.ENGLISH)  # type: ignore[attr-defined]
            english = confidence >= SHORT_ENGLISH_CONFIDENCE
        if english:
            found.append(f"{page_name} [{chunk['where']}]: {text[:100]!r}")
    return found


def _after_scripts(page: Any) -> None:
    """Let the course's scripts write what they write after load, then ask for more."""
    page.wait_for_load_state("load")
    open_every_quiz(page)  # their questions are read too
    for button in page.query_selector_all("form.rightway-quiz button[type=submit]"):
        button.click()  # nothing answered: the quiz says what is missing, in words made by JS
    page.wait_for_function("document.readyState === 'complete'")


def welsh_pages() -> list[str]:
    return [str(page) for page in html_pages("cy")]


@pytest.mark.parametrize("page_name", welsh_pages())
def test_welsh_page_has_no_unmarked_english(page: Any, site_url: str, page_name: str) -> None:
    page.goto(f"{site_url}/cy/{page_name}")
    _after_scripts(page)
    found = _english(page.evaluate(COLLECT), page_name)
    page.emulate_media(media="print")
    found += [f"print: {line}" for line in _english(page.evaluate(COLLECT), page_name)]
    assert found == []


def test_welsh_search_results_have_no_unmarked_english(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/cy/search.html?q=cwynion")
    page.wait_for_function(
        "(document.querySelector('#search-results .search-summary') || {textContent: ''})"
        ".textContent.trim().length > 0",
        timeout=15000,
    )
    assert _english(page.evaluate(COLLECT), "search.html?q=cwynion") == []


def test_the_crawl_finds_unmarked_english(page: Any, site_url: str) -> None:
    """The crawl is live: English added to a Welsh page without lang is reported; with it, not."""
    page.goto(f"{site_url}/cy/index.html")
    page.evaluate(
        "() => { const p = document.createElement('p'); p.textContent = 'Read every module before the quiz.';"
        " document.querySelector('main, [role=main], body').appendChild(p);"
        " const b = document.createElement('button'); b.setAttribute('aria-label', 'Close the menu and go back');"
        " document.body.appendChild(b); }"
    )
    found = _english(page.evaluate(COLLECT), "index.html")
    assert len(found) == 2, found
    page.evaluate(
        "() => document.querySelectorAll('p, button').forEach(e => e.setAttribute('lang', 'en'))"
    )
    assert _english(page.evaluate(COLLECT), "index.html") == []


def test_downloads_are_named_and_written_in_welsh(page: Any, site_url: str, tmp_path: Path) -> None:
    from tools.welsh_checks import is_welsh

    page.goto(f"{site_url}/cy/principles/participation.html")
    with page.expect_download() as answers:
        page.click("form.rightway-quiz [data-action=download]")
    assert answers.value.suggested_filename == "atebion-cyfranogiad.json"
    saved = tmp_path / "answers.json"
    answers.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["language"] == "cy"

    page.goto(f"{site_url}/cy/getting-started.html")
    with page.expect_download() as sheet:
        page.click("form.rightway-self-assessment [data-action=csv]")
    assert sheet.value.suggested_filename == "hunanasesiad-hawliau.csv"
    saved = tmp_path / "sheet.csv"
    sheet.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert is_welsh(" ".join(rows[0])), rows[0]
    statements = " ".join(row[1] for row in rows[1:6])
    assert is_welsh(statements), statements[:200]
