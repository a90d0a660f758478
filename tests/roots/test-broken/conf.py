extensions = ["myst_parser", "rightway_quiz.sphinxext"]
html_theme = "rightway"
