"""The ``rightway`` HTML theme (Furo, made keyboard-operable and translatable) and its assets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .i18n import _
from .theme_static import minified_static_dir, prune_furo_css

# Furo writes this English label into its sidebar in Python, out of reach of the catalogs.
FURO_TOGGLE_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')

THEME_DIR = Path(__file__).parent / "theme" / "rightway"


def setup_theme(app: Sphinx) -> None:
    """Register the theme and add the shared static files to HTML builds."""
    app.add_html_theme("rightway", str(THEME_DIR))
    app.connect("builder-inited", _add_static_assets)
    app.connect("build-finished", prune_furo_css)
    # After Furo's own handler (priority 500), which builds the navigation tree.
    app.connect("html-page-context", _fix_navigation_headings, priority=900)


def _add_static_assets(app: Sphinx) -> None:
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    # Minified copies of static/ (beside this build's doctrees: each build its own).
    app.config.html_static_path.append(str(minified_static_dir(Path(app.doctreedir))))
    # rightway.css holds the diagrams' and the printed page's rules too: each stylesheet
    # of its own would be one request more (a media="print" link is fetched on screen).
    app.add_css_file("rightway.css")
    app.add_js_file("rightway.js", defer="defer")


def _fix_navigation_headings(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give toctree captions a heading level and Furo's sidebar toggles a translated name.

    Sphinx and Furo mark captions ``role="heading"`` without a level, and Furo names each
    sidebar toggle in English whatever the build language.
    """
    toggle_label = str(_("Show or hide the pages under {title}"))
    for key in ("furo_navigation_tree", "body"):
        html = context.get(key)
        if isinstance(html, str):
            html = html.replace('role="heading">', 'role="heading" aria-level="2">')
            context[key] = FURO_TOGGLE_LABEL.sub(
                lambda match: f'aria-label="{toggle_label.format(title=match.group(1))}"', html
            )
