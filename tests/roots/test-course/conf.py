extensions = ["myst_parser", "sphinx_design", "rightway_quiz.sphinxext"]
html_theme = "rightway"
rightway_titles = {"en": "Test course", "cy": "Cwrs prawf"}
rightway_copyrights = {"en": "2026, test", "cy": "2026, prawf"}
myst_enable_extensions = ["colon_fence"]
gettext_compact = False
locale_dirs = ["locale"]
