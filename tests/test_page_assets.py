"""What a page loads: minified copies of our files, trimmed Furo and sphinx-design CSS."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import BUILD_DIR, LANGUAGES, html_pages

from rightway_quiz.sphinxext.page_assets import (
    _remove_unused_design_css,
    design_rules_for,
    page_names,
)
from rightway_quiz.sphinxext.theme_static import (
    MINIFIERS,
    STATIC_DIR,
    TrimCache,
    furo_css_for_site,
    minified_static_dir,
)

DESIGN_CSS = (
    ":root{--sd-color-card-border:#ccc;--sd-color-tabs-label:#333;--sd-unused:red}"
    "@keyframes sd-fade{0%{opacity:0}100%{opacity:1}}"
    "@keyframes sd-slide{0%{opacity:0}}"
    ".sd-card{border:1px solid var(--sd-color-card-border);animation:sd-fade 1s}"
    ".sd-tab-set>label{color:var(--sd-color-tabs-label)}"
    "#furo-readthedocs-versions .sd-card,.sd-card .sd-card-body{padding:0}"
    ".highlight button.copybtn{opacity:0}"
    "@media (prefers-color-scheme:dark){body{--sd-color-card-border:#333}.sd-tab-set{x:y}}"
)


def test_design_rules_keep_the_components_a_page_uses_and_their_colours() -> None:
    css = design_rules_for(DESIGN_CSS, {"sd-card", "sd-card-body", "highlight"})
    assert ".sd-card{" in css and ".sd-card .sd-card-body{" in css
    assert "sd-tab-set" not in css and "--sd-color-tabs-label" not in css
    assert "readthedocs" not in css and "copybtn" not in css
    assert "--sd-color-card-border:#ccc" in css and "--sd-color-card-border:#333" in css
    assert "--sd-unused" not in css
    assert "@keyframes sd-fade" in css and "sd-slide" not in css


def test_page_names_are_the_class_and_id_names_of_the_body() -> None:
    body = '<div class="sd-card docutils" id="intro"><p class="x">text</p></div>'
    assert page_names(body) == {"sd-card", "docutils", "intro", "x"}


def test_furo_css_keeps_what_pages_or_scripts_use_and_the_licence(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    (tmp_path / "index.html").write_text('<div class="sidebar-drawer"></div>', encoding="utf-8")
    (tmp_path / "_static" / "furo.js").write_text('e.classList.add("scrolled")', encoding="utf-8")
    css = (
        "/*! normalize.css | MIT License */html{line-height:1.15}"
        "/* a note */.sidebar-drawer{width:15em}.footnote{font-size:small}"
        ".mobile-header.scrolled{box-shadow:none}"
        "@media print{.sidebar-drawer,.footnote{display:none}}"
        "/*# sourceMappingURL=furo.css.map*/"
    )
    trimmed = furo_css_for_site(css, tmp_path)
    assert trimmed.startswith("/*! normalize.css | MIT License */html{line-height:1.15}")
    assert ".sidebar-drawer{width:15em}" in trimmed
    assert ".mobile-header.scrolled{" not in trimmed  # mobile-header is on no page
    assert "@media print{.sidebar-drawer{display:none}}" in trimmed
    assert "footnote" not in trimmed and "a note" not in trimmed and "sourceMapping" not in trimmed


def test_furo_trim_reads_again_only_the_pages_that_changed(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    page = tmp_path / "index.html"
    page.write_text('<div class="sidebar-drawer"></div>', encoding="utf-8")
    css = ".sidebar-drawer{width:15em}.footnote{font-size:small}"
    cache = TrimCache(tmp_path / "trim.json")
    assert furo_css_for_site(css, tmp_path, cache) == ".sidebar-drawer{width:15em}"
    cache.save({"index.html"})
    # An unchanged page's names come from the cache: names planted there count.
    cache = TrimCache(tmp_path / "trim.json")
    signature, _ = cache.pages["index.html"]
    cache.pages["index.html"] = (signature, ["sidebar-drawer", "footnote"])
    assert furo_css_for_site(css, tmp_path, cache) == css
    # A page written again is read again.
    page.write_text('<div class="footnote"></div>\n', encoding="utf-8")
    assert furo_css_for_site(css, tmp_path, cache) == ".footnote{font-size:small}"


def test_minified_copies_follow_their_sources(tmp_path: Path) -> None:
    source = tmp_path / "static"
    source.mkdir()
    (source / "a.js").write_text("/* why */\nvar  answer = 42; // the answer\n", encoding="utf-8")
    (source / "a.css").write_text("/* why */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    (source / "logo.svg").write_text("<svg/>\n", encoding="utf-8")
    copies = minified_static_dir(tmp_path / "work", source)
    assert (copies / "a.js").read_text(encoding="utf-8") == "var answer=42;"
    assert (copies / "a.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (copies / "logo.svg").read_text(encoding="utf-8") == "<svg/>\n"
    (source / "a.css").unlink()
    minified_static_dir(tmp_path / "work", source)
    assert not (copies / "a.css").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_serves_our_scripts_and_styles_minified(html_dir: Path, language: str) -> None:
    for source in sorted(STATIC_DIR.glob("*.*")):
        minify = MINIFIERS[source.suffix]
        served = (html_dir / language / "_static" / source.name).read_text(encoding="utf-8")
        assert served == minify(source.read_text(encoding="utf-8")), source.name
        assert len(served) < 0.8 * source.stat().st_size, source.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_loads_the_record_script_up_front(html_dir: Path, language: str) -> None:
    assert (html_dir / language / "_static" / "rightway-record.js").is_file()
    for path in html_pages(language):
        html = (html_dir / language / path).read_text(encoding="utf-8")
        assert "rightway-record.js" not in html, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_built_furo_css_is_trimmed_to_the_site(html_dir: Path, language: str) -> None:
    css = (html_dir / language / "_static" / "styles" / "furo.css").read_text(encoding="utf-8")
    assert css.startswith("/*! normalize.css")
    assert ".sidebar-drawer" in css and ".skip-to-content" in css
    for unused in ("sig-name", "option-list", "footnote", "versionmodified"):
        assert not re.search(rf"\.{unused}\b", css), unused


def test_a_design_stylesheet_no_page_links_is_removed(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    static.mkdir()
    (static / "rightway-design-0123456789.css").write_text(".sd-tab-set{}", encoding="utf-8")
    (static / "rightway-design-abcdefabcd.css").write_text(".sd-card{}", encoding="utf-8")
    (static / "rightway.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="_static/rightway-design-abcdefabcd.css?v=1">',
        encoding="utf-8",
    )
    _remove_unused_design_css(SimpleNamespace(outdir=str(tmp_path)), None)  # type: ignore[arg-type]
    assert sorted(path.name for path in static.iterdir()) == [
        "rightway-design-abcdefabcd.css",
        "rightway.css",
    ]


def test_the_built_site_keeps_only_linked_design_stylesheets() -> None:
    for language in LANGUAGES:
        html = BUILD_DIR / "html" / language
        linked = "".join(page.read_text(encoding="utf-8") for page in html.rglob("*.html"))
        for stylesheet in (html / "_static").glob("rightway-design-*.css"):
            assert f"_static/{stylesheet.name}" in linked, stylesheet
