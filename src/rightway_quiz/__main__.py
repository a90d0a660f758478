"""``python -m rightway_quiz``: the same as the ``rightway-quiz`` command."""

from .cli import entrypoint

entrypoint()
