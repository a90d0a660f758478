"""File names for what learners download, in the page's language.

A Welsh learner saving their answers gets ``atebion-cyfranogiad.json``, not
``answers-participation.json``. Names are ASCII so that every LMS, email
filter and file system keeps them intact.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes

from .i18n import _


def file_slug(text: str) -> str:
    """``"Cydraddoldeb a Dim Gwahaniaethu"`` → ``"cydraddoldeb-a-dim-gwahaniaethu"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


def answers_file_name(quiz_title: str, quiz_id: str) -> str:
    """The answers file for a quiz, named after its (translated) principle.

    The title reads "Participation: check your understanding"; the part before
    the colon names the principle.
    """
    principle = file_slug(quiz_title.split(":", 1)[0]) or quiz_id
    return str(_("answers-{quiz}.json")).format(quiz=principle)


def self_assessment_file_name() -> str:
    """The self-assessment spreadsheet's file name."""
    return str(_("rights-self-assessment.csv"))


def quiz_title(quiz: nodes.Element) -> str:
    """The text of a quiz node's title part (translated by the time it is written)."""
    for child in quiz.findall(nodes.Element):
        if child is not quiz and child.get("part") == "title":
            return child.astext()
    return ""
