"""The course as data: quiz, scenario and article models, the loader, and the course aggregate.

Imports neither Sphinx nor the grader: every other room builds on this one.
"""
