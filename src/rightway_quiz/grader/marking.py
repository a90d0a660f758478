"""Marking one response against a quiz's answer key.

A :class:`QuizKey` is a quiz prepared for marking (each question's position,
bit and right response); :func:`check_response` checks a response's ids and
marks it into an :class:`Outcome`; :func:`parse_text_response` reads the text a
CSV cell holds. Anything not markable raises :class:`Rejected` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..course.facts import CourseFacts, QuestionFacts, QuizFacts
from .messages import _

if TYPE_CHECKING:
    from ..course.model import Quiz

Response = list[str] | dict[str, str]

_OPTION_SPLIT = re.compile(r"[;,|\s]+")
_PAIR_SPLIT = re.compile(r"[;,|]+")
_PAIR = re.compile(r"^\s*([^=:\s]+)\s*[=:]\s*([^=:\s]+)\s*$")
#: Other ways of writing a true/false answer: Excel's TRUE/FALSE (any case) and Welsh.
TRUE_FALSE_ALIASES = {"gwir": "true", "gau": "false", "cywir": "true", "anghywir": "false"}


class Rejected(Exception):
    """Why an answer is not graded: ``message`` (translated) with ``values`` from the input."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.reason = message.format(**values) if values else message
        self.private_reason = message.format(**dict.fromkeys(values, "…")) if values else message


class QuizKey:
    """A quiz prepared for marking: each question's position and bit, the whole-quiz mask.

    Made from the quiz's :class:`QuizFacts`; :attr:`quiz`, the checked quiz with its
    texts, is loaded only when something asks for it (a report, feedback).
    """

    __slots__ = (
        "answer_keys",
        "asked_per_attempt",
        "course",
        "draw",
        "facts",
        "full_mask",
        "id",
        "items",
        "options",
        "positions",
        "principle",
        "question_count",
        "questions",
        "version",
    )

    def __init__(self, quiz: QuizFacts, course: CourseFacts) -> None:
        self.facts = quiz
        self.course = course
        self.id = quiz.id
        self.questions = quiz.questions
        # Worked out once: each question's ids and right response.
        self.version = quiz.version
        self.principle = quiz.principle
        self.positions = {question.id: index for index, question in enumerate(quiz.questions)}
        self.full_mask = (1 << len(quiz.questions)) - 1
        self.question_count = len(quiz.questions)
        self.draw = quiz.draw
        self.asked_per_attempt = quiz.asked_per_attempt
        # Ids are matched whatever their case ("B" is option "b"), through these maps.
        self.options = [_folded(question.option_ids) for question in quiz.questions]
        for question, options in zip(quiz.questions, self.options, strict=True):
            if question.type == "true_false":
                options.update(
                    {alias: options[value] for alias, value in TRUE_FALSE_ALIASES.items()}
                )
        self.items = [
            _folded(item for item, _option in question.items) for question in quiz.questions
        ]
        self.answer_keys = [question.correct_response() for question in quiz.questions]

    @property
    def quiz(self) -> Quiz:
        """The checked quiz, with its title, stems and feedback (the course loads on first use)."""
        return self.course.course.quizzes[self.id]

    def check_version(self, version: str) -> None:
        """Raise :class:`Rejected` if ``version`` is given and is not this quiz's version."""
        if version and version != self.version:
            raise Rejected(
                _("answered against quiz version {old}; {quiz!r} is now version {new}: not marked")
                .replace("{quiz!r}", repr(self.id))
                .replace("{new}", self.version),
                old=version[:40],
            )


def _folded(ids: Iterable[str]) -> dict[str, str]:
    return {identifier.casefold(): identifier for identifier in ids}


def _known_option(options: dict[str, str], option: str, question: QuestionFacts) -> str:
    """The option id ``option`` means, in any case; raise ``Rejected`` if none."""
    known = options.get(option.casefold())
    if known is None:
        raise Rejected(
            _("{option!r} is not an option of question {question!r}").replace(
                "{question!r}", repr(question.id)
            ),
            option=option[:80],
        )
    return known


class Outcome:
    """One learner response to one question, marked. Shared by every row with the same response."""

    __slots__ = ("answered", "bit", "correct", "position", "question", "response")

    def __init__(
        self,
        question: QuestionFacts,
        position: int,
        response: Response,
        right: Response | None = None,
    ) -> None:
        self.question = question
        self.position = position
        self.bit = 1 << position
        self.response = response
        self.answered = bool(response)
        self.correct = response == (question.correct_response() if right is None else right)

    def wrong_choices(self) -> list[str]:
        """What was chosen and is wrong: option ids, or ``item→option`` for matching."""
        if isinstance(self.response, dict):
            key = self.question.correct_response()
            assert isinstance(key, dict)
            return [
                f"{item}→{option}"
                for item, option in self.response.items()
                if key.get(item) != option
            ]
        return [option for option in self.response if option not in self.question.answer]


