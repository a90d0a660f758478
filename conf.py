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
# The footer's copyright line, per language (the extension sets ``copyright`` from it).
rightway_copyrights = {
    "en": "2026, the course team; content based on The Right Way"
    " by the Children's Commissioner for Wales",
    "cy": "2026, tîm y cwrs; cynnwys yn seiliedig ar Y Ffordd Gywir"
    " gan Gomisiynydd Plant Cymru",
}
copyright = rightway_copyrights["en"]
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
# so no system pandoc is needed. Nothing is executed by nbsphinx (see rightway_notebook_dir).
os.environ["PATH"] = os.pathsep.join(
    [str(Path(pypandoc.get_pandoc_path()).parent), os.environ.get("PATH", "")]
)
nbsphinx_execute = "never"
# Notebooks are stored without outputs; `make` runs them once per language (tools.notebooks)
# and each build reads its own language's copy from here.
rightway_notebook_dir = str(ROOT / "_build" / "notebooks")
# No "[1]:" prompts: nbsphinx colours them below the WCAG AA contrast ratio.
nbsphinx_input_prompt = nbsphinx_output_prompt = "%.0s"
nbsphinx_prompt_width = "0"
# nbsphinx parses notebooks with docutils' own smart-quotes transform, which knows no Welsh
# and warns (an error under -W). Welsh uses the same curly quotes as English. Sphinx's own
# smart-quotes transform reads the same table.
smartchars.quotes.setdefault("cy", smartchars.quotes["en"])
nbsphinx_requirejs_path = ""
nbsphinx_assume_equations = False
nbsphinx_widgets_path = ""

# Welsh prints the same curly quotes as English (‘ ’ inside “ ”): the smartchars entry above
# lets Sphinx curl straight quotes and apostrophes on the Welsh side too, as on the English.
smartquotes_excludes = {"languages": [], "builders": ["man", "text"]}
