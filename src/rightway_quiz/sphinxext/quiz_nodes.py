"""The quiz's one node class: the data the directives parse, before anything is rendered."""

from __future__ import annotations

from docutils import nodes


class quiz_part(nodes.General, nodes.Element):
    """One part of a quiz; ``part`` says which (quiz, question, option, …)."""
