"""Each language's build reads its own copy of a notebook, outputs and all.

``tools.notebooks`` (run by ``make``) writes ``<rightway_notebook_dir>/<lang>/<doc>.ipynb``:
the notebook run with that language's labels and text. Here that copy replaces
the source as Sphinx reads it, so the Welsh page shows Welsh outputs and
nbsphinx copies the Welsh ``.ipynb`` (not the English one) into the Welsh build.
The code itself stays Python with English names and comments, so on pages in
another language its input cells are marked ``lang="en"``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .config import get_settings

logger = logging.getLogger(__name__)
_INPUT_CELL = re.compile(r'<div class="nbinput\b')


def generated_notebook(app: Sphinx, docname: str) -> Path | None:
    """This build's language's copy of ``docname`` if the source is a notebook and a copy is set up."""
    folder = get_settings(app).notebook_dir
    if not folder or Path(app.env.doc2path(docname)).suffix != ".ipynb":
        return None
    return Path(app.confdir, folder, app.config.language or "en", docname + ".ipynb")


def _read_generated(app: Sphinx, docname: str, source: list[str]) -> None:
    path = generated_notebook(app, docname)
    if path is None:
        return
    if not path.is_file():
        logger.warning(
            "%s: no generated copy at %s; run `make` (tools.notebooks) first",
            docname,
            path,
            type="rightway",
            subtype="notebook",
        )
        return
    source[0] = path.read_text(encoding="utf-8")
    app.env.note_dependency(str(path))


def _mark_code_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if (app.config.language or "en") == "en" or "body" not in context:
        return
    context["body"] = _INPUT_CELL.sub('<div lang="en" class="nbinput', context["body"])


def setup_notebooks(app: Sphinx) -> None:
    """Read per-language notebook copies; mark code cells as English on other languages' pages."""
    app.connect("source-read", _read_generated)
    app.connect("html-page-context", _mark_code_language)