def check_response(key: QuizKey, position: int, response: Response) -> Outcome:
    """Check a response's ids against the question at ``position`` and mark it."""
    question = key.questions[position]
    if question.type == "matching":
        return _check_matches(key, position, response)
    if not isinstance(response, list):
        raise Rejected(
            _("question {question!r} takes option ids, not item=option pairs").format(
                question=question.id
            )
        )
    options = key.options[position]
    response = [_known_option(options, option, question) for option in response]
    if len(set(response)) != len(response):
        raise Rejected(
            _("an option is given twice for question {question!r}").format(question=question.id)
        )
    if question.type != "multiple" and len(response) > 1:
        raise Rejected(
            _("question {question!r} takes one option; the answer gives {count}").format(
                question=question.id, count=len(response)
            )
        )
    return Outcome(question, position, sorted(response), key.answer_keys[position])


def _check_matches(key: QuizKey, position: int, response: Response) -> Outcome:
    """Check a matching question's item=option pairs and mark them."""
    question = key.questions[position]
    if not isinstance(response, dict):
        raise Rejected(
            _("question {question!r} is a matching question: give item=option pairs").format(
                question=question.id
            )
        )
    matched: dict[str, str] = {}
    for item, option in response.items():
        known_item = key.items[position].get(item.casefold())
        if known_item is None:
            raise Rejected(
                _("{item!r} is not an item of question {question!r}").replace(
                    "{question!r}", repr(question.id)
                ),
                item=item[:80],
            )
        matched[known_item] = _known_option(key.options[position], option, question)
    return Outcome(question, position, matched, key.answer_keys[position])


def parse_text_response(question: QuestionFacts, raw: str) -> Response:
    """The response a CSV cell's text means: option ids, or item=option pairs for matching."""
    if question.type != "matching":
        return [token for token in _OPTION_SPLIT.split(raw) if token]
    response: dict[str, str] = {}
    for part in filter(str.strip, _PAIR_SPLIT.split(raw)):
        pair = _PAIR.match(part)
        if pair is None:
            raise Rejected(
                _(
                    "{text!r} is not an item=option pair (question {question!r} is a matching question)"
                ).replace("{question!r}", repr(question.id)),
                text=part.strip()[:40],
            )
        item, option = pair.groups()
        if item.casefold() in (known.casefold() for known in response):
            raise Rejected(_("item {item!r} is matched twice"), item=item[:80])
        response[item] = option
    return response


class CourseKeys:
    """Every quiz of a course prepared for marking, and which quiz each question is in."""

    def __init__(self, course: CourseFacts) -> None:
        self.keys = {quiz_id: QuizKey(quiz, course) for quiz_id, quiz in course.quizzes.items()}
        self._question_quiz = {
            q.id: quiz.id for quiz in course.quizzes.values() for q in quiz.questions
        }

    def quiz_key(self, quiz_id: str) -> QuizKey:
        """The marking key of a quiz; raise ``Rejected`` for an unknown id."""
        key = self.keys.get(quiz_id)
        if key is None:
            raise Rejected(_("unknown quiz id {quiz!r}"), quiz=quiz_id[:80])
        return key

    def locate(self, key: QuizKey, question_id: str) -> tuple[QuestionFacts, int]:
        """The question ``question_id`` of ``key``'s quiz and its position; else ``Rejected``."""
        position = key.positions.get(question_id)
        if position is None:
            owner = self._question_quiz.get(question_id)
            if owner is None:
                raise Rejected(_("unknown question id {question!r}"), question=question_id[:80])
            raise Rejected(
                _("question {question!r} belongs to quiz {owner!r}, not {quiz!r}").format(
                    question=question_id, owner=owner, quiz=key.id
                )
            )
        return key.questions[position], position

    def outcome_from_text(self, quiz_id: str, question_id: str, raw: str, version: str) -> Outcome:
        """Mark a CSV row's answer text (``version`` empty: not given)."""
        key = self.quiz_key(quiz_id)
        key.check_version(version)
        question, position = self.locate(key, question_id)
        return check_response(key, position, parse_text_response(question, raw))

    def outcome_from_entry(self, key: QuizKey, entry: Any) -> Outcome:
        """Mark one entry of a browser answer file's ``answers``."""
        if not isinstance(entry, dict) or not isinstance(entry.get("question_id"), str):
            raise Rejected(_("each answer needs a question_id"))
        _question, position = self.locate(key, entry["question_id"])
        has_options, has_matches = "options" in entry, "matches" in entry
        if has_options == has_matches:
            raise Rejected(_("each answer needs either options or matches"))
        if has_options:
            options = entry["options"]
            if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
                raise Rejected(_("options must be a list of option ids"))
            return check_response(key, position, options)
        matches = entry["matches"]
        if not isinstance(matches, dict) or not all(isinstance(v, str) for v in matches.values()):
            raise Rejected(_("matches must map item ids to option ids"))
        return check_response(key, position, dict(matches))
