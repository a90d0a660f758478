"""The course's diagrams in headless Chromium: present, Welsh in Welsh, described, readable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polib
import pytest
from browser_support import axe_violations
from conftest import PROJECT_ROOT

from tools.welsh_checks import is_welsh

pytestmark = pytest.mark.browser

#: Each page with diagrams, and the diagrams it shows, in order.
PAGES = {
    "introduction.html": ["five-principles"],
    "principles/accountability.html": ["child-view-path"],
    "principles/participation.html": [
        "participation-words",
        "participation-wheel",
        "active-offer",
    ],
}
PHONE = {"width": 360, "height": 740}
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Every <text> of the diagrams' visible drawings, one entry per wrapped block.
DRAWN_TEXTS = """
(figure) => Array.from(figure.querySelectorAll("svg.rightway-diagram-drawing"))
  .filter((svg) => svg.getClientRects().length > 0)
  .flatMap((svg) => Array.from(svg.querySelectorAll("text")))
  .map((text) => Array.from(text.querySelectorAll("tspan"))
    .map((span) => span.textContent)
    .reduce((line, next) => line === "" ? next : line.endsWith("-") ? line + next : line + " " + next, ""))
"""

# Contrast of each drawn text with the surface behind it (its box, else the page).
CONTRASTS = """
(figure) => {
  function rgb(colour) { return colour.match(/[\\d.]+/g).slice(0, 3).map(Number); }
  function luminance(colour) {
    const [r, g, b] = rgb(colour).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }
  const page = getComputedStyle(document.body).backgroundColor;
  const out = [];
  for (const svg of figure.querySelectorAll("svg.rightway-diagram-drawing")) {
    if (!svg.getClientRects().length) continue;
    for (const text of svg.querySelectorAll("text")) {
      let surface = page;
      for (let node = text.previousElementSibling; node; node = node.previousElementSibling) {
        if (node.matches("rect, circle")) { surface = getComputedStyle(node).fill; break; }
      }
      out.push([text.textContent, ratio(getComputedStyle(text).fill, surface)]);
    }
  }
  return out;
}
"""


def _figures(page: Any) -> list[Any]:
    figures = page.locator("figure.rightway-diagram")
    return [figures.nth(index) for index in range(figures.count())]


def _curly(text: str) -> str:
    """Apostrophes as the page shows them: Sphinx's smart quotes curl the source's."""
    return text.replace("'", "’")


def _welsh_messages() -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((PROJECT_ROOT / "locale" / "cy" / "LC_MESSAGES").rglob("*.po")):
        for entry in polib.pofile(str(path)).translated_entries():
            messages[_curly(entry.msgid)] = _curly(entry.msgstr)
    return messages


def _pages() -> Iterator[tuple[str, str]]:
    for language in ("en", "cy"):
        for page in PAGES:
            yield language, page


@pytest.mark.parametrize(("language", "path"), list(_pages()))
def test_each_diagram_is_an_image_with_a_name_and_the_same_content_in_words(
    page: Any, site_url: str, language: str, path: str
) -> None:
    page.goto(f"{site_url}/{language}/{path}")
    figures = _figures(page)
    assert [f.get_attribute("id") for f in figures] == [
        f"rightway-diagram-{key}" for key in PAGES[path]
    ]
    for figure in figures:
        drawing = figure.locator("svg.rightway-diagram-drawing:visible")
        assert drawing.count() == 1
        assert drawing.get_attribute("role") == "img"
        name = figure.locator("figcaption").inner_text().strip()
        assert page.get_by_role("img", name=name).count() >= 1
        words = figure.locator("details.rightway-diagram-words")
        if words.get_attribute("open") is None:
            words.locator("summary").click()
        told = " ".join(words.inner_text().split())
        for drawn in figure.evaluate(DRAWN_TEXTS):
            assert drawn in told, f"{drawn!r} is drawn but not in the words of {name!r}"


@pytest.mark.parametrize("path", list(PAGES))
def test_welsh_diagrams_draw_the_welsh_translation_of_every_english_text(
    browser: Any, site_url: str, path: str
) -> None:
    messages = _welsh_messages()
    drawn: dict[str, list[list[str]]] = {}
    for language in ("en", "cy"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{site_url}/{language}/{path}")
        drawn[language] = [figure.evaluate(DRAWN_TEXTS) for figure in _figures(page)]
        context.close()
    assert len(drawn["cy"]) == len(drawn["en"]) == len(PAGES[path])
    for english, welsh in zip(drawn["en"], drawn["cy"], strict=True):
        assert len(english) == len(welsh)
        for source, shown in zip(english, welsh, strict=True):
            assert messages.get(_curly(source)) == _curly(shown), (
                f"{source!r} is drawn in Welsh as {shown!r}"
            )
        assert is_welsh(" ".join(welsh)), welsh
        assert not is_welsh(" ".join(english))


@pytest.mark.parametrize(("language", "path"), list(_pages()))
def test_diagrams_are_readable_in_light_and_dark_mode_and_fit_a_phone(
    browser: Any, site_url: str, language: str, path: str
) -> None:
    """At a laptop's width and a phone's, in light mode and then dark (switched as a
    learner's system switches it, without reloading the page)."""
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        context = browser.new_context(viewport=viewport, color_scheme="light")
        page = context.new_page()
        page.goto(f"{site_url}/{language}/{path}")
        backgrounds = set()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.evaluate(NEXT_FRAME)
            backgrounds.add(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            for figure in _figures(page):
                for text, ratio in figure.evaluate(CONTRASTS):
                    assert ratio >= 4.5, f"{text!r}: contrast {ratio:.2f} in {scheme} mode"
                box = figure.locator("svg.rightway-diagram-drawing:visible").bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            # The whole pages are checked elsewhere (test_browser_site); here, the figures.
            assert axe_violations(page, within="figure.rightway-diagram") == [], scheme
        assert len(backgrounds) == 2, "the page did not switch to dark mode"
        context.close()


def test_print_shows_each_diagram_once(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/principles/participation.html")
    page.emulate_media(media="print")
    visible = page.locator("figure.rightway-diagram svg.rightway-diagram-drawing:visible")
    assert visible.count() == len(PAGES["principles/participation.html"])
