"""The course's one paragraph rule, with no dependencies: the build hook uses it too.

``setup.py`` imports this module to pick the Welsh messages the installed grader
needs, before pydantic or PyYAML's models exist, so it imports nothing else.
"""

from __future__ import annotations


def split_paragraphs(text: str) -> list[str]:
    """The course's one paragraph rule: blank lines separate paragraphs, inner whitespace folds.

    Each paragraph is one translatable message, in the pages and in the tool alike.
    """
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]


def lookup_keys(text: str) -> set[str]:
    """Every message id under which the tool may look ``text`` up (``ContentTranslations``)."""
    stripped = text.strip()
    return {stripped, " ".join(stripped.split()), *split_paragraphs(text)} - {""}
