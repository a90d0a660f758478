extensions = ["myst_parser", "rightway_quiz.sphinxext"]
html_theme = "rightway"
rightway_titles = {"en": "Diagram test", "cy": "Prawf diagramau"}
rightway_copyrights = {"en": "2026, test", "cy": "2026, prawf"}
rightway_scenario_dir = "quizzes"
gettext_compact = False
locale_dirs = ["locale"]
