"""Sphinx configuration for The Right Way course (both languages).

Build one language at a time: ``sphinx-build -c . -D language=cy course _build/html/cy``.
The Makefile does this for every language in ``rightway_languages``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypandoc
import yaml
from docutils.utils.smartquotes import smartchars

ROOT = Path(__file__).resolve().parent

extensions = [
    "myst_parser",
    "sphinx_design",
    "nbsphinx",
    "rightway_quiz.sphinxext",
]

# -- Course ------------------------------------------------------------------
# Titles are per language: the extension picks one on config-inited.
rightway_titles = {
    "en": "The Right Way: children's rights in social care",
    "cy": "Y Ffordd Gywir: hawliau plant mewn gofal cymdeithasol",
}
rightway_languages = ["cy", "en"]
rightway_quiz_dir = str(ROOT / "quizzes")
rightway_scenario_dir = str(ROOT / "scenarios")
# One SCORM SCO per module, in course order: from course.yaml, the one list of modules.
rightway_scorm_modules = [
    module["page"]
    for module in yaml.safe_load((ROOT / "course.yaml").read_text(encoding="utf-8"))["modules"]
]
project = "The Right Way"
author = "Children's rights course team"
copyright = (
    "2026, the course team; content based on The Right Way by the Children's Commissioner for Wales"
)
language = "en"

# -- Sources -----------------------------------------------------------------
root_doc = "index"
source_suffix = {".md": "markdown", ".ipynb": "jupyter_notebook"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block"]
myst_heading_anchors = 3

# -- Translation ---------------------------------------------------------------
locale_dirs = [str(ROOT / "locale")]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = "Rightway course team"
gettext_language_team = "Cymraeg <cy@rightway.invalid>"

# -- HTML --------------------------------------------------------------------
html_theme = "rightway"
html_show_sourcelink = False
html_copy_source = False
html_use_index = False
html_domain_indices = False
html_last_updated_fmt = None
html_permalinks_icon = "#"
html_theme_options = {"top_of_page_buttons": []}

# -- Notebooks: nothing from a CDN -------------------------------------------
# nbsphinx converts Markdown cells with pandoc; the pypandoc-binary wheel ships one,
# so no system pandoc is needed. Outputs are stored in the notebooks, never executed here.
os.environ["PATH"] = os.pathsep.join(
    [str(Path(pypandoc.get_pandoc_path()).parent), os.environ.get("PATH", "")]
)
nbsphinx_execute = "never"
# No "[1]:" prompts: nbsphinx colours them below the WCAG AA contrast ratio.
nbsphinx_input_prompt = nbsphinx_output_prompt = "%.0s"
nbsphinx_prompt_width = "0"
# nbsphinx parses notebooks with docutils' own smart-quotes transform, which knows no Welsh
# and warns (an error under -W). Welsh uses the same curly quotes as English.
smartchars.quotes.setdefault("cy", smartchars.quotes["en"])
nbsphinx_requirejs_path = ""
nbsphinx_assume_equations = False
nbsphinx_widgets_path = ""

# docutils has no Welsh quotation marks; the Welsh catalogs already use ’ and “ ”.
smartquotes_excludes = {"languages": ["cy"], "builders": ["man", "text"]}
