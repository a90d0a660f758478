"""``take``: a quiz in the terminal, for a supervision session without a browser.

Writes the same answer JSON the browser's "Download my answers" button does
(``schemas/answers.schema.json``), so ``grade`` marks both alike.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..course.course import ContentTranslations
from ..course.drawing import draw, option_order
from .answers import ANSWERS_FORMAT, ANSWERS_FORMAT_VERSION
from .messages import Translator

if TYPE_CHECKING:
    from ..course.model import Question, Quiz

TAKE_PAGE = "rightway-quiz take"

Ask = Callable[[str], str | None]
Say = Callable[[str], None]


def new_seed() -> int:
    """A fresh attempt's seed (32 bits, as the browser's)."""
    return secrets.randbits(32)


class Stopped(Exception):
    """The learner stopped (typed q, or the input ended) before the last question."""


def _numbers(text: str, count: int) -> list[int] | None:
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not parts or not all(part.isdigit() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(not 1 <= n <= count for n in numbers) or len(set(numbers)) != len(numbers):
        return None
    return numbers


def _read(ask: Ask, prompt: str) -> str:
    answer = ask(prompt)
    if answer is None or answer.strip().lower() in {"q", "quit", "gadael"}:
        raise Stopped
    return answer


def _choose(
    ask: Ask, say: Say, prompt: str, count: int, _: Translator, *, several: bool
) -> list[int]:
    while True:
        numbers = _numbers(_read(ask, prompt), count)
        if numbers is not None and (several or len(numbers) == 1):
            return numbers
        if several:
            say(
                _("Type one or more numbers from 1 to {count}, separated by commas.").format(
                    count=count
                )
            )
        else:
            say(_("Type one number from 1 to {count}.").format(count=count))


def ask_question(
    question: Question,
    number: int,
    total: int,
    texts: ContentTranslations,
    ask: Ask,
    say: Say,
    _: Translator,
    *,
    seed: int = 0,
) -> dict[str, Any]:
    """Show one question (options in the attempt's order), read the answer, and return
    its entry for ``answers``."""
    say("")
    say(_("Question {number} of {total}").format(number=number, total=total))
    for paragraph in texts.paragraphs(question.scenario or ""):
        say(paragraph)
    say(texts.text(question.stem))
    options = [question.options[position] for position in option_order(question, seed)]
    if question.type == "matching":
        for index, option in enumerate(options, 1):
            say(f"  {index}) {texts.text(option.text)}")
        matches: dict[str, str] = {}
        for item in question.items:
            prompt = _("Match “{item}” (1-{count}): ").format(
                item=texts.text(item.text), count=len(options)
            )
            [choice] = _choose(ask, say, prompt, len(options), _, several=False)
            matches[item.id] = options[choice - 1].id
        return {"question_id": question.id, "matches": matches}
    for index, option in enumerate(options, 1):
        say(f"  {index}) {texts.text(option.text)}")
    several = question.type == "multiple"
    prompt = (
        _("Your answers (numbers, separated by commas): ")
        if several
        else _("Your answer (a number): ")
    )
    if several:
        say(_("Choose all that apply."))
    chosen = _choose(ask, say, prompt, len(options), _, several=several)
    return {"question_id": question.id, "options": sorted(options[n - 1].id for n in chosen)}


def take_quiz(
    quiz: Quiz,
    texts: ContentTranslations,
    ask: Ask,
    say: Say,
    _: Translator,
    *,
    learner: str | None = None,
    now: datetime | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    """Ask the attempt's questions in turn; return the answer document (raise
    :class:`Stopped` if stopped).

    As in the browser, an attempt has a seed: a banked quiz draws its questions from
    it (every objective covered) and options are shuffled unless ``shuffle: false``.
    ``answers`` lists exactly the questions drawn, which is how ``grade`` knows what
    the attempt asked.
    """
    seed = new_seed() if seed is None else seed
    questions = draw(quiz, seed)
    say(texts.text(quiz.title))
    say(_("Type q to stop without saving."))
    answers = [
        ask_question(question, index, len(questions), texts, ask, say, _, seed=seed)
        for index, question in enumerate(questions, 1)
    ]
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    document: dict[str, Any] = {
        "format": ANSWERS_FORMAT,
        "format_version": ANSWERS_FORMAT_VERSION,
        "quiz_id": quiz.id,
        "quiz_version": quiz.version,
        "language": texts.language,
        "page": TAKE_PAGE,
        "submitted_at": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "answers": answers,
    }
    if learner:
        document["learner"] = learner
    return document
