"""A scored quiz's question bank, moved out of the page into a script loaded on the way to it.

A module page holds a quiz's whole bank (an attempt draws from it in the browser, offline
too): every question, every option and every option's feedback, up to 66 KB of a page's
HTML. A learner needs none of it until they reach the quiz, at the end of a module that
takes half an hour to read. So the page keeps the quiz's form, title, buttons and result
area, and the questions are written, as HTML in a string, to ``_static/rightway-bank-<quiz
id>.js``, one per language build; ``rightway-quiz.js`` loads that script when the quiz
comes within a screen or two of the learner, when a link or a bookmark leads into the quiz,
or when the LMS has saved answers to restore. It is a plain ``<script>``, so it loads from
``file://`` and inside SCORM packages, which carry everything under ``_static/``.

The file's name carries a hash of its content (``data-bank``) as the page's other assets
carry ``?v=``, so a browser never pairs a page with an older bank. Unscored checks stay in
the page: each is one question, read where it stands.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

from sphinx.util.docutils import SphinxTranslator

from .built_files import write_if_changed
from .i18n import _

BANK_FOLDER = "_static"
START_ATTRIBUTE = "rightway_bank_start"


def bank_file_name(quiz_id: str) -> str:
    return f"rightway-bank-{quiz_id}.js"


def mark_bank_start(translator: SphinxTranslator) -> None:
    """Note where the quiz's first question begins in the page body (once per quiz)."""
    if getattr(translator, START_ATTRIBUTE, None) is None:
        setattr(translator, START_ATTRIBUTE, len(translator.body))  # type: ignore[attr-defined]


def move_bank_out(translator: SphinxTranslator, quiz_id: str) -> None:
    """Take the quiz's questions out of the body, write them to the bank script and leave
    in their place the holder the runtime fills in."""
    body: list[str] = translator.body  # type: ignore[attr-defined]
    start = getattr(translator, START_ATTRIBUTE, None)
    setattr(translator, START_ATTRIBUTE, None)
    if start is None:
        return
    questions = "".join(body[start:])
    del body[start:]
    # ASCII-only JSON: the script reads the same whatever charset a server or LMS claims.
    script = f"RightwayQuiz.bank({json.dumps(quiz_id)}, {json.dumps(questions)});\n".encode("ascii")
    version = hashlib.sha256(script).hexdigest()[:10]
    write_if_changed(
        Path(translator.builder.outdir) / BANK_FOLDER / bank_file_name(quiz_id), script
    )
    body.append(holder_html(version))


def holder_html(version: str) -> str:
    needs_script = str(_("This quiz needs JavaScript to show its questions and mark your answers."))
    not_loaded = str(
        _("The questions load when you reach the quiz on screen: scroll to it before printing.")
    )
    return (
        f'<div class="rightway-quiz-bank" data-bank="{escape(version)}">'
        f'<p class="rightway-quiz-bank-print">{escape(not_loaded)}</p>'
        f"<noscript><p>{escape(needs_script)}</p></noscript></div>"
    )
