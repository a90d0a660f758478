"""The course's own static files, minified for the built site; Furo's stylesheet trimmed.

The readable sources stay in ``static/``; an HTML build copies minified versions
(``rjsmin``, ``rcssmin``: comments and needless whitespace out, nothing renamed) into
its ``_static/``. They are written beside the build's doctrees and that folder is put
on ``html_static_path``, so Sphinx copies them itself and its ``?v=`` checksums are
those of the files served. Our files carry no licence comment that must be kept (the
course's licence is in the repository), so none is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .page_assets import SELECTOR_NAME, page_names, rules_using

STATIC_DIR = Path(__file__).parent / "static"
MINIFIED_FOLDER = "rightway-static"

MINIFIERS: dict[str, Callable[[str], str]] = {
    ".js": lambda text: str(rjsmin.jsmin(text)),
    ".css": lambda text: str(rcssmin.cssmin(text)),
}


def minified_static_dir(work_dir: Path, source: Path = STATIC_DIR) -> Path:
    """A folder under ``work_dir`` holding every file of ``source``, JS and CSS minified.

    A file is rewritten only when its content changes, so an unchanged build leaves
    the copies (and the packages zipped from them) as they were.
    """
    target = work_dir / MINIFIED_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        wanted.add(path.name)
        minify = MINIFIERS.get(path.suffix)
        data = (
            minify(path.read_text(encoding="utf-8")).encode("utf-8")
            if minify
            else path.read_bytes()
        )
        copy = target / path.name
        if not copy.is_file() or copy.read_bytes() != data:
            copy.write_bytes(data)
    for stale in target.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    return target


# -- Furo's stylesheet: without the rules for what the site never has ------------------

FURO_CSS = Path("_static") / "styles" / "furo.css"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def site_names(outdir: Path) -> set[str]:
    """Every class and id name in the built HTML pages of ``outdir``."""
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        names |= page_names(page.read_text(encoding="utf-8", errors="replace"))
    return names


def furo_css_for_site(css: str, outdir: Path) -> str:
    """Furo's stylesheet less the selectors naming a class or id the site never uses.

    A name counts as used when a built page has it, or when any script in ``_static/``
    mentions it (Furo's and Sphinx's scripts add classes as the page runs: ``scrolled``,
    search results). About a quarter of furo.css styles what the course has none of
    (API signatures, footnotes, field and option lists, line numbers, admonition kinds
    it does not use); a page that starts to use one gets its rules at the next build.
    Licence comments (``/*! … */``) stay, at the top.
    """
    licences = [comment for comment in COMMENT.findall(css) if comment.startswith("/*!")]
    plain = COMMENT.sub("", css)
    scripts = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (outdir / "_static").rglob("*.js")
    )
    pages = site_names(outdir)
    used = {name for name in set(SELECTOR_NAME.findall(plain)) if name in pages or name in scripts}
    return "".join(licences) + rules_using(plain, used)


def prune_furo_css(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, rewrite its furo.css for the pages it holds (see above)."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    path = outdir / FURO_CSS
    if path.is_file():
        css = path.read_text(encoding="utf-8")
        path.write_text(furo_css_for_site(css, outdir), encoding="utf-8")
