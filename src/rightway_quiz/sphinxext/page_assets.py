"""Each page loads only the CSS and JS it uses.

Sphinx and its extensions add their assets to every page on ``builder-inited``;
``html-page-context`` (after them) takes off each page the ones it has no use for:

- the quiz runtime and its CSS, without a quiz or a check (the self-assessment
  shares the CSS);
- (rightway-scorm.js stays on every page: inside a SCO each page reports itself for
  the bookmark and the pages visited, even one without a quiz);
- the self-assessment script, without a self-assessment;
- Pygments' colours, without highlighted code;
- Sphinx's search helpers (``doctools.js`` and friends) anywhere but the search page;
- sphinx-design's tab-sync script, without synced tabs.

sphinx-design's 55 KB stylesheet (and Furo's rules for it) is replaced by the rules
for the components the page uses, and the colour variables and animations those use,
written once per set of components as ``_static/rightway-design-<hash>.css`` (about
4.5 KB for cards and tabs). A module page went from 17 requests to 9.
``rightway-record.js`` is on no page: ``rightway-quiz.js`` loads it when it is needed.
The print, diagram and self-assessment rules sit in ``rightway.css`` and
``rightway-quiz.css`` rather than in stylesheets of their own: at most 10 requests.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .quiz import quiz_part

DESIGN_CSS = "sphinx-design.min.css"
DESIGN_LINK = re.compile(r"_static/(rightway-design-[0-9a-f]+\.css)")
FURO_EXTENSIONS_CSS = "furo-extensions.css"
DESIGN_CLASS = re.compile(r"\bsd-[\w-]+")
# The class and id names a selector needs on the page (``.name``, ``#name``).
SELECTOR_NAME = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
PAGE_NAMES = re.compile(r'\s(?:class|id)="([^"]*)"')
DESIGN_VARIABLE = re.compile(r"^\s*(--sd-[\w-]+)\s*:")
KEYFRAMES = re.compile(r"@keyframes\s+([\w-]+)")
SEARCH_SCRIPTS = {
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "translations.js",
    "language_data.js",
    "searchtools.js",
}

#: An asset's file name → whether a page (its name, doctree and body HTML) needs it.
Needs = Callable[[str, "nodes.document | None", str], bool]


def _has_node(node_class: type[nodes.Node]) -> Callable[[nodes.document | None], bool]:
    def found(doctree: nodes.document | None) -> bool:
        return doctree is not None and next(iter(doctree.findall(node_class)), None) is not None

    return found


def _uses_quiz_styles(page: str, doctree: nodes.document | None, body: str) -> bool:
    return any(
        name in body for name in ("rightway-quiz", "rightway-check", "rightway-self-assessment")
    )


NEEDS: dict[str, Needs] = {
    "rightway-quiz.js": lambda page, doctree, body: _has_node(quiz_part)(doctree),
    "rightway-quiz.css": _uses_quiz_styles,
    "rightway-self-assessment.js": lambda page, doctree, body: "rightway-self-assessment" in body,
    "pygments.css": lambda page, doctree, body: 'class="highlight' in body,
    "design-tabs.js": lambda page, doctree, body: "data-sync-id" in body,
    **{name: (lambda page, doctree, body: page == "search") for name in SEARCH_SCRIPTS},
}


def setup_page_assets(app: Sphinx) -> None:
    """Trim each HTML page's assets (after every extension has added its own)."""
    app.connect("html-page-context", _trim_assets, priority=950)
    app.connect("build-finished", _remove_unused_design_css)


def _file_name(asset: Any) -> str:
    return PurePosixPath(str(getattr(asset, "filename", asset)).split("?")[0]).name


def _trim_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    body = str(context.get("body", ""))
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if not isinstance(assets, list):
            continue
        context[key] = [
            asset
            for asset in assets
            if (needs := NEEDS.get(_file_name(asset))) is None or needs(pagename, doctree, body)
        ]
    _replace_design_css(app, context, body)


# -- sphinx-design: only the components a page uses ------------------------------------


def css_rules(css: str) -> Iterator[tuple[str, str]]:
    """Top-level ``(prelude, block)`` pairs of a stylesheet; ``block`` without its braces."""
    position = 0
    while True:
        opening = css.find("{", position)
        if opening == -1:
            return
        depth, index = 1, opening + 1
        while depth and index < len(css):
            depth += {"{": 1, "}": -1}.get(css[index], 0)
            index += 1
        yield css[position:opening].strip(), css[opening + 1 : index - 1]
        position = index


def design_rules_for(css: str, used: set[str]) -> str:
    """The rules of ``css`` a page whose HTML has the class and id names ``used`` needs.

    A selector stays when every class and id it names is on the page: sphinx-design's
    components the page has, not Furo's additions for add-ons the course never has (Read
    the Docs' version menu, ads, a copy button, sphinx-panels). Rules naming none stay
    (they set the colours, e.g. Furo's ``body{--sd-…}``); then ``--sd-`` colour variables
    and ``@keyframes`` that nothing kept refers to go.
    """
    return _without_unreferenced(rules_using(css, used))


