"""The ``rightway`` HTML theme (Furo, made keyboard-operable and translatable) and its assets."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

THEME_DIR = Path(__file__).parent / "theme" / "rightway"
STATIC_DIR = Path(__file__).parent / "static"


def setup_theme(app: Sphinx) -> None:
    """Register the theme and add the shared static files to HTML builds."""
    app.add_html_theme("rightway", str(THEME_DIR))
    app.connect("builder-inited", _add_static_assets)


def _add_static_assets(app: Sphinx) -> None:
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("rightway.css")
    app.add_js_file("rightway.js", defer="defer")
