"""The PDFs' own words, through the ``rightway`` catalog like the extension's and the CLI's.

Most headings in the pack come from the translated pages themselves; these are
the few the pages do not have. ``make update-po`` extracts them with the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from rightway_quiz.i18n import translator


def _(message: str) -> str:
    """Mark a message for extraction; ``Strings`` translates it."""
    return message


CARDS_TITLE = _("Scenario cards: {module}")
CARDS_HOW_TO = _(
    "Print on both sides of the paper, flipping on the long edge, then cut along the dashed lines. Each card has its model answer on the back."
)
MODEL_ANSWER = _("Model answer:")
ARTICLES = _("Articles")
ARTICLE = _("Article {number}")
HANDOUT_TITLE = _("Handout: {module}")
POCKET_GUIDE_TITLE = _("Supervisor's pocket guide")
POCKET_GUIDE_INTRO = _(
    "Questions to put to a practitioner in supervision, one principle at a time, with follow-up questions and the articles they engage."
)
WORKSHOP_PACK_TITLE = _("Workshop pack: {workshop}")
TEAM = _("Team")
DATE = _("Date")
COMPLETED_BY = _("Completed by")


class Strings:
    """The pack's words in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._gettext: Callable[[str], str] = translator(language)

    def __call__(self, message: str, **values: object) -> str:
        text = self._gettext(message)
        return text.format(**values) if values else text
