"""The printable pack: scenario cards, handouts, pocket guide, workshop packs, self-assessment.

Build-only (never shipped). ``python -m tools.pdf <html dir> <pdf dir> --language cy``
reads the course model (quizzes, scenarios, articles and their Welsh from the page
catalogs) and the built HTML of one language, and compiles Typst templates
(``templates/``) with the ``typst`` wheel into ``<pdf dir>/<language>/``.
"""
