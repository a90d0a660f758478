"""``python -m rightway_quiz``: the same as the ``rightway-quiz`` command."""

from .grader.cli import entrypoint

entrypoint()
