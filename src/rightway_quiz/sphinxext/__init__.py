"""The Sphinx extension: directives, nodes, theme, Welsh search, language switch, SCORM notes.

``setup()`` hands off to one ``setup_<feature>`` per module, as sphinx-design does.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .._version import __version__
from .articles import setup_articles
from .config import setup_config
from .content import setup_content
from .course_data import setup_course_data
from .diagrams import setup_diagrams
from .i18n import setup_i18n
from .journey import setup_journey
from .language_spans import setup_language_spans
from .language_switch import setup_language_switch
from .myst_speedup import PooledMystParser, speed_up_myst
from .not_found import setup_not_found
from .notebooks import setup_notebooks
from .page_assets import setup_page_assets
from .parts import setup_parts
from .quiz import setup_quiz
from .scorm_notes import setup_scorm
from .search_cy import setup_welsh_search
from .self_assessment import setup_self_assessment
from .theme import setup_theme
from .welsh_collation import setup_welsh_collation


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    speed_up_myst()
    if "myst_parser" in app.extensions:
        app.add_source_parser(PooledMystParser, override=True)
    setup_config(app)
    setup_i18n(app)
    setup_theme(app)
    setup_language_switch(app)
    setup_language_spans(app)
    setup_course_data(app)
    setup_quiz(app)
    setup_content(app)
    setup_journey(app)
    setup_parts(app)
    setup_articles(app)
    setup_diagrams(app)
    setup_self_assessment(app)
    setup_scorm(app)
    setup_welsh_search(app)
    setup_page_assets(app)
    setup_welsh_collation(app)
    setup_not_found(app)
    setup_notebooks(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
