"""``rightway-quiz``: reading answers, marking, results, the cohort report and supervision prompts.

Imports nothing from Sphinx (``rightway_quiz.sphinxext``).
"""
