"""The built bilingual site: both languages, language links, Welsh interface, no network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlparse

import pytest
from conftest import HTML_DIR, LANGUAGES, html_pages, page_html

# Interface strings of Sphinx, Furo and this extension that must never show on a Welsh page:
# as visible text, or in an aria-label, title, placeholder or alt.
ENGLISH_INTERFACE_STRINGS = [
    "Search",
    "Next",
    "Previous",
    "Contents",
    "Skip to content",
    "Skip to main content",
    "Back to top",
    "Toggle navigation",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
    "On this page",
    "Home",
    "Copyright",
    "Made with",
    "Link to this heading",
    "Link to this term",
    "Link to this definition",
    "Light mode",
    "Dark mode",
    "Menu",
    "Expand",
    "Course menu",
    "Language",
    "Check my answers",
    "Try again",
    "Download my answers",
    "Show a model answer",
    "What would you say or do?",
    "By the end of this module",
    "Rights engaged",
    "Question 1 of",
    "Choose all that apply",
    "Not yet",
    "Download as CSV",
]


class _PageReader(HTMLParser):
    """Collects the language, visible text, labelled attributes and loaded resources of a page."""

    LOADING: ClassVar[dict[str, str]] = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "audio": "src",
        "video": "src",
        "source": "src",
        "embed": "src",
        "object": "data",
    }

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.texts: list[str] = []
        self.attributes: list[str] = []
        self.resources: list[str] = []
        self.alternates: list[dict[str, str]] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = values.get("lang")
        if tag in {"script", "style"}:
            self._skip_depth += 1
        for name in ("aria-label", "title", "placeholder", "alt"):
            if values.get(name):
                self.attributes.append(values[name])
        if tag in self.LOADING and values.get(self.LOADING[tag]):
            self.resources.append(values[self.LOADING[tag]])
        if tag == "link" and values.get("rel") in {
            "stylesheet",
            "preload",
            "prefetch",
            "icon",
            "shortcut icon",
            "modulepreload",
        }:
            self.resources.append(values.get("href", ""))
        if tag == "a" and "data-rightway-language" in values:
            self.alternates.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth and data.strip():
            self.texts.append(data.strip())


def read_page(path: Path) -> _PageReader:
    reader = _PageReader()
    reader.feed(page_html(path))
    return reader


def test_both_languages_have_the_same_pages(html_dir: Path) -> None:
    welsh, english = html_pages("cy"), html_pages("en")
    assert welsh == english
    assert Path("index.html") in welsh
    assert len(welsh) >= 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_declares_its_language(html_dir: Path, language: str) -> None:
    for page in html_pages(language):
        assert read_page(html_dir / language / page).html_lang == language, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_itself_in_the_other_language(html_dir: Path, language: str) -> None:
    other = next(lang for lang in LANGUAGES if lang != language)
    for page in html_pages(language):
        reader = read_page(html_dir / language / page)
        # At the top and again at the foot, so a long page never leaves it out of reach.
        assert len(reader.alternates) == 2, page
        for link in reader.alternates:
            assert link["lang"] == other and link["hreflang"] == other, page
            href = link["href"]
            assert not urlparse(href).scheme and not href.startswith("/"), (
                f"{page}: {href} is not relative"
            )
            target = (html_dir / language / page).parent / href
            assert target.resolve() == (html_dir / other / page).resolve(), page


def test_landing_page_offers_welsh_first_with_equal_prominence(html_dir: Path) -> None:
    html = (html_dir / "index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a href="([a-z]{2})/index.html" hreflang="([a-z]{2})" lang="([a-z]{2})">', html
    )
    assert [lang for lang, *_ in links] == ["cy", "en"]
    assert all(href == hreflang == lang for href, hreflang, lang in links)
    assert '<html lang="cy">' in html
    # Equal prominence: the two links share one element type and one class list.
    assert html.count('<li><a href="') == 2


def test_welsh_pages_show_no_english_interface_strings(html_dir: Path) -> None:
    found: list[str] = []
    for page in html_pages("cy"):
        reader = read_page(html_dir / "cy" / page)
        shown = reader.texts + reader.attributes
        for english in ENGLISH_INTERFACE_STRINGS:
            pattern = re.compile(rf"(?<![\w’']){re.escape(english)}(?![\w’'])")
            found.extend(
                f"{page}: {english!r} in {text!r}" for text in shown if pattern.search(text)
            )
    assert not found, "\n".join(found[:40])


def test_welsh_search_strings_are_welsh(html_dir: Path) -> None:
    translations = (html_dir / "cy" / "_static" / "translations.js").read_text(encoding="utf-8")
    assert '"Search Results": "Canlyniadau chwilio"' in translations
    assert "Search finished" in translations and "Mae’r chwilio wedi gorffen" in translations


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_load_nothing_from_outside(html_dir: Path, language: str) -> None:
    outside: list[str] = []
    for page in html_pages(language):
        for resource in read_page(html_dir / language / page).resources:
            parsed = urlparse(urljoin("http://course.invalid/" + str(page), resource))
            if parsed.netloc != "course.invalid":
                outside.append(f"{page}: {resource}")
    assert not outside, "\n".join(outside)


def test_static_files_name_no_outside_host(html_dir: Path) -> None:
    """Scripts and styles must not fetch fonts or code from a CDN either."""
    pattern = re.compile(r"(?:url\(|import\s*\(|fetch\(|src=)\s*['\"]?(?:https?:)?//", re.I)
    offenders = [
        str(path.relative_to(HTML_DIR))
        for path in HTML_DIR.glob("*/_static/**/*")
        if path.suffix in {".css", ".js"}
        and pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_on_the_reference_page_links_to_a_module(
    html_dir: Path, language: str
) -> None:
    import lxml.html

    page = lxml.html.parse(str(html_dir / language / "reference" / "articles.html")).getroot()
    entries = page.cssselect("dl.rightway-article-index > dt")
    assert len(entries) >= 20
    for term in entries:
        definition = term.getnext()
        links = [a.get("href") for a in definition.cssselect(".rightway-article-uses a")]
        assert links, term.text_content()
        for href in links:
            target = (html_dir / language / "reference" / href.split("#")[0]).resolve()
            assert target.exists(), href


def test_module_articles_cover_the_guide(html_dir: Path) -> None:
    """Each principle module explains every article the guide links to that principle."""
    expected = {
        "embedding": {3, 13, 42},
        "equality": {1, 2, 5, 8, 22, 23, 27, 29},
        "empowering": {2, 13, 19, 20, 25, 36, 39},
        "participation": {12, 13, 15, 29, 30},
        "accountability": {3, 4, 5},
    }
    for module, articles in expected.items():
        html = (html_dir / "en" / "principles" / f"{module}.html").read_text(encoding="utf-8")
        shown = {int(n) for n in re.findall(r'<dt id="article-(\d+)">', html)}
        assert articles <= shown, (module, sorted(articles - shown))
