extensions = ["myst_parser", "rightway_quiz"]
html_theme = "rightway"
