"""The course's own static files, minified for the built site; Furo's stylesheet trimmed.

The readable sources stay in ``static/``; an HTML build copies minified versions
(``rjsmin``, ``rcssmin``: comments and needless whitespace out, nothing renamed) into
its ``_static/``. They are written beside the build's doctrees and that folder is put
on ``html_static_path``, so Sphinx copies them itself and its ``?v=`` checksums are
those of the files served. Our files carry no licence comment that must be kept (the
course's licence is in the repository), so none is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .built_files import write_if_changed
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
        write_if_changed(target / path.name, data)
    for stale in target.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    return target


# -- Furo's stylesheet: without the rules for what the site never has ------------------

FURO_CSS = Path("_static") / "styles" / "furo.css"
TRIM_CACHE = "rightway-furo-trim.json"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class TrimCache:
    """What the last trim of furo.css read, so an incremental build reads only new pages.

    Each page's names are kept by its size and modification time, and the trimmed
    stylesheet by a hash of the stylesheet and the names used: a one-page edit
    rewrites a few pages, and their names rarely change what is kept. Kept beside the
    doctrees (never served).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.pages: dict[str, tuple[str, list[str]]] = {}
        self.trimmed: dict[str, str] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.pages = {name: (sig, names) for name, (sig, names) in data["pages"].items()}
                self.trimmed = dict(data["trimmed"])
            except (ValueError, KeyError, TypeError):
                self.pages, self.trimmed = {}, {}

    def page_names(self, outdir: Path, page: Path) -> set[str]:
        """The class and id names of one built page, read again only if it changed."""
        stat = page.stat()
        signature = f"{stat.st_size}:{stat.st_mtime_ns}"
        name = page.relative_to(outdir).as_posix()
        cached = self.pages.get(name)
        if cached is None or cached[0] != signature:
            found = page_names(page.read_text(encoding="utf-8", errors="replace"))
            cached = self.pages[name] = (signature, sorted(found))
        return set(cached[1])

    def save(self, pages: set[str]) -> None:
        """Write the cache, with only the pages the site still has."""
        if self.path is None:
            return
        kept = {name: entry for name, entry in self.pages.items() if name in pages}
        text = json.dumps({"pages": kept, "trimmed": self.trimmed}, sort_keys=True)
        self.path.write_text(text, encoding="utf-8")


def site_names(outdir: Path, cache: TrimCache | None = None) -> set[str]:
    """Every class and id name in the built HTML pages of ``outdir``."""
    cache = cache or TrimCache()
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        names |= cache.page_names(outdir, page)
    return names


def furo_css_for_site(css: str, outdir: Path, cache: TrimCache | None = None) -> str:
    """Furo's stylesheet less the selectors naming a class or id the site never uses.

    A name counts as used when a built page has it, or when any script in ``_static/``
    mentions it (Furo's and Sphinx's scripts add classes as the page runs: ``scrolled``,
    search results). About a quarter of furo.css styles what the course has none of
    (API signatures, footnotes, field and option lists, line numbers, admonition kinds
    it does not use); a page that starts to use one gets its rules at the next build.
    Licence comments (``/*! … */``) stay, at the top.
    """
    cache = cache or TrimCache()
    licences = [comment for comment in COMMENT.findall(css) if comment.startswith("/*!")]
    plain = COMMENT.sub("", css)
    scripts = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (outdir / "_static").rglob("*.js")
    )
    pages = site_names(outdir, cache)
    used = {name for name in set(SELECTOR_NAME.findall(plain)) if name in pages or name in scripts}
    key = hashlib.sha256("\0".join([css, *sorted(used)]).encode("utf-8")).hexdigest()
    if key not in cache.trimmed:
        cache.trimmed = {key: "".join(licences) + rules_using(plain, used)}
    return cache.trimmed[key]


def prune_furo_css(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, rewrite its furo.css for the pages it holds (see above)."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    path = outdir / FURO_CSS
    if path.is_file():
        cache = TrimCache(Path(app.doctreedir) / TRIM_CACHE)
        css = path.read_text(encoding="utf-8")
        trimmed = furo_css_for_site(css, outdir, cache)
        if trimmed != css:
            path.write_text(trimmed, encoding="utf-8")
        cache.save({page.relative_to(outdir).as_posix() for page in outdir.rglob("*.html")})
