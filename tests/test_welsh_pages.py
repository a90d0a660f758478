"""The built Welsh pages: marked English keeps ``lang``, Welsh order, footer, 404, notebook, quotes."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import lxml.html
import polib
import pytest
from conftest import BUILD_DIR, PROJECT_ROOT, html_pages, page_html

from rightway_quiz.sphinxext.welsh_collation import sort_welsh, welsh_letters
from tools.landing import render_landing, render_not_found

WELSH_CATALOGS = PROJECT_ROOT / "locale" / "cy" / "LC_MESSAGES"
MARKED = re.compile(r"\[([^\]]+)\]\{lang=en\}")


def _plain(text: str) -> str:
    """Text as a reader sees it: curly apostrophes (smart quotes) and single spaces."""
    text = re.sub(r"[*_`]", "", text).replace("'", "’")
    return " ".join(text.split())


def _tree(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page_html(path))


def test_every_span_the_translators_marked_english_keeps_lang_en(html_dir: Path) -> None:
    """``[Safe Stars]{lang=en}`` in a Welsh catalog is ``<span lang="en">`` on its page."""
    checked = 0
    for po_path in sorted(WELSH_CATALOGS.rglob("*.po")):
        page = html_dir / "cy" / po_path.relative_to(WELSH_CATALOGS).with_suffix(".html")
        marked = {
            _plain(text)
            for entry in polib.pofile(str(po_path)).translated_entries()
            for text in MARKED.findall(entry.msgstr)
        }
        if not marked or not page.exists():
            continue
        spans = {
            _plain(span.text_content()) for span in _tree(page).iterfind(".//span[@lang='en']")
        }
        missing = sorted(marked - spans)
        assert missing == [], f"{page.name}: marked English without lang='en': {missing}"
        checked += len(marked)
    assert checked >= 20


def test_welsh_letters_count_digraphs_as_one_letter() -> None:
    assert welsh_letters("Llanddewi") == ["ll", "a", "n", "dd", "e", "w", "i"]
    assert welsh_letters("rhiant") == ["rh", "i", "a", "n", "t"]


def test_welsh_order_puts_digraphs_after_their_first_letter() -> None:
    words = ["lol", "llais", "cyfranogiad", "chwarae", "dyletswydd", "ddoe", "ffydd", "fel", "ŵyr"]
    assert sort_welsh(words) == [
        "cyfranogiad",
        "chwarae",
        "dyletswydd",
        "ddoe",
        "fel",
        "ffydd",
        "lol",
        "llais",
        "ŵyr",
    ]
    # A shorter headword comes before a longer one it starts: "lles" before "llesiant".
    assert sort_welsh(["llesiant", "lles pennaf", "lles"]) == ["lles", "lles pennaf", "llesiant"]


def test_welsh_glossary_is_in_welsh_alphabetical_order(html_dir: Path) -> None:
    headwords = [
        " ".join(dt.text_content().replace("#", "").split())
        for dt in _tree(html_dir / "cy" / "reference" / "glossary.html").iterfind(".//dl/dt")
    ]
    assert len(headwords) >= 15
    assert headwords == sort_welsh(headwords)
    # The transform is live: code-point order would put "â phrofiad o ofal" last, not first.
    assert headwords != sorted(headwords, key=str.lower)
    english = [
        " ".join(dt.text_content().replace("#", "").split())
        for dt in _tree(html_dir / "en" / "reference" / "glossary.html").iterfind(".//dl/dt")
    ]
    assert english == sorted(english, key=str.lower)  # the English side keeps its own order


def test_every_welsh_page_has_the_welsh_footer(html_dir: Path) -> None:
    for page in html_pages("cy"):
        footer = " ".join(
            element.text_content() for element in _tree(html_dir / "cy" / page).iter("footer")
        )
        assert "tîm y cwrs" in footer and "Gomisiynydd Plant Cymru" in footer, page
        assert "course team" not in footer and "Commissioner" not in footer, page


def test_welsh_pages_use_curly_quotes(html_dir: Path) -> None:
    """Sphinx's smart quotes run on the Welsh side too: no straight apostrophe in prose."""
    straight = []
    for page in html_pages("cy"):
        for paragraph in _tree(html_dir / "cy" / page).iter("p", "li", "h1", "h2", "h3"):
            if paragraph.xpath("ancestor-or-self::*[self::pre or self::code or @lang='en']"):
                continue
            text = "".join(paragraph.xpath("text()"))
            if "'" in text:
                straight.append(f"{page}: {text.strip()[:60]}")
    assert straight == []


