"""The record of learning: the quiz's name field, its "record" button and the record's words.

After a pass the learner can open a printable record of learning
(``static/rightway-record.js``); the same script names the answers file after the
learner and the module and adds the learner's name, a random attempt id and the
record's verification code to it, which ``rightway-quiz verify`` checks.
The name is typed by the learner and never leaves the browser. The script is not on
any page's first load: ``rightway-quiz.js`` loads it when it is first needed.
"""

from __future__ import annotations

import json
from html import escape

from .i18n import _


def record_strings() -> dict[str, str]:
    """The record's words in the build language, handed to the script as JSON."""
    return {
        "title": str(_("Record of learning")),
        "name": str(_("Name")),
        "module": str(_("Module")),
        "date": str(_("Date")),
        "score": str(_("Score")),
        "scoreValue": str(_("{score} out of {max} ({percent}%)")),
        "quizVersion": str(_("Quiz version")),
        "articles": str(_("UNCRC articles covered")),
        "article": str(_("Article {number}")),
        "reflection": str(_("Reflection")),
        "reflectionPrompt": str(
            _("What have you learned, and what will you do differently in your work with children?")
        ),
        "signOff": str(_("Supervisor's sign-off")),
        "signOffText": str(_("I have discussed this learning with the learner.")),
        "supervisor": str(_("Supervisor's name")),
        "signature": str(_("Signature")),
        "code": str(_("Verification code")),
        "codeHelp": str(
            _(
                "A supervisor can check this record with the learner's answers file ({file}): "
                "rightway-quiz verify {file} --code {code}"
            )
        ),
        "print": str(_("Print")),
        "fileStem": str(_("answers")),
    }


def record_fields_html(quiz_id: str) -> str:
    """The optional name field, above the quiz's buttons."""
    field_id = f"quiz-{escape(quiz_id)}-learner"
    return (
        '<p class="rightway-learner">'
        f'<label for="{field_id}">{escape(str(_("Your name (optional)")))}</label> '
        f'<input type="text" id="{field_id}" class="rightway-learner-name" maxlength="200"'
        f' autocomplete="name" aria-describedby="{field_id}-note">'
        f'<span class="rightway-hint" id="{field_id}-note">'
        + escape(
            str(
                _(
                    "For your answers file and your record of learning. "
                    "It stays on this device and is never sent anywhere."
                )
            )
        )
        + "</span></p>"
    )


def record_button_html() -> str:
    """The button that opens the record, shown after a pass."""
    return (
        '<button type="button" class="rightway-button" data-action="record" hidden>'
        f"{escape(str(_('Open my record of learning')))}</button>"
    )


def record_strings_attribute() -> str:
    """``data-record-strings`` for the quiz's form."""
    return f" data-record-strings='{escape(json.dumps(record_strings(), ensure_ascii=False))}'"
