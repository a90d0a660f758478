"""The printable pack as ``make`` built it (``_build/pdf/<language>/``), read back with pypdf."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import polib
import pytest
from conftest import BUILD_DIR, LANGUAGES, PROJECT_ROOT
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from rightway_quiz.course.course import load_course
from tools.catalogs import extract_messages
from tools.pdf.documents import PackBuilder
from tools.pdf.inputs import current_hash, record, up_to_date
from tools.pdf.render import Renderer

PDF_DIR = BUILD_DIR / "pdf"
WELSH_LETTERS = set("âêîôûŵŷÂÊÎÔÛŴŶ")
RIGHTWAY_PO = PROJECT_ROOT / "src/rightway_quiz/locale/cy/LC_MESSAGES/rightway.po"


@pytest.fixture(scope="module")
def pdf_dir() -> Path:
    for language in LANGUAGES:
        if not any((PDF_DIR / language).glob("*.pdf")):
            pytest.fail(f"{PDF_DIR / language} is not built: run `make` (or `make pdf`) first")
    return PDF_DIR


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def text_of(path: Path) -> str:
    """A PDF's text with runs of whitespace folded to one space."""
    text = " ".join(page.extract_text() for page in reader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def folded(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@cache
def course() -> Any:
    return load_course(PROJECT_ROOT)


def modules_with_scenarios() -> list[str]:
    loaded = course()
    return [
        module.id
        for module in loaded.outline.model.modules
        if loaded.scenario_sets.get(module.id) and loaded.scenario_sets[module.id].scenarios
    ]


def test_both_languages_have_the_whole_pack(pdf_dir: Path) -> None:
    names = {
        language: sorted(p.name for p in (pdf_dir / language).glob("*.pdf"))
        for language in LANGUAGES
    }
    assert names["cy"] == names["en"]
    modules = [module.id for module in course().outline.model.modules]
    expected = {f"handout-{module}.pdf" for module in modules}
    expected |= {f"cards-{module}.pdf" for module in modules_with_scenarios()}
    expected |= {"pocket-guide.pdf", "self-assessment.pdf", "workshop-1.pdf"}
    assert expected <= set(names["en"])
    # One pack per workshop in the guide (introduction, five principles, getting started, refresher).
    assert len([name for name in names["en"] if name.startswith("workshop-")]) == 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pdf_is_tagged_in_its_language_with_every_font_embedded(
    pdf_dir: Path, language: str
) -> None:
    for path in sorted((pdf_dir / language).glob("*.pdf")):
        pdf = reader(path)
        root = pdf.trailer["/Root"]
        assert root["/Lang"] == language, path.name
        assert root["/MarkInfo"]["/Marked"], f"{path.name} is not tagged"
        assert "/StructTreeRoot" in root, path.name
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data(), (
            f"{path.name}: no PDF/UA id"
        )
        assert pdf.metadata is not None and pdf.metadata.title, f"{path.name} has no title"
        for number, page in enumerate(pdf.pages, start=1):
            for name, font in page["/Resources"].get("/Font", {}).items():
                assert _embedded(font.get_object()), (
                    f"{path.name} p{number}: font {name} not embedded"
                )


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_welsh_pdfs_carry_welsh_letters_as_text(pdf_dir: Path) -> None:
    found: set[str] = set()
    for path in sorted((pdf_dir / "cy").glob("*.pdf")):
        letters = WELSH_LETTERS & set(text_of(path))
        assert letters, f"{path.name} has no Welsh accented letter as text"
        found |= letters
    assert {"ŵ", "ŷ"} <= found


@pytest.mark.parametrize("module", ["participation", "introduction"])
def test_welsh_cards_are_the_welsh_scenarios_from_the_catalogs(pdf_dir: Path, module: str) -> None:
    loaded = course()
    welsh = loaded.translations("cy")
    scenarios = loaded.scenario_sets[module].scenarios
    text = folded(text_of(pdf_dir / "cy" / f"cards-{module}.pdf"))
    english = folded(text_of(pdf_dir / "en" / f"cards-{module}.pdf"))
    for scenario in scenarios:
        title = welsh.text(scenario.title)
        assert title != scenario.title, "the test needs a translated title"
        assert folded(title) in text
        assert folded(welsh.paragraphs(scenario.model_answer)[-1])[:60] in text
        assert folded(scenario.title) in english
    assert "Cardiau sefyllfa" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_card_sheets_hold_four_cards_front_and_back(pdf_dir: Path, language: str) -> None:
    for module in modules_with_scenarios():
        count = len(course().scenario_sets[module].scenarios)
        pdf = reader(pdf_dir / language / f"cards-{module}.pdf")
        assert len(pdf.pages) == 2 * math.ceil(count / 4), module
        for page in pdf.pages:  # A4 portrait, in points
            assert float(page.mediabox.width) == pytest.approx(595.28, abs=0.5)
            assert float(page.mediabox.height) == pytest.approx(841.89, abs=0.5)


def _x_of(page: Any, words: str) -> float:
    """The left edge of the text run that starts with ``words`` on ``page``."""
    found: list[float] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip() and words.startswith(text.strip()[:8]):
            found.append(float(cm[0]) * float(tm[4]) + float(cm[2]) * float(tm[5]) + float(cm[4]))

    page.extract_text(visitor_text=visit)
    assert found, f"{words!r} not found"
    return found[0]


def test_card_backs_are_mirrored_for_long_edge_duplex(pdf_dir: Path) -> None:
    scenarios = course().scenario_sets["participation"].scenarios
    first, second = scenarios[0].title, scenarios[1].title
    pdf = reader(pdf_dir / "en" / "cards-participation.pdf")
    front, back = pdf.pages[0], pdf.pages[1]
    assert _x_of(front, first) < _x_of(front, second)
    assert _x_of(back, first) > _x_of(back, second)


@pytest.mark.parametrize("language", LANGUAGES)
def test_handouts_are_one_or_two_pages_with_key_points_and_articles(
    pdf_dir: Path, language: str
) -> None:
    loaded = course()
    words = loaded.translations(language)
    for module in loaded.outline.model.modules:
        path = pdf_dir / language / f"handout-{module.id}.pdf"
        assert 1 <= len(reader(path).pages) <= 2, f"{path.name}: {len(reader(path).pages)} pages"
        text = folded(text_of(path))
        objective = loaded.quizzes[module.id].objectives[0].text
        assert folded(words.text(objective))[:50] in text, path.name
    participation = folded(text_of(pdf_dir / language / "handout-participation.pdf"))
    article_12 = loaded.articles[12]
    assert folded(words.text(article_12.summary))[:50] in participation


def test_self_assessment_is_landscape_with_every_statement(pdf_dir: Path) -> None:
    pdf = reader(pdf_dir / "cy" / "self-assessment.pdf")
    assert all(page.mediabox.width > page.mediabox.height for page in pdf.pages)
    text = text_of(pdf_dir / "cy" / "self-assessment.pdf")
    assert "Tîm" in text and "Ddim eto" in text


def test_workshop_pack_has_plan_cards_and_handout(pdf_dir: Path) -> None:
    text = folded(text_of(pdf_dir / "cy" / "workshop-5.pdf"))
    assert "Pecyn gweithdy: Gweithdy 5" in text
    assert "Cardiau sefyllfa" in text and "Taflen" in text


def test_pack_strings_are_translated_in_the_catalog() -> None:
    pack = extract_messages(PROJECT_ROOT / "tools" / "pdf")
    welsh = {entry.msgid: entry for entry in polib.pofile(str(RIGHTWAY_PO)) if not entry.obsolete}
    assert len(pack) >= 8
    for entry in pack:
        assert entry.msgid in welsh and welsh[entry.msgid].translated(), entry.msgid
        assert "fuzzy" not in welsh[entry.msgid].flags


def test_a_rebuild_is_byte_for_byte_identical(pdf_dir: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.pdf",
            str(BUILD_DIR / "html"),
            str(tmp_path),
            "--language",
            "cy",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    rebuilt = sorted(path.name for path in (tmp_path / "cy").glob("*.pdf"))
    assert rebuilt == sorted(path.name for path in (pdf_dir / "cy").glob("*.pdf"))
    for name in rebuilt:
        assert (tmp_path / "cy" / name).read_bytes() == (pdf_dir / "cy" / name).read_bytes(), name


def test_a_rerun_compiles_only_the_documents_whose_inputs_changed(tmp_path: Path) -> None:
    documents = PackBuilder(course(), BUILD_DIR / "html", "en").documents()
    renderer = Renderer()
    assert renderer.render_all(documents, tmp_path) == len(documents)
    before = {path.name: path.read_bytes() for path in tmp_path.glob("*.pdf")}
    assert renderer.render_all(documents, tmp_path) == 0  # nothing changed, nothing compiled
    changed = json.loads(json.dumps(documents["pocket-guide"]))
    changed["title"] += " (edited)"
    assert renderer.render_all({**documents, "pocket-guide": changed}, tmp_path) == 1
    after = {path.name: path.read_bytes() for path in tmp_path.glob("*.pdf")}
    assert [name for name in before if before[name] != after[name]] == ["pocket-guide.pdf"]
    (tmp_path / "handout-participation.pdf").unlink()  # a lost file is made again
    assert renderer.render_all(documents, tmp_path) == 2  # it, and the pocket guide back


def test_the_pack_is_skipped_only_while_what_it_is_made_from_is_unchanged(
    tmp_path: Path,
) -> None:
    html = tmp_path / "html"
    shutil.copytree(BUILD_DIR / "html" / "en", html / "en")
    out = tmp_path / "pdf" / "en"
    out.mkdir(parents=True)
    (out / "handout-introduction.pdf").write_bytes(b"%PDF-")
    assert not up_to_date(out, current_hash(html, "en"))  # never recorded
    record(out, current_hash(html, "en"))
    assert up_to_date(out, current_hash(html, "en"))
    (html / "en" / "accessibility.html").write_text("edited", encoding="utf-8")  # not in the pack
    assert up_to_date(out, current_hash(html, "en"))
    page = html / "en" / "principles" / "participation.html"
    page.write_text(page.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert not up_to_date(out, current_hash(html, "en"))