@pytest.mark.parametrize("where", ["", "cy/", "en/"])
def test_not_found_page_is_bilingual_welsh_first(html_dir: Path, where: str) -> None:
    page = html_dir / where / "404.html"
    tree = _tree(page)
    sections = tree.xpath("//section[contains(@class, 'rightway-not-found')]")
    assert [section.get("lang") for section in sections] == ["cy", "en"]
    assert "Heb ddod o hyd i’r dudalen" in sections[0].text_content()
    assert "Page not found" in sections[1].text_content()
    for link in tree.xpath("//section//a/@href"):
        assert (page.parent / link).resolve().is_file(), link


def test_landing_links_name_their_own_language() -> None:
    """The landing page's Welsh link comes from a msgid that says what it is."""
    html = render_landing({"cy": "Y Ffordd Gywir", "en": "The Right Way"}, ["cy", "en"], [35, 40])
    assert "Dechrau’r cwrs yn Gymraeg" in html and "Start the course in English" in html
    catalog = polib.pofile(
        str(PROJECT_ROOT / "src/rightway_quiz/locale/cy/LC_MESSAGES/rightway.po")
    )
    assert catalog.find("Start the course in English") is None
    assert render_not_found(["cy", "en"]).index('lang="cy"') < render_not_found(["cy", "en"]).index(
        '<section class="rightway-not-found" lang="en"'
    )


def test_download_names_are_in_the_page_language(html_dir: Path) -> None:
    welsh = _tree(html_dir / "cy" / "principles" / "participation.html")
    english = _tree(html_dir / "en" / "principles" / "participation.html")
    assert welsh.xpath("//form[@data-quiz-id]/@data-download-name") == ["atebion-cyfranogiad.json"]
    assert english.xpath("//form[@data-quiz-id]/@data-download-name") == [
        "answers-participation.json"
    ]
    names = set(
        _tree(html_dir / "cy" / "getting-started.html").xpath(
            "//form[contains(@class, 'rightway-self-assessment')]/@data-download-name"
        )
    )
    assert names == {"hunanasesiad-hawliau.csv"}


def test_welsh_notebook_page_and_download_are_welsh(html_dir: Path) -> None:
    page = _tree(html_dir / "cy" / "guides" / "trainer-notebook.html")
    outputs = " ".join(
        div.text_content() for div in page.xpath("//div[contains(@class, 'nboutput')]")
    )
    assert "Dysgwr 01" in outputs and "Learner" not in outputs
    assert "yr ateb anghywir a ddewiswyd amlaf" in outputs
    assert page.xpath("//figure[@class='rightway-chart']//*[local-name()='title']/text()") == [
        "Hwylustod y deuddeg cwestiwn anoddaf"
    ]
    labels = page.xpath("//figure[@class='rightway-chart']//*[local-name()='text']/text()")
    assert any(label.startswith("C") and ", " in label for label in labels)
    # The code stays Python with English names: marked as English on the Welsh page.
    inputs = page.xpath("//div[contains(@class, 'nbinput')]")
    assert inputs and all(div.get("lang") == "en" for div in inputs)
    # The downloadable notebook is the Welsh one, in the build and in the Welsh SCORM package.
    shipped = json.loads(
        (html_dir / "cy" / "guides" / "trainer-notebook.ipynb").read_text(encoding="utf-8")
    )
    assert shipped["metadata"]["language"] == "cy"
    assert "".join(shipped["cells"][0]["source"]).startswith("# Llyfr nodiadau’r hyfforddwr")
    with zipfile.ZipFile(BUILD_DIR / "scorm" / "rightway-cy-scorm12.zip") as package:
        notebooks = [name for name in package.namelist() if name.endswith(".ipynb")]
        assert notebooks
        for name in notebooks:
            assert json.loads(package.read(name))["metadata"]["language"] == "cy"
    english = json.loads(
        (html_dir / "en" / "guides" / "trainer-notebook.ipynb").read_text(encoding="utf-8")
    )
    assert english["metadata"]["language"] == "en"