def rules_using(css: str, used: set[str]) -> str:
    """The rules of ``css`` whose selectors name only ``used`` class and id names.

    A selector list keeps the selectors that qualify; an ``@media`` or ``@supports``
    block keeps its qualifying rules; other at-rules (``@keyframes``) stay whole.
    """
    kept: list[str] = []
    for prelude, block in css_rules(css):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = rules_using(block, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
            continue
        if prelude.startswith("@"):
            kept.append(f"{prelude}{{{block}}}")
            continue
        selectors = [
            selector
            for selector in prelude.split(",")
            if set(SELECTOR_NAME.findall(selector)) <= used
        ]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{block}}}")
    return "".join(kept)


def _without_unreferenced(css: str) -> str:
    """``css`` less the ``--sd-`` variables and keyframes nothing else in it uses."""
    while True:
        shorter = _drop_unreferenced_once(css)
        if shorter == css:
            return css
        css = shorter


def _drop_unreferenced_once(css: str, whole: str | None = None) -> str:
    """One pass over ``css``, a part (an ``@media`` block's inside) of ``whole`` or all of it."""
    whole = css if whole is None else whole

    def used_variable(name: str) -> bool:
        return re.search(rf"var\(\s*{re.escape(name)}(?![\w-])", whole) is not None

    def used_keyframes(name: str) -> bool:
        return len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", whole)) > 1

    kept: list[str] = []
    for prelude, block in css_rules(css):
        keyframes = KEYFRAMES.match(prelude)
        if keyframes:
            if used_keyframes(keyframes.group(1)):
                kept.append(f"{prelude}{{{block}}}")
            continue
        if prelude.startswith("@"):
            inner = _drop_unreferenced_once(block, whole) if "{" in block else block
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
            continue
        declarations = [
            declaration
            for declaration in block.split(";")
            if not (variable := DESIGN_VARIABLE.match(declaration))
            or used_variable(variable.group(1))
        ]
        if any(declaration.strip() for declaration in declarations):
            kept.append(f"{prelude}{{{';'.join(declarations)}}}")
    return "".join(kept)


def page_names(body: str) -> set[str]:
    """Every class and id name in a page's body HTML."""
    return {name for names in PAGE_NAMES.findall(body) for name in names.split()}


def _replace_design_css(app: Sphinx, context: dict[str, Any], body: str) -> None:
    css_files = context.get("css_files")
    if not isinstance(css_files, list):
        return
    dropped = {DESIGN_CSS, FURO_EXTENSIONS_CSS}
    present = [asset for asset in css_files if _file_name(asset) in dropped]
    if not present:
        return
    context["css_files"] = [asset for asset in css_files if asset not in present]
    if not DESIGN_CLASS.search(body):
        return
    used = page_names(body)
    css = design_rules_for(
        "".join(path.read_text(encoding="utf-8") for path in _design_sources()), used
    )
    name = f"rightway-design-{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    _write_once(Path(app.outdir) / "_static" / name, css)
    # The same class as the stylesheets it replaces (Sphinx keeps its own private).
    stylesheet = type(present[0])
    context["css_files"].append(stylesheet(f"_static/{name}", priority=800))


def _design_sources() -> list[Path]:
    """sphinx-design's stylesheet and Furo's additions for it, from their packages."""
    import furo  # type: ignore[import-untyped]
    import sphinx_design

    return [
        Path(sphinx_design.__file__).parent / "static" / DESIGN_CSS,
        Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / FURO_EXTENSIONS_CSS,
    ]


def _write_once(path: Path, text: str) -> None:
    """Write ``path`` atomically unless it exists: parallel writers may race to it."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    # mkstemp makes the file private (0600); a web server or an LMS must be able to read it.
    Path(temporary).chmod(0o644)
    Path(temporary).replace(path)


def _remove_unused_design_css(app: Sphinx, exception: Exception | None) -> None:
    """Delete ``rightway-design-*.css`` files no page links to any more.

    A page whose components change gets a stylesheet with a new name; without this the
    old ones would pile up in ``_static/`` and be zipped into every SCORM package.
    """
    static = Path(app.outdir) / "_static"
    stylesheets = list(static.glob("rightway-design-*.css"))
    if exception is not None or not stylesheets:
        return
    linked = set()
    for page in Path(app.outdir).rglob("*.html"):
        linked.update(DESIGN_LINK.findall(page.read_text(encoding="utf-8", errors="replace")))
    for stylesheet in stylesheets:
        if stylesheet.name not in linked:
            stylesheet.unlink()
